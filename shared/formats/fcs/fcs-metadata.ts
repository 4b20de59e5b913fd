import type { FormatIssue } from '../format-issue.js';
import type { FcsMetadata, FcsSpillover } from './fcs-types.js';
import { parseFcsInteger, parseFcsNumber } from './fcs-values.js';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

export interface FcsDate {
  year: number;
  month: number;
  day: number;
}

function monthNumber(name: string): number | null {
  const i = MONTHS.indexOf(name.slice(0, 3).toUpperCase());
  return i < 0 ? null : i + 1;
}

function validDate(year: number, month: number, day: number): FcsDate | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days ? { year, month, day } : null;
}

/**
 * $DATE is `dd-mmm-yyyy` by the standard; real files also write `22-Sep-13` (2-digit year), `28-FEB-2013`,
 * `2013-Jul-19` (MACSQuant) and ISO `2020-03-02`. Slash forms (dd/mm vs mm/dd) are ambiguous and not read.
 */
export function parseFcsDate(raw: string): FcsDate | null {
  const s = raw.trim();
  let m = /^(\d{1,2})[- ]([A-Za-z]{3,9})[- ](\d{2}|\d{4})$/.exec(s);
  if (m) {
    const month = monthNumber(m[2] ?? '');
    let year = Number(m[3]);
    // Two-digit years: FCS 2.0 files go back to the 1990s.
    if ((m[3] ?? '').length === 2) year += year >= 70 ? 1900 : 2000;
    return month === null ? null : validDate(year, month, Number(m[1]));
  }
  m = /^(\d{4})-([A-Za-z]{3,9})-(\d{1,2})$/.exec(s);
  if (m) {
    const month = monthNumber(m[2] ?? '');
    return month === null ? null : validDate(Number(m[1]), month, Number(m[3]));
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/**
 * $BTIM/$ETIM → seconds since midnight. `hh:mm:ss`, `hh:mm:ss.cc` (3.1), `hh:mm:ss:tt` with tt in 1/60 s (3.0),
 * and `09:42:05:509` (CyFlow: three digits after the colon are milliseconds).
 */
export function parseFcsTime(raw: string): number | null {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:([.:])(\d+))?)?$/.exec(raw.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  const sec = m[3] === undefined ? 0 : Number(m[3]);
  if (h > 23 || min > 59 || sec > 60) return null;
  let fraction = 0;
  const digits = m[5];
  if (digits !== undefined) {
    if (m[4] === ':' && digits.length <= 2) {
      const ticks = Number(digits);
      if (ticks >= 60) return null;
      fraction = ticks / 60;
    } else {
      fraction = Number(`0.${digits}`);
    }
  }
  return h * 3600 + min * 60 + sec + fraction;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Local date-time without zone (FCS does not record one). */
export function fcsDateTimeIso(date: FcsDate, secondsOfDay: number): string {
  const ms = Math.round(secondsOfDay * 1000);
  const t = new Date(Date.UTC(date.year, date.month - 1, date.day) + ms);
  const base = `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
  return ms % 1000 === 0 ? base : `${base}.${pad(t.getUTCMilliseconds(), 3)}`;
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** `$SPILLOVER` / `SPILL` = `n,<n names>,<n × n values row-major>`. */
export function parseFcsSpillover(raw: string): { spillover: FcsSpillover | null; problem: string | null } {
  const parts = raw.split(',').map((p) => p.trim());
  const n = parseFcsInteger(parts[0]);
  if (n === null || n <= 0) return { spillover: null, problem: `does not start with a parameter count (${JSON.stringify((parts[0] ?? '').slice(0, 20))})` };
  const names = parts.slice(1, 1 + n);
  const values = parts.slice(1 + n);
  if (names.length < n || values.length !== n * n) {
    return { spillover: null, problem: `has ${names.length} names and ${values.length} values; ${n} parameters need ${n} names and ${n * n} values` };
  }
  const matrix: number[][] = [];
  for (let r = 0; r < n; r++) {
    const row: number[] = [];
    for (let c = 0; c < n; c++) {
      const v = parseFcsNumber(values[r * n + c]);
      if (v === null) return { spillover: null, problem: `value ${JSON.stringify(values[r * n + c])} (row ${r + 1}, column ${c + 1}) is not a number` };
      row.push(v);
    }
    matrix.push(row);
  }
  return { spillover: { parameters: names, matrix }, problem: null };
}

/** Reads the metadata keywords leniently; `get` is a case-insensitive lookup. */
export function interpretFcsMetadata(get: (name: string) => string | undefined, issues: FormatIssue[]): FcsMetadata {
  const text = (name: string): string | null => {
    const v = get(name);
    return v === undefined || v === '' ? null : v;
  };
  const number = (name: string, what: string): number | null => {
    const v = text(name);
    if (v === null) return null;
    const n = parseFcsNumber(v);
    if (n === null) issues.push({ field: name, message: `${name}=${JSON.stringify(v)} is not a number (${what}); ignored` });
    return n;
  };

  const totRaw = text('$TOT');
  const totalEvents = totRaw === null ? null : parseFcsInteger(totRaw);

  const date = text('$DATE');
  const beginTime = text('$BTIM');
  const endTime = text('$ETIM');
  let start: string | null = null;
  let end: string | null = null;
  const beginIso = text('$BEGINDATETIME');
  const endIso = text('$ENDDATETIME');
  if (beginIso !== null && ISO_DATETIME.test(beginIso)) start = beginIso;
  if (endIso !== null && ISO_DATETIME.test(endIso)) end = endIso;
  if (start === null && date !== null) {
    const d = parseFcsDate(date);
    if (d === null) issues.push({ field: '$DATE', message: `$DATE=${JSON.stringify(date)} is not a date this reader knows (dd-mmm-yyyy); start and end left empty` });
    const b = beginTime === null ? null : parseFcsTime(beginTime);
    const e = endTime === null ? null : parseFcsTime(endTime);
    if (beginTime !== null && b === null) issues.push({ field: '$BTIM', message: `$BTIM=${JSON.stringify(beginTime)} is not a time (hh:mm:ss[.cc]); start left empty` });
    if (endTime !== null && e === null) issues.push({ field: '$ETIM', message: `$ETIM=${JSON.stringify(endTime)} is not a time (hh:mm:ss[.cc]); end left empty` });
    if (d !== null && b !== null) start = fcsDateTimeIso(d, b);
    // $ETIM before $BTIM: the acquisition ran past midnight.
    if (d !== null && e !== null && end === null) end = fcsDateTimeIso(d, b !== null && e < b ? e + 86400 : e);
  }

  let spillover: FcsSpillover | null = null;
  let spilloverKeyword: string | null = null;
  for (const name of ['$SPILLOVER', 'SPILL', '$COMP']) {
    const raw = text(name);
    if (raw === null) continue;
    const r = parseFcsSpillover(raw);
    if (r.spillover) {
      spillover = r.spillover;
      spilloverKeyword = name;
      break;
    }
    issues.push({ field: name, message: `${name} ${r.problem ?? ''}; not read as a spillover matrix` });
  }

  return {
    cytometer: text('$CYT'),
    cytometerSerial: text('$CYTSN'),
    totalEvents,
    volumeNanolitres: number('$VOL', 'volume in nL'),
    timestep: number('$TIMESTEP', 'seconds per time unit'),
    date,
    beginTime,
    endTime,
    start,
    end,
    spillover,
    spilloverKeyword,
  };
}
