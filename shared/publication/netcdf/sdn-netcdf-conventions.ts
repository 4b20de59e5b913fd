/**
 * What the SeaDataNet NetCDF (CFPOINT) writer, reader and validator agree on, taken from the real OCTOPUS file
 * `octopus/cfpoint/profile/diap.nc` (formats-seadatanet.md §5): variable names, fill values, the L20 flag encoding
 * (a byte holding the ASCII code of the flag character) and the Chronological Julian Date time axis.
 */
import { l20Flags } from '../../model/flag-schemes';

export const INSTANCE = 'INSTANCE';
/** Observation dimension of a profile (levels) and of a time series (times). */
export const MAXZ = 'MAXZ';
export const MAXT = 'MAXT';

export const QC_SUFFIX = '_SEADATANET_QC';
export const POSITION_QC = 'POSITION_SEADATANET_QC';

/** Conventions as OCTOPUS writes it since its changelog replaced "SeaDataNet_1.0 CF 1.6" (the fixture's form). */
export const SDN_CONVENTIONS = 'SeaDataNet_1.0 CF-1.6';

export const DATA_FILL = -99999;
export const BOTTOM_DEPTH_FILL = -999;

/** The flag variables' `flag_values`: ASCII codes of every L20 v8 code (the fixture lists 0–9 and A only). */
export const l20FlagValues: readonly number[] = l20Flags.map((f) => f.code.charCodeAt(0));

/** `flag_meanings`: the L20 labels with spaces as underscores (the fixture's words for 0–9 and A). */
export const l20FlagMeanings: readonly string[] = l20Flags.map((f) => f.label.replace(/ /g, '_'));

export const MISSING_FLAG = '9';

export function isL20Code(code: string): boolean {
  return l20Flags.some((f) => f.code === code);
}

/** Chronological Julian Date (days since -4713-01-01T00:00Z, day starting at midnight) as the fixture's TIME. */
export const CJD_UNITS = 'days since -4713-01-01T00:00:00Z';
/** CJD of 1970-01-01T00:00Z: checked on the fixture, 2452254.728472 = 2001-12-10T17:29 (same data in diap.txt). */
const CJD_UNIX_EPOCH = 2440588;
const MS_PER_DAY = 86_400_000;

export function msToChronologicalJulianDay(ms: number): number {
  return ms / MS_PER_DAY + CJD_UNIX_EPOCH;
}

const unitMs: Record<string, number> = {
  day: MS_PER_DAY,
  days: MS_PER_DAY,
  d: MS_PER_DAY,
  hour: 3_600_000,
  hours: 3_600_000,
  h: 3_600_000,
  minute: 60_000,
  minutes: 60_000,
  min: 60_000,
  second: 1000,
  seconds: 1000,
  s: 1000,
  millisecond: 1,
  milliseconds: 1,
  ms: 1,
};

/**
 * Parses CF time units `<unit> since <date>[ <time>][ <zone>]` into a converter to epoch milliseconds (rounded to
 * the millisecond, as the library's times are). The SDN CJD reference date (year -4713) is special-cased as the
 * Chronological Julian Date; other reference dates are read as proleptic Gregorian. Null when not a CF time.
 */
export function timeConverter(units: string): ((value: number) => number) | null {
  const m = /^\s*([A-Za-z]+)\s+since\s+(.+?)\s*$/.exec(units);
  if (m === null) return null;
  const step = unitMs[(m[1] ?? '').toLowerCase()];
  if (step === undefined) return null;
  const reference = m[2] ?? '';
  if (/^-4713-01-01(?:[T ]00:00(?::00(?:\.0+)?)?)?\s*(?:Z|UTC)?$/i.test(reference)) {
    return step === MS_PER_DAY ? (value) => Math.round((value - CJD_UNIX_EPOCH) * MS_PER_DAY) : null;
  }
  const originMs = parseReferenceDate(reference);
  if (originMs === null) return null;
  return (value) => Math.round(originMs + value * step);
}

function parseReferenceDate(reference: string): number | null {
  const m = /^(\d{1,4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?\s*(Z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)?$/i.exec(reference);
  if (m === null) return null;
  const d = new Date(Date.UTC(2000, Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), 0));
  d.setUTCFullYear(Number(m[1])); // Date.UTC reads years 0–99 as 1900–1999
  let ms = d.getTime() + Math.round(Number(m[6] ?? 0) * 1000);
  const zone = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(m[7] ?? '');
  if (zone !== null) ms -= (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3] ?? 0)) * 60_000;
  return Number.isFinite(ms) ? ms : null;
}

/** CF calendars (CF 1.6 §4.4.1). */
export const cfCalendars: readonly string[] = ['standard', 'gregorian', 'proleptic_gregorian', 'julian', 'noleap', '365_day', 'all_leap', '366_day', '360_day', 'none'];

/** CF `cf_role` of the instance identifier for each SDN feature type. */
export const cfRoleOfFeatureType: Record<string, string> = { profile: 'profile_id', timeSeries: 'timeseries_id', trajectory: 'trajectory_id' };
