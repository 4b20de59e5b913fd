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
  const stride = Math.max(1, Math.floor(included / PERCENTILE_SAMPLES));
  const sample = new Float64Array(Math.min(included, PERCENTILE_SAMPLES + 1));
  const domainMin = transform.domainMin;
  let taken = 0;
  let seen = 0;
  for (let i = 0; i < n && taken < sample.length; i++) {
    if (mask && mask[i] === 0) continue;
    if (seen++ % stride !== 0) continue;
    const v = values[i] as number;
    if (Number.isFinite(v) && v > domainMin) sample[taken++] = v;
  }
  if (taken === 0) return [0, 1];
  const sorted = sample.subarray(0, taken).sort();
  const at = (percent: number): number => sorted[Math.round((percent / 100) * (taken - 1))] as number;
  let lo = transform.toDisplay(at(lowPercent));
  let hi = transform.toDisplay(at(highPercent));
  if (!(hi - lo > 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi)))) {
    lo -= DEGENERATE_HALF_WIDTH;
    hi += DEGENERATE_HALF_WIDTH;
  }
  const span = hi - lo;
  return [lo - margin * span, hi + margin * span];
}
