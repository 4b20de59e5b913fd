import { describe, expect, it } from 'vitest';
import { linearAxis, logAxis } from '../gating/axes/axis-transform.js';
import { binHistogram1d } from './histogram-1d.js';

describe('binHistogram1d', () => {
  it('bins hand-made values on a log axis, counting what it leaves out', () => {
    // 1 … 10^4 in 4 bins: [1, 10) [10, 100) [100, 1000) [1000, 10^4]
    const values = Float32Array.from([2, 5, 10, 99, 100, 5000, 1e4, 0, -1, 0.5, 2e4, Number.NaN, -Infinity]);
    const h = binHistogram1d({ values, axis: { transform: logAxis(1, 1e4) }, bins: 4 });
    expect(Array.from(h.counts)).toEqual([2, 2, 1, 2]);
    expect([h.total, h.binned, h.nonFinite, h.outOfDomain, h.outOfRange, h.max]).toEqual([13, 7, 2, 2, 2, 2]);
    expect(h.axis.bins).toBe(4);
    expect(h.axis.edges[2]).toBeCloseTo(100, 10);
  });

  it('linear axis with a mask and a sub-range', () => {
    const values = Float32Array.from([-5, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const mask = Uint8Array.from([1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1]);
    // Axis −10 … 10, shown from display 0.5 (data 0) to 1 (data 10) in 5 bins of 2
    const h = binHistogram1d({ values, axis: { transform: linearAxis(-10, 10), range: [0.5, 1] }, bins: 5, mask });
    expect(Array.from(h.axis.edges)).toEqual([0, 2, 4, 6, 8, 10]);
    // 5 and 6 are masked out: [0,2) 0 1 | [2,4) 2 3 | [4,6) 4 | [6,8) 7 | [8,10] 8 9 10
    expect(Array.from(h.counts)).toEqual([2, 2, 1, 1, 3]);
    expect(h.total).toBe(10);
    expect(h.outOfRange).toBe(1); // −5
  });

  it('default 256 bins and [0, 1] range; an empty input is all zeros', () => {
    const h = binHistogram1d({ values: new Float32Array(0), axis: { transform: logAxis(1, 1e6) } });
    expect(h.counts.length).toBe(256);
    expect(h.axis.range).toEqual([0, 1]);
    expect([h.total, h.binned, h.max]).toEqual([0, 0, 0]);
  });
});
