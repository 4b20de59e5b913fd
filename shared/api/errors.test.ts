import { describe, expect, it } from 'vitest';
import { CurationError, formatError, toErrorData } from './errors.js';

describe('errors as values', () => {
  it('keep file, line and field across JSON', () => {
    const e = new CurationError({ code: 'invalid-input', message: 'wrong number of fields', file: 'a.csv', line: 12, field: 'FWS Total' });
    const data = JSON.parse(JSON.stringify(e.toJSON()));
    expect(data).toEqual({ code: 'invalid-input', message: 'wrong number of fields', file: 'a.csv', line: 12, field: 'FWS Total' });
    expect(formatError(data)).toBe('a.csv:12: FWS Total: wrong number of fields');
  });

  it('turn anything thrown into error data without internals', () => {
    expect(toErrorData(new TypeError('x is undefined'))).toEqual({ code: 'internal', message: 'x is undefined' });
    expect(toErrorData('plain')).toEqual({ code: 'internal', message: 'plain' });
    expect(formatError({ code: 'not-found', message: 'gone' })).toBe('gone');
  });
});
