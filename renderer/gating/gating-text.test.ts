import { describe, expect, it } from 'vitest';
import { countWithPercent, formatPercent, formatPerMl, overridesText, volumeText } from './gating-text.js';

describe('gating numbers in words', () => {
  it('formats percentages', () => {
    expect(formatPercent(12.345)).toBe('12.3 %');
    expect(formatPercent(100)).toBe('100 %');
    expect(formatPercent(0.0456)).toBe('0.046 %');
    expect(formatPercent(0)).toBe('0 %');
    expect(formatPercent(Number.NaN)).toBe('');
    expect(countWithPercent(1234, 56.78)).toBe('1,234 (56.8 %)');
  });

  it('formats abundances per mL', () => {
    expect(formatPerMl(123456.7)).toBe('123,457');
    expect(formatPerMl(62)).toBe('62');
    expect(formatPerMl(1.23456)).toBe('1.23');
    expect(formatPerMl(null)).toBe('');
  });

  it('names overrides and volumes', () => {
    const names = new Map([['g1', 'Synechococcus']]);
    expect(overridesText({ g1: 2, g7: 1 }, (id) => names.get(id), (n) => `revision ${n}`)).toBe('Synechococcus (revision 2), g7 (revision 1)');
    expect(overridesText({}, () => undefined, String)).toBe('');
    expect(volumeText({ volume_uL: 500, volumeMethod: 'fcs-vol', dilutionFactor: 2 }, (m) => m.toUpperCase())).toBe('500.0 µL · FCS-VOL · ×2');
    expect(volumeText({ volume_uL: null, volumeMethod: null, dilutionFactor: 1 }, String)).toBe('');
  });
});
