/**
 * Delimiter and decimal separator, sniffed from the header and the first data lines (formats-cytosense.md
 * §3.1): CytoClus writes `,` + `.` (UK/US locale) or `;` + `,` (French locale), as an export setting the
 * listmode file itself does not record.
 */
import type { DecimalSeparator, ListmodeDelimiter } from './listmode-cell.js';
import { splitDelimitedLine } from './listmode-cell.js';

export interface ListmodeDialect {
  delimiter: ListmodeDelimiter;
  decimalSeparator: DecimalSeparator;
}

const CANDIDATES: readonly ListmodeDelimiter[] = [';', ',', '\t'];

function fieldCount(line: string, delimiter: ListmodeDelimiter): number {
  return splitDelimitedLine(line, delimiter).fields.length;
}

/**
 * Picks the first candidate (`;`, then `,`, then tab — never `,` when the header has `;`) that splits the
 * header into at least two fields and every sampled data line into as many; failing that, the first one that
 * splits the header. A header with a single column gives `,`.
 */
export function detectDelimiter(header: string, sampleLines: readonly string[]): ListmodeDelimiter {
  const splitting = CANDIDATES.filter((d) => fieldCount(header, d) >= 2);
  const consistent = splitting.find((d) => {
    const n = fieldCount(header, d);
    return sampleLines.every((line) => fieldCount(line, d) === n);
  });
  return consistent ?? splitting[0] ?? ',';
}

const COMMA_DECIMAL = /^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$/;
const POINT_DECIMAL = /^[+-]?\d*\.\d+(?:[eE][+-]?\d+)?$/;

/**
 * With `,` as delimiter the decimal can only be `.`. Otherwise count the cells of the sampled lines that read
 * as `1,5` against those that read as `1.5`; with no evidence (all integers), `;` implies the French `,`.
 */
export function detectDecimalSeparator(delimiter: ListmodeDelimiter, sampleLines: readonly string[]): DecimalSeparator {
  if (delimiter === ',') return '.';
  let comma = 0;
  let point = 0;
  for (const line of sampleLines) {
    for (const cell of splitDelimitedLine(line, delimiter).fields) {
      const t = cell.trim();
      if (COMMA_DECIMAL.test(t)) comma++;
      else if (POINT_DECIMAL.test(t)) point++;
    }
  }
  if (comma !== point) return comma > point ? ',' : '.';
  return delimiter === ';' ? ',' : '.';
}
