import { describe, expect, it } from 'vitest';
import { CurationError } from '../../api/errors.js';
import { Hyperlog } from './hyperlog.js';
import { Logicle, solveLogicleD } from './logicle.js';

// Gating-ML 2.0 specification, example values of its transforms (also used as test data by flowutils and
// others): x = −10, −5, −1, 0, 0.3, 1, 3, 10, 100, 1000, results rounded to 6 decimals.
const SPEC_X = [-10, -5, -1, 0, 0.3, 1, 3, 10, 100, 1000];
const SPEC_LOGICLE_1000_1_4_0 = [0.067574, 0.147986, 0.228752, 0.25, 0.256384, 0.271248, 0.312897, 0.432426, 0.739548, 1];
const SPEC_LOGICLE_1000_1_4_1 = [0.254059, 0.318389, 0.383001, 0.4, 0.405107, 0.416999, 0.450318, 0.545941, 0.791638, 1];
const SPEC_LOGICLE_1000_0_4_1 = [-0.200009, -0.139829, -0.000856, 0.2, 0.303776, 0.400856, 0.495521, 0.600009, 0.8, 1];

/**
 * Independent logicle: the Gating-ML formulas written out again, d by plain bisection, and the scale value by
 * bisection on the mirrored biexponential evaluated directly (no Taylor series, no Halley).
 */
function bisectionLogicle(T: number, W: number, M: number, A: number): { scale: (x: number) => number; B: (y: number) => number } {
  const w = W / (M + A);
  const x2 = A / (M + A);
  const x1 = x2 + w;
  const x0 = x2 + 2 * w;
  const b = (M + A) * Math.LN10;
  let d = b;
  if (w > 0) {
    let lo = 0;
    let hi = b;
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (2 * (Math.log(mid) - Math.log(b)) + w * (b + mid) < 0) lo = mid;
      else hi = mid;
    }
    d = (lo + hi) / 2;
  }
  const ca = Math.exp(x0 * (b + d));
  const fa = Math.exp(b * x1) - ca * Math.exp(-d * x1);
  const a = T / (Math.exp(b) - fa - ca * Math.exp(-d));
  const c = ca * a;
  const f = fa * a;
  const upper = (y: number): number => a * Math.exp(b * y) - c * Math.exp(-d * y) - f;
  const B = (y: number): number => (y >= x1 ? upper(y) : -upper(2 * x1 - y));
  const scale = (x: number): number => {
    let lo = -10;
    let hi = 10;
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (B(mid) < x) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  return { scale, B };
}

describe('logicle', () => {
  it('reproduces the Gating-ML 2.0 example values', () => {
    const cases: [Logicle, number[]][] = [
      [new Logicle(1000, 1, 4, 0), SPEC_LOGICLE_1000_1_4_0],
      [new Logicle(1000, 1, 4, 1), SPEC_LOGICLE_1000_1_4_1],
      [new Logicle(1000, 0, 4, 1), SPEC_LOGICLE_1000_0_4_1],
    ];
    for (const [logicle, expected] of cases) {
      SPEC_X.forEach((x, i) => expect(logicle.scale(x), `logicle(${x}; ${logicle.T}, ${logicle.W}, ${logicle.M}, ${logicle.A})`).toBeCloseTo(expected[i]!, 6));
    }
  });

  describe('T = 262144, W = 0.5, M = 4.5, A = 0 (the usual 18-bit scale)', () => {
    const logicle = new Logicle(262144, 0.5, 4.5, 0);
    const reference = bisectionLogicle(262144, 0.5, 4.5, 0);

    it('puts zero at W/(M+A) = 1/9 and T at exactly 1', () => {
      expect(logicle.scale(0)).toBe(0.5 / 4.5);
      expect(logicle.x1).toBe(0.5 / 4.5);
      expect(logicle.scale(262144)).toBeCloseTo(1, 14);
      expect(logicle.inverse(1)).toBeCloseTo(262144, 8);
      expect(logicle.inverse(0.5 / 4.5)).toBe(0);
    });

    it('agrees with bisection on the biexponential to 1e-9', () => {
      // Data values from the negative tail through the quasi-linear region to beyond the top of scale
      const values = [-2000, -100, -10, -1, -1e-3, 1e-6, 0.01, 0.5, 1, 7, 42, 100, 333, 1000, 5000, 12345.6, 1e5, 262144, 1e6, 3e7];
      for (const v of values) expect(Math.abs(logicle.scale(v) - reference.scale(v)), `logicle(${v})`).toBeLessThan(1e-9);
      // …and the inverse is the biexponential itself
      for (const y of [-0.2, 0, 0.05, 0.1111, 0.12, 0.14, 0.3, 0.6, 0.9, 1, 1.2]) {
        const B = reference.B(y);
        expect(Math.abs(logicle.inverse(y) - B), `B(${y})`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(B)));
      }
    });

    it('hand-checked values: the 4.5-decade scale is log-like at the top', () => {
      // Far above the linear region the scale tends to a log of M + A = 4.5 decades: the decade above T takes
      // 1/4.5 of the display to within 4e-5 (the constant f = −110.9 still shifts it a little there)
      expect(logicle.scale(2_621_440) - logicle.scale(262_144)).toBeCloseTo(1 / 4.5, 4);
      expect(logicle.scale(262_144) - logicle.scale(26_214.4)).toBeGreaterThan(1 / 4.5);
      // Mirror symmetry about data zero
      expect(logicle.scale(-500) + logicle.scale(500)).toBeCloseTo(2 / 9, 14);
    });

    it('is strictly increasing', () => {
      let previous = -Infinity;
      for (let i = 0; i <= 100_000; i++) {
        // −10,000 … 300,000 with finer steps near zero (where the two exponentials meet)
        const u = i / 100_000;
        const v = u < 0.5 ? -10_000 * (1 - 2 * u) ** 3 : 300_000 * (2 * u - 1) ** 3;
        const s = logicle.scale(v);
        if (v !== 0 && !(s > previous)) expect.fail(`not increasing at ${v}: ${s} ≤ ${previous}`);
        previous = s;
      }
    });

    it('round-trips data → display → data to 1e-9 relative (1e-9 absolute near zero)', () => {
      let worst = 0;
      for (let v = -10_000; v <= 300_000; v += 1.37) {
        const back = logicle.inverse(logicle.scale(v));
        worst = Math.max(worst, Math.abs(back - v) / (Math.abs(v) + 1));
      }
      for (const v of [1e-12, 1e-9, 1e-6, 1e-3, -1e-3, 1e8, 1e12, 3.4e38]) {
        expect(Math.abs(logicle.inverse(logicle.scale(v)) - v)).toBeLessThanOrEqual(1e-9 * Math.abs(v) + 1e-9);
      }
      expect(worst).toBeLessThan(1e-9);
    });

    it('round-trips display → data → display to 1e-12', () => {
      for (let s = -0.5; s <= 1.5; s += 0.001) expect(Math.abs(logicle.scale(logicle.inverse(s)) - s)).toBeLessThan(1e-12);
    });
  });

  it('with W = 0 is the Gating-ML arcsinh, and matches bisection for other shapes', () => {
    const logicle = new Logicle(10_000, 0, 4.5, 0.5);
    const M = 4.5;
    const A = 0.5;
    const fasinh = (x: number): number => (Math.asinh((x * Math.sinh(M * Math.LN10)) / 10_000) + A * Math.LN10) / ((M + A) * Math.LN10);
    for (const v of [-1000, -3, 0, 0.1, 2, 50, 777, 10_000]) expect(logicle.scale(v)).toBeCloseTo(fasinh(v), 12);
    // Wide linear region (W = M/2, Moore & Parks' worst case near zero) and negative A
    for (const [T, W, Mx, Ax] of [
      [10_000, 2.5, 5, 0],
      [10_000, 1, 4.5, -1],
      [1, 0.5, 4.5, 0],
    ] as const) {
      const ours = new Logicle(T, W, Mx, Ax);
      const ref = bisectionLogicle(T, W, Mx, Ax);
      for (const v of [-T, -T / 100, 0, T / 1e5, T / 1000, T / 10, T]) expect(Math.abs(ours.scale(v) - ref.scale(v)), `${T},${W},${Mx},${Ax} at ${v}`).toBeLessThan(1e-9);
    }
  });

  it('solves the logicle condition for d', () => {
    const b = 4.5 * Math.LN10;
    for (const w of [0.001, 0.05, 0.1, 0.25, 0.5]) {
      const d = solveLogicleD(b, w);
      expect(d).toBeGreaterThan(0);
      expect(d).toBeLessThanOrEqual(b);
      expect(Math.abs(2 * (Math.log(d) - Math.log(b)) + w * (b + d))).toBeLessThan(1e-13);
    }
    expect(solveLogicleD(b, 0)).toBe(b);
  });

  it('passes NaN and ±Infinity through', () => {
    const logicle = new Logicle(262144, 0.5, 4.5, 0);
    expect(logicle.scale(Number.NaN)).toBeNaN();
    expect(logicle.scale(Infinity)).toBe(Infinity);
    expect(logicle.scale(-Infinity)).toBe(-Infinity);
    expect(logicle.inverse(Number.NaN)).toBeNaN();
    expect(logicle.inverse(Infinity)).toBe(Infinity);
    expect(logicle.inverse(-Infinity)).toBe(-Infinity);
  });

  it('rejects parameters outside the Gating-ML constraints, naming the parameter', () => {
    const fieldOf = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (err) {
        expect(err).toBeInstanceOf(CurationError);
        expect((err as CurationError).code).toBe('invalid-input');
        return (err as CurationError).field;
      }
      return undefined;
    };
    expect(fieldOf(() => new Logicle(0, 0.5, 4.5, 0))).toBe('T');
    expect(fieldOf(() => new Logicle(262144, -0.1, 4.5, 0))).toBe('W');
    expect(fieldOf(() => new Logicle(262144, 3, 4.5, 0))).toBe('W'); // W > M/2
    expect(fieldOf(() => new Logicle(262144, 0.5, 0, 0))).toBe('M');
    expect(fieldOf(() => new Logicle(262144, 0.5, 4.5, -1))).toBe('A'); // A < −W
    expect(fieldOf(() => new Logicle(262144, 0.5, 4.5, 4))).toBe('A'); // A > M − 2W
    expect(fieldOf(() => new Logicle(Number.NaN, 0.5, 4.5, 0))).toBe('T');
    expect(fieldOf(() => new Hyperlog(262144, 0, 4.5, 0))).toBe('W'); // hyperlog needs W > 0
  });
});
