import { describe, expect, it } from 'vitest';
import { flagColour, legendEntries, toneColours } from './flag-colour.js';

describe('point colours', () => {
  it('follow the flag chips: 1 green, 2 light green, 3 orange, 4 red, others and none grey', () => {
    expect(flagColour('1').fill).toBe('#2e8b57');
    expect(flagColour('2').fill).toBe('#c9ecc9');
    expect(flagColour('3').fill).toBe('#f5a340');
    expect(flagColour('4').fill).toBe('#c62828');
    for (const other of ['0', '5', '9', 'A', 'Q', null, undefined]) expect(flagColour(other)).toBe(toneColours.other);
  });

  it('list the legend entries present, coloured codes first', () => {
    expect(legendEntries(['4', null, '1', '9', '4', 'A'])).toEqual([{ kind: 'flag', code: '1' }, { kind: 'flag', code: '4' }, { kind: 'other' }, { kind: 'none' }]);
    expect(legendEntries([])).toEqual([]);
  });
});
