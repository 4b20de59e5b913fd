import { describe, expect, it } from 'vitest';
import { CurationError } from '../api/errors.js';
import { ratioValues } from '../gating/axes/axis-parameter.js';
import type { AxisTransform } from '../gating/axes/axis-transform.js';
import { compileAxisTransform, linearAxis, logAxis } from '../gating/axes/axis-transform.js';
import { percentileDisplayRange } from './axis-range.js';
import type { Density2d } from './density-2d.js';
import { binDensity2d } from './density-2d.js';
import { seededRandom } from '../random/seeded-random.js';

/** Non-empty bins as "ix,iy:count", for readable expectations. */
function nonEmpty(d: Density2d): string[] {
  const out: string[] = [];
  for (let iy = 0; iy < d.ny; iy++) for (let ix = 0; ix < d.nx; ix++) if (d.counts[iy * d.nx + ix]) out.push(`${ix},${iy}:${d.counts[iy * d.nx + ix]}`);
  return out;
}

describe('binDensity2d', () => {
  it('bins a hand-made set on linear axes: edges belong to the upper bin, the top edge to the last', () => {
    // Both axes 0…4 in 4 bins: edges 0, 1, 2, 3, 4
    const points: [number, number][] = [
      [0.5, 0.5], // (0,0)
      [1, 1], // (1,1): on an edge → upper bin
      [3.99, 0], // (3,0)
      [4, 4], // (3,3): the top edge is in the last bin
      [2.5, 1.5], // (2,1)
      [2.5, 1.5], // (2,1) again
      [-0.001, 1], // out of range
      [4.001, 1], // out of range
      [Number.NaN, 1], // not finite
      [1, Infinity], // not finite
      [-Infinity, 7], // not finite (even though y is out of range too)
    ];
    const d = binDensity2d({
      x: Float32Array.from(points.map((p) => p[0])),
      y: Float32Array.from(points.map((p) => p[1])),
      xAxis: { transform: linearAxis(0, 4) },
      yAxis: { transform: linearAxis(0, 4) },
      bins: 4,
    });
    expect(nonEmpty(d)).toEqual(['0,0:1', '3,0:1', '1,1:1', '2,1:2', '3,3:1']);
    expect({ total: d.total, binned: d.binned, nonFinite: d.nonFinite, outOfDomain: d.outOfDomain, outOfRange: d.outOfRange, max: d.max }).toEqual({
      total: 11,
      binned: 6,
      nonFinite: 3,
      outOfDomain: 0,
      outOfRange: 2,
      max: 2,
    });
    expect(Array.from(d.x.edges)).toEqual([0, 1, 2, 3, 4]);
    expect(d.x.range).toEqual([0, 1]);
    expect([d.nx, d.ny, d.counts.length]).toEqual([4, 4, 16]);
  });

  it('log axes: zero and negatives are outside the domain, NaN/Infinity come first, below-range is out of range', () => {
    // Both axes 1…10^4 in 4 bins: one decade per bin
    const points: [number, number][] = [
      [0, 5],
      [-3, 5],
      [5, -0],
      [Number.NaN, 0], // not finite wins over outside the domain
      [0.5, 5], // below 1: out of range
      [5, 2e4], // above 10^4: out of range
      [10, 100], // (1,2): exactly on edges
      [9.99, 99.9], // (0,1)
      [1.5, 9999], // (0,3)
      [1e4, 1e4], // (3,3): the top edge
      [3e-39, 5], // a subnormal float: positive, so in the domain but far below the range
    ];
    const d = binDensity2d({
      x: Float32Array.from(points.map((p) => p[0])),
      y: Float32Array.from(points.map((p) => p[1])),
      xAxis: { transform: logAxis(1, 1e4) },
      yAxis: { transform: logAxis(1, 1e4) },
      bins: 4,
    });
    expect(nonEmpty(d)).toEqual(['0,1:1', '1,2:1', '0,3:1', '3,3:1']);
    expect([d.total, d.binned, d.nonFinite, d.outOfDomain, d.outOfRange]).toEqual([11, 4, 1, 3, 3]);
  });

  it('a ratio axis leaves zero denominators out as not finite', () => {
    const red = Float32Array.from([100, 200, 50, 80, 10]);
    const fws = Float32Array.from([10, 0, 5, 0, 1]);
    const ratio = ratioValues(red, fws);
    const d = binDensity2d({
      x: ratio.values,
      y: red,
      xAxis: { transform: logAxis(1, 100) },
      yAxis: { transform: logAxis(1, 1000) },
      bins: 2,
    });
    // ratios 10, NaN, 10, NaN, 10 → x bin 1 (10…100); y: 100 and 50 in bin 1 (31.6…1000), 10 in bin 0
    expect(ratio.zeroDenominator).toBe(2);
    expect(d.nonFinite).toBe(2);
    expect(nonEmpty(d)).toEqual(['1,0:1', '1,1:2']);
  });

  it('counts only the events the mask includes, and reads Float32Array views at an offset', () => {
    const buffer = new Float32Array([99, 99, 0.5, 1.5, 2.5, 3.5, 99]);
    const x = buffer.subarray(2, 6); // 0.5, 1.5, 2.5, 3.5 at byte offset 8
    const y = Float32Array.from([0.5, 0.5, 0.5, 0.5]);
    const mask = Uint8Array.from([1, 0, 1, 0, 1]); // longer than the data is fine
    const d = binDensity2d({ x, y, xAxis: { transform: linearAxis(0, 4) }, yAxis: { transform: linearAxis(0, 4) }, bins: 4, mask });
    expect(nonEmpty(d)).toEqual(['0,0:1', '2,0:1']);
    expect(d.total).toBe(2);
    expect(d.binned).toBe(2);
    const all = binDensity2d({ x, y, xAxis: { transform: linearAxis(0, 4) }, yAxis: { transform: linearAxis(0, 4) }, bins: 4 });
    expect(nonEmpty(all)).toEqual(['0,0:1', '1,0:1', '2,0:1', '3,0:1']);
    // The same view on log axes (the table path): 0.5 is below 1, the others in decades 0 (1.5, 2.5, 3.5)
    const log = binDensity2d({ x, y: x, xAxis: { transform: logAxis(1, 1e4) }, yAxis: { transform: logAxis(1, 1e4) }, bins: 4 });
    expect(nonEmpty(log)).toEqual(['0,0:3']);
    expect(log.outOfRange).toBe(1);
  });

  it('takes bins per axis and an auto range from percentiles', () => {
    const x = Float32Array.from({ length: 1001 }, (_, i) => 10 ** (i / 250)); // 1 … 10^4, even in log
    const y = Float32Array.from({ length: 1001 }, (_, i) => i);
    const d = binDensity2d({
      x,
      y,
      xAxis: { transform: { type: 'log', T: 1e5, M: 5 }, range: 'auto', bins: 10 },
      yAxis: { transform: linearAxis(0, 1000), range: { percentiles: [0, 100], margin: 0 } },
      bins: 20,
    });
    expect([d.nx, d.ny]).toEqual([10, 20]);
    expect(d.x.range).toEqual(percentileDisplayRange(x, compileAxisTransform({ type: 'log', T: 1e5, M: 5 }), { percentiles: [0.1, 99.9], margin: 0.02 }));
    expect(d.y.range).toEqual([0, 1]);
    // The 0.1 % at each end of x fall outside the auto range only if beyond the 2 % margin: none here
    expect(d.binned).toBe(1001);
  });

  it('refuses mismatched inputs', () => {
    const a = new Float32Array(3);
    const axis = { transform: linearAxis(0, 1) };
    expect(() => binDensity2d({ x: a, y: new Float32Array(2), xAxis: axis, yAxis: axis })).toThrow(/x has 3 events, y has 2/);
    expect(() => binDensity2d({ x: a, y: a, xAxis: axis, yAxis: axis, mask: new Uint8Array(2) })).toThrow(/mask covers 2 events/);
    expect(() => binDensity2d({ x: a, y: a, xAxis: axis, yAxis: axis, bins: 10_000 })).toThrow(CurationError);
    expect(() => binDensity2d({ x: a, y: a, xAxis: { transform: { type: 'log', T: -1, M: 4 } }, yAxis: axis })).toThrow(/log T/);
  });

  it('equals a deliberately simple reference binning on random data', () => {
    const seed = 20260515;
    console.log(`density-2d random comparison seed ${seed}`);
    const random = seededRandom(seed);
    const gauss = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const transforms: AxisTransform[] = [
      logAxis(1, 1e6),
      { type: 'logicle', T: 262144, W: 0.5, M: 4.5, A: 0 },
      linearAxis(-500, 5000),
      { type: 'arcsinh', T: 1e5, M: 5, A: 0.5 },
      { type: 'hyperlog', T: 262144, W: 1, M: 4.5, A: 0 },
    ];
    const seen = { binned: 0, nonFinite: 0, outOfDomain: 0, outOfRange: 0 };
    for (let round = 0; round < 12; round++) {
      const n = 20_000;
      const x = new Float32Array(n);
      const y = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        // Log-normal clusters, some negatives and zeros, a few non-finite values
        const u = random();
        x[i] = u < 0.02 ? -random() * 300 : u < 0.03 ? 0 : u < 0.032 ? Number.NaN : 10 ** (2 + 1.2 * gauss());
        y[i] = u > 0.995 ? Infinity : 10 ** (3 + 0.8 * gauss()) * (random() < 0.05 ? -1 : 1);
      }
      const mask = round % 3 === 0 ? Uint8Array.from({ length: n }, () => (random() < 0.6 ? 1 : 0)) : undefined;
      const xT = transforms[round % transforms.length]!;
      const yT = transforms[(round * 2 + 1) % transforms.length]!;
      const nx = [256, 64, 17][round % 3]!;
      const ny = [256, 48, 5][round % 3]!;
      const xRange = round % 4 === 1 ? 'auto' : ([round % 2 === 0 ? 0 : 0.2, 1] as const);
      const d = binDensity2d({ x, y, xAxis: { transform: xT, range: xRange, bins: nx }, yAxis: { transform: yT, bins: ny }, mask });

      // Reference: event objects, the transform per event, floor of the display position, a Map of bins
      const events = Array.from(x, (xv, i) => ({ x: xv, y: y[i]!, included: !mask || mask[i] === 1 }));
      const tx = compileAxisTransform(xT);
      const ty = compileAxisTransform(yT);
      const bin = (v: number, t: typeof tx, [lo, hi]: readonly [number, number], bins: number): number | 'nonFinite' | 'domain' | 'range' => {
        if (!Number.isFinite(v)) return 'nonFinite';
        if (t.domainMin === 0 && v <= 0) return 'domain';
        const s = t.toDisplay(v);
        if (s === hi) return bins - 1;
        const k = Math.floor(((s - lo) / (hi - lo)) * bins);
        return k >= 0 && k < bins ? k : 'range';
      };
      const map = new Map<string, number>();
      const left = { nonFinite: 0, domain: 0, range: 0 };
      for (const e of events) {
        if (!e.included) continue;
        const bx = bin(e.x, tx, d.x.range, nx);
        const by = bin(e.y, ty, d.y.range, ny);
        if (typeof bx === 'number' && typeof by === 'number') map.set(`${bx},${by}`, (map.get(`${bx},${by}`) ?? 0) + 1);
        else if (bx === 'nonFinite' || by === 'nonFinite') left.nonFinite++;
        else if (bx === 'domain' || by === 'domain') left.domain++;
        else left.range++;
      }
      const ours = new Map<string, number>();
      for (let iy = 0; iy < ny; iy++) for (let ix = 0; ix < nx; ix++) if (d.counts[iy * nx + ix]) ours.set(`${ix},${iy}`, d.counts[iy * nx + ix]!);
      expect(ours, `round ${round}: ${xT.type} × ${yT.type}`).toEqual(map);
      expect([d.nonFinite, d.outOfDomain, d.outOfRange]).toEqual([left.nonFinite, left.domain, left.range]);
      expect(d.total).toBe(events.filter((e) => e.included).length);
      expect(d.max).toBe(Math.max(0, ...map.values()));
      seen.binned += d.binned;
      seen.nonFinite += d.nonFinite;
      seen.outOfDomain += d.outOfDomain;
      seen.outOfRange += d.outOfRange;
    }
    // Every path was exercised
    expect(seen.binned).toBeGreaterThan(100_000);
    for (const count of [seen.nonFinite, seen.outOfDomain, seen.outOfRange]) expect(count).toBeGreaterThan(500);
  });
});
