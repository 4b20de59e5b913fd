/**
 * One axis of a raster over a display interval [min, max] (a polygon's bounding box, an ellipse's reach): cells with
 * display extents [lo[j], hi[j]] — closed, non-decreasing, adjacent cells touching or overlapping, so that a run of
 * cells is one connected region — and the way an event's float32 key finds its cell.
 *
 * Two kinds:
 *
 * - Key-aligned (preferred): cell j is the key range [first + j·2^shift, first + (j+1)·2^shift), so the cell of an
 *   event is one subtraction and shift, with no table and nothing undecided. Its extent is the display values at
 *   the range's two ends, widened by twice the threshold slack (display-cut.ts: the transform is within the slack of
 *   a non-decreasing function, so every key in between lands inside). Float32 keys grow like log2 of the value, so
 *   these cells are even on log axes and on the log part of biexponential ones.
 *
 * - Partitioned (when key-aligned cells would be too uneven: a linear axis, or one spanning the data zero): evenly
 *   spaced display lines, each line's threshold keys from display-cut.ts, and a bucket table to find the slot
 *   (axis-partition.ts), with an undecided slot where a line's band could not be resolved.
 *
 * Keys below the grid are certainly below min (or NaN), keys past it certainly above max (or NaN): outside.
 */
import { axisPartition, SLOT_OUTSIDE } from './axis-partition.js';
import type { AxisPartition } from './axis-partition.js';
import { cutKeys, DISPLAY_SLACK } from './display-cut.js';
import type { KeyDomain } from './display-cut.js';
import { keyToFloat32 } from './float32-key.js';

export interface AxisGrid {
  readonly cells: number;
  /** Display extent of each cell (closed). */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** Slot lookup for the general raster loop (for a key-aligned grid: slot j + 2 per bucket, nothing mixed). */
  readonly partition: AxisPartition;
  /** Key-aligned grids: cell of key k = ((k − first) >>> shift) when below `cells`. Null for a partitioned grid. */
  readonly keyAligned: { readonly first: number; readonly shift: number } | null;
}

/** Key-aligned cells wider than this many times the even spacing (max − min)/cells make the grid too uneven. */
const UNEVENNESS = 2.5;

function keyAlignedGrid(domain: KeyDomain, min: number, max: number, cells: number, maxCells: number): AxisGrid | null {
  const low = cutKeys(domain, min);
  const high = cutKeys(domain, max);
  if (!low || !high) return null;
  const first = low.below; // keys below: display < min
  const end = high.above; // keys from here: display > max
  const span = end - first;
  if (!(span > 0)) return null;
  const even = (max - min) / cells;
  const display = (key: number): number => domain.transform.toDisplay(keyToFloat32(key));
  let shift = Math.max(0, Math.floor(Math.log2(span / cells)));
  for (;;) {
    const width = 2 ** shift;
    const count = Math.ceil(span / width);
    if (count > maxCells) return null;
    // The key after the last cell must still be a number (its display value bounds the last cell).
    if (first + count * width > domain.highKey) return null;
    const lo = new Float64Array(count);
    const hi = new Float64Array(count);
    let previous = display(first);
    let widest = 0;
    let ok = Number.isFinite(previous);
    for (let j = 0; j < count && ok; j++) {
      const next = display(first + (j + 1) * width);
      if (!Number.isFinite(next) || next < previous) ok = false;
      const slack = 2 * DISPLAY_SLACK * Math.max(1, Math.abs(previous), Math.abs(next));
      lo[j] = previous - slack;
      hi[j] = next + slack;
      if (j > 0 && ((lo[j] as number) < (lo[j - 1] as number) || (hi[j] as number) < (hi[j - 1] as number))) ok = false;
      widest = Math.max(widest, next - previous);
      previous = next;
    }
    if (!ok) return null;
    if (widest <= UNEVENNESS * even || shift === 0) {
      const slots = new Uint16Array(count);
      for (let j = 0; j < count; j++) slots[j] = j + 2;
      const partition: AxisPartition = {
        cells: count,
        edges: new Int32Array(0),
        slotOf: Uint16Array.of(SLOT_OUTSIDE),
        first,
        shift,
        buckets: count,
        slots,
      };
      return { cells: count, lo, hi, partition, keyAligned: { first, shift } };
    }
    shift--;
  }
}

function partitionedGrid(domain: KeyDomain, min: number, max: number, cells: number, maxBuckets: number): AxisGrid | null {
  const lines = new Float64Array(cells + 1);
  for (let j = 0; j < cells; j++) lines[j] = min + ((max - min) * j) / cells;
  lines[cells] = max;
  const partition = axisPartition(domain, lines, maxBuckets);
  if (!partition) return null;
  return { cells, lo: lines.subarray(0, cells), hi: lines.subarray(1), partition, keyAligned: null };
}

/**
 * A grid over [min, max] (finite, min < max) with about `cells` cells: key-aligned when that is even enough
 * (allowing up to 4·cells cells to get there), else partitioned; null when neither can be built (the caller takes
 * the reference path).
 */
export function axisGrid(domain: KeyDomain, min: number, max: number, cells: number, maxBuckets: number): AxisGrid | null {
  if (!(Number.isFinite(min) && Number.isFinite(max) && min < max)) return null;
  return keyAlignedGrid(domain, min, max, cells, 4 * cells) ?? partitionedGrid(domain, min, max, cells, maxBuckets);
}
