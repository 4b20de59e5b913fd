/**
 * ISO 8601 date-times as SeaDataNet ODV writes them: UT, no zone suffix, the precision stated by the column label
 * (`yyyy-mm-ddThh:mm:ss.sss` …). OCTOPUS checks that values match the label's precision.
 */

/** Precision forms a label may state: a prefix of `yyyy-mm-ddThh:mm:ss`, optionally with fractional seconds. */
const patternShape = /^yyyy(?:-mm(?:-dd(?:Thh(?::mm(?::ss(?:\.s+)?)?)?)?)?)?$/;

/** True when `pattern` is an ISO 8601 precision form such as `yyyy-mm-ddThh:mm:ss`. */
export function isIsoPattern(pattern: string): boolean {
  return patternShape.test(pattern);
}

const regexCache = new Map<string, RegExp>();

function patternRegex(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (re === undefined) {
    re = new RegExp(`^${pattern.replace(/[ymdhs]/g, '\\d').replace(/\./g, '\\.')}$`);
    regexCache.set(pattern, re);
  }
  return re;
}

/**
 * True when `value` is written exactly in the precision form `pattern` and names a real calendar instant
 * (month 1–12, day within the month, hour ≤ 23, minute and second ≤ 59).
 */
export function matchesIsoPattern(value: string, pattern: string): boolean {
  if (!isIsoPattern(pattern) || !patternRegex(pattern).test(value)) return false;
  return isRealInstant(value);
}

/** True when `value` is an ISO date-time in any of the precision forms (used when a label states none). */
export function isIsoDateTime(value: string): boolean {
  return /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}(?::\d{2}(?::\d{2}(?:\.\d+)?)?)?)?)?)?$/.test(value) && isRealInstant(value);
}

function isRealInstant(value: string): boolean {
  const n = (from: number, to: number, fallback: number): number => (value.length >= to ? Number(value.slice(from, to)) : fallback);
  const year = n(0, 4, 0);
  const month = n(5, 7, 1);
  const day = n(8, 10, 1);
  const hour = n(11, 13, 0);
  const minute = n(14, 16, 0);
  const second = n(17, 19, 0);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= daysInMonth;
}

const isoInput = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Milliseconds since the epoch of an ISO 8601 date-time from the library (`2024-05-02T10:30:00.000Z`); a value
 * without a zone is taken as UTC (never as local time, which would make output depend on the machine).
 * Null when it is not such a date-time.
 */
export function parseIsoUtc(text: string): number | null {
  const m = isoInput.exec(text.trim());
  if (m === null) return null;
  const zone = m[8] ?? 'Z';
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}${zone}`);
  if (Number.isNaN(ms) || !isRealInstant(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}`)) return null;
  return ms;
}

/** `yyyy-mm-ddThh:mm:ss.sss` in UT (the writer's precision for both the station date and `time_ISO8601`). */
export function formatOdvDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23);
}
