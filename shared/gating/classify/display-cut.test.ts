import { describe, expect, it } from 'vitest';
import { compileAxisTransform, linearAxis, logAxis, logicleAxis } from '../axes/axis-transform.js';
import type { AxisTransform } from '../axes/axis-transform.js';
import { cutKeys, DISPLAY_SLACK, intervalKeys, keyDomain, resolveCut } from './display-cut.js';
import { float32Key, KEY_MAX_FINITE, KEY_NEGATIVE_INFINITY, KEY_POSITIVE_INFINITY, keyToFloat32 } from './float32-key.js';
import { seededRandom } from '../../random/seeded-random.js';

const TRANSFORMS: AxisTransform[] = [
  linearAxis(0, 1),
  linearAxis(-200, 5000),
  logAxis(1, 1e7),
  { type: 'log', T: 262144, M: 4.5 },
  { type: 'arcsinh', T: 1000, M: 4, A: 1 },
  logicleAxis(),
  { type: 'logicle', T: 1e4, W: 1, M: 4, A: 0 },
  { type: 'logicle', T: 262144, W: 0, M: 4.5, A: 0 },
  { type: 'hyperlog', T: 1e4, W: 1, M: 4, A: 0 },
];

describe('key domain', () => {
  it('log: positive values only; the others: everything from −Infinity', () => {
    expect(keyDomain(compileAxisTransform(logAxis(1, 1e4)))?.lowKey).toBe(1); // 1.4e-45, the smallest positive float32
    for (const t of [linearAxis(0, 1), logicleAxis(), { type: 'arcsinh', T: 1000, M: 4, A: 1 } as AxisTransform]) {
      expect(keyDomain(compileAxisTransform(t))).toMatchObject({ lowKey: KEY_NEGATIVE_INFINITY, highKey: KEY_POSITIVE_INFINITY });
    }
  });
});

describe('the transforms are non-decreasing on float32 up to far less than the threshold slack', () => {
  // The assumption display-cut.ts rests on (the computed transform is within δ/2 of a non-decreasing function): seen
  // here as no step between neighbouring float32 values going down by more than 1e-15 relative (the slack is 1e-12;
  // the worst step seen is ~1e-17, in the logicle's Halley solve).
  it('neighbouring float32 values, everywhere and near zero', () => {
    const seed = 31337;
    console.log(`transform monotonicity seed ${seed}`);
    const random = seededRandom(seed);
    for (const transform of TRANSFORMS) {
      const t = compileAxisTransform(transform);
      const domain = keyDomain(t);
      expect(domain, transform.type).not.toBeNull();
      let worst = 0;
      for (let i = 0; i < 20_000; i++) {
        // Half the keys anywhere in the domain, half among values of magnitude below 1e-3 (near the data zero).
        const key =
          i % 2 === 0
            ? domain!.lowKey + Math.floor(random() * (KEY_MAX_FINITE - domain!.lowKey))
            : (domain!.lowKey > 0 ? 1 : random() < 0.5 ? -1 : 1) * Math.floor(random() * float32Key(1e-3));
        if (key < domain!.lowKey) continue;
        const a = t.toDisplay(keyToFloat32(key));
        const b = t.toDisplay(keyToFloat32(key + 1));
        worst = Math.max(worst, (a - b) / Math.max(1, Math.abs(a)));
      }
      expect(worst, transform.type).toBeLessThan(1e-15);
      expect(worst).toBeLessThan(DISPLAY_SLACK / 1000);
    }
  });
});

describe('cuts: keys below `below` display < c, keys from `above` on display > c; resolved cuts are exact', () => {
  it('random bounds on every transform', () => {
    const seed = 424242;
    console.log(`display cut seed ${seed}`);
    const random = seededRandom(seed);
    let cuts = 0;
    let exact = 0;
    for (const transform of TRANSFORMS) {
      const t = compileAxisTransform(transform);
      const domain = keyDomain(t)!;
      const display = (key: number): number => t.toDisplay(keyToFloat32(key));
      for (let round = 0; round < 200; round++) {
        // Bounds anywhere on the scale, or exactly at a float32 value's display value.
        const c = round % 2 === 0 ? -0.2 + 1.4 * random() : t.toDisplay(Math.fround(t.fromDisplay(random())));
        if (!Number.isFinite(c)) continue;
        const cut = cutKeys(domain, c)!;
        expect(cut.below <= cut.above).toBe(true);
        for (let k = 1; k <= 5; k++) {
          if (cut.below - k >= domain.lowKey) expect(display(cut.below - k)).toBeLessThan(c);
          if (cut.above + k - 1 <= domain.highKey) expect(display(cut.above + k - 1)).toBeGreaterThan(c);
        }
        for (const strict of [false, true]) {
          const r = resolveCut(domain, c, strict)!;
          cuts++;
          if (!r.exact) {
            // Left as a band: the same keys as cutKeys.
            expect(r).toEqual({ exact: false, ...cut });
            continue;
          }
          exact++;
          const passes = (key: number): boolean => (strict ? display(key) > c : display(key) >= c);
          // The threshold key passes, its predecessor (if in the domain) does not.
          expect(passes(r.key)).toBe(true);
          if (r.key - 1 >= domain.lowKey) expect(passes(r.key - 1)).toBe(false);
        }
      }
    }
    // Bands too wide to resolve are rare (near the data zero of biexponential scales, where float32 values crowd).
    expect(exact / cuts).toBeGreaterThan(0.95);
  });

  it('a bound exactly at a float32 value: that value is at the threshold (≥) or just below it (>)', () => {
    const t = compileAxisTransform(logAxis(1, 1e4));
    const domain = keyDomain(t)!;
    const v = Math.fround(117.25);
    const c = t.toDisplay(v);
    expect(resolveCut(domain, c, false)).toEqual({ exact: true, key: float32Key(v) });
    expect(resolveCut(domain, c, true)).toEqual({ exact: true, key: float32Key(v) + 1 });
  });

  it('a bound at the logicle data zero: the band of tiny values is too wide to resolve', () => {
    const t = compileAxisTransform(logicleAxis());
    const domain = keyDomain(t)!;
    const r = resolveCut(domain, t.toDisplay(0), false)!;
    expect(r.exact).toBe(false);
    if (!r.exact) {
      expect(keyToFloat32(r.below)).toBeLessThan(0);
      expect(keyToFloat32(r.above)).toBeGreaterThan(0);
    }
  });

  it('intervals: inclusive bounds, null and same-side infinite bounds open, others left to the reference', () => {
    const t = compileAxisTransform(linearAxis(0, 1)); // display = value
    const domain = keyDomain(t)!;
    const keys = intervalKeys(domain, 1, 3)!;
    expect(keys).toEqual({ inLo: float32Key(1), inHi: float32Key(3), possibleLo: float32Key(1), possibleHi: float32Key(3) });
    expect(intervalKeys(domain, null, 3)).toEqual({ inLo: KEY_NEGATIVE_INFINITY, inHi: float32Key(3), possibleLo: KEY_NEGATIVE_INFINITY, possibleHi: float32Key(3) });
    expect(intervalKeys(domain, -Infinity, Infinity)).toEqual(intervalKeys(domain, null, null));
    expect(intervalKeys(domain, Infinity, null)).toBeNull();
    expect(intervalKeys(domain, Number.NaN, 1)).toBeNull();
    // empty: min above max
    const empty = intervalKeys(domain, 3, 1)!;
    expect(empty.inLo > empty.inHi).toBe(true);
    // log: ≤ 0 never inside, also with open sides
    const logDomain = keyDomain(compileAxisTransform(logAxis(1, 1e4)))!;
    expect(intervalKeys(logDomain, null, null)).toEqual({ inLo: 1, inHi: KEY_POSITIVE_INFINITY, possibleLo: 1, possibleHi: KEY_POSITIVE_INFINITY });
  });
});
