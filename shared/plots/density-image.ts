/**
 * What the renderer draws for a density cytogram, made small for IPC.
 *
 * Decision: the Uint32 grid stays on the Node side (256 × 256 × 4 B = 256 KB). The renderer gets one byte per bin
 * — a log-count colour level, 0 for "nothing to fill" — (64 KB for 256 × 256, whatever the event count) and the
 * sparse bins as a list (2-byte bin index while the grid has ≤ 65,536 bins, else 4, plus a 1-byte count): bins with
 * 1 … dotThreshold events are drawn as that many dots instead of a filled cell, so single outlying events stay
 * visible as events rather than as faint pixels. Typical payload: 64 KB + 3 B per sparse bin. The axes travel as
 * transform + range + bins (a few numbers); the renderer rebuilds ticks and edges with the shared transform code.
 *
 * Colour levels are logarithmic in the count: level(c) = 1 + ⌊(L − 1)·ln c / ln max⌋ for 1 ≤ c ≤ max, so count 1
 * is level 1 and the fullest bin level L (default 255); countAtLevel() gives the legend's counts.
 */
import { CurationError } from '../api/errors.js';
import type { AxisTransform } from '../gating/axes/axis-transform.js';
import type { DisplayRange } from './bin-locator.js';
import type { BinningCounts } from './binning.js';
import type { Density2d } from './density-2d.js';

export interface DensityImageOptions {
  /** Highest colour level, 1–255. Default 255. */
  levelCount?: number;
  /** Bins with 1 … dotThreshold events are listed as dots and left unfilled; 0 turns dots off. 0–255, default 2. */
  dotThreshold?: number;
}

export interface DensityImageAxis {
  transform: AxisTransform;
  range: DisplayRange;
  bins: number;
}

export interface DensityImage extends BinningCounts {
  nx: number;
  ny: number;
  /** One level per bin, same layout as Density2d.counts (iy * nx + ix, iy = 0 at the bottom). 0: empty or a dot. */
  levels: Uint8Array;
  levelCount: number;
  /** Largest bin count (the count at level levelCount). */
  max: number;
  dotThreshold: number;
  /** Flat indices (iy * nx + ix) of the dot bins, ascending. Uint16Array when nx·ny ≤ 65,536. */
  dotBins: Uint16Array | Uint32Array;
  /** Events in each dot bin, 1 … dotThreshold. */
  dotCounts: Uint8Array;
  x: DensityImageAxis;
  y: DensityImageAxis;
}

export const DEFAULT_LEVEL_COUNT = 255;
export const DEFAULT_DOT_THRESHOLD = 2;

/** Colour level of a bin count: 0 for 0, 1 for a count of 1, levelCount for max. */
export function levelForCount(count: number, max: number, levelCount = DEFAULT_LEVEL_COUNT): number {
  if (count <= 0) return 0;
  if (count >= max) return levelCount;
  return 1 + Math.floor(((levelCount - 1) * Math.log(count)) / Math.log(max));
}

/** Smallest count drawn at a level (for a legend): levelForCount(countAtLevel(ℓ)) = ℓ when any count has level ℓ. */
export function countAtLevel(level: number, max: number, levelCount = DEFAULT_LEVEL_COUNT): number {
  if (level <= 0) return 0;
  if (level >= levelCount) return Math.max(1, max);
  let count = Math.max(1, Math.ceil(Math.exp(((level - 1) / (levelCount - 1)) * Math.log(max))));
  // The closed form can be one off after rounding; settle it with the level function itself
  while (count > 1 && levelForCount(count - 1, max, levelCount) >= level) count--;
  while (levelForCount(count, max, levelCount) < level) count++;
  return count;
}

export function densityImage(density: Density2d, options: DensityImageOptions = {}): DensityImage {
  const levelCount = options.levelCount ?? DEFAULT_LEVEL_COUNT;
  const dotThreshold = options.dotThreshold ?? DEFAULT_DOT_THRESHOLD;
  if (!Number.isInteger(levelCount) || levelCount < 1 || levelCount > 255) {
    throw new CurationError({ code: 'invalid-input', field: 'levelCount', message: `levelCount must be an integer from 1 to 255, got ${levelCount}` });
  }
  if (!Number.isInteger(dotThreshold) || dotThreshold < 0 || dotThreshold > 255) {
    throw new CurationError({ code: 'invalid-input', field: 'dotThreshold', message: `dotThreshold must be an integer from 0 to 255, got ${dotThreshold}` });
  }
  const { counts, nx, ny, max } = density;
  const levels = new Uint8Array(nx * ny);
  // Level per count through a table while counts are small (the usual case), the formula above that
  const table = new Uint8Array(Math.min(max, 65535) + 1);
  for (let c = 1; c < table.length; c++) table[c] = levelForCount(c, max, levelCount);
  const logMax = Math.log(max);
  let dots = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] as number;
    if (c === 0) continue;
    if (c <= dotThreshold) {
      dots++;
      continue;
    }
    levels[i] = c < table.length ? (table[c] as number) : c >= max ? levelCount : 1 + Math.floor(((levelCount - 1) * Math.log(c)) / logMax);
  }
  const dotBins = nx * ny <= 65536 ? new Uint16Array(dots) : new Uint32Array(dots);
  const dotCounts = new Uint8Array(dots);
  if (dots > 0) {
    let k = 0;
    for (let i = 0; i < counts.length; i++) {
      const c = counts[i] as number;
      if (c !== 0 && c <= dotThreshold) {
        dotBins[k] = i;
        dotCounts[k++] = c;
      }
    }
  }
  const axis = (a: Density2d['x']): DensityImageAxis => ({ transform: a.transform, range: a.range, bins: a.bins });
  return {
    nx,
    ny,
    levels,
    levelCount,
    max,
    dotThreshold,
    dotBins,
    dotCounts,
    x: axis(density.x),
    y: axis(density.y),
    total: density.total,
    binned: density.binned,
    nonFinite: density.nonFinite,
    outOfDomain: density.outOfDomain,
    outOfRange: density.outOfRange,
  };
}

/** Bytes of typed-array payload an image carries over IPC. */
export function densityImageBytes(image: DensityImage): number {
  return image.levels.byteLength + image.dotBins.byteLength + image.dotCounts.byteLength;
}
