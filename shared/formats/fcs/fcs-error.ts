import { CurationError } from '../../api/errors.js';

export { CurationError };

/** "This is not a readable FCS file / data set": the reason names the byte, segment or keyword at fault. */
export function fcsError(message: string): CurationError {
  return new CurationError({ code: 'invalid-input', message });
}
