import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-bytes.js';

describe('formatBytes', () => {
  it('uses decimal units', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(718)).toBe('718 bytes');
    expect(formatBytes(367_583)).toBe('368 kB');
    expect(formatBytes(2_570_045)).toBe('2.6 MB');
    expect(formatBytes(12_300_000_000)).toBe('12.3 GB');
  });

  it('leaves unknown sizes empty', () => {
    expect(formatBytes(null)).toBe('');
    expect(formatBytes(Number.NaN)).toBe('');
  });
});
