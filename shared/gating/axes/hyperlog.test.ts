import { describe, expect, it } from 'vitest';
import { Hyperlog } from './hyperlog.js';

// Gating-ML 2.0 specification, example values of hyperlog(x; T = 1000, W = 1, M = 4, A = 0), 6 decimals
const SPEC_X = [-10, -5, -1, 0, 0.3, 1, 3, 10, 100, 1000];
const SPEC_HYPERLOG_1000_1_4_0 = [0.083554, 0.155868, 0.229477, 0.25, 0.256239, 0.270523, 0.309092, 0.416446, 0.731875, 1];

describe('hyperlog', () => {
  it('reproduces the Gating-ML 2.0 example values', () => {
    const hyperlog = new Hyperlog(1000, 1, 4, 0);
    SPEC_X.forEach((x, i) => expect(hyperlog.scale(x), `hyperlog(${x})`).toBeCloseTo(SPEC_HYPERLOG_1000_1_4_0[i]!, 6));
  });

  it('agrees with bisection on EH, round-trips and increases', () => {
    const hyperlog = new Hyperlog(262144, 0.5, 4.5, 0);
    const { a, b, c, f, x1 } = hyperlog;
    const upper = (y: number): number => a * Math.exp(b * y) + c * y - f;
    const EH = (y: number): number => (y >= x1 ? upper(y) : -upper(2 * x1 - y));
    const bisect = (x: number): number => {
      let lo = -10;
      let hi = 10;
      for (let i = 0; i < 200; i++) {
        const mid = (lo + hi) / 2;
        if (EH(mid) < x) lo = mid;
        else hi = mid;
      }
      return (lo + hi) / 2;
    };
    expect(hyperlog.scale(0)).toBe(x1);
    expect(hyperlog.scale(262144)).toBeCloseTo(1, 13);
    for (const v of [-5000, -10, -0.01, 1e-6, 0.3, 12, 450, 9000, 262144, 1e7]) expect(Math.abs(hyperlog.scale(v) - bisect(v)), `hyperlog(${v})`).toBeLessThan(1e-9);
    let previous = -Infinity;
    let worst = 0;
    for (let v = -5000; v <= 300_000; v += 3.1) {
      const s = hyperlog.scale(v);
      if (!(s > previous)) expect.fail(`not increasing at ${v}`);
      previous = s;
      worst = Math.max(worst, Math.abs(hyperlog.inverse(s) - v) / (Math.abs(v) + 1));
    }
    expect(worst).toBeLessThan(1e-9);
  });
});
