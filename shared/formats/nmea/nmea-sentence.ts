/**
 * NMEA 0183 sentences as written by GPS receivers and logged by CytoSense: `$<talker><type>,<fields…>*<checksum>`.
 * Only what a position track needs is decoded: RMC (time, date, position, status) and GGA (time, position, fix
 * quality). Any talker is accepted (`GP` GPS, `GN` multi-constellation, `GL`, `GA`, `BD`, …).
 */

export interface NmeaSentence {
  /** Two-letter talker id, e.g. "GP", "GN". Empty for proprietary sentences (`$P…`). */
  talker: string;
  /** Sentence type, e.g. "RMC", "GGA"; the whole address for proprietary sentences. */
  type: string;
  /** Fields after the address, without the checksum. */
  fields: string[];
  hasChecksum: boolean;
}

export type NmeaParseResult = { ok: true; sentence: NmeaSentence } | { ok: false; message: string };

/** XOR of every character between `$` (or `!`) and `*`. */
export function nmeaChecksum(body: string): number {
  let x = 0;
  for (let i = 0; i < body.length; i++) x ^= body.charCodeAt(i) & 0xff;
  return x;
}

/**
 * Parses one line. The line may carry junk before the `$` (serial noise) and a trailing CR.
 * A sentence without checksum is returned with hasChecksum false: the caller decides (RMC/GGA require one).
 */
export function parseNmeaSentence(line: string): NmeaParseResult {
  const start = line.indexOf('$');
  if (start < 0) return { ok: false, message: 'no "$" sentence start' };
  let text = line.slice(start).replace(/[\r\n]+$/, '');
  let hasChecksum = false;
  const star = text.lastIndexOf('*');
  if (star >= 0) {
    const given = text.slice(star + 1).trim();
    if (!/^[0-9A-Fa-f]{2}$/.test(given)) return { ok: false, message: `malformed checksum "*${given}"` };
    const computed = nmeaChecksum(text.slice(1, star));
    if (computed !== parseInt(given, 16)) {
      return {
        ok: false,
        message: `checksum mismatch: sentence says ${given.toUpperCase()}, bytes give ${hex2(computed)}`,
      };
    }
    hasChecksum = true;
    text = text.slice(0, star);
  }
  const parts = text.slice(1).split(',');
  const address = parts[0] ?? '';
  if (!/^[A-Z0-9]{2,}$/.test(address)) return { ok: false, message: `malformed sentence address "${address}"` };
  const proprietary = address.startsWith('P');
  return {
    ok: true,
    sentence: {
      talker: proprietary ? '' : address.slice(0, 2),
      type: proprietary ? address : address.slice(2),
      fields: parts.slice(1),
      hasChecksum,
    },
  };
}

function hex2(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}

/** `ddmm.mmmm` + `N|S` (latitude) or `dddmm.mmmm` + `E|W` (longitude) → signed decimal degrees. */
export function parseNmeaCoordinate(value: string, hemisphere: string, axis: 'latitude' | 'longitude'): number | null {
  const m = /^(\d+)(\d\d(?:\.\d+)?)$/.exec(value.trim());
  if (!m) return null;
  const degrees = Number(m[1]);
  const minutes = Number(m[2]);
  const limit = axis === 'latitude' ? 90 : 180;
  if (minutes >= 60 || degrees > limit) return null;
  const value10 = degrees + minutes / 60;
  if (value10 > limit) return null;
  const h = hemisphere.trim().toUpperCase();
  const positive = axis === 'latitude' ? 'N' : 'E';
  const negative = axis === 'latitude' ? 'S' : 'W';
  if (h === positive) return value10;
  if (h === negative) return -value10;
  return null;
}

/** `hhmmss[.sss]` → milliseconds since midnight UTC. */
export function parseNmeaTime(value: string): number | null {
  const m = /^(\d\d)(\d\d)(\d\d)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  const s = Number(m[3]);
  if (h > 23 || min > 59 || s > 60) return null; // 60: leap second
  const ms = m[4] ? Math.round(Number(`0.${m[4]}`) * 1000) : 0;
  return ((h * 60 + min) * 60 + s) * 1000 + ms;
}

/** `ddmmyy` → milliseconds of that UTC midnight. Two-digit years: 80–99 → 19xx, 00–79 → 20xx. */
export function parseNmeaDate(value: string): number | null {
  const m = /^(\d\d)(\d\d)(\d\d)$/.exec(value.trim());
  if (!m) return null;
  const d = Number(m[1]);
  const mo = Number(m[2]);
  const yy = Number(m[3]);
  const year = yy >= 80 ? 1900 + yy : 2000 + yy;
  if (mo < 1 || mo > 12 || d < 1) return null;
  const t = Date.UTC(year, mo - 1, d);
  if (new Date(t).getUTCDate() !== d) return null; // 31 April etc.
  return t;
}

export interface RmcFix {
  timeOfDayMs: number;
  /** UTC midnight of the fix date (ms since epoch). */
  dateMs: number | null;
  /** Status A (active) and, when given, a mode other than N (not valid). */
  valid: boolean;
  latitude: number | null;
  longitude: number | null;
  speedKnots: number | null;
  courseDegrees: number | null;
}

/** Decodes `$--RMC` fields; a string is the reason the sentence is unusable. */
export function decodeRmc(fields: readonly string[]): RmcFix | string {
  const [time = '', status = '', lat = '', ns = '', lon = '', ew = '', speed = '', course = '', date = ''] = fields;
  const mode = fields[11] ?? '';
  const timeOfDayMs = parseNmeaTime(time);
  if (timeOfDayMs === null) return `bad UTC time "${time}"`;
  const valid = status.trim().toUpperCase() === 'A' && mode.trim().toUpperCase() !== 'N';
  const dateMs = date.trim() === '' ? null : parseNmeaDate(date);
  if (date.trim() !== '' && dateMs === null) return `bad date "${date}"`;
  let latitude: number | null = null;
  let longitude: number | null = null;
  if (lat.trim() !== '' || lon.trim() !== '') {
    latitude = parseNmeaCoordinate(lat, ns, 'latitude');
    longitude = parseNmeaCoordinate(lon, ew, 'longitude');
    if (latitude === null) return `bad latitude "${lat},${ns}"`;
    if (longitude === null) return `bad longitude "${lon},${ew}"`;
  }
  return { timeOfDayMs, dateMs, valid, latitude, longitude, speedKnots: optionalNumber(speed), courseDegrees: optionalNumber(course) };
}

export interface GgaFix {
  timeOfDayMs: number;
  /** 0 no fix, 1 GPS, 2 DGPS, 4 RTK fixed, 5 RTK float, 6 estimated (dead reckoning), … */
  fixQuality: number;
  latitude: number | null;
  longitude: number | null;
  satellites: number | null;
  hdop: number | null;
  /** Antenna altitude above mean sea level. */
  altitudeMetres: number | null;
}

/** Decodes `$--GGA` fields; a string is the reason the sentence is unusable. */
export function decodeGga(fields: readonly string[]): GgaFix | string {
  const [time = '', lat = '', ns = '', lon = '', ew = '', quality = '', sats = '', hdop = '', alt = ''] = fields;
  const timeOfDayMs = parseNmeaTime(time);
  if (timeOfDayMs === null) return `bad UTC time "${time}"`;
  const fixQuality = quality.trim() === '' ? 0 : Number(quality);
  if (!Number.isInteger(fixQuality) || fixQuality < 0) return `bad fix quality "${quality}"`;
  let latitude: number | null = null;
  let longitude: number | null = null;
  if (lat.trim() !== '' || lon.trim() !== '') {
    latitude = parseNmeaCoordinate(lat, ns, 'latitude');
    longitude = parseNmeaCoordinate(lon, ew, 'longitude');
    if (latitude === null) return `bad latitude "${lat},${ns}"`;
    if (longitude === null) return `bad longitude "${lon},${ew}"`;
  }
  return {
    timeOfDayMs,
    fixQuality,
    latitude,
    longitude,
    satellites: optionalNumber(sats),
    hdop: optionalNumber(hdop),
    altitudeMetres: optionalNumber(alt),
  };
}

function optionalNumber(s: string): number | null {
  if (s.trim() === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}
