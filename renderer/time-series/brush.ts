/**
 * Brushing on the time axis: a dragged horizontal range selects the samples whose time falls inside it
 * (inclusive), whatever their value. A drag shorter than a few pixels is a click, not a brush.
 */
export const minBrushPixels = 4;

export interface TimedPoint {
  sampleId: string;
  /** Milliseconds since the epoch. */
  t: number;
}

/** The two ends in order. */
export function orderedRange(a: number, b: number): [number, number] {
  return a <= b ? [a, b] : [b, a];
}

export function isBrush(startPixel: number, endPixel: number): boolean {
  return Math.abs(endPixel - startPixel) >= minBrushPixels;
}

/** Ids of the points inside [from, to] (either order), in the points' order, each once. */
export function pointsInTimeRange(points: readonly TimedPoint[], from: number, to: number): string[] {
  const [lo, hi] = orderedRange(from, to);
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const p of points) {
    if (p.t >= lo && p.t <= hi && !seen.has(p.sampleId)) {
      seen.add(p.sampleId);
      ids.push(p.sampleId);
    }
  }
  return ids;
}

/** Clamps a pixel position to the plot area. */
export function clampPixel(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}
