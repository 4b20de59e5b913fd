import { describe, expect, it } from 'vitest';
import { readRealFixture } from '../../../electron/test-support/real-fixtures.js';
import { nmeaChecksum, parseNmeaCoordinate, parseNmeaSentence } from './nmea-sentence.js';
import { createNmeaTrackReader, gpsLogFileNameTime, readNmeaTrack } from './nmea-track.js';

const LOG = 'cyzfile-api/Misc/GPS_20121104_134730.log';
const enc = (s: string) => new TextEncoder().encode(s);

/** Appends the checksum NMEA requires, so tests can write sentences by hand. */
function nmea(body: string): string {
  return `$${body}*${nmeaChecksum(body).toString(16).toUpperCase().padStart(2, '0')}`;
}

describe('NMEA sentence parts', () => {
  it('verifies checksums and splits fields', () => {
    // First RMC of the real log.
    const r = parseNmeaSentence('$GPRMC,134730.361,A,5540.3220,N,01231.2858,E,1.06,86.57,041112,,,A*55');
    expect(r).toEqual({
      ok: true,
      sentence: {
        talker: 'GP',
        type: 'RMC',
        fields: ['134730.361', 'A', '5540.3220', 'N', '01231.2858', 'E', '1.06', '86.57', '041112', '', '', 'A'],
        hasChecksum: true,
      },
    });
    expect(parseNmeaSentence('$GPRMC,134730.361,A,5540.3220,N,01231.2858,E,1.06,86.57,041112,,,A*54')).toEqual({
      ok: false,
      message: 'checksum mismatch: sentence says 54, bytes give 55',
    });
    expect(parseNmeaSentence('$ADVER,3080,2.4P')).toMatchObject({ ok: true, sentence: { type: 'VER', hasChecksum: false } });
  });
  it('converts ddmm.mmmm to decimal degrees', () => {
    expect(parseNmeaCoordinate('5540.3220', 'N', 'latitude')).toBeCloseTo(55.672033, 6); // doc §14
    expect(parseNmeaCoordinate('01231.2858', 'E', 'longitude')).toBeCloseTo(12.52143, 6);
    expect(parseNmeaCoordinate('4317.5000', 'S', 'latitude')).toBeCloseTo(-43.291667, 6);
    expect(parseNmeaCoordinate('00522.1200', 'W', 'longitude')).toBeCloseTo(-5.368667, 6);
    expect(parseNmeaCoordinate('5560.0000', 'N', 'latitude')).toBeNull(); // 60 minutes
    expect(parseNmeaCoordinate('9130.0000', 'N', 'latitude')).toBeNull();
    expect(parseNmeaCoordinate('5540.3220', 'E', 'latitude')).toBeNull();
  });
});

describe('NMEA track from the real CytoSense GPS log', () => {
  const bytes = readRealFixture(LOG);

  it('reads every fix, merging RMC and GGA of the same instant', () => {
    const track = readNmeaTrack(bytes);
    // Independent count: distinct UTC times of valid RMC (status A) and GGA (quality ≠ 0) lines.
    const times = new Set<string>();
    const text = new TextDecoder().decode(bytes);
    for (const line of text.split('\n')) {
      const f = line.split('*')[0]!.split(',');
      if (f[0] === '$GPRMC' && f[2] === 'A') times.add(f[1]!);
      if (f[0] === '$GPGGA' && f[6] !== '0') times.add(f[1]!);
    }
    expect(times.size).toBe(623); // also counted with a Python script: 603 RMC + 622 GGA over 623 instants
    expect(track.points).toHaveLength(623);
    expect(track.counts).toEqual({ sentences: 2833, rmc: 603, gga: 622, noFix: 0 });
    expect(track.issues).toEqual([]);

    const [first, second] = track.points;
    // $GPRMC,134730.361,A,5540.3220,N,01231.2858,E,1.06,86.57,041112,,,A*55
    expect(first).toEqual({
      time: '2012-11-04T13:47:30.361Z',
      latitude: 55 + 40.322 / 60,
      longitude: 12 + 31.2858 / 60,
      source: 'RMC',
      speedKnots: 1.06,
      courseDegrees: 86.57,
    });
    // $GPGGA,134731.361,5540.3252,N,01231.2946,E,1,10,0.8,36.1,M,… then $GPRMC,134731.361,…,1.42,93.80,041112
    expect(second).toEqual({
      time: '2012-11-04T13:47:31.361Z',
      latitude: 55 + 40.3252 / 60,
      longitude: 12 + 31.2946 / 60,
      source: 'GGA',
      fixQuality: 1,
      satellites: 10,
      hdop: 0.8,
      altitudeMetres: 36.1,
      speedKnots: 1.42,
      courseDegrees: 93.8,
    });
    // Last GGA (no RMC follows): $GPGGA,140356.000,5540.3078,N,01231.0998,E,1,10,0.8,8.3,M,41.5,M,,0000*5A
    expect(track.points.at(-1)).toEqual({
      time: '2012-11-04T14:03:56.000Z',
      latitude: 55 + 40.3078 / 60,
      longitude: 12 + 31.0998 / 60,
      source: 'GGA',
      fixQuality: 1,
      satellites: 10,
      hdop: 0.8,
      altitudeMetres: 8.3,
    });
    // Fix quality values present in the log: 1 (559 GGA), 2 (35), 6 (28).
    const qualities = new Map<number, number>();
    for (const p of track.points) if (p.fixQuality !== undefined) qualities.set(p.fixQuality, (qualities.get(p.fixQuality) ?? 0) + 1);
    expect(Object.fromEntries(qualities)).toEqual({ 1: 559, 2: 35, 6: 28 });
  });

  it('gives the same track whatever the chunking', () => {
    const whole = readNmeaTrack(bytes);
    const seed = 20121104;
    console.log(`NMEA chunking seed ${seed}`);
    let state = seed;
    const rnd = () => ((state = (state * 1103515245 + 12345) >>> 0) % 97) + 1;
    const reader = createNmeaTrackReader();
    for (let at = 0; at < bytes.length; ) {
      const n = rnd();
      reader.push(bytes.subarray(at, at + n));
      at += n;
    }
    expect(reader.finish()).toEqual(whole);
    // One byte at a time over the first kilobyte, at every boundary.
    const head = bytes.subarray(0, 1024);
    const byByte = createNmeaTrackReader();
    for (let i = 0; i < head.length; i++) byByte.push(head.subarray(i, i + 1));
    expect(byByte.finish()).toEqual(readNmeaTrack(head));
  });

  it('reads the CRLF variant identically', () => {
    const crlf = enc(new TextDecoder().decode(bytes).replace(/\n/g, '\r\n'));
    expect(readNmeaTrack(crlf).points).toEqual(readNmeaTrack(bytes).points);
  });

  it('takes the start time from the log file name', () => {
    expect(gpsLogFileNameTime('GPS_20121104_134730.log')).toEqual({ date: '2012-11-04', time: '13:47:30' });
    expect(gpsLogFileNameTime('C:/logs/GPS_20121104_134730.log')).toEqual({ date: '2012-11-04', time: '13:47:30' });
    expect(gpsLogFileNameTime('GPS_20121340_134730.log')).toBeNull();
    expect(gpsLogFileNameTime('track.nmea')).toBeNull();
  });
});

describe('NMEA track: broken and unusual logs', () => {
  it('skips a sentence with a bad checksum and names its line', () => {
    const log = [
      nmea('GPRMC,120000.00,A,4317.5000,N,00522.1200,E,0.0,0.0,150623,,,A'),
      '$GPRMC,120001.00,A,4317.5100,N,00522.1300,E,0.0,0.0,150623,,,A*00',
      nmea('GPRMC,120002.00,A,4317.5200,N,00522.1400,E,0.0,0.0,150623,,,A'),
    ].join('\n');
    const t = readNmeaTrack(enc(log));
    expect(t.points.map((p) => p.time)).toEqual(['2023-06-15T12:00:00.000Z', '2023-06-15T12:00:02.000Z']);
    expect(t.issues).toHaveLength(1);
    expect(t.issues[0]).toMatchObject({ line: 2, field: 'GPRMC' });
    expect(t.issues[0]!.message).toMatch(/^checksum mismatch: sentence says 00, bytes give [0-9A-F]{2}; sentence skipped$/);
  });

  it('reports truncated sentences, bad positions and text lines, and keeps going', () => {
    const log = [
      'junk before the log',
      nmea('GPRMC,120000,A,4317.5000,S,00522.1200,W,,,150623,,,A'),
      '$GPGGA,120001,4317.5000,S,0052', // cut by a power failure: no checksum
      nmea('GPGGA,120002,4399.0000,S,00522.1200,W,1,08,1.0,5.0,M,,,,'), // 99 minutes
      nmea('GPGSV,3,1,11,19,65,185,25'), // other sentence types are ignored
      '\u0000\u0000' + nmea('GPGGA,120003,4317.6000,S,00522.1200,W,1,08,1.0,5.0,M,,,,'), // serial noise before $
      nmea('GPRMC,120004,V,,,,,,,150623,,,N'), // receiver has no fix yet
      nmea('GPGGA,120005,,,,,0,00,,,M,,M,,'),
    ].join('\r\n');
    const t = readNmeaTrack(enc(log));
    expect(t.points).toEqual([
      { time: '2023-06-15T12:00:00.000Z', latitude: -(43 + 17.5 / 60), longitude: -(5 + 22.12 / 60), source: 'RMC' },
      {
        time: '2023-06-15T12:00:03.000Z',
        latitude: -(43 + 17.6 / 60),
        longitude: -(5 + 22.12 / 60),
        source: 'GGA',
        fixQuality: 1,
        satellites: 8,
        hdop: 1,
        altitudeMetres: 5,
      },
    ]);
    expect(t.issues).toEqual([
      { line: 1, message: 'not an NMEA sentence; line skipped' },
      { line: 3, field: 'GPGGA', message: 'no checksum (truncated sentence?); sentence skipped' },
      { line: 4, field: 'GPGGA', message: 'bad latitude "4399.0000,S"; sentence skipped' },
    ]);
    expect(t.counts).toEqual({ sentences: 7, rmc: 2, gga: 3, noFix: 2 });
  });

  it('dates GGA fixes that come before the first RMC, across midnight', () => {
    const log = [
      nmea('GNGGA,235958.0,5540.0000,N,01231.0000,E,1,10,0.8,1.0,M,,M,,'),
      nmea('GNGGA,235959.5,5540.0010,N,01231.0000,E,1,10,0.8,1.0,M,,M,,'),
      nmea('GNRMC,000001.0,A,5540.0020,N,01231.0000,E,0.1,10.0,010124,,,A'), // 1 Jan 2024
      nmea('GNGGA,000002.0,5540.0030,N,01231.0000,E,2,10,0.8,1.0,M,,M,,'),
    ].join('\n');
    const t = readNmeaTrack(enc(log));
    expect(t.points.map((p) => [p.time, p.source])).toEqual([
      ['2023-12-31T23:59:58.000Z', 'GGA'],
      ['2023-12-31T23:59:59.500Z', 'GGA'],
      ['2024-01-01T00:00:01.000Z', 'RMC'],
      ['2024-01-01T00:00:02.000Z', 'GGA'],
    ]);
  });

  it('uses the given date when a log has only GGA, and says so when there is none', () => {
    const log = [
      nmea('GPGGA,235959,5540.0000,N,01231.0000,E,1,10,0.8,1.0,M,,M,,'),
      nmea('GPGGA,000001,5540.0000,N,01231.0000,E,1,10,0.8,1.0,M,,M,,'),
    ].join('\n');
    expect(readNmeaTrack(enc(log), { date: '2012-11-04' }).points.map((p) => p.time)).toEqual([
      '2012-11-04T23:59:59.000Z',
      '2012-11-05T00:00:01.000Z',
    ]);
    const t = readNmeaTrack(enc(log));
    expect(t.points).toEqual([]);
    expect(t.issues).toEqual([
      { line: 1, field: 'GGA', message: '2 GGA fixes without any RMC date in the log; skipped (pass a date)' },
    ]);
    expect(() => readNmeaTrack(enc(log), { date: '04/11/2012' })).toThrow(/not YYYY-MM-DD/);
  });

  it('rejects binary junk, accepts an empty log with an issue', () => {
    const junk = new Uint8Array(10_000);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 37 + 11) % 256 === 36 ? 0 : (i * 37 + 11) % 256; // no '$'
    expect(() => readNmeaTrack(junk)).toThrow('not an NMEA 0183 log: no "$" sentences found');
    expect(readNmeaTrack(new Uint8Array(0))).toEqual({
      points: [],
      issues: [{ message: 'empty file: no GPS positions' }],
      counts: { sentences: 0, rmc: 0, gga: 0, noFix: 0 },
    });
  });

  it('does not buffer an endless line and caps the issue list', () => {
    const long = 'x'.repeat(10_000);
    const t = readNmeaTrack(enc(`${long}\n${nmea('GPRMC,120000,A,4317.5000,N,00522.1200,E,,,150623,,,A')}\n`));
    expect(t.points).toHaveLength(1);
    expect(t.issues).toEqual([{ line: 1, message: 'line longer than 4096 characters (binary data?); line skipped' }]);
    const many = Array.from({ length: 150 }, (_, i) => `$GPRMC,12${String(i % 60).padStart(2, '0')}00,A*ZZ`).join('\n');
    const capped = readNmeaTrack(enc(many));
    expect(capped.issues).toHaveLength(101);
    expect(capped.issues.at(-1)).toEqual({ message: '50 more problems not listed' });
  });
});
