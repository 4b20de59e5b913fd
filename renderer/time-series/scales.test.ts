import { describe, expect, it } from 'vitest';
import { formatTickValue, linearScale, linearTicks, logScale, logTicks, niceStep, valueDomain } from './scales.js';

describe('scales', () => {
  it('maps linearly both ways, including an inverted pixel range (y grows downwards)', () => {
    const y = linearScale([0, 100], [300, 0]);
    expect(y(0)).toBe(300);
    expect(y(50)).toBe(150);
    expect(y.invert(75)).toBe(75);
  });

  it('maps decades evenly on a log scale', () => {
    const y = logScale([1, 1000], [300, 0]);
    expect(y(1)).toBe(300);
    expect(y(10)).toBeCloseTo(200);
    expect(y(100)).toBeCloseTo(100);
    expect(y.invert(100)).toBeCloseTo(100);
    expect(y(0)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('value ticks', () => {
  it('steps by 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(100, 5)).toBe(20);
    expect(niceStep(0.7, 5)).toBe(0.2);
    expect(niceStep(3000, 4)).toBe(1000);
  });

  it('gives round linear ticks without float noise', () => {
    expect(linearTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(linearTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearTicks(0.3, 0.9, 6)).toEqual([0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    expect(linearTicks(5, 5)).toEqual([5]);
    expect(linearTicks(2, 1)).toEqual([]);
  });

  it('gives powers of ten on a log axis, with 2 and 5 when few decades', () => {
    expect(logTicks(1, 10_000)).toEqual([1, 10, 100, 1000, 10_000]);
    expect(logTicks(10, 1000)).toEqual([10, 20, 50, 100, 200, 500, 1000]);
    expect(logTicks(0, 10)).toEqual([]);
  });
});

describe('value domain', () => {
  it('starts linear axes at zero and ends on a round value', () => {
    expect(valueDomain([30, 40, 37], 'linear')).toEqual([0, 40]);
    expect(valueDomain([12, 93], 'linear')).toEqual([0, 100]);
    expect(valueDomain([0, 0], 'linear')).toEqual([0, 1]);
  });

  it('spans whole decades on a log axis, ignoring zeros', () => {
    expect(valueDomain([0, 3, 450], 'log')).toEqual([1, 1000]);
    expect(valueDomain([100], 'log')).toEqual([100, 1000]);
    expect(valueDomain([0], 'log')).toBeNull();
    expect(valueDomain([], 'linear')).toBeNull();
  });
});

describe('tick labels', () => {
  it('are short', () => {
    expect(formatTickValue(0)).toBe('0');
    expect(formatTickValue(1200)).toBe('1,200');
    expect(formatTickValue(0.25)).toBe('0.25');
    expect(formatTickValue(2_500_000)).toBe('2.5e6');
    expect(formatTickValue(1e7)).toBe('1e7');
  });
});
