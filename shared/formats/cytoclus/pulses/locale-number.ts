/**
 * Numbers as CytoClus writes them (§3.2): optional sign, digits, optional decimal part, optional exponent, with the
 * export's decimal separator — also inside E-notation (`1,695E+05`). `.` is accepted in either locale (no
 * thousands separators exist to confuse it with). Anything else is NaN, including the empty string (which
 * Number() would read as 0), hex, `Infinity`, `NaN`/`NA` and spaces.
 *
 * Pulse files have millions of cells, so the common case is parsed from char codes without allocating: an
 * integer mantissa of at most 15 digits scaled by an exact power of ten is one correctly rounded operation,
 * i.e. the same double Number() gives. Longer mantissas or exponents fall back to Number().
 */
const pow10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const pointNumber = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseLocaleNumber(text: string, decimalSeparator: '.' | ','): number {
  return parseNumberRange(text, 0, text.length, decimalSeparator === ',' ? 44 : 46);
}

/** Parses `s.slice(start, end)`; `decimalCode` is the char code of the decimal separator (44 `,` or 46 `.`). */
export function parseNumberRange(s: string, start: number, end: number, decimalCode: number): number {
  let i = start;
  let negative = false;
  let c = i < end ? s.charCodeAt(i) : -1;
  if (c === 45 || c === 43) {
    negative = c === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let point = false;
  for (; i < end; i++) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (point) scale++;
    } else if ((c === decimalCode || c === 46) && !point) point = true;
    else break;
  }
  if (digits === 0) return Number.NaN;
  let exponent = 0;
  if (i < end) {
    if (c !== 101 && c !== 69) return Number.NaN; // e / E
    i++;
    let expNegative = false;
    c = i < end ? s.charCodeAt(i) : -1;
    if (c === 45 || c === 43) {
      expNegative = c === 45;
      i++;
    }
    let expDigits = 0;
    for (; i < end; i++) {
      c = s.charCodeAt(i);
      if (c < 48 || c > 57) return Number.NaN;
      exponent = exponent * 10 + (c - 48);
      expDigits++;
    }
    if (expDigits === 0) return Number.NaN;
    if (expNegative) exponent = -exponent;
  }
  const net = exponent - scale;
  if (digits <= 15 && net >= -22 && net <= 22) {
    const v = net >= 0 ? mantissa * (pow10[net] as number) : mantissa / (pow10[-net] as number);
    return negative ? -v : v;
  }
  const t = decimalCode === 44 ? s.slice(start, end).replace(',', '.') : s.slice(start, end);
  return pointNumber.test(t) ? Number(t) : Number.NaN;
}
