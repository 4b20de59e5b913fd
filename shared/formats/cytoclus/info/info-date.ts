/**
 * `Measurement date` of an Info export: the exporting PC's Windows short date + time, no time zone
 * (formats-cytosense.md §4.4). Seen: `dd/MM/yyyy HH:mm:ss`, `yyyy-MM-dd HH:mm:ss`; `MM/dd/yyyy` is possible.
 *
 * Decided here (the doc leaves it open):
 * - Year first → year-month-day. Otherwise the first two numbers are day and month in some order: a number > 12
 *   settles it; if both are ≤ 12 and differ, the reading within one day of the sample file-name date wins (the
 *   file name is written a few minutes before the start). Without a usable file-name date `/` dates are read
 *   day-first (the only order seen) unless the time has AM/PM (a US clock → month-first); either way an issue
 *   says it was assumed. `.` and `-` separated dates (German, Dutch short dates) are always day-first.
 * - Seconds may be missing (→ :00); fractions of a second are dropped; 2-digit years are 20yy. A date without
 *   a time of day is not used (a made-up midnight would look like a real start time).
 */
export type InfoDateOrder = 'day-month-year' | 'month-day-year' | 'year-month-day';

export interface InfoDate {
  /** ISO local date-time `YYYY-MM-DDTHH:mm:ss` (no offset: the file has none), or null when unreadable. */
  value: string | null;
  order: InfoDateOrder | null;
  /** Reasons to show the user (ambiguity resolved by assumption, unreadable, far from the file-name date). */
  problems: string[];
}

const time = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:\s*([AaPp])\.?\s?[Mm]\.?)?`;
const yearFirst = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+${time})?$`);
const yearLast = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})[-/.](\d{4}|\d{2})(?:\s+${time})?$`);

interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function parseInfoDate(raw: string, fileNameDate?: string): InfoDate {
  const text = raw.trim();
  const problems: string[] = [];
  const fileDate = fileNameDate === undefined ? null : parseIsoDate(fileNameDate);

  let order: InfoDateOrder;
  let ymd: Ymd;
  let clock: (string | undefined)[];
  const yf = yearFirst.exec(text);
  const yl = yf ? null : yearLast.exec(text);
  if (yf) {
    order = 'year-month-day';
    ymd = { y: Number(yf[1]), m: Number(yf[2]), d: Number(yf[3]) };
    clock = yf.slice(4);
  } else if (yl) {
    const a = Number(yl[1]);
    const b = Number(yl[3]);
    const yearText = yl[4] as string;
    const y = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
    clock = yl.slice(5);
    const dayFirst: Ymd = { y, m: b, d: a };
    const monthFirst: Ymd = { y, m: a, d: b };
    if (a > 12 || a === b || (b <= 12 && yl[2] !== '/')) {
      order = 'day-month-year';
    } else if (b > 12) {
      order = 'month-day-year';
    } else if (fileDate) {
      const dayFirstFits = daysBetween(dayFirst, fileDate) <= 1;
      const monthFirstFits = daysBetween(monthFirst, fileDate) <= 1;
      if (monthFirstFits && !dayFirstFits) order = 'month-day-year';
      else {
        order = 'day-month-year';
        if (!dayFirstFits) problems.push(`"${text}" is ambiguous and neither reading is near the file-name date ${fileNameDate}; read as dd/MM/yyyy`);
      }
    } else if (clock[3] !== undefined) {
      order = 'month-day-year';
      problems.push(`"${text}" is ambiguous (day and month both ≤ 12); read as MM/dd/yyyy because of the 12-hour clock`);
    } else {
      order = 'day-month-year';
      problems.push(`"${text}" is ambiguous (day and month both ≤ 12) and no file-name date was given; read as dd/MM/yyyy`);
    }
    ymd = order === 'month-day-year' ? monthFirst : dayFirst;
  } else {
    return { value: null, order: null, problems: [`"${text}" is not a date and time in a known format`] };
  }

  if (clock[0] === undefined) return { value: null, order, problems: [...problems, `"${text}" has no time of day`] };
  if (!validDate(ymd)) return { value: null, order, problems: [...problems, `"${text}" is not a valid calendar date`] };
  let hour = Number(clock[0]);
  const minute = Number(clock[1]);
  const second = clock[2] === undefined ? 0 : Number(clock[2]);
  const meridiem = clock[3]?.toLowerCase();
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return { value: null, order, problems: [...problems, `"${text}" has an invalid 12-hour time`] };
    hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return { value: null, order, problems: [...problems, `"${text}" has an invalid time of day`] };

  if (fileDate && problems.length === 0) {
    const gap = daysBetween(ymd, fileDate);
    if (gap > 1) problems.push(`measurement date ${iso(ymd)} is ${gap} days from the file-name date ${fileNameDate}`);
  }
  const value = `${iso(ymd)}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
  return { value, order, problems };
}

/** `YYYY-MM-DD` → date parts, or null. */
export function parseIsoDate(text: string): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const ymd = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return validDate(ymd) ? ymd : null;
}

function validDate({ y, m, d }: Ymd): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function daysBetween(a: Ymd, b: Ymd): number {
  return Math.abs(Date.UTC(a.y, a.m - 1, a.d) - Date.UTC(b.y, b.m - 1, b.d)) / 86_400_000;
}

function iso({ y, m, d }: Ymd): string {
  return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
