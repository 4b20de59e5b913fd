/**
 * An axis cut at the lines g_0 < g_1 < … < g_G of a raster (display space), as float32 key thresholds
 * (display-cut.ts): each line is one exact threshold key, or — when its band is too wide to resolve — two keys with
 * an undecided stretch between them. Sorted, these edges split the keys into stretches, each with a slot:
 *
 *   SLOT_OUTSIDE    below g_0 or above g_G (or NaN)
 *   j + 2           in the closed cell [g_j, g_(j+1)]: display ≥ g_j (≥ g_0 for j = 0) and ≤ g_(j+1)
 *   SLOT_UNDECIDED  in an unresolved band
 *
 * (A value exactly on an inner line may be put on either side: cells are classified as closed sets.)
 *
 * Per event, one table lookup finds the slot: keys in [first, first + buckets·2^shift) fall in equal key buckets,
 * and most buckets hold no edge, so `slots[bucket]` is the slot of every key in them. The few that hold an edge are
 * SLOT_MIXED, and a binary search over the edges settles those (slotOfKey; inlined in gate-kernels.ts). Because
 * float32 keys grow like log2 of the value, buckets are fine where cells are fine on log and biexponential axes.
 * Keys outside the buckets are outside the raster.
 */
import { resolveCut } from './display-cut.js';
import type { KeyDomain } from './display-cut.js';

export const SLOT_OUTSIDE = 0;
export const SLOT_UNDECIDED = 1;
/** In `slots`: the bucket holds an edge, so its keys do not all share one slot. */
export const SLOT_MIXED = 0xffff;

export interface AxisPartition {
  /** Number of cells G (lines − 1). */
  readonly cells: number;
  /** Edge keys, non-decreasing. */
  readonly edges: Int32Array;
  /** slotOf[p]: slot of keys with exactly p edges ≤ them (p = 0 … edges.length). */
  readonly slotOf: Uint16Array;
  /** First key of bucket 0 (= edges[0]). */
  readonly first: number;
  /** Bucket of key k: ((k − first) >>> 0) >>> shift, when below `buckets`. */
  readonly shift: number;
  readonly buckets: number;
  /** Slot of every key in each bucket, or SLOT_MIXED. */
  readonly slots: Uint16Array;
}

/** Number of edges ≤ key (binary search). */
function positionOf(edges: Int32Array, key: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((edges[mid] as number) <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The partition of an axis at `lines` (strictly increasing, finite display values), or null when the lines are
 * too close together for their thresholds to stay ordered (the caller takes the reference path).
 */
export function axisPartition(domain: KeyDomain, lines: Float64Array, maxBuckets: number): AxisPartition | null {
  const count = lines.length;
  if (count < 2) return null;
  const edgeList: number[] = [];
  const slotList: number[] = [SLOT_OUTSIDE];
  for (let j = 0; j < count; j++) {
    const line = lines[j] as number;
    if (j > 0 && !(line > (lines[j - 1] as number))) return null;
    // Above the line: cell j, or outside past the last line. The last line's threshold is the first key with
    // display > g_G (g_G itself is in the last cell); the others the first key with display ≥ g_j.
    const last = j === count - 1;
    const cut = resolveCut(domain, line, last);
    if (!cut) return null;
    const after = last ? SLOT_OUTSIDE : j + 2;
    const lowest = cut.exact ? cut.key : cut.below;
    if (edgeList.length > 0 && lowest < (edgeList[edgeList.length - 1] as number)) return null;
    if (cut.exact) {
      edgeList.push(cut.key);
      slotList.push(after);
    } else {
      edgeList.push(cut.below, cut.above);
      slotList.push(SLOT_UNDECIDED, after);
    }
  }
  const edges = Int32Array.from(edgeList);
  const slotOf = Uint16Array.from(slotList);
  const first = edges[0] as number;
  const span = (edges[edges.length - 1] as number) - first + 1; // keys from the first edge through the last
  let shift = 0;
  while (span / 2 ** shift > maxBuckets) shift++;
  const width = 2 ** shift;
  const buckets = Math.ceil(span / width);
  const slots = new Uint16Array(buckets);
  for (let b = 0; b < buckets; b++) {
    const start = first + b * width;
    const p = positionOf(edges, start);
    slots[b] = positionOf(edges, start + width - 1) === p ? (slotOf[p] as number) : SLOT_MIXED;
  }
  return { cells: count - 1, edges, slotOf, first, shift, buckets, slots };
}

/** Slot of one key by binary search over the edges (what the raster loop does inline for a mixed bucket). */
export function slotOfKey(partition: AxisPartition, key: number): number {
  return partition.slotOf[positionOf(partition.edges, key)] as number;
}
