import { describe, expect, it } from 'vitest';
import { defaultFlagMappings, isValidFlag, mappingProblems, toL20 } from './flag-schemes.js';

describe('flag schemes', () => {
  it('validate codes per scheme', () => {
    expect(isValidFlag({ scheme: 'L20', code: 'Q' })).toBe(true);
    expect(isValidFlag({ scheme: 'L20', code: 'C' })).toBe(false);
    expect(isValidFlag({ scheme: 'QARTOD', code: '5' })).toBe(false);
    expect(isValidFlag({ scheme: 'SOMLIT', code: '8' })).toBe(true);
  });
  it('map SOMLIT and QARTOD to L20 with the recommended defaults (formats-seadatanet.md §3.3, §3.4)', () => {
    expect(toL20({ scheme: 'SOMLIT', code: '0' })).toBe('6'); // below detection
    expect(toL20({ scheme: 'SOMLIT', code: '2' })).toBe('1');
    expect(toL20({ scheme: 'SOMLIT', code: '8' })).toBe('0');
    expect(toL20({ scheme: 'QARTOD', code: '2' })).toBe('0');
    expect(toL20({ scheme: 'QARTOD', code: '3' })).toBe('3');
    expect(toL20({ scheme: 'L20', code: '4' })).toBe('4');
    expect(mappingProblems(defaultFlagMappings)).toEqual([]);
  });
  it('use an edited table, and name what is wrong in one', () => {
    const tables = { ...defaultFlagMappings, QARTOD: { ...defaultFlagMappings.QARTOD, '3': '2' } };
    expect(toL20({ scheme: 'QARTOD', code: '3' }, tables)).toBe('2');
    const broken = { SOMLIT: { ...defaultFlagMappings.SOMLIT, '3': 'X' }, QARTOD: { '1': '1' } };
    expect(mappingProblems(broken)).toEqual(expect.arrayContaining(['SOMLIT 3 maps to "X", which is not an L20 code', 'QARTOD 9 (missing data) has no L20 code']));
  });
});
