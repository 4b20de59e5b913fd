/**
 * Instrument clocks write local times without an offset. They become UTC only through an explicit offset in the
 * data (cyz2json, EXIF) or the deployment's zone — never through the laptop's zone, which aboard a ship or in a
 * lab abroad says nothing about the instrument.
 */

/** A zone is an IANA name ("Europe/Paris") or a fixed offset ("+01:00", "-03:30", "Z", "UTC"). */
export function isValidTimeZone(zone: string): boolean {
  if (parseFixedOffset(zone) !== null) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function parseFixedOffset(zone: string): number | null {
  if (zone === 'Z' || zone.toUpperCase() === 'UTC') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (minutes > 14 * 60) return null;
  return (m[1] === '-' ? -1 : 1) * minutes;
}

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?$/;

function parseLocal(local: string): { fields: number[]; ms: number } | null {
  const m = localPattern.exec(local);
  if (!m) return null;
  const fields = m.slice(1, 7).map(Number);
  const ms = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
  return { fields, ms };
}

/** Offset of `zone` from UTC, in minutes, at the UTC instant `utcMs`. */
function offsetMinutesAt(zone: string, utcMs: number): number {
  const fixed = parseFixedOffset(zone);
  if (fixed !== null) return fixed;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/**
 * Converts a local time as written ("2023-05-24T09:26:01") in `zone` to UTC ISO with Z. In the hour that repeats
 * when clocks go back, the earlier (summer-time) reading is chosen; a time skipped when clocks go forward is
 * read with the offset before the change. Returns null when the local time or the zone is not understood.
 */
export function localTimeToUtc(local: string, zone: string): string | null {
  const parsed = parseLocal(local);
  if (!parsed || !isValidTimeZone(zone)) return null;
  const [y, mo, d, h, mi, s] = parsed.fields as [number, number, number, number, number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi, s, parsed.ms);
  // The offsets in force a day before and a day after bracket any transition near this time. A candidate is
  // valid when the zone really shows this local time at that instant.
  const day = 86_400_000;
  const before = offsetMinutesAt(zone, naive - day);
  const after = offsetMinutesAt(zone, naive + day);
  const valid = [...new Set([before, after])]
    .map((offset) => naive - offset * 60_000)
    .filter((utcMs) => offsetMinutesAt(zone, utcMs) * 60_000 === naive - utcMs);
  const utc = valid.length > 0 ? Math.min(...valid) : naive - before * 60_000;
  return new Date(utc).toISOString().replace('.000Z', 'Z');
}

/** Parses an ISO time with an explicit offset ("2023-05-24T09:26:01+01:00") to UTC ISO with Z, or null. */
export function offsetTimeToUtc(text: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})$/.exec(text.trim());
  if (!m) return null;
  return localTimeToUtc(m[1]!, m[2]!);
}
