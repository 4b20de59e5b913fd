/**
 * Gate display space ↔ plot pixels. A gate's geometry lives in the display space of its own axes; a cytogram shows
 * the display space of its own transforms. When the transforms are the same the mapping is the plot's affine one
 * (straight edges stay straight); otherwise each coordinate goes through the raw data value (gate display → raw →
 * plot display), for drawing only — the gate itself is never rewritten into the plot's space.
 */
import type { AxisDefinition } from '../../shared/gating/axes/axis-parameter.js';
import { compileAxisTransform } from '../../shared/gating/axes/axis-transform.js';
import type { AxisScale, PixelPoint } from '../plots/plot-geometry.js';
import type { Placement } from './axis-match.js';
import { sameTransform } from './axis-match.js';

export interface Point {
  x: number;
  y: number;
}

export interface PlotFrame {
  x: AxisScale;
  y: AxisScale;
}

export interface GateProjection {
  placement: Placement;
  /** True when gate space maps affinely onto pixels (both transforms equal the plot's). */
  linear: boolean;
  /** Gate display point → pixel; NaN coordinates where a value is outside a transform's domain. */
  toPixel(p: Point): PixelPoint;
  /** Pixel → gate display point. */
  fromPixel(p: PixelPoint): Point;
}

interface AxisMap {
  linear: boolean;
  toPixel(display: number): number;
  fromPixel(pixel: number): number;
}

/** One gate axis onto one plot axis. */
export function axisMap(gateAxis: AxisDefinition, scale: AxisScale): AxisMap {
  if (sameTransform(gateAxis.transform, scale.transform.transform)) {
    return { linear: true, toPixel: scale.displayToPixel, fromPixel: scale.pixelToDisplay };
  }
  const gate = compileAxisTransform(gateAxis.transform);
  return {
    linear: false,
    toPixel: (display) => scale.dataToPixel(gate.fromDisplay(display)),
    fromPixel: (pixel) => gate.toDisplay(scale.pixelToData(pixel)),
  };
}

export function createGateProjection(gate: { x: AxisDefinition; y: AxisDefinition }, frame: PlotFrame, placement: Placement): GateProjection {
  if (placement === 'direct') {
    const mx = axisMap(gate.x, frame.x);
    const my = axisMap(gate.y, frame.y);
    return {
      placement,
      linear: mx.linear && my.linear,
      toPixel: (p) => ({ x: mx.toPixel(p.x), y: my.toPixel(p.y) }),
      fromPixel: (p) => ({ x: mx.fromPixel(p.x), y: my.fromPixel(p.y) }),
    };
  }
  // Gate x runs along the plot's y axis, gate y along its x axis
  const mx = axisMap(gate.x, frame.y);
  const my = axisMap(gate.y, frame.x);
  return {
    placement,
    linear: mx.linear && my.linear,
    toPixel: (p) => ({ x: my.toPixel(p.y), y: mx.toPixel(p.x) }),
    fromPixel: (p) => ({ x: mx.fromPixel(p.y), y: my.fromPixel(p.x) }),
  };
}

/** A range gate's axis onto the plot axis it lies along. */
export function rangeAxisMap(axis: AxisDefinition, frame: PlotFrame, along: 'x' | 'y'): AxisMap {
  return axisMap(axis, along === 'x' ? frame.x : frame.y);
}

/**
 * The Jacobian of gate display → pixel at a point (finite differences): [[∂px/∂gx, ∂px/∂gy], [∂py/∂gx, ∂py/∂gy]].
 * Exact for a linear projection; the local linearisation otherwise (used to edit ellipses on screen).
 */
export function projectionJacobian(projection: GateProjection, at: Point): [[number, number], [number, number]] {
  const hx = 1e-6 * Math.max(1, Math.abs(at.x));
  const hy = 1e-6 * Math.max(1, Math.abs(at.y));
  const p0 = projection.toPixel(at);
  const px = projection.toPixel({ x: at.x + hx, y: at.y });
  const py = projection.toPixel({ x: at.x, y: at.y + hy });
  return [
    [(px.x - p0.x) / hx, (py.x - p0.x) / hy],
    [(px.y - p0.y) / hx, (py.y - p0.y) / hy],
  ];
}
