/**
 * The per-event loops: float32 keys of the raw values (read through Int32Array views of the columns, see
 * float32-key.ts) against precomputed thresholds. Each loop writes 1 (inside), 0 (outside) or UNDECIDED (2) per
 * event, then resolveUndecided gives the undecided ones the exact test — the reference's arithmetic for that event.
 *
 * Two things keep the loops fast. Range tests are unsigned comparisons combined with `&` rather than `&&`: events
 * arrive in no particular order, so a branch on "inside?" would be mispredicted about as often as the answer
 * changes, which costs more than the whole test. And no loop calls a function: a call inside the loop makes the
 * compiler reload every typed array's length and data pointer on every iteration (measured: twice the time).
 * No allocation, no transform per event.
 *
 * RAW_BITS_AS_KEYS: when a range or grid starts at a key ≥ 0 (log axes, where keys below 1 are outside the domain),
 * the int32 bit pattern itself can be used in place of the key. The two agree for non-negative bit patterns; a
 * negative one b (negative values, −0, negative NaNs) gives the unsigned offset 2^32 + b − lo ≥ 2^31 − lo, past every
 * range and grid here (all end at or below +Infinity's key, 0x7F800000 < 2^31): outside, as its key is too.
 */
import { SLOT_MIXED, SLOT_OUTSIDE, SLOT_UNDECIDED } from './axis-partition.js';
import type { AxisPartition } from './axis-partition.js';
import type { IntervalKeys } from './display-cut.js';
import { CELL_BOUNDARY, CELL_OUTSIDE } from './polygon-cells.js';

/** Written for an event the thresholds cannot decide: CELL_BOUNDARY, so raster classes are stored as they are. */
export const UNDECIDED = CELL_BOUNDARY;

/** Exact membership (0 or 1) of event i. */
export type ExactTest = (event: number) => number;

/** Replaces every UNDECIDED in `out` by exact(i); returns how many there were. Four events per word. */
export function resolveUndecided(out: Uint8Array, exact: ExactTest): number {
  let n = 0;
  const aligned = out.byteOffset % 4 === 0;
  const words = aligned ? new Int32Array(out.buffer, out.byteOffset, out.length >>> 2) : new Int32Array(0);
  for (let w = 0; w < words.length; w++) {
    if (((words[w] as number) & 0x02020202) === 0) continue;
    for (let i = w * 4; i < w * 4 + 4; i++) {
      if (out[i] === UNDECIDED) {
        out[i] = exact(i);
        n++;
      }
    }
  }
  for (let i = words.length * 4; i < out.length; i++) {
    if (out[i] === UNDECIDED) {
      out[i] = exact(i);
      n++;
    }
  }
  return n;
}

/** A key range lo ≤ k ≤ hi as (lo, hi − lo) for the unsigned test, and whether it is empty. */
function span(lo: number, hi: number): [number, number, number] {
  return hi >= lo ? [lo, hi - lo, 1] : [0, 0, 0];
}

/** Both axes' key ranges (display-cut.ts intervalKeys); UNDECIDED only for events in an unresolved band. */
export function rectangleKernel(xBits: Int32Array, yBits: Int32Array, x: IntervalKeys, y: IntervalKeys, out: Uint8Array): void {
  const events = out.length;
  const [xi0, xiw, xin] = span(x.inLo, x.inHi);
  const [yi0, yiw, yin] = span(y.inLo, y.inHi);
  const [xp0, xpw, xpn] = span(x.possibleLo, x.possibleHi);
  const [yp0, ypw, ypn] = span(y.possibleLo, y.possibleHi);
  if ((xpn & ypn) === 0) return; // nothing can be inside
  const anyIn = xin & yin;
  if (x.inLo === x.possibleLo && x.inHi === x.possibleHi && y.inLo === y.possibleLo && y.inHi === y.possibleHi) {
    // Every bound resolved to an exact key: no event needs the transform.
    if (xi0 >= 0 && yi0 >= 0) {
      // Ranges of positive keys (log axes): the raw bits serve as keys (see RAW_BITS_AS_KEYS).
      for (let i = 0; i < events; i++) out[i] = +((((xBits[i] as number) - xi0) >>> 0) <= xiw) & +((((yBits[i] as number) - yi0) >>> 0) <= yiw);
      return;
    }
    for (let i = 0; i < events; i++) {
      const bx = xBits[i] as number;
      const by = yBits[i] as number;
      const kx = bx ^ ((bx >> 31) & 0x7fffffff);
      const ky = by ^ ((by >> 31) & 0x7fffffff);
      out[i] = +(((kx - xi0) >>> 0) <= xiw) & +(((ky - yi0) >>> 0) <= yiw);
    }
    return;
  }
  for (let i = 0; i < events; i++) {
    const bx = xBits[i] as number;
    const by = yBits[i] as number;
    const kx = bx ^ ((bx >> 31) & 0x7fffffff);
    const ky = by ^ ((by >> 31) & 0x7fffffff);
    const inside = +(((kx - xi0) >>> 0) <= xiw) & +(((ky - yi0) >>> 0) <= yiw) & anyIn;
    const possible = +(((kx - xp0) >>> 0) <= xpw) & +(((ky - yp0) >>> 0) <= ypw);
    // 1 inside, 2 possible but not certainly inside, 0 certainly outside
    out[i] = inside | ((possible ^ inside) << 1);
  }
}

/** One axis' key range; UNDECIDED only for events in an unresolved band. */
export function rangeKernel(bits: Int32Array, interval: IntervalKeys, out: Uint8Array): void {
  const events = out.length;
  const [i0, iw, iin] = span(interval.inLo, interval.inHi);
  const [p0, pw, pn] = span(interval.possibleLo, interval.possibleHi);
  if (pn === 0) return;
  if (interval.inLo === interval.possibleLo && interval.inHi === interval.possibleHi) {
    for (let i = 0; i < events; i++) {
      const b = bits[i] as number;
      out[i] = +((((b ^ ((b >> 31) & 0x7fffffff)) - i0) >>> 0) <= iw);
    }
    return;
  }
  for (let i = 0; i < events; i++) {
    const b = bits[i] as number;
    const k = b ^ ((b >> 31) & 0x7fffffff);
    const inside = +(((k - i0) >>> 0) <= iw) & iin;
    const possible = +(((k - p0) >>> 0) <= pw);
    out[i] = inside | ((possible ^ inside) << 1);
  }
}

/**
 * Classes per (y slot, x slot) for a raster's cells ([row · G + column], CELL_*): outside on either axis is
 * outside; an undecided position on either axis needs the exact test; else the cell's class. Indexed
 * [ySlot · (columns + 2) + xSlot].
 */
export function slotClasses(cells: Uint8Array, columns: number, rows: number): Uint8Array {
  const width = columns + 2;
  const classes = new Uint8Array((rows + 2) * width);
  for (let sy = 0; sy < rows + 2; sy++) {
    for (let sx = 0; sx < width; sx++) {
      let c: number;
      if (sx === SLOT_OUTSIDE || sy === SLOT_OUTSIDE) c = CELL_OUTSIDE;
      else if (sx === SLOT_UNDECIDED || sy === SLOT_UNDECIDED) c = CELL_BOUNDARY;
      else c = cells[(sy - 2) * columns + (sx - 2)] as number;
      classes[sy * width + sx] = c;
    }
  }
  return classes;
}

/**
 * Rastered gates (polygon, ellipse) on partitioned axes: each axis' slot from its partition (axis-partition.ts: one
 * bucket lookup, a binary search over the edges only in the few buckets that hold one), the class from `classes`
 * (slotClasses; boundary cells are UNDECIDED). Keys outside an axis' buckets are outside the raster, hence the gate
 * (the raster covers everything the gate can contain).
 */
export function rasterKernel(xBits: Int32Array, yBits: Int32Array, px: AxisPartition, py: AxisPartition, classes: Uint8Array, out: Uint8Array): void {
  const { first: x0, shift: xShift, buckets: xBuckets, slots: xSlots, edges: xEdges, slotOf: xSlotOf } = px;
  const { first: y0, shift: yShift, buckets: yBuckets, slots: ySlots, edges: yEdges, slotOf: ySlotOf } = py;
  const width = px.cells + 2;
  const events = out.length;
  for (let i = 0; i < events; i++) {
    const bx = xBits[i] as number;
    const by = yBits[i] as number;
    const kx = bx ^ ((bx >> 31) & 0x7fffffff);
    const ky = by ^ ((by >> 31) & 0x7fffffff);
    // Bucket as an unsigned offset from the first edge; the mask is −1 inside the bucket range, 0 outside (where
    // bucket 0 is read harmlessly and the slot masked to SLOT_OUTSIDE, 0).
    const ux = (kx - x0) >>> xShift;
    const uy = (ky - y0) >>> yShift;
    const mx = -+(ux < xBuckets);
    const my = -+(uy < yBuckets);
    let sx = (xSlots[ux & mx] as number) & mx;
    let sy = (ySlots[uy & my] as number) & my;
    if (sx === SLOT_MIXED) {
      // Number of edges ≤ kx, inline (no call in the loop).
      let lo = 0;
      let hi = xEdges.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((xEdges[mid] as number) <= kx) lo = mid + 1;
        else hi = mid;
      }
      sx = xSlotOf[lo] as number;
    }
    if (sy === SLOT_MIXED) {
      let lo = 0;
      let hi = yEdges.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((yEdges[mid] as number) <= ky) lo = mid + 1;
        else hi = mid;
      }
      sy = ySlotOf[lo] as number;
    }
    out[i] = classes[sy * width + sx] as number;
  }
}

/**
 * Rastered gates on two key-aligned grids (axis-grid.ts): the cell is ((k − first) >>> shift) on each axis, the
 * class `cells[row · columns + column]` (boundary cells are UNDECIDED); keys off the grid are outside the gate.
 */
export function keyGridKernel(
  xBits: Int32Array, yBits: Int32Array,
  x: { first: number; shift: number; cells: number }, y: { first: number; shift: number; cells: number },
  cells: Uint8Array, out: Uint8Array,
): void {
  const { first: x0, shift: xShift, cells: columns } = x;
  const { first: y0, shift: yShift, cells: rows } = y;
  const events = out.length;
  if (x0 >= 0 && y0 >= 0) {
    // Grids over positive keys (log axes): the raw bits serve as keys (see RAW_BITS_AS_KEYS).
    for (let i = 0; i < events; i++) {
      const column = ((xBits[i] as number) - x0) >>> xShift;
      const row = ((yBits[i] as number) - y0) >>> yShift;
      // −1 on the grid, 0 off it (then cell 0 is read harmlessly and the class masked to outside).
      const on = -(+(column < columns) & +(row < rows));
      out[i] = (cells[(row * columns + column) & on] as number) & on;
    }
    return;
  }
  for (let i = 0; i < events; i++) {
    const bx = xBits[i] as number;
    const by = yBits[i] as number;
    const kx = bx ^ ((bx >> 31) & 0x7fffffff);
    const ky = by ^ ((by >> 31) & 0x7fffffff);
    const column = (kx - x0) >>> xShift;
    const row = (ky - y0) >>> yShift;
    const on = -(+(column < columns) & +(row < rows));
    out[i] = (cells[(row * columns + column) & on] as number) & on;
  }
}
