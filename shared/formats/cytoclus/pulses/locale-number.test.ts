import { describe, expect, it } from 'vitest';
import { parseLocaleNumber, parseNumberRange } from './locale-number.js';

describe('parseLocaleNumber', () => {
  it('reads CytoClus numbers in both locales, E-notation included', () => {
    expect(parseLocaleNumber('13', '.')).toBe(13);
    expect(parseLocaleNumber('0.03125', '.')).toBe(0.03125);
    expect(parseLocaleNumber('-0.005307', '.')).toBe(-0.005307);
    expect(parseLocaleNumber('6.421E+06', '.')).toBe(6421000);
    expect(parseLocaleNumber('1,695E+05', ',')).toBe(169500);
    expect(parseLocaleNumber('-1,234E-07', ',')).toBe(-1.234e-7);
    expect(parseLocaleNumber('1,226E-13', ',')).toBe(1.226e-13);
    expect(parseLocaleNumber('23,82', ',')).toBe(23.82);
    expect(parseLocaleNumber('2.5', ',')).toBe(2.5);
    expect(parseLocaleNumber('5.', '.')).toBe(5);
    expect(parseLocaleNumber('.5', '.')).toBe(0.5);
    expect(parseLocaleNumber('+7', '.')).toBe(7);
    expect(parseLocaleNumber('1.081615E-06', '.')).toBe(1.081615e-6);
    expect(parseLocaleNumber('0.00000000000000000001234', '.')).toBe(1.234e-20);
  });

  it('refuses everything else', () => {
    for (const bad of ['', ' ', '-', '.', 'NA', 'NaN', 'Infinity', '0x10', '1e', '1e+', '1.2.3', '1,5', '1 000', ' 5', '5 ', '1,2,3', '--1', 'E5']) {
      expect(parseLocaleNumber(bad, '.'), bad).toBeNaN();
    }
    expect(parseLocaleNumber('1,2,3', ',')).toBeNaN();
    expect(parseLocaleNumber('1.234,5', ',')).toBeNaN();
  });

  it('matches Number() exactly on random values (seeded)', () => {
    const seed = Date.now() % 1_000_000;
    console.log(`locale-number seed ${seed}`);
    let a = seed;
    const rnd = () => {
      a = (a * 1103515245 + 12345) % 2147483648;
      return a / 2147483648;
    };
    for (let k = 0; k < 4000; k++) {
      const v = (rnd() - 0.5) * 10 ** Math.floor(rnd() * 30 - 15);
      for (const text of [String(v), v.toPrecision(4), v.toExponential(3).toUpperCase(), v.toFixed(Math.floor(rnd() * 8))]) {
        expect(parseLocaleNumber(text, '.'), `${text} seed ${seed}`).toBe(Number(text));
        expect(parseLocaleNumber(text.replace('.', ','), ','), `${text} seed ${seed}`).toBe(Number(text));
      }
    }
  });

  it('parses a range inside a longer line', () => {
    const line = '63;12,04;-0,3923';
    expect(parseNumberRange(line, 3, 8, 44)).toBe(12.04);
    expect(parseNumberRange(line, 9, line.length, 44)).toBe(-0.3923);
  });
});
