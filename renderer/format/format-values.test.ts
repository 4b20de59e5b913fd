import { describe, expect, it } from 'vitest';
import { formatCount, formatSource, formatUtcTime, formatVolume } from './format-values.js';

describe('formatUtcTime', () => {
  it('formats in UTC whatever the offset of the input', () => {
    expect(formatUtcTime('2024-06-01T08:05:09Z')).toBe('2024-06-01 08:05:09');
    expect(formatUtcTime('2024-06-01T10:05:09.750+02:00')).toBe('2024-06-01 08:05:09');
    expect(formatUtcTime('2023-12-31T23:59:59Z')).toBe('2023-12-31 23:59:59');
  });

  it('handles missing and unparseable values', () => {
    expect(formatUtcTime(null)).toBe('');
    expect(formatUtcTime(undefined)).toBe('');
    expect(formatUtcTime('yesterday')).toBe('yesterday');
  });
});

describe('number and source formats', () => {
  it('formats counts and volumes', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(null)).toBe('');
    expect(formatVolume(2.5)).toBe('2.5');
    expect(formatVolume(1234.567)).toBe('1,234.57');
    expect(formatVolume(null)).toBe('');
  });

  it('names the source', () => {
    expect(formatSource('cytosense')).toBe('CytoSense');
    expect(formatSource('fcs')).toBe('FCS');
  });
});
