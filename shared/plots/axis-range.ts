/**
 * The display range a plot axis covers: given, the transform's own [0, 1], or from percentiles of the data (so a
 * few extreme events do not squeeze the population into a corner).
 */
import { CurationError } from '../api/errors.js';
import type { CompiledAxisTransform } from '../gating/axes/axis-transform.js';
import type { DisplayRange } from './bin-locator.js';

export interface PercentileRange {
  /** Percentiles (0–100) of the finite, in-domain values that set the range ends. */
  percentiles: readonly [low: number, high: number];
  /** Added on both sides as a fraction of the span (display units). Default 0.02. */
  margin?: number;
}

/** A display range; `'auto'` = the 0.1th to 99.9th percentile plus a 2 % margin; undefined = [0, 1]. */
export type AxisRangeSpec = DisplayRange | 'auto' | PercentileRange;

export const AUTO_RANGE: PercentileRange = { percentiles: [0.1, 99.9], margin: 0.02 };
/** Percentiles are taken from at most this many events, picked at an even stride. */
export const PERCENTILE_SAMPLES = 65536;
/** Half-width given to a range whose data are all one value (display units; the full scale is 1). */
const DEGENERATE_HALF_WIDTH = 0.05;

export function resolveDisplayRange(values: Float32Array, transform: CompiledAxisTransform, spec: AxisRangeSpec | undefined, mask?: Uint8Array): DisplayRange {
  if (spec === undefined) return [0, 1];
  if (spec === 'auto') return percentileDisplayRange(values, transform, AUTO_RANGE, mask);
  if ('percentiles' in spec) return percentileDisplayRange(values, transform, spec, mask);
  return [spec[0], spec[1]];
}

/**
 * Percentiles are taken on data values and then transformed: the transforms are monotone, so this equals taking
 * them on display values, and costs two transforms instead of one per sampled event. Nearest rank on the sample.
 * With no usable value at all the range is [0, 1].
 */
export function percentileDisplayRange(values: Float32Array, transform: CompiledAxisTransform, spec: PercentileRange, mask?: Uint8Array): DisplayRange {
  const [lowPercent, highPercent] = spec.percentiles;
  const margin = spec.margin ?? 0.02;
  if (!(lowPercent >= 0 && lowPercent < highPercent && highPercent <= 100)) {
    throw new CurationError({ code: 'invalid-input', field: 'percentiles', message: `percentiles must satisfy 0 ≤ low < high ≤ 100, got [${lowPercent}, ${highPercent}]` });
  }
  if (!(margin >= 0 && margin < 10)) throw new CurationError({ code: 'invalid-input', field: 'margin', message: `margin must be ≥ 0, got ${margin}` });
  const n = values.length;
  let included = n;
  if (mask) {
    included = 0;
    for (let i = 0; i < n; i++) if (mask[i] !== 0) included++;
  }
  // Ceiling, so the sample spans all events rather than filling up before the last ones
  const stride = Math.max(1, Math.ceil(included / PERCENTILE_SAMPLES));
  const sample = new Float64Array(Math.ceil(included / stride));
  const domainMin = transform.domainMin;
  let taken = 0;
  if (!mask) {
    for (let i = 0; i < n; i += stride) {
      const v = values[i] as number;
      if (v > domainMin && v < Infinity) sample[taken++] = v; // false for NaN too
    }
  } else {
    let skip = 0; // included events to pass over before the next sampled one
    for (let i = 0; i < n; i++) {
      if (mask[i] === 0) continue;
      if (skip > 0) {
        skip--;
        continue;
      }
      skip = stride - 1;
      const v = values[i] as number;
      if (v > domainMin && v < Infinity) sample[taken++] = v;
    }
  }
  if (taken === 0) return [0, 1];
  // Two order statistics by selection: sorting 65,536 values costs ~20× more
  const kept = sample.subarray(0, taken);
  const lowRank = Math.round((lowPercent / 100) * (taken - 1));
  const highRank = Math.round((highPercent / 100) * (taken - 1));
  const lowValue = selectRank(kept, lowRank, 0, taken - 1);
  const highValue = selectRank(kept, highRank, lowRank, taken - 1); // everything from lowRank on is ≥ lowValue
  let lo = transform.toDisplay(lowValue);
  let hi = transform.toDisplay(highValue);
  if (!(hi - lo > 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi)))) {
    lo -= DEGENERATE_HALF_WIDTH;
    hi += DEGENERATE_HALF_WIDTH;
  }
  const span = hi - lo;
  return [lo - margin * span, hi + margin * span];
}

/**
 * The value of rank k (0-based, as if a[from…to] were sorted), by Hoare's quickselect with a median-of-three pivot.
 * Reorders a[from…to] so that a[from…k−1] ≤ a[k] ≤ a[k+1…to]. NaN-free input.
 */
export function selectRank(a: Float64Array, k: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as the pivot value: sorted-looking input (common in event tables) stays O(n)
    const x = a[lo] as number;
    const y = a[mid] as number;
    const z = a[hi] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    // Now a[lo…j] ≤ pivot ≤ a[i…hi], and a[j+1…i−1] (if any) equal the pivot
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k] as number;
  }
  return a[k] as number;
}
