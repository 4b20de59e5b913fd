/**
 * Where the gates of a template go on one cytogram, in pixels: each gate's outline (converted through raw values
 * when its transforms are not the plot's, with edges cut so they can bend; open sides drawn to the plot's edges),
 * its handles, where its label goes, and how a pointer position maps back into its space. Range gates show as a
 * band across the plot along their axis.
 */
import type { Gate } from '../../shared/gating/gate.js';
import type { AxisScale, PixelPoint } from '../plots/plot-geometry.js';
import { clampToAxis } from '../plots/plot-geometry.js';
import type { PlotAxes } from './axis-match.js';
import { gatePlacement, isTwoAxisGate, rangePlacement } from './axis-match.js';
import { ellipseHandlePixels, pixelEllipse } from './ellipse-axes.js';
import type { GateProjection, Point } from './gate-projection.js';
import { createGateProjection, rangeAxisMap } from './gate-projection.js';
import type { Extent } from './gate-shapes.js';
import { densify, gateHandles, gateOutline, rangeInterval } from './gate-shapes.js';
import type { GateShape } from './hit-test.js';

/** Edges drawn through another transform are cut into this many pieces so they can bend. */
const BEND_STEPS = 24;

export interface DrawnGate {
  gate: Gate;
  shape: GateShape;
  /** SVG path of the outline (several runs where part of it cannot be placed). */
  path: string;
  label: PixelPoint;
  /** Maps pointer positions into the gate's space (null for a range: see `along`). */
  projection: GateProjection | null;
  along: 'x' | 'y' | null;
}

/** An SVG path through pixel points; runs are split where a point cannot be placed (NaN), closed only when whole. */
export function pathOf(points: readonly PixelPoint[], closed: boolean): string {
  const runs: PixelPoint[][] = [[]];
  for (const p of points) {
    if (Number.isFinite(p.x) && Number.isFinite(p.y)) runs[runs.length - 1]!.push(p);
    else if (runs[runs.length - 1]!.length > 0) runs.push([]);
  }
  const whole = runs.length === 1 && closed;
  return runs
    .filter((r) => r.length > 1)
    .map((r) => `M${r.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join('L')}${whole ? 'Z' : ''}`)
    .join('');
}

/** The part of a gate's space the plot shows (for drawing open sides), from the plot's corners. */
export function visibleExtent(projection: GateProjection, x: AxisScale, y: AxisScale): Extent {
  const corners = [
    { x: x.start, y: y.start },
    { x: x.start + x.length, y: y.start },
    { x: x.start, y: y.start + y.length },
    { x: x.start + x.length, y: y.start + y.length },
  ].map((p) => projection.fromPixel(p));
  const xs = corners.map((c) => c.x).filter(Number.isFinite);
  const ys = corners.map((c) => c.y).filter(Number.isFinite);
  const span = (v: number[]): [number, number] => (v.length ? [Math.min(...v), Math.max(...v)] : [-1e9, 1e9]);
  const [xMin, xMax] = span(xs);
  const [yMin, yMax] = span(ys);
  const padX = (xMax - xMin) * 0.05 || 1;
  const padY = (yMax - yMin) * 0.05 || 1;
  return { xMin: xMin - padX, xMax: xMax + padX, yMin: yMin - padY, yMax: yMax + padY };
}

/** How a gate shows on a plot (outline, handles, label place), or null when it does not belong there. */
export function drawGate(gate: Gate, plotAxes: PlotAxes, x: AxisScale, y: AxisScale): DrawnGate | null {
  if (isTwoAxisGate(gate)) {
    const placement = gatePlacement(gate, plotAxes);
    if (!placement) return null;
    let projection: GateProjection;
    try {
      projection = createGateProjection(gate, { x, y }, placement);
    } catch {
      return null; // a transform that does not compile: nothing to draw
    }
    const outline = gateOutline(gate, visibleExtent(projection, x, y));
    const bent = projection.linear || gate.type === 'ellipse' ? outline : densify(outline, BEND_STEPS);
    const pixels = bent.map((p) => projection.toPixel(p));
    const finite = pixels.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
    let handles: GateShape['handles'];
    if (gate.type === 'ellipse') {
      const e = pixelEllipse(gate, projection);
      handles = e ? ellipseHandlePixels(e).map((at, index) => ({ index, at })) : [];
    } else {
      handles = gateHandles(gate)
        .map((h) => ({ index: h.index, at: projection.toPixel(h.at) }))
        .filter((h) => Number.isFinite(h.at.x) && Number.isFinite(h.at.y));
    }
    const label = finite.length ? { x: Math.min(...finite.map((p) => p.x)), y: Math.min(...finite.map((p) => p.y)) } : { x: x.start, y: y.start };
    return { gate, shape: { gateId: gate.id, outline: finite, handles }, path: pathOf(pixels, true), label, projection, along: null };
  }
  const along = rangePlacement(gate, plotAxes);
  if (!along) return null;
  let map: ReturnType<typeof rangeAxisMap>;
  try {
    map = rangeAxisMap(gate.axis, { x, y }, along);
  } catch {
    return null;
  }
  const scale = along === 'x' ? x : y;
  const ends = [map.fromPixel(scale.start), map.fromPixel(scale.start + scale.length)].filter(Number.isFinite);
  const lo = ends.length ? Math.min(...ends) : -1e9;
  const hi = ends.length ? Math.max(...ends) : 1e9;
  const [a, b] = rangeInterval(gate, lo - (hi - lo), hi + (hi - lo));
  const pa = clampToAxis(scale, map.toPixel(a));
  const pb = clampToAxis(scale, map.toPixel(b));
  if (!Number.isFinite(pa) || !Number.isFinite(pb)) return null;
  const outline =
    along === 'x'
      ? [
          { x: pa, y: y.start },
          { x: pb, y: y.start },
          { x: pb, y: y.start + y.length },
          { x: pa, y: y.start + y.length },
        ]
      : [
          { x: x.start, y: pa },
          { x: x.start + x.length, y: pa },
          { x: x.start + x.length, y: pb },
          { x: x.start, y: pb },
        ];
  const label = { x: Math.min(...outline.map((p) => p.x)), y: Math.min(...outline.map((p) => p.y)) };
  return { gate, shape: { gateId: gate.id, outline, handles: [] }, path: pathOf(outline, true), label, projection: null, along };
}

/** A pointer position in the gate's space (a range gate: its one coordinate in x). */
export function gatePoint(drawn: DrawnGate, p: PixelPoint, x: AxisScale, y: AxisScale): Point {
  if (drawn.projection) return drawn.projection.fromPixel(p);
  const gate = drawn.gate;
  if (gate.type !== 'range' || !drawn.along) return { x: Number.NaN, y: Number.NaN };
  const map = rangeAxisMap(gate.axis, { x, y }, drawn.along);
  return { x: map.fromPixel(drawn.along === 'x' ? p.x : p.y), y: 0 };
}

