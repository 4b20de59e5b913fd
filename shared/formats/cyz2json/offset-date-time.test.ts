import { describe, expect, it } from 'vitest';
import { offsetDateTimeToUtc } from './offset-date-time.js';

describe('offsetDateTimeToUtc', () => {
  it('converts .NET round-trip times with their offset', () => {
    // cyz2json measurementResults.start of the real key dictionary
    expect(offsetDateTimeToUtc('2025-02-13T14:28:04.646157+01:00')).toBe('2025-02-13T13:28:04.646Z');
    // CytoClus XPComment Date of the Cefas images
    expect(offsetDateTimeToUtc('2023-05-24T09:26:01.2613822+01:00')).toBe('2023-05-24T08:26:01.261Z');
    expect(offsetDateTimeToUtc('2023-12-31T23:30:00-05:30')).toBe('2024-01-01T05:00:00.000Z');
    expect(offsetDateTimeToUtc('2023-05-24T09:26:01Z')).toBe('2023-05-24T09:26:01.000Z');
    expect(offsetDateTimeToUtc('2023-05-24T09:26:01.9999+0100')).toBe('2023-05-24T08:26:02.000Z');
  });
  it('refuses times without offset and impossible dates', () => {
    expect(offsetDateTimeToUtc('2025-02-13T14:28:04.646157')).toBeNull();
    expect(offsetDateTimeToUtc('2025-02-30T14:28:04+01:00')).toBeNull();
    expect(offsetDateTimeToUtc('13/02/2025 14:28')).toBeNull();
    expect(offsetDateTimeToUtc('')).toBeNull();
  });
});
