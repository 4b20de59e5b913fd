/**
 * SOMLIT quality codes (somlit.fr; formats-seadatanet.md §9.4). Codes 1, 5 and 9 go with no value; code 0 marks a
 * value below the detection limit (the value stored is the limit); a value outside its plausible range is kept
 * only as questionable (3) or bad (4), with a comment.
 */
import { somlitFlags } from '../model/flag-schemes.js';

export const somlitCodes = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
export type SomlitCode = (typeof somlitCodes)[number];

/** Sample lost (1), value not yet reported (5), no sample (9): the file says 999999. */
export const noValueCodes: readonly SomlitCode[] = ['1', '5', '9'];
/** What an out-of-range value may be kept as. */
export const outOfRangeCodes: readonly SomlitCode[] = ['3', '4'];
export const belowDetectionCode: SomlitCode = '0';

export function isSomlitCode(code: unknown): code is SomlitCode {
  return typeof code === 'string' && (somlitCodes as readonly string[]).includes(code);
}

export function isNoValueCode(code: string): boolean {
  return (noValueCodes as readonly string[]).includes(code);
}

/** The code's meaning in English (the UI has its own translations). */
export function somlitCodeMeaning(code: string): string {
  return somlitFlags.find((f) => f.code === code)?.label ?? `unknown code ${code}`;
}
