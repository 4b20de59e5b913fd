/**
 * 2-D histogram of two event parameters on transformed axes: the grid behind a density cytogram. Runs on the
 * Node side; only the grid (or the smaller density-image payload) crosses to the renderer.
 *
 * One pass over two Float32Arrays, no allocation per event: each axis finds its bin as bin-locator.ts describes,
 * so no logarithm or logicle is evaluated per event.
 */
import { CurationError } from '../api/errors.js';
import type { BinLocator, BinnedAxis } from './bin-locator.js';
import { BIN_NOT_FINITE, BIN_OUT_OF_DOMAIN, BIN_OUT_OF_RANGE, FLAGGED, binCode, bitsOf, checkBins } from './bin-locator.js';
import type { BinAxisSpec, BinningCounts } from './binning.js';
import { DEFAULT_BINS, checkMask, maxCount, prepareLocator } from './binning.js';

export interface Density2dRequest {
  /** One value per event (a column, or ratioValues(...).values). */
  x: Float32Array;
  y: Float32Array;
  xAxis: BinAxisSpec;
  yAxis: BinAxisSpec;
  /** Bins per axis unless the axis says otherwise; default 256. */
  bins?: number;
  /** Events to include: mask[i] !== 0. At least as long as x. */
  mask?: Uint8Array;
}

export interface Density2d extends BinningCounts {
  /** ny rows of nx: the count of bin (ix, iy) is counts[iy * nx + ix]; iy = 0 is the bottom (lowest y). */
  counts: Uint32Array;
  nx: number;
  ny: number;
  x: BinnedAxis;
  y: BinnedAxis;
  /** Largest bin count. */
  max: number;
}

export function binDensity2d(request: Density2dRequest): Density2d {
  const { x, y, mask } = request;
  if (x.length !== y.length) throw new CurationError({ code: 'invalid-input', message: `x has ${x.length} events, y has ${y.length}` });
  checkMask(mask, x.length);
  const bins = request.bins ?? DEFAULT_BINS;
  checkBins(bins);
  const xLocator = prepareLocator(x, request.xAxis, bins, mask);
  const yLocator = prepareLocator(y, request.yAxis, bins, mask);
  const counts = new Uint32Array(xLocator.bins * yLocator.bins);
  const tally =
    xLocator.cells && yLocator.cells && !mask
      ? countTableTable(counts, x, y, xLocator, yLocator, xLocator.cells, yLocator.cells)
      : countInto(counts, x, y, xLocator, yLocator, mask);
  return {
    counts,
    nx: xLocator.bins,
    ny: yLocator.bins,
    x: xLocator.axis,
    y: yLocator.axis,
    max: maxCount(counts),
    total: tally.total,
    binned: tally.total - tally.nonFinite - tally.outOfDomain - tally.outOfRange,
    nonFinite: tally.nonFinite,
    outOfDomain: tally.outOfDomain,
    outOfRange: tally.outOfRange,
  };
}

interface Tally {
  total: number;
  nonFinite: number;
  outOfDomain: number;
  outOfRange: number;
}

const NO_CELLS = new Uint32Array(0);

/**
 * The common case — table axes (log, logicle, …) on both sides, no mask — with nothing else in the loop. Same
 * arithmetic as countInto's table branches; see locateBins in bin-locator.ts for what it computes.
 */
function countTableTable(counts: Uint32Array, x: Float32Array, y: Float32Array, xl: BinLocator, yl: BinLocator, xCells: Uint32Array, yCells: Uint32Array): Tally {
  const n = x.length;
  const nx = xl.bins;
  const ny = yl.bins;
  const xBits = bitsOf(x);
  const yBits = bitsOf(y);
  const xLast = xl.axis.edges[nx] as number;
  const yLast = yl.axis.edges[ny] as number;
  const flagged = FLAGGED;
  const outOfRange = BIN_OUT_OF_RANGE;
  const tally: Tally = { total: n, nonFinite: 0, outOfDomain: 0, outOfRange: 0 };
  for (let i = 0; i < xBits.length; i++) {
    const bx = xBits[i] as number;
    const by = yBits[i] as number;
    const ex = xCells[bx >>> 16] as number;
    const ey = yCells[by >>> 16] as number;
    if (((ex | ey) & flagged) === 0) {
      const ix = (ex >>> 16) + ((((bx ^ (bx >> 31)) & 0xffff) + (ex & 0xffff)) >>> 16) - 1;
      const iy = (ey >>> 16) + ((((by ^ (by >> 31)) & 0xffff) + (ey & 0xffff)) >>> 16) - 1;
      if (ix >>> 0 < nx && iy >>> 0 < ny) {
        const at = iy * nx + ix;
        counts[at] = (counts[at] as number) + 1;
        continue;
      }
      // Below the first edge, or at/above the last (only the last edge itself is in the closed last bin)
      const cx = ix >>> 0 < nx ? ix : ix === nx && (x[i] as number) === xLast ? nx - 1 : outOfRange;
      const cy = iy >>> 0 < ny ? iy : iy === ny && (y[i] as number) === yLast ? ny - 1 : outOfRange;
      tallyEvent(counts, nx, cx, cy, tally);
    } else {
      tallyEvent(counts, nx, binCode(xl, x[i] as number), binCode(yl, y[i] as number), tally);
    }
  }
  return tally;
}

/** Counts an event from its two bins/codes (the slow path). */
function tallyEvent(counts: Uint32Array, nx: number, ix: number, iy: number, tally: Tally): void {
  if (ix < BIN_OUT_OF_RANGE && iy < BIN_OUT_OF_RANGE) {
    const at = iy * nx + ix;
    counts[at] = (counts[at] as number) + 1;
  } else if (ix === BIN_NOT_FINITE || iy === BIN_NOT_FINITE) tally.nonFinite++;
  else if (ix === BIN_OUT_OF_DOMAIN || iy === BIN_OUT_OF_DOMAIN) tally.outOfDomain++;
  else tally.outOfRange++;
}

/**
 * Any axes, with or without a mask: both axes located and counted in one pass. This is locateBins's code inlined
 * for two axes; going through intermediate bin arrays cost more than the locating itself. The rare cases call
 * binCode (`| 0` keeps the bins small integers for the compiler).
 */
function countInto(counts: Uint32Array, x: Float32Array, y: Float32Array, xl: BinLocator, yl: BinLocator, mask: Uint8Array | undefined): Tally {
  const n = x.length;
  const nx = xl.bins;
  const ny = yl.bins;
  const xBits = bitsOf(x);
  const yBits = bitsOf(y);
  const xCells = xl.cells ?? NO_CELLS;
  const yCells = yl.cells ?? NO_CELLS;
  const xLinear = xl.linear !== null;
  const yLinear = yl.linear !== null;
  const xOrigin = xl.linear?.origin ?? 0;
  const yOrigin = yl.linear?.origin ?? 0;
  const xScale = xl.linear?.scale ?? 0;
  const yScale = yl.linear?.scale ?? 0;
  const xEdges = xl.axis.edges;
  const yEdges = yl.axis.edges;
  const xLast = xEdges[nx] as number;
  const yLast = yEdges[ny] as number;
  const flagged = FLAGGED;
  const outOfRange = BIN_OUT_OF_RANGE; // also the lowest code: (ix | iy) < outOfRange means both are bins
  let considered = 0;
  let nonFinite = 0;
  let outOfDomain = 0;
  let outside = 0;
  for (let i = 0; i < n; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    considered++;
    let ix = 0;
    if (xLinear) {
      const v = x[i] as number;
      const d = (v - xOrigin) * xScale;
      ix = d >= 0 && d < nx ? d | 0 : -1;
      if (ix < 0 || v < (xEdges[ix] as number) || v >= (xEdges[ix + 1] as number)) ix = binCode(xl, v) | 0;
    } else {
      const b = xBits[i] as number;
      const entry = xCells[b >>> 16] as number;
      if ((entry & flagged) === 0) {
        ix = (entry >>> 16) + ((((b ^ (b >> 31)) & 0xffff) + (entry & 0xffff)) >>> 16) - 1;
        if (ix >>> 0 >= nx) ix = ix === nx && (x[i] as number) === xLast ? nx - 1 : outOfRange;
      } else {
        ix = binCode(xl, x[i] as number) | 0;
      }
    }
    let iy = 0;
    if (yLinear) {
      const v = y[i] as number;
      const d = (v - yOrigin) * yScale;
      iy = d >= 0 && d < ny ? d | 0 : -1;
      if (iy < 0 || v < (yEdges[iy] as number) || v >= (yEdges[iy + 1] as number)) iy = binCode(yl, v) | 0;
    } else {
      const b = yBits[i] as number;
      const entry = yCells[b >>> 16] as number;
      if ((entry & flagged) === 0) {
        iy = (entry >>> 16) + ((((b ^ (b >> 31)) & 0xffff) + (entry & 0xffff)) >>> 16) - 1;
        if (iy >>> 0 >= ny) iy = iy === ny && (y[i] as number) === yLast ? ny - 1 : outOfRange;
      } else {
        iy = binCode(yl, y[i] as number) | 0;
      }
    }
    if ((ix | iy) < outOfRange) {
      const at = iy * nx + ix;
      counts[at] = (counts[at] as number) + 1;
    } else if (ix === BIN_NOT_FINITE || iy === BIN_NOT_FINITE) nonFinite++;
    else if (ix === BIN_OUT_OF_DOMAIN || iy === BIN_OUT_OF_DOMAIN) outOfDomain++;
    else outside++;
  }
  return { total: considered, nonFinite, outOfDomain, outOfRange: outside };
}
