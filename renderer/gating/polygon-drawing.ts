/**
 * Drawing a polygon with clicks (pixels): each click adds a vertex; a click on the first vertex or a double-click
 * closes it. A double-click also delivers its two clicks, so repeated vertices are dropped before closing.
 */
import type { PixelPoint } from '../plots/plot-geometry.js';

/** How close (pixels) a click must be to the first vertex to close the polygon. */
export const CLOSE_RADIUS = 8;
/** Vertices closer than this (pixels) to the previous one are the same vertex. */
export const SAME_VERTEX = 3;

export function nearFirstVertex(vertices: readonly PixelPoint[], p: PixelPoint, radius = CLOSE_RADIUS): boolean {
  const first = vertices[0];
  return vertices.length >= 3 && first !== undefined && Math.hypot(p.x - first.x, p.y - first.y) <= radius;
}

/** Vertices without consecutive repeats (nor a last vertex repeating the first). */
export function withoutRepeats(vertices: readonly PixelPoint[], tolerance = SAME_VERTEX): PixelPoint[] {
  const out: PixelPoint[] = [];
  for (const v of vertices) {
    const last = out[out.length - 1];
    if (!last || Math.hypot(v.x - last.x, v.y - last.y) > tolerance) out.push(v);
  }
  while (out.length > 1) {
    const first = out[0]!;
    const last = out[out.length - 1]!;
    if (Math.hypot(first.x - last.x, first.y - last.y) > tolerance) break;
    out.pop();
  }
  return out;
}

/** Signed area (shoelace); positive when counter-clockwise in a y-up frame. */
export function polygonArea(points: readonly PixelPoint[]): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const a = points[i]!;
    const b = points[(i + 1) % points.length]!;
    sum += a.x * b.y - b.x * a.y;
  }
  return sum / 2;
}

/** Smallest area (square pixels) of a polygon worth keeping: anything flatter is a slip of the mouse. */
export const MIN_POLYGON_AREA = 16;

/** The vertices of the closed polygon, or null when fewer than 3 distinct vertices enclose a real area. */
export function finishPolygon(vertices: readonly PixelPoint[]): PixelPoint[] | null {
  const clean = withoutRepeats(vertices);
  if (clean.length < 3 || Math.abs(polygonArea(clean)) < MIN_POLYGON_AREA) return null;
  return clean;
}

/** What a click does while drawing: add a vertex, or close the polygon (it landed on the first vertex). */
export function polygonClick(vertices: readonly PixelPoint[], p: PixelPoint): { action: 'add'; vertices: PixelPoint[] } | { action: 'close'; vertices: PixelPoint[] } {
  if (nearFirstVertex(vertices, p)) return { action: 'close', vertices: vertices.slice() };
  return { action: 'add', vertices: [...vertices, p] };
}
