/**
 * Pixel ↔ display ↔ data mapping of one plot axis. Display units are those of the axis transform; the axis shows
 * the display range [r0, r1] over `length` pixels from `start`. The y axis is inverted (display grows upward).
 */
import type { AxisTransform, CompiledAxisTransform } from '../../shared/gating/axes/axis-transform.js';
import { axisTransformProblem, compileAxisTransform } from '../../shared/gating/axes/axis-transform.js';

export interface AxisScale {
  readonly transform: CompiledAxisTransform;
  readonly range: readonly [number, number];
  readonly start: number;
  readonly length: number;
  readonly inverted: boolean;
  displayToPixel(display: number): number;
  pixelToDisplay(pixel: number): number;
  /** NaN for a value outside the transform's domain (≤ 0 on a log axis) or NaN. */
  dataToPixel(value: number): number;
  pixelToData(pixel: number): number;
}

/** A rectangle in data units of each axis, low end first (what particlesInRegion takes). */
export interface DataRect {
  x: [number, number];
  y: [number, number];
}

export interface PixelPoint {
  x: number;
  y: number;
}

/** The transform a payload carries (typed `unknown` in the contract), checked; throws on an unusable one. */
export function asAxisTransform(value: unknown): AxisTransform {
  if (typeof value !== 'object' || value === null || typeof (value as { type?: unknown }).type !== 'string') {
    throw new Error(`not an axis transform: ${JSON.stringify(value)}`);
  }
  const transform = value as AxisTransform;
  const problem = axisTransformProblem(transform);
  if (problem) throw new Error(`axis transform: ${problem.message}`);
  return transform;
}

export function axisScale(transform: AxisTransform | CompiledAxisTransform, range: readonly [number, number], start: number, length: number, inverted = false): AxisScale {
  const compiled = 'toDisplay' in transform ? transform : compileAxisTransform(transform);
  const [r0, r1] = range;
  const span = r1 - r0 || 1;
  const displayToPixel = (display: number) => {
    const f = (display - r0) / span;
    return inverted ? start + length - f * length : start + f * length;
  };
  const pixelToDisplay = (pixel: number) => {
    const f = inverted ? (start + length - pixel) / length : (pixel - start) / length;
    return r0 + f * span;
  };
  return {
    transform: compiled,
    range: [r0, r1],
    start,
    length,
    inverted,
    displayToPixel,
    pixelToDisplay,
    dataToPixel: (value) => displayToPixel(compiled.toDisplay(value)),
    pixelToData: (pixel) => compiled.fromDisplay(pixelToDisplay(pixel)),
  };
}

export function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

/** The pixel clamped into the axis's extent. */
export function clampToAxis(scale: AxisScale, pixel: number): number {
  return clamp(pixel, scale.start, scale.start + scale.length);
}

/** The data rectangle between two pixel corners (clamped to the plot), each axis low end first. */
export function pixelRectToData(x: AxisScale, y: AxisScale, a: PixelPoint, b: PixelPoint): DataRect {
  const xs = [x.pixelToData(clampToAxis(x, a.x)), x.pixelToData(clampToAxis(x, b.x))];
  const ys = [y.pixelToData(clampToAxis(y, a.y)), y.pixelToData(clampToAxis(y, b.y))];
  return { x: [Math.min(xs[0]!, xs[1]!), Math.max(xs[0]!, xs[1]!)], y: [Math.min(ys[0]!, ys[1]!), Math.max(ys[0]!, ys[1]!)] };
}

/** Pixel box of a data rectangle, clamped to the plot; null when it cannot be placed (e.g. ≤ 0 on a log axis). */
export function dataRectToPixels(x: AxisScale, y: AxisScale, rect: DataRect): { left: number; top: number; width: number; height: number } | null {
  const px = rect.x.map((v) => clampToAxis(x, x.dataToPixel(v)));
  const py = rect.y.map((v) => clampToAxis(y, y.dataToPixel(v)));
  if (![...px, ...py].every(Number.isFinite)) return null;
  const left = Math.min(px[0]!, px[1]!);
  const top = Math.min(py[0]!, py[1]!);
  return { left, top, width: Math.abs(px[1]! - px[0]!), height: Math.abs(py[1]! - py[0]!) };
}

/**
 * Where a dot of a sparse bin goes: the bin's pixel box, with `count` points spread inside it by a fixed hash of
 * the bin index (stable between redraws, so dots do not dance).
 */
export function dotPoints(bin: number, count: number, nx: number, ny: number, x: AxisScale, y: AxisScale): PixelPoint[] {
  const ix = bin % nx;
  const iy = Math.floor(bin / nx);
  const cellW = x.length / nx;
  const cellH = y.length / ny;
  const left = x.start + ix * cellW;
  const top = y.start + (ny - 1 - iy) * cellH; // iy = 0 is the bottom row
  const out: PixelPoint[] = [];
  let h = (bin * 2654435761) >>> 0;
  for (let i = 0; i < count; i++) {
    h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
    const fx = (h & 0xffff) / 0x10000;
    const fy = (h >>> 16) / 0x10000;
    out.push({ x: left + (0.15 + 0.7 * fx) * cellW, y: top + (0.15 + 0.7 * fy) * cellH });
  }
  return out;
}
