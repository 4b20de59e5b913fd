import { describe, expect, it } from 'vitest';
import { formatOdvNumber, parseOdvNumber } from './odv-number.js';

describe('formatOdvNumber', () => {
  it('writes the shortest round-trip decimal without exponent, sign or padding', () => {
    expect(
      [0, -0, 1, -1, 12345, 2301.5, 0.1 + 0.2, 123456789.123, 0.000012, -42.5].map(formatOdvNumber),
    ).toEqual(['0', '0', '1', '-1', '12345', '2301.5', '0.30000000000000004', '123456789.123', '0.000012', '-42.5']);
  });

  it('expands what JavaScript would write with an exponent', () => {
    expect(formatOdvNumber(1e-7)).toBe('0.0000001');
    expect(formatOdvNumber(-1.25e-7)).toBe('-0.000000125');
    expect(formatOdvNumber(1.5e21)).toBe('1500000000000000000000');
    expect(formatOdvNumber(1e21)).toBe('1' + '0'.repeat(21));
    expect(formatOdvNumber(1.2345e22)).toBe('12345' + '0'.repeat(18));
    expect(formatOdvNumber(5e-324)).toBe(`0.${'0'.repeat(323)}5`);
  });

  it('reads back to the same double', () => {
    for (const n of [1e-7, 1.5e21, 5e-324, 1.7976931348623157e308, 2 ** 53 + 2, -3.14159e-9, 0.1 + 0.2]) {
      const text = formatOdvNumber(n);
      expect(text).not.toMatch(/[eE+]/);
      expect(Number(text)).toBe(n);
      expect(parseOdvNumber(text)).toBe(n);
    }
  });

  it('has no form for non-finite numbers', () => {
    expect(() => formatOdvNumber(Number.NaN)).toThrow(RangeError);
    expect(() => formatOdvNumber(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('parseOdvNumber', () => {
  it('accepts what valid SeaDataNet files contain', () => {
    // From diap.txt ("+166.747000", "-21.951667 ", "   9.9") and julianDate.txt ("2450516,459062", " +0.082").
    expect(['+166.747000', '-21.951667 ', '   9.9', '2450516,459062', ' +0.082', '1e3', '.5', '5.'].map(parseOdvNumber)).toEqual([
      166.747, -21.951667, 9.9, 2450516.459062, 0.082, 1000, 0.5, 5,
    ]);
  });

  it('gives null for empty cells and for what is not a number', () => {
    expect(['', ' ', 'abc', '1,234,5', '1.234,5', '12a', 'NaN', 'Infinity', '--1', '1e999', '0x10'].map(parseOdvNumber)).toEqual(
      Array(11).fill(null),
    );
  });
});
