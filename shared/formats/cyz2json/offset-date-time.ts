/**
 * ISO 8601 date-times with a UTC offset, as .NET writes them (cyz2json `start`, CytoClus EXIF comment):
 * "2025-02-13T14:28:04.646157+01:00", "2023-05-24T09:26:01.2613822+01:00". Up to 7 fraction digits (.NET ticks),
 * which Date.parse does not promise to accept — hence this small parser.
 */
const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** UTC instant as "YYYY-MM-DDTHH:MM:SS.sssZ"; null when the text has no offset or is not a valid date-time. */
export function offsetDateTimeToUtc(text: string): string | null {
  const m = ISO_WITH_OFFSET.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '', zone = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const dayCheck = new Date(Date.UTC(year, month - 1, day));
  if (dayCheck.getUTCDate() !== day) return null;
  const ms = frac === '' ? 0 : Math.round(Number(`0.${frac}`) * 1000);
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
    const oh = Number(z[2]);
    const om = Number(z[3] ?? '0');
    if (oh > 14 || om > 59) return null;
    offsetMinutes = (z[1] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  return new Date(t).toISOString();
}
