import { describe, expect, it } from 'vitest';
import { CJD_UNITS, l20FlagMeanings, l20FlagValues, msToChronologicalJulianDay, timeConverter } from './sdn-netcdf-conventions';

describe('SDN NetCDF conventions', () => {
  it('converts to and from Chronological Julian Date like the fixture (2452254.728472 = 2001-12-10T17:29, diap.txt)', () => {
    const toMs = timeConverter(CJD_UNITS);
    expect(toMs).not.toBeNull();
    expect(Math.abs((toMs?.(2452254.728472) ?? 0) - Date.parse('2001-12-10T17:29:00Z'))).toBeLessThan(100);
    const ms = Date.parse('2024-05-09T10:45:12.345Z');
    expect(toMs?.(msToChronologicalJulianDay(ms))).toBe(ms);
    expect(msToChronologicalJulianDay(Date.parse('1970-01-01T00:00:00Z'))).toBe(2440588);
  });

  it('reads the CF time units in common use', () => {
    expect(timeConverter('seconds since 1970-01-01')?.(86400)).toBe(Date.parse('1970-01-02T00:00:00Z'));
    expect(timeConverter('days since 1950-01-01 00:00:00 UTC')?.(1)).toBe(Date.parse('1950-01-02T00:00:00Z'));
    expect(timeConverter('hours since 2000-01-01T00:00:00+01:00')?.(1)).toBe(Date.parse('2000-01-01T00:00:00Z'));
    // Year 1 (not 1901): 62135596800 s before the Unix epoch in the proleptic Gregorian calendar.
    expect(timeConverter('minutes since 0001-01-01 00:00')?.(0)).toBe(-62135596800000);
    expect(timeConverter('Chronological Julian Date')).toBeNull();
    expect(timeConverter('days since yesterday')).toBeNull();
    expect(timeConverter('fortnights since 1970-01-01')).toBeNull();
    expect(timeConverter('seconds since -4713-01-01T00:00:00Z')).toBeNull();
  });

  it('encodes every L20 v8 flag as the ASCII code of its character, with the L20 label as meaning', () => {
    expect(l20FlagValues).toEqual([48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 65, 66, 81]);
    expect(l20FlagMeanings[9]).toBe('missing_value');
    expect(l20FlagMeanings[12]).toBe('value_below_limit_of_quantification');
  });
});
