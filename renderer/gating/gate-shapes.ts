/**
 * Gate geometry in the gate's own display space: outlines to draw, handles to drag, and the edits the mouse makes
 * (rectangle from a drag, ellipse from a drag, move, corner and vertex drags). Pure: no pixels here except where a
 * function says so; gate-projection.ts maps between the two.
 */
import type { EllipseGate, Gate, PolygonGate, RangeGate, RectangleGate } from '../../shared/gating/gate.js';
import type { Point } from './gate-projection.js';

/** The part of gate space a plot shows, used to draw the open (null) sides of rectangles and ranges. */
export interface Extent {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export interface RectangleBounds {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** The rectangle between two corners, low end first on each axis (a drag may go any way). */
export function normaliseRectangle(a: Point, b: Point): RectangleBounds {
  return { xMin: Math.min(a.x, b.x), xMax: Math.max(a.x, b.x), yMin: Math.min(a.y, b.y), yMax: Math.max(a.y, b.y) };
}

/** Bounds with null (open) sides kept, each pair in order. */
function orderBounds<T extends { xMin: number | null; xMax: number | null; yMin: number | null; yMax: number | null }>(r: T): T {
  const swapX = r.xMin !== null && r.xMax !== null && r.xMin > r.xMax;
  const swapY = r.yMin !== null && r.yMax !== null && r.yMin > r.yMax;
  return { ...r, ...(swapX ? { xMin: r.xMax, xMax: r.xMin } : {}), ...(swapY ? { yMin: r.yMax, yMax: r.yMin } : {}) };
}

export type EllipseGeometry = Pick<EllipseGate, 'mean' | 'covariance' | 'distanceSquare'>;

/**
 * The ellipse inscribed in the box between two corners: centre the box's centre, covariance diagonal with the
 * squared half-widths, distanceSquare 1 (so (p − mean)ᵀ C⁻¹ (p − mean) ≤ 1 is exactly that ellipse).
 */
export function ellipseFromBox(a: Point, b: Point): EllipseGeometry {
  const rx = Math.abs(b.x - a.x) / 2;
  const ry = Math.abs(b.y - a.y) / 2;
  return {
    mean: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 },
    covariance: [
      [rx * rx, 0],
      [0, ry * ry],
    ],
    distanceSquare: 1,
  };
}

/**
 * Points of an ellipse's boundary: with A = C·d = L·Lᵀ (Cholesky), the boundary is mean + L·(cos t, sin t).
 * Empty for a covariance that is not positive definite.
 */
export function ellipseOutline(e: EllipseGeometry, segments = 72): Point[] {
  const [[c00, c01], [c10, c11]] = e.covariance;
  const d = e.distanceSquare;
  const a = c00 * d;
  const b = ((c01 + c10) / 2) * d;
  const c = c11 * d;
  if (!(a > 0) || !(a * c - b * b > 0)) return [];
  const l00 = Math.sqrt(a);
  const l10 = b / l00;
  const l11 = Math.sqrt(c - l10 * l10);
  const out: Point[] = [];
  for (let i = 0; i < segments; i++) {
    const t = (2 * Math.PI * i) / segments;
    const u = Math.cos(t);
    const v = Math.sin(t);
    out.push({ x: e.mean.x + l00 * u, y: e.mean.y + l10 * u + l11 * v });
  }
  return out;
}

/** Whether a point is inside an ellipse gate (the service's rule: (p − m)ᵀ C⁻¹ (p − m) ≤ d). */
export function insideEllipse(e: EllipseGeometry, p: Point): boolean {
  const [[a, b], [c, d]] = e.covariance;
  const det = a * d - b * c;
  if (!(det > 0)) return false;
  const dx = p.x - e.mean.x;
  const dy = p.y - e.mean.y;
  const q = (dx * (d * dx - b * dy) + dy * (-c * dx + a * dy)) / det;
  return q <= e.distanceSquare;
}

/** A rectangle's corners (open sides placed at the extent's edges), counter-clockwise from (xMin, yMin). */
export function rectangleOutline(r: Pick<RectangleGate, 'xMin' | 'xMax' | 'yMin' | 'yMax'>, extent: Extent): Point[] {
  const x0 = r.xMin ?? Math.min(extent.xMin, r.xMax ?? extent.xMin);
  const x1 = r.xMax ?? Math.max(extent.xMax, r.xMin ?? extent.xMax);
  const y0 = r.yMin ?? Math.min(extent.yMin, r.yMax ?? extent.yMin);
  const y1 = r.yMax ?? Math.max(extent.yMax, r.yMin ?? extent.yMax);
  return [
    { x: x0, y: y0 },
    { x: x1, y: y0 },
    { x: x1, y: y1 },
    { x: x0, y: y1 },
  ];
}

/** The closed outline of a two-axis gate in its display space. */
export function gateOutline(gate: Exclude<Gate, RangeGate>, extent: Extent): Point[] {
  switch (gate.type) {
    case 'rectangle':
      return rectangleOutline(gate, extent);
    case 'polygon':
      return gate.vertices.map((v) => ({ x: v.x, y: v.y }));
    case 'ellipse':
      return ellipseOutline(gate);
  }
}

/** A closed outline with each edge cut into `steps` pieces (so it can bend when drawn through another transform). */
export function densify(points: readonly Point[], steps: number): Point[] {
  if (steps <= 1 || points.length < 2) return points.slice();
  const out: Point[] = [];
  for (let i = 0; i < points.length; i++) {
    const a = points[i]!;
    const b = points[(i + 1) % points.length]!;
    for (let s = 0; s < steps; s++) {
      const f = s / steps;
      out.push({ x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f });
    }
  }
  return out;
}

/** A handle the mouse can drag: its index (what dragHandle takes) and where it is in gate space. */
export interface Handle {
  index: number;
  at: Point;
}

/**
 * Handles of a rectangle (its corners with both coordinates bounded, index 0 = (xMin, yMin), 1 = (xMax, yMin),
 * 2 = (xMax, yMax), 3 = (xMin, yMax)) or a polygon (its vertices). Ellipses have theirs in pixel space
 * (ellipse-axes.ts); ranges have none.
 */
export function gateHandles(gate: Gate): Handle[] {
  if (gate.type === 'polygon') return gate.vertices.map((v, index) => ({ index, at: { x: v.x, y: v.y } }));
  if (gate.type !== 'rectangle') return [];
  const corners: [number | null, number | null][] = [
    [gate.xMin, gate.yMin],
    [gate.xMax, gate.yMin],
    [gate.xMax, gate.yMax],
    [gate.xMin, gate.yMax],
  ];
  const out: Handle[] = [];
  corners.forEach(([x, y], index) => {
    if (x !== null && y !== null) out.push({ index, at: { x, y } });
  });
  return out;
}

const shift = (v: number | null, d: number): number | null => (v === null ? null : v + d);

/**
 * The gate moved by (dx, dy) in its display space. A range gate moves along its one axis by `dx`. Open sides stay
 * open.
 */
export function translateGate<G extends Gate>(gate: G, dx: number, dy: number): G {
  switch (gate.type) {
    case 'rectangle':
      return { ...gate, xMin: shift(gate.xMin, dx), xMax: shift(gate.xMax, dx), yMin: shift(gate.yMin, dy), yMax: shift(gate.yMax, dy) };
    case 'polygon':
      return { ...gate, vertices: gate.vertices.map((v) => ({ x: v.x + dx, y: v.y + dy })) };
    case 'ellipse':
      return { ...gate, mean: { x: gate.mean.x + dx, y: gate.mean.y + dy } };
    case 'range':
      return { ...gate, min: shift(gate.min, dx), max: shift(gate.max, dx) };
  }
  return gate;
}

/**
 * A rectangle with one corner (gateHandles index) dragged to `to`: the two bounds of that corner follow, and the
 * result is put back in order, so dragging a corner past the opposite one flips the rectangle instead of inverting it.
 */
export function dragRectangleCorner(gate: RectangleGate, index: number, to: Point): RectangleGate {
  const moved = { ...gate };
  if (index === 0 || index === 3) moved.xMin = to.x;
  else moved.xMax = to.x;
  if (index === 0 || index === 1) moved.yMin = to.y;
  else moved.yMax = to.y;
  return orderBounds(moved);
}

export function dragPolygonVertex(gate: PolygonGate, index: number, to: Point): PolygonGate {
  if (index < 0 || index >= gate.vertices.length) return gate;
  return { ...gate, vertices: gate.vertices.map((v, i) => (i === index ? { x: to.x, y: to.y } : v)) };
}

/** A handle of a rectangle or polygon dragged to `to` (gate space); other gates are returned unchanged. */
export function dragHandle<G extends Gate>(gate: G, index: number, to: Point): G {
  if (!Number.isFinite(to.x) || !Number.isFinite(to.y)) return gate;
  if (gate.type === 'rectangle') return dragRectangleCorner(gate, index, to) as G;
  if (gate.type === 'polygon') return dragPolygonVertex(gate, index, to) as G;
  return gate;
}

/** A range's interval, open sides placed at [lo, hi] (the plot's extent along that axis). */
export function rangeInterval(gate: RangeGate, lo: number, hi: number): [number, number] {
  const a = gate.min ?? Math.min(lo, gate.max ?? lo);
  const b = gate.max ?? Math.max(hi, gate.min ?? hi);
  return [a, b];
}
