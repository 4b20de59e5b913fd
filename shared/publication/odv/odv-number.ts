/**
 * Numbers in ODV cells.
 *
 * Writing: the shortest decimal that reads back as the same double (ECMAScript Number-to-String, identical in
 * every engine), but always in plain positional notation — JavaScript switches to exponent form below 1e-6 and
 * from 1e21, which ODV and spreadsheet users do not expect, so those are expanded digit for digit. `.` as the
 * decimal separator, no `+` sign, no padding, no trailing zeros, `-0` written as `0`. Non-finite numbers have no
 * ODV form: callers write them as missing.
 *
 * Reading: trimmed; a leading `+`, leading/trailing spaces and a decimal comma (legacy files such as
 * octopus/odv/timeseries/julianDate.txt) are accepted; exponent form is accepted.
 */

export function formatOdvNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`no ODV form for ${value}`);
  if (value === 0) return '0';
  const text = String(value);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const negative = text.startsWith('-');
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const digits = mantissa.replace('.', '');
  // Position of the decimal point relative to the start of `digits` (mantissa has one digit before the point).
  const point = 1 + exponent;
  let plain: string;
  if (point <= 0) plain = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) plain = digits + '0'.repeat(point - digits.length);
  else plain = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${plain}` : plain;
}

const numberShape = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number in an ODV cell, null when the cell is empty or not a number. */
export function parseOdvNumber(text: string): number | null {
  let t = text.trim();
  if (t === '') return null;
  // A decimal comma only when there is no point and exactly one comma (never a thousands separator).
  if (!t.includes('.') && t.indexOf(',') >= 0 && t.indexOf(',') === t.lastIndexOf(',')) t = t.replace(',', '.');
  if (!numberShape.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}
