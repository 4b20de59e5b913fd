import { describe, expect, it } from 'vitest';
import { parseNumberText, parseParticleIdText, parseTimeOfDay, splitDelimitedLine } from './listmode-cell.js';

describe('splitDelimitedLine', () => {
  it('splits plain fields, keeping empty ones', () => {
    expect(splitDelimitedLine('63,18,,0.1873', ',')).toEqual({ fields: ['63', '18', '', '0.1873'], unclosedQuote: false });
    expect(splitDelimitedLine('', ';')).toEqual({ fields: [''], unclosedQuote: false });
    expect(splitDelimitedLine('a;', ';')).toEqual({ fields: ['a', ''], unclosedQuote: false });
  });
  it('reads quoted fields holding the delimiter and "" escapes', () => {
    expect(splitDelimitedLine('"Particle ID","Fl Red, left Total","say ""hi""",3', ',')).toEqual({
      fields: ['Particle ID', 'Fl Red, left Total', 'say "hi"', '3'],
      unclosedQuote: false,
    });
    expect(splitDelimitedLine('"1,5";"2"', ';')).toEqual({ fields: ['1,5', '2'], unclosedQuote: false });
    expect(splitDelimitedLine('""', ',')).toEqual({ fields: [''], unclosedQuote: false });
    expect(splitDelimitedLine(' "1,5" ;2', ';')).toEqual({ fields: ['1,5 ', '2'], unclosedQuote: false });
  });
  it('reports an unclosed quote', () => {
    expect(splitDelimitedLine('1,"abc', ',')).toEqual({ fields: ['1', 'abc'], unclosedQuote: true });
  });
});

describe('parseNumberText', () => {
  it.each([
    ['4866', '.', 4866],
    ['0.1873', '.', 0.1873],
    ['6.421E+06', '.', 6.421e6],
    ['6,421E+06', ',', 6.421e6], // decimal comma inside E notation (§3.2)
    ['-1,234E-07', ',', -1.234e-7],
    ['1,226E-13', ',', 1.226e-13],
    ['1.081615E-06', '.', 1.081615e-6],
    ['8123378', '.', 8123378],
    [' 12.5 ', '.', 12.5],
    ['+3', '.', 3],
    ['.5', '.', 0.5],
    ['5.', '.', 5],
    ['1e5', '.', 1e5],
    ['-0', '.', -0],
    ['1.5', ',', 1.5], // a point is read in the decimal-comma locale too (no thousands separators exist)
  ])('%s (decimal %s) → %d', (text, decimal, value) => {
    expect(parseNumberText(text, decimal as '.' | ',')).toBe(value);
  });
  it.each([
    ['', '.'],
    [' ', '.'],
    ['abc', '.'],
    ['1,5', '.'], // decimal comma in a point-decimal file
    ['1,2,3', ','],
    ['1,2.3', ','],
    ['0x1A', '.'],
    ['Infinity', '.'],
    ['NaN', '.'],
    ['NA', '.'],
    ['1E', '.'],
    ['1E+', '.'],
    ['.', '.'],
    ['-', '.'],
    ['1 2', '.'],
  ])('%j (decimal %s) is not a number', (text, decimal) => {
    expect(parseNumberText(text, decimal as '.' | ',')).toBeUndefined();
  });
});

describe('parseTimeOfDay', () => {
  it('reads HH:mm:ss.fff as seconds since 00:00:00', () => {
    expect(parseTimeOfDay('00:00:00.010')).toBeCloseTo(0.01, 12); // rclustool/sample_example_features.csv row 1
    expect(parseTimeOfDay('09:23:01')).toBe(9 * 3600 + 23 * 60 + 1);
    expect(parseTimeOfDay('9:23:01,5')).toBe(9 * 3600 + 23 * 60 + 1.5);
  });
  it('refuses anything else', () => {
    for (const t of ['12:60:00', '12:00', '2023-05-24 09:23:01', 'abc', '']) expect(parseTimeOfDay(t)).toBeUndefined();
  });
});

describe('parseParticleIdText', () => {
  it('accepts non-negative integers that fit 32 bits, 0 included', () => {
    expect(parseParticleIdText('0')).toBe(0);
    expect(parseParticleIdText(' 63 ')).toBe(63);
    expect(parseParticleIdText('4294967295')).toBe(4294967295);
  });
  it('refuses the rest', () => {
    for (const t of ['-1', '1.5', '1E3', '', 'abc', '4294967296', '12345678901']) expect(parseParticleIdText(t)).toBeUndefined();
  });
});
