import { describe, expect, it } from 'vitest';
import { CurationError } from '../api/errors.js';
import { linearAxis } from '../gating/axes/axis-transform.js';
import type { Density2d } from './density-2d.js';
import { binDensity2d } from './density-2d.js';
import { countAtLevel, densityImage, densityImageBytes, levelForCount } from './density-image.js';

/** A 3 × 2 grid with counts [0, 1, 2] in the bottom row and [3, 10, 100] in the top row. */
function smallDensity(): Density2d {
  const x: number[] = [];
  const y: number[] = [];
  const add = (ix: number, iy: number, n: number): void => {
    for (let k = 0; k < n; k++) {
      x.push(ix + 0.5);
      y.push(iy + 0.5);
    }
  };
  add(1, 0, 1);
  add(2, 0, 2);
  add(0, 1, 3);
  add(1, 1, 10);
  add(2, 1, 100);
  return binDensity2d({
    x: Float32Array.from(x),
    y: Float32Array.from(y),
    xAxis: { transform: linearAxis(0, 3), bins: 3 },
    yAxis: { transform: linearAxis(0, 2), bins: 2 },
  });
}

describe('density image', () => {
  it('log-count levels: 1 → 1, max → L, in between by ln c / ln max', () => {
    expect(levelForCount(0, 1000)).toBe(0);
    expect(levelForCount(1, 1000)).toBe(1);
    expect(levelForCount(1000, 1000)).toBe(255);
    // 1 + ⌊254 · ln 10 / ln 1000⌋ = 1 + ⌊84.67⌋ and 1 + ⌊254 · 2/3⌋ = 1 + ⌊169.33⌋
    expect(levelForCount(10, 1000)).toBe(85);
    expect(levelForCount(100, 1000)).toBe(170);
    expect(levelForCount(1, 1)).toBe(255);
    expect(levelForCount(3, 100, 16)).toBe(4); // 1 + ⌊15 · 0.2386⌋
  });

  it('countAtLevel gives the smallest count of each level, for a legend', () => {
    for (const max of [1, 2, 7, 1000, 123_456]) {
      let previous = 0;
      for (let level = 1; level <= 255; level++) {
        const c = countAtLevel(level, max);
        expect(c).toBeGreaterThanOrEqual(previous);
        previous = c;
        if (levelForCount(c, max) === level && c > 1) expect(levelForCount(c - 1, max)).toBeLessThan(level);
      }
      expect(countAtLevel(255, max)).toBe(max);
    }
  });

  it('fills dense bins with levels and lists sparse bins as dots', () => {
    const d = smallDensity();
    expect(Array.from(d.counts)).toEqual([0, 1, 2, 3, 10, 100]);
    const image = densityImage(d);
    // Bins with 1 or 2 events are dots (level 0); level(3) = 1 + ⌊254 · ln 3 / ln 100⌋ = 1 + ⌊60.59⌋
    expect(image.levels[3]).toBe(61);
    expect(Array.from(image.levels)).toEqual([0, 0, 0, 61, levelForCount(10, 100), 255]);
    expect(image.dotBins).toBeInstanceOf(Uint16Array);
    expect(Array.from(image.dotBins)).toEqual([1, 2]);
    expect(Array.from(image.dotCounts)).toEqual([1, 2]);
    expect([image.nx, image.ny, image.max, image.levelCount, image.dotThreshold]).toEqual([3, 2, 100, 255, 2]);
    expect([image.total, image.binned]).toEqual([116, 116]);
    expect(image.x).toEqual({ transform: linearAxis(0, 3), range: [0, 1], bins: 3 });
    expect(densityImageBytes(image)).toBe(6 + 2 * 2 + 2);
  });

  it('dotThreshold 0 fills every non-empty bin; other level counts scale the same way', () => {
    const image = densityImage(smallDensity(), { dotThreshold: 0, levelCount: 16 });
    expect(Array.from(image.levels)).toEqual([0, 1, levelForCount(2, 100, 16), 4, levelForCount(10, 100, 16), 16]);
    expect(image.dotBins.length).toBe(0);
  });

  it('uses 4-byte dot indices past 65,536 bins and the formula past 65,535 events per bin', () => {
    const nx = 300;
    const ny = 300;
    const counts = new Uint32Array(nx * ny);
    counts[0] = 1;
    counts[nx * ny - 1] = 2;
    counts[1000] = 70_000;
    counts[2000] = 100_000;
    const axis = { transform: linearAxis(0, 1), range: [0, 1] as const, bins: nx, edges: new Float64Array(nx + 1) };
    const d: Density2d = { counts, nx, ny, x: axis, y: axis, max: 100_000, total: 170_003, binned: 170_003, nonFinite: 0, outOfDomain: 0, outOfRange: 0 };
    const image = densityImage(d);
    expect(image.dotBins).toBeInstanceOf(Uint32Array);
    expect(Array.from(image.dotBins)).toEqual([0, nx * ny - 1]);
    expect(image.levels[1000]).toBe(levelForCount(70_000, 100_000));
    expect(image.levels[1000]).toBe(1 + Math.floor((254 * Math.log(70_000)) / Math.log(100_000)));
    expect(image.levels[2000]).toBe(255);
  });

  it('refuses out-of-range options', () => {
    expect(() => densityImage(smallDensity(), { levelCount: 256 })).toThrow(CurationError);
    expect(() => densityImage(smallDensity(), { dotThreshold: -1 })).toThrow(/dotThreshold/);
  });
});
