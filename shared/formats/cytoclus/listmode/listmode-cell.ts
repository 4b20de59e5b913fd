/**
 * The slow, string-based reading of one listmode line: quoted fields and cell values. The streaming parser
 * only comes here for lines its byte-level fast path does not handle (quotes, spaces, odd numbers, errors),
 * so both paths must accept exactly the same numbers and produce exactly the same values.
 */

export type ListmodeDelimiter = ',' | ';' | '\t';
export type DecimalSeparator = '.' | ',';

export interface SplitLine {
  fields: string[];
  /** A quote opened and never closed on this line (quoted fields cannot span lines in a listmode). */
  unclosedQuote: boolean;
}

/** Splits one line (no line break) into fields; `"…"` may hold the delimiter, `""` is a literal quote. */
export function splitDelimitedLine(line: string, delimiter: ListmodeDelimiter): SplitLine {
  const fields: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    // Spaces before an opening quote are tolerated (hand-edited files).
    let open = i;
    while (line.charCodeAt(open) === 32) open++;
    if (line.charCodeAt(open) === 34 /* " */) {
      let value = '';
      let j = open + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) {
          fields.push(value + line.slice(j));
          return { fields, unclosedQuote: true };
        }
        value += line.slice(j, q);
        if (line.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      // Text between the closing quote and the next delimiter is kept (lenient, like spreadsheet programs).
      const d = line.indexOf(delimiter, j);
      fields.push(value + line.slice(j, d < 0 ? n : d));
      if (d < 0) return { fields, unclosedQuote: false };
      i = d + 1;
    } else {
      const d = line.indexOf(delimiter, i);
      fields.push(line.slice(i, d < 0 ? n : d));
      if (d < 0) return { fields, unclosedQuote: false };
      i = d + 1;
    }
  }
}

// Sign, digits with an optional decimal point, optional exponent: what CytoClus writes (§3.2). Deliberately
// narrower than Number(): no hex, no `Infinity`, no empty string (Number('') is 0).
const DECIMAL_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads a number (`6,421E+06` with a decimal comma); undefined if the text is not a number. Surrounding spaces
 * are allowed. `.` is read in either locale — CytoClus writes no thousands separators, so it cannot mean
 * anything else — and `,` where the decimal separator is `,` (like the pulses parser, so both agree).
 */
export function parseNumberText(text: string, decimal: DecimalSeparator): number | undefined {
  let t = text.trim();
  if (decimal === ',') t = t.replace(',', '.');
  return DECIMAL_NUMBER.test(t) ? Number(t) : undefined;
}

const TIME_OF_DAY = /^(\d{1,2}):([0-5]\d):([0-5]\d(?:[.,]\d+)?)$/;

/**
 * `HH:mm:ss.fff` → seconds since 00:00:00. Arrival times are written this way by the `TimeOfDay` arrival-time
 * mode and by R re-writes (`ArrivalTime` = `00:00:00.010`, §6.1).
 */
export function parseTimeOfDay(text: string): number | undefined {
  const m = TIME_OF_DAY.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number((m[3] ?? '').replace(',', '.'));
}

/** A non-negative integer that fits a Uint32 (Particle IDs are sparse and 0 is valid, §6.1). */
export function parseParticleIdText(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d{1,10}$/.test(t)) return undefined;
  const id = Number(t);
  return id <= 0xffffffff ? id : undefined;
}
