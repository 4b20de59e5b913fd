/** 1-D histogram of one event parameter on a transformed axis; same bins and counting rules as binDensity2d. */
import type { BinLocator, BinnedAxis } from './bin-locator.js';
import { BIN_NOT_FINITE, BIN_OUT_OF_DOMAIN, BIN_OUT_OF_RANGE, FLAGGED, binCode, bitsOf, checkBins, locateBins } from './bin-locator.js';
import type { BinAxisSpec, BinningCounts } from './binning.js';
import { DEFAULT_BINS, checkMask, maxCount, prepareLocator } from './binning.js';

export interface Histogram1dRequest {
  values: Float32Array;
  axis: BinAxisSpec;
  /** Default 256 (the axis's own bins win). */
  bins?: number;
  /** Events to include: mask[i] !== 0. */
  mask?: Uint8Array;
}

export interface Histogram1d extends BinningCounts {
  counts: Uint32Array;
  axis: BinnedAxis;
  max: number;
}

/** Events per block of bins located at once. */
const BLOCK = 16384;

export function binHistogram1d(request: Histogram1dRequest): Histogram1d {
  const { values, mask } = request;
  checkMask(mask, values.length);
  const bins = request.bins ?? DEFAULT_BINS;
  checkBins(bins);
  const locator = prepareLocator(values, request.axis, bins, mask);
  const n = locator.bins;
  const counts = new Uint32Array(n);
  const bits = bitsOf(values);
  if (locator.cells && !mask) return countByTable(locator, locator.cells, values, bits, counts);
  const block = new Uint16Array(BLOCK);
  let total = 0;
  let nonFinite = 0;
  let outOfDomain = 0;
  let outOfRange = 0;
  for (let start = 0; start < values.length; start += BLOCK) {
    const end = Math.min(values.length, start + BLOCK);
    locateBins(locator, values, bits, start, end, block);
    for (let k = 0; k < end - start; k++) {
      if (mask !== undefined && mask[start + k] === 0) continue;
      total++;
      const bin = block[k] as number;
      if (bin < n) counts[bin] = (counts[bin] as number) + 1;
      else if (bin === BIN_NOT_FINITE) nonFinite++;
      else if (bin === BIN_OUT_OF_DOMAIN) outOfDomain++;
      else outOfRange++;
    }
  }
  return {
    counts,
    axis: locator.axis,
    max: maxCount(counts),
    total,
    binned: total - nonFinite - outOfDomain - outOfRange,
    nonFinite,
    outOfDomain,
    outOfRange,
  };
}

/** The common case (a non-linear axis, no mask) in one pass: locateBins's table code with the count inlined. */
function countByTable(locator: BinLocator, cells: Uint32Array, values: Float32Array, bits: Uint32Array, counts: Uint32Array): Histogram1d {
  const n = locator.bins;
  const last = locator.axis.edges[n] as number;
  const flagged = FLAGGED;
  let nonFinite = 0;
  let outOfDomain = 0;
  let outOfRange = 0;
  for (let i = 0; i < bits.length; i++) {
    const b = bits[i] as number;
    const entry = cells[b >>> 16] as number;
    let bin = 0;
    if ((entry & flagged) === 0) {
      bin = (entry >>> 16) + ((((b ^ (b >> 31)) & 0xffff) + (entry & 0xffff)) >>> 16) - 1;
      if (bin >>> 0 < n) {
        counts[bin] = (counts[bin] as number) + 1;
        continue;
      }
      bin = bin === n && (values[i] as number) === last ? n - 1 : BIN_OUT_OF_RANGE;
    } else {
      bin = binCode(locator, values[i] as number);
    }
    if (bin < n) counts[bin] = (counts[bin] as number) + 1;
    else if (bin === BIN_NOT_FINITE) nonFinite++;
    else if (bin === BIN_OUT_OF_DOMAIN) outOfDomain++;
    else outOfRange++;
  }
  const total = values.length;
  return { counts, axis: locator.axis, max: maxCount(counts), total, binned: total - nonFinite - outOfDomain - outOfRange, nonFinite, outOfDomain, outOfRange };
}
