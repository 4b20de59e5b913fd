/**
 * Position track from a raw NMEA 0183 log (CytoSense GPS log, ship navigation feed): streamed line by line, so a
 * multi-day log never becomes one string. RMC carries date, time and position; GGA carries only the time of day,
 * so a GGA fix takes its date from the nearest RMC (the last one seen, or the first one that follows when the
 * log starts with GGA), crossing midnight when the times say so. RMC and GGA sentences for the same instant
 * become one point.
 */
import { CurationError } from '../../api/errors.js';
import type { FormatIssue } from '../format-issue.js';
import { decodeGga, decodeRmc, parseNmeaSentence } from './nmea-sentence.js';
import type { GgaFix } from './nmea-sentence.js';

export interface TrackPoint {
  /** UTC, ISO 8601 with milliseconds and Z, e.g. "2012-11-04T13:47:30.361Z". */
  time: string;
  latitude: number;
  longitude: number;
  /** Sentence that first gave this instant's position. */
  source: 'RMC' | 'GGA';
  /** GGA fix quality (1 GPS, 2 DGPS, 6 estimated, …), when a GGA sentence covered this instant. */
  fixQuality?: number;
  satellites?: number;
  hdop?: number;
  altitudeMetres?: number;
  speedKnots?: number;
  courseDegrees?: number;
}

export interface PositionTrack {
  points: TrackPoint[];
  issues: FormatIssue[];
  counts: {
    /** Lines that held an NMEA sentence (any type). */
    sentences: number;
    rmc: number;
    gga: number;
    /** RMC/GGA sentences without a usable fix (status V, quality 0, empty position): normal, not issues. */
    noFix: number;
  };
}

export interface NmeaTrackOptions {
  /**
   * UTC date (YYYY-MM-DD) for GGA fixes when the log has no RMC at all — e.g. from the log's file name
   * (see gpsLogFileNameTime). Without it such fixes are dropped with an issue.
   */
  date?: string;
}

export interface NmeaTrackReader {
  push(chunk: Uint8Array): void;
  finish(): PositionTrack;
}

const MAX_LINE = 4096; // NMEA sentences are ≤ 82 characters; longer "lines" are binary junk
const MAX_ISSUES = 100;
const DAY_MS = 86_400_000;
const HALF_DAY_MS = DAY_MS / 2;

interface PendingGga {
  fix: GgaFix;
  line: number;
}

export function createNmeaTrackReader(options: NmeaTrackOptions = {}): NmeaTrackReader {
  // Windows-1252 maps every byte to one character: chunk boundaries can never split a character.
  const decoder = new TextDecoder('windows-1252');
  const points: TrackPoint[] = [];
  const pointByTime = new Map<number, TrackPoint>();
  const issues: FormatIssue[] = [];
  let droppedIssues = 0;
  const counts = { sentences: 0, rmc: 0, gga: 0, noFix: 0 };
  let carry = '';
  let skippingLongLine = false;
  let lineNo = 0;
  let sawBytes = false;
  /** Date+time (ms) of the last RMC that carried a date: the reference for GGA dates. */
  let lastRmcMs: number | null = null;
  let pending: PendingGga[] = [];

  const fallbackDateMs = options.date !== undefined ? parseIsoDate(options.date) : null;
  if (options.date !== undefined && fallbackDateMs === null) {
    throw new CurationError({ code: 'invalid-request', message: `date option "${options.date}" is not YYYY-MM-DD` });
  }

  function issue(i: FormatIssue): void {
    if (issues.length < MAX_ISSUES) issues.push(i);
    else droppedIssues++;
  }

  function addPoint(timeMs: number, lat: number, lon: number, source: 'RMC' | 'GGA'): TrackPoint {
    const existing = pointByTime.get(timeMs);
    if (existing) return existing;
    const p: TrackPoint = { time: new Date(timeMs).toISOString(), latitude: lat, longitude: lon, source };
    points.push(p);
    pointByTime.set(timeMs, p);
    return p;
  }

  function addGga(fix: GgaFix, referenceMs: number): void {
    if (fix.latitude === null || fix.longitude === null) return;
    const midnight = Math.floor(referenceMs / DAY_MS) * DAY_MS;
    let t = midnight + fix.timeOfDayMs;
    if (t < referenceMs - HALF_DAY_MS) t += DAY_MS;
    else if (t > referenceMs + HALF_DAY_MS) t -= DAY_MS;
    const p = addPoint(t, fix.latitude, fix.longitude, 'GGA');
    p.fixQuality = fix.fixQuality;
    if (fix.satellites !== null) p.satellites = fix.satellites;
    if (fix.hdop !== null) p.hdop = fix.hdop;
    if (fix.altitudeMetres !== null) p.altitudeMetres = fix.altitudeMetres;
  }

  function handleLine(raw: string): void {
    lineNo++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const dollar = line.indexOf('$');
    if (dollar < 0) {
      if (line.trim() !== '') issue({ line: lineNo, message: 'not an NMEA sentence; line skipped' });
      return;
    }
    counts.sentences++;
    const parsed = parseNmeaSentence(line);
    const address = /^\$([A-Z0-9]*)/.exec(line.slice(dollar))?.[1] ?? '';
    const type = address.startsWith('P') ? address : address.slice(2);
    if (!parsed.ok) {
      // Only sentences we use are worth an issue; a damaged $GPGSV does not affect the track.
      if (type === 'RMC' || type === 'GGA') issue({ line: lineNo, field: address, message: `${parsed.message}; sentence skipped` });
      return;
    }
    const s = parsed.sentence;
    if (s.type !== 'RMC' && s.type !== 'GGA') return;
    const field = `${s.talker}${s.type}`;
    if (!s.hasChecksum) {
      issue({ line: lineNo, field, message: 'no checksum (truncated sentence?); sentence skipped' });
      return;
    }
    if (s.type === 'RMC') {
      counts.rmc++;
      const fix = decodeRmc(s.fields);
      if (typeof fix === 'string') {
        issue({ line: lineNo, field, message: `${fix}; sentence skipped` });
        return;
      }
      if (fix.dateMs !== null) {
        const t = fix.dateMs + fix.timeOfDayMs;
        lastRmcMs = t;
        if (pending.length > 0) {
          for (const g of pending) addGga(g.fix, t);
          pending = [];
        }
      }
      if (!fix.valid || fix.latitude === null || fix.longitude === null) {
        counts.noFix++;
        return;
      }
      if (fix.dateMs === null) {
        issue({ line: lineNo, field, message: 'RMC without date; sentence skipped' });
        return;
      }
      const p = addPoint(fix.dateMs + fix.timeOfDayMs, fix.latitude, fix.longitude, 'RMC');
      if (fix.speedKnots !== null) p.speedKnots = fix.speedKnots;
      if (fix.courseDegrees !== null) p.courseDegrees = fix.courseDegrees;
      return;
    }
    counts.gga++;
    const fix = decodeGga(s.fields);
    if (typeof fix === 'string') {
      issue({ line: lineNo, field, message: `${fix}; sentence skipped` });
      return;
    }
    if (fix.fixQuality === 0 || fix.latitude === null || fix.longitude === null) {
      counts.noFix++;
      return;
    }
    if (lastRmcMs !== null) addGga(fix, lastRmcMs);
    else pending.push({ fix, line: lineNo });
  }

  function consume(text: string): void {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const piece = text.slice(start, nl);
      start = nl + 1;
      if (skippingLongLine) {
        skippingLongLine = false;
        lineNo++;
        continue;
      }
      if (carry.length + piece.length > MAX_LINE) {
        lineNo++;
        issue({ line: lineNo, message: `line longer than ${MAX_LINE} characters (binary data?); line skipped` });
      } else handleLine(carry + piece);
      carry = '';
    }
    if (skippingLongLine) return;
    carry += text.slice(start);
    if (carry.length > MAX_LINE) {
      issue({ line: lineNo + 1, message: `line longer than ${MAX_LINE} characters (binary data?); line skipped` });
      carry = '';
      skippingLongLine = true;
    }
  }

  return {
    push(chunk: Uint8Array): void {
      if (chunk.length > 0) sawBytes = true;
      consume(decoder.decode(chunk, { stream: true }));
    },
    finish(): PositionTrack {
      consume(decoder.decode());
      if (!skippingLongLine && carry !== '') handleLine(carry); // last line without newline
      carry = '';
      if (sawBytes && counts.sentences === 0) {
        throw new CurationError({ code: 'invalid-input', message: 'not an NMEA 0183 log: no "$" sentences found' });
      }
      if (!sawBytes) issue({ message: 'empty file: no GPS positions' });
      if (pending.length > 0) {
        if (fallbackDateMs !== null) {
          // No RMC date anywhere: the caller's date, taken as the date of the first fix.
          const first = pending[0]!.fix.timeOfDayMs;
          for (const g of pending) addGga(g.fix, fallbackDateMs + first);
        } else {
          issue({
            line: pending[0]!.line,
            field: 'GGA',
            message: `${pending.length} GGA fixes without any RMC date in the log; skipped (pass a date)`,
          });
        }
        pending = [];
      }
      if (droppedIssues > 0) issues.push({ message: `${droppedIssues} more problems not listed` });
      return { points, issues, counts };
    },
  };
}

/** Convenience for a log already in memory. */
export function readNmeaTrack(bytes: Uint8Array, options?: NmeaTrackOptions): PositionTrack {
  const reader = createNmeaTrackReader(options);
  reader.push(bytes);
  return reader.finish();
}

/**
 * Start time in a CytoSense GPS log file name `GPS_YYYYMMDD_HHMMSS.log` (e.g. `GPS_20121104_134730.log` starts
 * with a fix at 13:47:30.361 UTC on 4 Nov 2012). Null for other names.
 */
export function gpsLogFileNameTime(fileName: string): { date: string; time: string } | null {
  const m = /GPS_(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})(?:\.[A-Za-z]+)?$/.exec(fileName);
  if (!m) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  if (parseIsoDate(date) === null || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return null;
  return { date, time: `${m[4]}:${m[5]}:${m[6]}` };
}

function parseIsoDate(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(t);
  if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return null;
  return t;
}
