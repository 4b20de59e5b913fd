import { describe, expect, it } from 'vitest';
import { isValidTimeZone, localTimeToUtc, offsetTimeToUtc } from './time-zone.js';

describe('instrument local time to UTC', () => {
  it('uses the zone, not the machine zone', () => {
    // Marseille, summer time (UTC+2) and winter time (UTC+1).
    expect(localTimeToUtc('2023-05-24T09:26:01', 'Europe/Paris')).toBe('2023-05-24T07:26:01Z');
    expect(localTimeToUtc('2024-01-15T06:00:00', 'Europe/Paris')).toBe('2024-01-15T05:00:00Z');
    expect(localTimeToUtc('2023-05-24T09:26:01', 'Europe/London')).toBe('2023-05-24T08:26:01Z');
    expect(localTimeToUtc('2023-05-24T09:26:01', 'UTC')).toBe('2023-05-24T09:26:01Z');
    expect(localTimeToUtc('2023-05-24T09:26:01', '+01:00')).toBe('2023-05-24T08:26:01Z');
    expect(localTimeToUtc('2023-05-24T01:00:00', '-03:30')).toBe('2023-05-24T04:30:00Z');
    expect(localTimeToUtc('2023-12-31T23:30:00.250', '+01:00')).toBe('2023-12-31T22:30:00.250Z');
  });

  it('handles daylight-saving transitions deterministically', () => {
    // 2024-10-27 03:00 CEST -> 02:00 CET: 02:30 happens twice; the earlier (CEST) instant is chosen.
    expect(localTimeToUtc('2024-10-27T02:30:00', 'Europe/Paris')).toBe('2024-10-27T00:30:00Z');
    // 2024-03-31 02:00 CET -> 03:00 CEST: 02:30 does not exist; read with the offset before the change.
    expect(localTimeToUtc('2024-03-31T02:30:00', 'Europe/Paris')).toBe('2024-03-31T01:30:00Z');
    expect(localTimeToUtc('2024-03-31T03:30:00', 'Europe/Paris')).toBe('2024-03-31T01:30:00Z');
  });

  it('refuses what it does not understand', () => {
    expect(localTimeToUtc('24/05/2023 09:26', 'UTC')).toBeNull();
    expect(localTimeToUtc('2023-05-24T09:26:01', 'Mars/Olympus')).toBeNull();
    expect(isValidTimeZone('+15:00')).toBe(false);
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
  });

  it('reads explicit offsets (cyz2json, EXIF)', () => {
    expect(offsetTimeToUtc('2023-05-24T09:26:01+01:00')).toBe('2023-05-24T08:26:01Z');
    expect(offsetTimeToUtc('2023-05-24T09:26:01Z')).toBe('2023-05-24T09:26:01Z');
    expect(offsetTimeToUtc('2023-05-24T09:26:01')).toBeNull();
  });
});
