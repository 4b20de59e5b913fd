/**
 * Finds the bin of a float32 value on a transformed axis without evaluating the transform per event.
 *
 * The bins are defined by their edges in data units: edge k = fromDisplay(min + (max − min)·k/n), and bin k holds
 * edge k ≤ v < edge k+1 (the last bin also holds v = edge n). Those edges are the definition — the binning is
 * exactly "count the edges ≤ v" — so a monotone transform of any cost (log, logicle's Halley iterations) is paid
 * n + 1 times per axis, not once per event.
 *
 * To count edges fast, a table is indexed by the top 16 bits of the float32 (sign, exponent, 7 mantissa bits):
 * each such cell is a contiguous run of values at most 2^−7 (0.8 %) wide relative to its magnitude. The table
 * holds the edge count at the cell's lowest value, flagged when an edge falls inside the cell; only then is the
 * value compared with the next edges. Cells of NaN/±Infinity and cells outside the transform's domain (≤ 0 on a
 * log axis) hold codes; the one cell holding both (zero and the smallest subnormals) is resolved per value.
 */
import { CurationError } from '../api/errors.js';
import type { AxisTransform, CompiledAxisTransform } from '../gating/axes/axis-transform.js';

/** A range in display units (the transform's scale, nominally [0, 1]). */
export type DisplayRange = readonly [min: number, max: number];

/** An axis as binned: enough to label it and to map a bin back to data values. */
export interface BinnedAxis {
  transform: AxisTransform;
  /** Display units. */
  range: DisplayRange;
  bins: number;
  /** bins + 1 edges in data units, non-decreasing. */
  edges: Float64Array;
}

export const MAX_BINS = 8192;

/** Cell index = float32 bits >>> CELL_SHIFT. */
export const CELL_SHIFT = 16;
/** Table flag: an edge falls inside the cell, compare the value with the following edges. */
export const STRADDLES = 0x4000;
/** Table codes (all ≥ MIXED_CELL). */
export const NON_FINITE_CELL = 0xffff;
export const OUT_OF_DOMAIN_CELL = 0xfffe;
export const MIXED_CELL = 0xfffd;

/** locateBin results below zero. */
export const NOT_FINITE = -1;
export const OUT_OF_DOMAIN = -2;
export const OUT_OF_RANGE = -3;

export interface BinLocator {
  readonly axis: BinnedAxis;
  readonly bins: number;
  /** The bins + 1 edges followed by +Infinity (so scans stop without a bounds check). */
  readonly scanEdges: Float64Array;
  /** Values ≤ domainMin are outside the transform's domain. */
  readonly domainMin: number;
  /** 65,536 cells: edge count at the cell's lowest value (| STRADDLES), or a code. */
  readonly cells: Uint16Array;
}

// One scratch float for reading cell bounds; module-level so building a table allocates nothing else.
const scratchFloat = new Float32Array(1);
const scratchBits = new Uint32Array(scratchFloat.buffer);
const floatOfBits = (bits: number): number => {
  scratchBits[0] = bits;
  return scratchFloat[0] as number;
};

export function checkBins(bins: number, what = 'bins'): void {
  if (!Number.isInteger(bins) || bins < 1 || bins > MAX_BINS) {
    throw new CurationError({ code: 'invalid-input', field: what, message: `${what} must be an integer from 1 to ${MAX_BINS}, got ${bins}` });
  }
}

export function createBinLocator(transform: CompiledAxisTransform, range: DisplayRange, bins: number): BinLocator {
  checkBins(bins);
  const [min, max] = range;
  if (!(Number.isFinite(min) && Number.isFinite(max) && min < max)) {
    throw new CurationError({ code: 'invalid-input', field: 'range', message: `axis range must be finite with min < max, got [${min}, ${max}]` });
  }
  const edges = new Float64Array(bins + 1);
  for (let k = 0; k <= bins; k++) {
    const edge = transform.fromDisplay(min + ((max - min) * k) / bins);
    // Rounding could make an edge dip below its predecessor; edges must never decrease
    edges[k] = k > 0 && edge < (edges[k - 1] as number) ? (edges[k - 1] as number) : edge;
  }
  if (!edges.every((e) => !Number.isNaN(e))) {
    throw new CurationError({ code: 'invalid-input', field: 'range', message: `axis range [${min}, ${max}] has no data values on this ${transform.transform.type} axis` });
  }
  const scanEdges = new Float64Array(bins + 2);
  scanEdges.set(edges);
  scanEdges[bins + 1] = Infinity;
  const domainMin = transform.domainMin;
  const cells = new Uint16Array(1 << (32 - CELL_SHIFT));
  const low = (1 << CELL_SHIFT) - 1; // the bits below the cell index

  // Positive cells (sign 0) in increasing order of value; exponent 255 is NaN/Infinity.
  const firstNonFinite = 0x7f80_0000 >>> CELL_SHIFT;
  let j = 0;
  for (let cell = 0; cell < firstNonFinite; cell++) {
    const lowest = floatOfBits(cell << CELL_SHIFT);
    const highest = floatOfBits((cell << CELL_SHIFT) | low);
    cells[cell] = classifyCell(lowest, highest);
  }
  for (let cell = firstNonFinite; cell < 0x8000; cell++) cells[cell] = NON_FINITE_CELL;
  // Negative cells (sign 1): value decreases as the bits grow, so walk them from the most negative down.
  j = 0;
  for (let cell = 0x8000 + firstNonFinite - 1; cell >= 0x8000; cell--) {
    const lowest = floatOfBits(((cell << CELL_SHIFT) | low) >>> 0);
    const highest = floatOfBits((cell << CELL_SHIFT) >>> 0);
    cells[cell] = classifyCell(lowest, highest);
  }
  for (let cell = 0x8000 + firstNonFinite; cell < 0x10000; cell++) cells[cell] = NON_FINITE_CELL;

  // Cells are visited in increasing value order within each sign, so the edge pointer j only moves forward.
  function classifyCell(lowest: number, highest: number): number {
    if (highest <= domainMin) return OUT_OF_DOMAIN_CELL;
    if (lowest <= domainMin) return MIXED_CELL;
    while ((scanEdges[j] as number) <= lowest) j++;
    return (scanEdges[j] as number) <= highest ? j | STRADDLES : j;
  }

  return { axis: { transform: transform.transform, range: [min, max], bins, edges }, bins, scanEdges, domainMin, cells };
}

/** Number of edges ≤ v (0 … bins + 1), by binary search: the exact reference the table reproduces. */
export function countEdgesAtOrBelow(edges: Float64Array, v: number): number {
  let lo = 0;
  let hi = edges.length; // answer in [lo, hi]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((edges[mid] as number) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Bin of one value (0 … bins − 1), or NOT_FINITE, OUT_OF_DOMAIN, OUT_OF_RANGE. Exact; for slow paths and gates. */
export function locateBin(locator: BinLocator, v: number): number {
  if (!Number.isFinite(v)) return NOT_FINITE;
  if (v <= locator.domainMin) return OUT_OF_DOMAIN;
  const edges = locator.axis.edges;
  const j = countEdgesAtOrBelow(edges, v);
  if (j >= 1 && j <= locator.bins) return j - 1;
  if (j === locator.bins + 1 && v === edges[locator.bins]) return locator.bins - 1; // the last bin is closed
  return OUT_OF_RANGE;
}

/** A Uint32 view of a Float32Array's bits (same memory, no copy). */
export function bitsOf(values: Float32Array): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset, values.length);
}
