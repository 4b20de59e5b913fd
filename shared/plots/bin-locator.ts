/**
 * Finds the bins of float32 values on a transformed axis without evaluating the transform per event.
 *
 * The bins are defined by their edges in data units: edge k = fromDisplay(min + (max − min)·k/n), and bin k holds
 * edge k ≤ v < edge k+1 (the last bin also holds v = edge n). Those edges are the definition — binning is exactly
 * "count the edges ≤ v" — so a transform of any cost (log, logicle's Halley iterations) is evaluated n + 1 times
 * per axis, never per event. Two ways to count, both exact:
 *
 * - Linear axes: v's position by one multiplication, then checked against the two edges around it.
 * - Every other axis: a table indexed by the top 16 bits of the float32 (sign, exponent, 7 mantissa bits). Each
 *   such cell is a run of 65,536 consecutive floats, at most 2^−7 (0.8 %) wide relative to their magnitude. Its
 *   entry holds the edge count at the cell's lowest value and, when one edge falls inside the cell, where: the
 *   value's low 16 bits are compared with it by integer arithmetic, without a branch (mispredicted branches, not
 *   memory, were what cost time). Cells of NaN/±Infinity, cells outside the transform's domain (≤ 0 on a log axis),
 *   the cell holding both zero and positive subnormals, and cells holding two or more edges are flagged and
 *   resolved per value by binary search.
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

/** locateBins() output codes; bins are 0 … bins − 1 (< MAX_BINS), so any value ≥ BIN_OUT_OF_RANGE is a code. */
export const BIN_NOT_FINITE = 0xffff;
export const BIN_OUT_OF_DOMAIN = 0xfffe;
export const BIN_OUT_OF_RANGE = 0xfffd;

/** locateBin() results below zero. */
export const NOT_FINITE = -1;
export const OUT_OF_DOMAIN = -2;
export const OUT_OF_RANGE = -3;

/** Cell entry: (edge count at the lowest value << 16) | add, or FLAGGED (resolve per value with binCode). */
export const FLAGGED = 0x4000_0000;

export interface BinLocator {
  readonly axis: BinnedAxis;
  readonly bins: number;
  /** Values ≤ domainMin are outside the transform's domain. */
  readonly domainMin: number;
  /** Linear axes: edge 0 and bins per data unit; null when the table is used. */
  readonly linear: { origin: number; scale: number } | null;
  /** Other axes: 65,536 cell entries; null for linear axes. */
  readonly cells: Uint32Array | null;
}

// One scratch float for reading cell bounds; module-level so building a table allocates nothing else.
const scratchFloat = new Float32Array(1);
const scratchBits = new Uint32Array(scratchFloat.buffer);

/**
 * The float32 in `cell` at rank q (0 … 0xffff) in increasing order of value. The "rank" of a value is what
 * locateBins computes from its bits: the low 16 bits, flipped for negative values (whose magnitude, and bits,
 * grow as they decrease).
 */
function floatInCell(cell: number, q: number): number {
  scratchBits[0] = cell < 0x8000 ? (cell << 16) | q : ((cell << 16) | (0xffff - q)) >>> 0;
  return scratchFloat[0] as number;
}

export function checkBins(bins: number, what = 'bins'): void {
  if (!Number.isInteger(bins) || bins < 1 || bins > MAX_BINS) {
    throw new CurationError({ code: 'invalid-input', field: what, message: `${what} must be an integer from 1 to ${MAX_BINS}, got ${bins}` });
  }
}

/** `method: 'table'` forces the table on a linear axis too (tests and benchmarks compare the two). */
export function createBinLocator(transform: CompiledAxisTransform, range: DisplayRange, bins: number, method: 'auto' | 'table' = 'auto'): BinLocator {
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
  const axis: BinnedAxis = { transform: transform.transform, range: [min, max], bins, edges };
  const domainMin = transform.domainMin;
  const first = edges[0] as number;
  const span = (edges[bins] as number) - first;
  if (method === 'auto' && transform.transform.type === 'linear' && Number.isFinite(first) && span > 0 && Number.isFinite(span)) {
    return { axis, bins, domainMin, linear: { origin: first, scale: bins / span }, cells: null };
  }
  return { axis, bins, domainMin, linear: null, cells: buildCells(edges, domainMin) };
}

function buildCells(edges: Float64Array, domainMin: number): Uint32Array {
  const cells = new Uint32Array(0x10000).fill(FLAGGED); // NaN/±Infinity (exponent 255) stay flagged
  // Edges followed by +Infinity, so the scans below stop without a bounds check
  const scan = new Float64Array(edges.length + 1);
  scan.set(edges);
  scan[edges.length] = Infinity;
  fillSign(cells, scan, domainMin, false);
  fillSign(cells, scan, domainMin, true);
  return cells;
}

/** Spacing of the floats in a cell, by exponent (subnormals share exponent 1's spacing). */
const CELL_UNITS = Float64Array.from({ length: 255 }, (_, e) => 2 ** (e === 0 ? -149 : e - 150));

/**
 * Fills the cells of one sign. A cell is sign | exponent e | top 7 mantissa bits m; its 65,536 floats are evenly
 * spaced by `unit`, so its lowest and highest values are exact doubles, computed without decoding floats. The
 * cells are walked in increasing order of value so the edge count j only moves forward.
 */
function fillSign(cells: Uint32Array, scan: Float64Array, domainMin: number, negative: boolean): void {
  let j = 0;
  for (let step = 0; step < 255 * 128; step++) {
    // Positive: exponent and mantissa ascending; negative: descending (most negative first)
    const index = negative ? 255 * 128 - 1 - step : step;
    const e = index >>> 7;
    const m = index & 127;
    const unit = CELL_UNITS[e] as number;
    const smallest = ((e === 0 ? 0 : 0x80_0000) + m * 0x10000) * unit; // magnitude; 0x800000: the implicit 1
    const largest = smallest + 0xffff * unit;
    if (negative) j = fillCell(cells, 0x8000 | index, -largest, -smallest, scan, j, domainMin);
    else j = fillCell(cells, index, smallest, largest, scan, j, domainMin);
  }
}

/** Sets one cell's entry; returns the edge count at its lowest value (the next cell's starting point). */
function fillCell(cells: Uint32Array, cell: number, lowest: number, highest: number, scan: Float64Array, j: number, domainMin: number): number {
  // Outside the domain, or straddling its boundary (zero and the smallest subnormals share a cell): flagged
  if (lowest <= domainMin) return j;
  while ((scan[j] as number) <= lowest) j++;
  const edge = scan[j] as number;
  if (edge > highest) {
    cells[cell] = j << 16;
  } else if ((scan[j + 1] as number) > highest) {
    // First rank whose value reaches the edge (rank 0 is below it, rank 0xffff at or above)
    let lo = 1;
    let hi = 0xffff;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (floatInCell(cell, mid) >= edge) hi = mid;
      else lo = mid + 1;
    }
    // rank + (0x10000 − lo) carries into bit 16 exactly when rank ≥ lo
    cells[cell] = (j << 16) | (0x10000 - lo);
  } // else two or more edges in one cell: stays flagged
  return j;
}

/** Number of edges ≤ v (0 … edges.length), by binary search. */
export function countEdgesAtOrBelow(edges: Float64Array, v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((edges[mid] as number) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Bin of one value (0 … bins − 1), or NOT_FINITE, OUT_OF_DOMAIN, OUT_OF_RANGE. Exact; the reference for locateBins. */
export function locateBin(locator: BinLocator, v: number): number {
  if (!Number.isFinite(v)) return NOT_FINITE;
  if (v <= locator.domainMin) return OUT_OF_DOMAIN;
  const edges = locator.axis.edges;
  const j = countEdgesAtOrBelow(edges, v);
  if (j >= 1 && j <= locator.bins) return j - 1;
  if (j === locator.bins + 1 && v === edges[locator.bins]) return locator.bins - 1; // the last bin is closed
  return OUT_OF_RANGE;
}

/** locateBin as a locateBins output value: a bin, or a BIN_* code. */
export function binCode(locator: BinLocator, v: number): number {
  const bin = locateBin(locator, v);
  return bin >= 0 ? bin : bin === NOT_FINITE ? BIN_NOT_FINITE : bin === OUT_OF_DOMAIN ? BIN_OUT_OF_DOMAIN : BIN_OUT_OF_RANGE;
}

/** A Uint32 view of a Float32Array's bits (same memory, no copy). */
export function bitsOf(values: Float32Array): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset, values.length);
}

/**
 * out[i − start] = bin of values[i] for start ≤ i < end, or a BIN_* code. `bits` is bitsOf(values). No allocation;
 * callers work in blocks so `out` stays in cache.
 */
export function locateBins(locator: BinLocator, values: Float32Array, bits: Uint32Array, start: number, end: number, out: Uint16Array): void {
  if (locator.linear) locateLinear(locator, locator.linear.origin, locator.linear.scale, values, start, end, out);
  else locateByTable(locator, locator.cells as Uint32Array, values, bits, start, end, out);
}

// In the loops below, `| 0` on the slow path's result tells the compiler the bin stays a small integer.

function locateLinear(locator: BinLocator, origin: number, scale: number, values: Float32Array, start: number, end: number, out: Uint16Array): void {
  const n = locator.bins;
  const edges = locator.axis.edges;
  for (let i = start; i < end; i++) {
    const v = values[i] as number;
    const d = (v - origin) * scale;
    let bin = 0;
    if (d >= 0 && d < n) {
      bin = d | 0;
      // Rounding can put v one bin off near an edge: the edges decide
      if (v < (edges[bin] as number) || v >= (edges[bin + 1] as number)) bin = binCode(locator, v) | 0;
    } else if ((d < -1 || d > n + 1) && v - v === 0) {
      bin = BIN_OUT_OF_RANGE; // finite and clear of the range ends
    } else {
      bin = binCode(locator, v) | 0; // non-finite, near a range end, or on the closed last edge
    }
    out[i - start] = bin;
  }
}

function locateByTable(locator: BinLocator, cells: Uint32Array, values: Float32Array, bits: Uint32Array, start: number, end: number, out: Uint16Array): void {
  const n = locator.bins;
  const last = locator.axis.edges[n] as number;
  const flagged = FLAGGED;
  const outOfRange = BIN_OUT_OF_RANGE;
  for (let i = start; i < end; i++) {
    const b = bits[i] as number;
    const entry = cells[b >>> 16] as number;
    if ((entry & flagged) !== 0) {
      out[i - start] = binCode(locator, values[i] as number) | 0;
      continue;
    }
    // rank of the value within its cell: low 16 bits, flipped when negative (b >> 31 is −1 then, else 0)
    const rank = (b ^ (b >> 31)) & 0xffff;
    const bin = (entry >>> 16) + ((rank + (entry & 0xffff)) >>> 16) - 1;
    // −1: below the first edge; n: at or above the last, which only the last edge itself belongs to
    if (bin >>> 0 < n) out[i - start] = bin;
    else out[i - start] = bin === n && (values[i] as number) === last ? n - 1 : outOfRange;
  }
}
