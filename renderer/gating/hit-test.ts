/**
 * What the pointer is on, in pixels: a handle of the selected gate, or a gate's body (inside its outline, or within
 * a few pixels of an edge so thin gates can still be grabbed). The selected gate wins over others under the pointer,
 * so it can be dragged even when another gate overlaps it; otherwise the topmost (last drawn) gate wins.
 */
import type { PixelPoint } from '../plots/plot-geometry.js';

export interface GateShape {
  gateId: string;
  /** Closed outline in pixels (non-finite points left out beforehand). */
  outline: PixelPoint[];
  /** Draggable handles in pixels, with the index the gate's edit takes. */
  handles: { index: number; at: PixelPoint }[];
}

export type Hit = { gateId: string; part: 'handle'; index: number } | { gateId: string; part: 'body' };

export const HANDLE_RADIUS = 6;
export const EDGE_TOLERANCE = 4;

/** Even-odd rule (crossing number), like the service's polygon membership. */
export function pointInPolygon(polygon: readonly PixelPoint[], p: PixelPoint): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i]!;
    const b = polygon[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

export function distanceToSegment(p: PixelPoint, a: PixelPoint, b: PixelPoint): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** Distance from p to the nearest edge of a closed outline (Infinity when it has fewer than two points). */
export function distanceToOutline(outline: readonly PixelPoint[], p: PixelPoint): number {
  if (outline.length < 2) return Infinity;
  let best = Infinity;
  for (let i = 0; i < outline.length; i++) best = Math.min(best, distanceToSegment(p, outline[i]!, outline[(i + 1) % outline.length]!));
  return best;
}

function onBody(shape: GateShape, p: PixelPoint, tolerance: number): boolean {
  return (shape.outline.length >= 3 && pointInPolygon(shape.outline, p)) || distanceToOutline(shape.outline, p) <= tolerance;
}

export function hitTest(
  shapes: readonly GateShape[],
  p: PixelPoint,
  options: { selectedId?: string | null; handleRadius?: number; edgeTolerance?: number } = {},
): Hit | null {
  const radius = options.handleRadius ?? HANDLE_RADIUS;
  const tolerance = options.edgeTolerance ?? EDGE_TOLERANCE;
  const selected = options.selectedId ? shapes.find((s) => s.gateId === options.selectedId) : undefined;
  if (selected) {
    let best: { index: number; distance: number } | null = null;
    for (const h of selected.handles) {
      const distance = Math.hypot(h.at.x - p.x, h.at.y - p.y);
      if (distance <= radius && (!best || distance < best.distance)) best = { index: h.index, distance };
    }
    if (best) return { gateId: selected.gateId, part: 'handle', index: best.index };
    if (onBody(selected, p, tolerance)) return { gateId: selected.gateId, part: 'body' };
  }
  for (let i = shapes.length - 1; i >= 0; i--) {
    const shape = shapes[i]!;
    if (shape !== selected && onBody(shape, p, tolerance)) return { gateId: shape.gateId, part: 'body' };
  }
  return null;
}
