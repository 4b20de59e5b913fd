/** What the 1-D and 2-D binnings share: how an axis is asked for, and how left-out events are counted. */
import { CurationError } from '../api/errors.js';
import type { AxisTransform } from '../gating/axes/axis-transform.js';
import { compileAxisTransform } from '../gating/axes/axis-transform.js';
import type { AxisRangeSpec } from './axis-range.js';
import { resolveDisplayRange } from './axis-range.js';
import type { BinLocator } from './bin-locator.js';
import { createBinLocator } from './bin-locator.js';

export const DEFAULT_BINS = 256;

export interface BinAxisSpec {
  transform: AxisTransform;
  /** Display units; default [0, 1] (the transform's own scale); 'auto' or percentiles from the data. */
  range?: AxisRangeSpec;
  /** Overrides the request's bins for this axis. */
  bins?: number;
}

/**
 * Every event considered is counted once: binned, or left out for the first reason that applies, checking both
 * axes for each reason in this order. total = binned + nonFinite + outOfDomain + outOfRange.
 */
export interface BinningCounts {
  /** Events considered: all, or those the mask includes. */
  total: number;
  binned: number;
  /** NaN or ±Infinity (a ratio with a zero denominator is NaN). */
  nonFinite: number;
  /** Outside the transform's domain: ≤ 0 on a log axis. */
  outOfDomain: number;
  /** Finite and in the domain, but outside the axis range. */
  outOfRange: number;
}

export function prepareLocator(values: Float32Array, spec: BinAxisSpec, defaultBins: number, mask: Uint8Array | undefined): BinLocator {
  const transform = compileAxisTransform(spec.transform);
  const range = resolveDisplayRange(values, transform, spec.range, mask);
  return createBinLocator(transform, range, spec.bins ?? defaultBins);
}

export function checkMask(mask: Uint8Array | undefined, events: number): void {
  if (mask && mask.length < events) {
    throw new CurationError({ code: 'invalid-input', field: 'mask', message: `mask covers ${mask.length} events, the data has ${events}` });
  }
}

/** Largest count in a grid. */
export function maxCount(counts: Uint32Array): number {
  let max = 0;
  for (let i = 0; i < counts.length; i++) if ((counts[i] as number) > max) max = counts[i] as number;
  return max;
}
