import { describe, expect, it } from 'vitest';
import { CurationError } from '../api/errors.js';
import { compileAxisTransform, linearAxis } from '../gating/axes/axis-transform.js';
import { PERCENTILE_SAMPLES, percentileDisplayRange, resolveDisplayRange, selectRank } from './axis-range.js';

const linear1000 = compileAxisTransform(linearAxis(0, 1000));
const log5 = compileAxisTransform({ type: 'log', T: 1e5, M: 5 });

describe('axis ranges', () => {
  it('takes nearest-rank percentiles of the data and transforms them', () => {
    const values = Float32Array.from({ length: 1000 }, (_, i) => i + 1); // 1 … 1000
    // rank round(0.10 · 999) = 100 → 101; rank round(0.90 · 999) = 899 → 900; display = value / 1000
    expect(percentileDisplayRange(values, linear1000, { percentiles: [10, 90], margin: 0 })).toEqual([0.101, 0.9]);
    const [lo, hi] = percentileDisplayRange(values, linear1000, { percentiles: [10, 90], margin: 0.02 });
    expect(lo).toBeCloseTo(0.101 - 0.02 * 0.799, 12);
    expect(hi).toBeCloseTo(0.9 + 0.02 * 0.799, 12);
  });

  it("'auto' is the 0.1th–99.9th percentile plus 2 % on a log axis", () => {
    const values = Float32Array.from({ length: 1001 }, (_, i) => 10 ** (i / 250)); // display = i / 1250
    const [lo, hi] = resolveDisplayRange(values, log5, 'auto');
    // ranks round(0.001 · 1000) = 1 and round(0.999 · 1000) = 999
    const span = (999 - 1) / 1250;
    expect(lo).toBeCloseTo(1 / 1250 - 0.02 * span, 6);
    expect(hi).toBeCloseTo(999 / 1250 + 0.02 * span, 6);
    expect(resolveDisplayRange(values, log5, undefined)).toEqual([0, 1]);
    expect(resolveDisplayRange(values, log5, [0.2, 0.7])).toEqual([0.2, 0.7]);
  });

  it('ignores values outside the domain and non-finite ones; falls back to [0, 1] when nothing is left', () => {
    const values = Float32Array.from([0, -5, Number.NaN, Infinity, 100, 1000]);
    expect(percentileDisplayRange(values, log5, { percentiles: [0, 100], margin: 0 })).toEqual([0.4, 0.6]);
    expect(percentileDisplayRange(Float32Array.from([0, -1, Number.NaN]), log5, { percentiles: [0, 100] })).toEqual([0, 1]);
    expect(percentileDisplayRange(new Float32Array(0), log5, { percentiles: [0, 100] })).toEqual([0, 1]);
  });

  it('widens a range whose data are all one value', () => {
    const [lo, hi] = percentileDisplayRange(Float32Array.from([500, 500, 500]), linear1000, { percentiles: [1, 99], margin: 0 });
    expect(lo).toBeCloseTo(0.45, 12);
    expect(hi).toBeCloseTo(0.55, 12);
  });

  it('uses only masked events, and samples large inputs across their whole length', () => {
    const values = Float32Array.from({ length: 1000 }, (_, i) => i + 1);
    const mask = Uint8Array.from({ length: 1000 }, (_, i) => (i >= 499 ? 1 : 0)); // 500 … 1000
    expect(percentileDisplayRange(values, linear1000, { percentiles: [0, 100], margin: 0 }, mask)).toEqual([0.5, 1]);
    const n = 300_000;
    const big = Float32Array.from({ length: n }, (_, i) => i);
    const t = compileAxisTransform(linearAxis(0, n));
    const [lo, hi] = percentileDisplayRange(big, t, { percentiles: [0, 100], margin: 0 });
    // stride ⌈300000 / 65536⌉ = 5: samples 0, 5, …, 299995
    expect(Math.ceil(n / PERCENTILE_SAMPLES)).toBe(5);
    expect([lo, hi]).toEqual([0, 299_995 / n]);
  });

  it('selectRank finds the same order statistics as sorting', () => {
    const seed = 777;
    console.log(`selectRank seed ${seed}`);
    let state = seed;
    const random = (): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 4294967296;
    };
    const inputs: number[][] = [
      Array.from({ length: 1000 }, () => random() * 100),
      Array.from({ length: 1000 }, () => Math.floor(random() * 4)), // many duplicates
      Array.from({ length: 500 }, (_, i) => i), // sorted
      Array.from({ length: 500 }, (_, i) => 500 - i), // reversed
      Array.from({ length: 300 }, () => 7), // all equal
      [3],
      [2, 1],
    ];
    for (const input of inputs) {
      const sorted = [...input].sort((a, b) => a - b);
      for (const k of [0, 1, Math.floor(input.length / 3), input.length - 2, input.length - 1]) {
        if (k < 0 || k >= input.length) continue;
        const a = Float64Array.from(input);
        expect(selectRank(a, k, 0, a.length - 1)).toBe(sorted[k]);
        for (let i = 0; i < k; i++) if (a[i]! > sorted[k]!) expect.fail(`a[${i}] > the rank-${k} value`);
        for (let i = k + 1; i < a.length; i++) if (a[i]! < sorted[k]!) expect.fail(`a[${i}] < the rank-${k} value`);
      }
    }
  });

  it('refuses nonsense percentiles', () => {
    expect(() => percentileDisplayRange(new Float32Array(1), linear1000, { percentiles: [50, 50] })).toThrow(CurationError);
    expect(() => percentileDisplayRange(new Float32Array(1), linear1000, { percentiles: [-1, 50] })).toThrow(/0 ≤ low < high ≤ 100/);
    expect(() => percentileDisplayRange(new Float32Array(1), linear1000, { percentiles: [1, 99], margin: -0.1 })).toThrow(/margin/);
  });
});
