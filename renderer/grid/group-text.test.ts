import { describe, expect, it } from 'vitest';
import { formatAbundance, groupsText } from './group-text.js';

describe('group text', () => {
  it('lists each group with its count, and its abundance when known', () => {
    expect(
      groupsText([
        { name: 'Synechococcus', set: 'Synechococcus', count: 30, abundancePerMl: 60 },
        { name: 'Picoeukaryotes', set: 'Pico euk', count: 5, abundancePerMl: null },
      ]),
    ).toBe('Synechococcus 30 (60 /mL) · Picoeukaryotes 5');
    expect(groupsText([])).toBe('');
    expect(groupsText(undefined)).toBe('');
  });

  it('rounds abundances', () => {
    expect(formatAbundance(1234.6)).toBe('1,235 /mL');
    expect(formatAbundance(null)).toBe('');
  });
});
