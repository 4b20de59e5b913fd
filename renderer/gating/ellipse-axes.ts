/**
 * Ellipse handles on screen. An ellipse gate is stored in display space (mean, covariance, distanceSquare); on a
 * plot its principal axes are computed in pixel space, through the projection's Jacobian at the centre (exact when
 * the gate's transforms are the plot's, a local linearisation otherwise), so the handles sit at the ends of the axes
 * the user sees. Dragging a handle sets that semi-axis to the pointer (length and direction); the other axis turns
 * with it, keeping its length, and stays perpendicular on screen.
 */
import type { EllipseGate } from '../../shared/gating/gate.js';
import type { PixelPoint } from '../plots/plot-geometry.js';
import type { GateProjection } from './gate-projection.js';
import { projectionJacobian } from './gate-projection.js';

type Matrix = [[number, number], [number, number]];

/** Eigen decomposition of a symmetric 2 × 2 matrix [[a, b], [b, c]]: values largest first, unit vectors. */
export function symmetricEigen(a: number, b: number, c: number): { values: [number, number]; vectors: [PixelPoint, PixelPoint] } {
  const mean = (a + c) / 2;
  const radius = Math.hypot((a - c) / 2, b);
  const l1 = mean + radius;
  const l2 = mean - radius;
  let v1: PixelPoint;
  if (Math.abs(b) > 1e-12 * Math.max(Math.abs(a), Math.abs(c), 1e-300)) {
    const n = Math.hypot(l1 - c, b);
    v1 = { x: (l1 - c) / n, y: b / n };
  } else {
    v1 = a >= c ? { x: 1, y: 0 } : { x: 0, y: 1 };
  }
  return { values: [l1, l2], vectors: [v1, { x: -v1.y, y: v1.x }] };
}

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    [m[0][0] * n[0][0] + m[0][1] * n[1][0], m[0][0] * n[0][1] + m[0][1] * n[1][1]],
    [m[1][0] * n[0][0] + m[1][1] * n[1][0], m[1][0] * n[0][1] + m[1][1] * n[1][1]],
  ];
}

function transpose(m: Matrix): Matrix {
  return [
    [m[0][0], m[1][0]],
    [m[0][1], m[1][1]],
  ];
}

function inverse(m: Matrix): Matrix | null {
  const det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
  if (!Number.isFinite(det) || det === 0) return null;
  return [
    [m[1][1] / det, -m[0][1] / det],
    [-m[1][0] / det, m[0][0] / det],
  ];
}

export interface PixelEllipse {
  centre: PixelPoint;
  /** The two semi-axes as vectors from the centre, longest first. */
  axes: [PixelPoint, PixelPoint];
}

/** The ellipse's centre and semi-axes on screen; null when it cannot be placed (not positive definite, off-domain). */
export function pixelEllipse(gate: EllipseGate, projection: GateProjection): PixelEllipse | null {
  const centre = projection.toPixel(gate.mean);
  if (!Number.isFinite(centre.x) || !Number.isFinite(centre.y)) return null;
  const j = projectionJacobian(projection, gate.mean);
  if (!j.flat().every(Number.isFinite)) return null;
  const d = gate.distanceSquare;
  const c = gate.covariance;
  const sym: Matrix = [
    [c[0][0] * d, ((c[0][1] + c[1][0]) / 2) * d],
    [((c[0][1] + c[1][0]) / 2) * d, c[1][1] * d],
  ];
  const px = multiply(multiply(j, sym), transpose(j));
  const { values, vectors } = symmetricEigen(px[0][0], (px[0][1] + px[1][0]) / 2, px[1][1]);
  if (!(values[1] > 0)) return null;
  const r1 = Math.sqrt(values[0]);
  const r2 = Math.sqrt(values[1]);
  return {
    centre,
    axes: [
      { x: vectors[0].x * r1, y: vectors[0].y * r1 },
      { x: vectors[1].x * r2, y: vectors[1].y * r2 },
    ],
  };
}

/** Four handles: centre + axis 1, centre + axis 2, centre − axis 1, centre − axis 2 (pixels). */
export function ellipseHandlePixels(e: PixelEllipse): PixelPoint[] {
  const [a, b] = e.axes;
  const c = e.centre;
  return [
    { x: c.x + a.x, y: c.y + a.y },
    { x: c.x + b.x, y: c.y + b.y },
    { x: c.x - a.x, y: c.y - a.y },
    { x: c.x - b.x, y: c.y - b.y },
  ];
}

/** Smallest semi-axis a drag may leave, in pixels (a thinner ellipse could not be grabbed again). */
export const MIN_SEMI_AXIS_PX = 3;

/**
 * The ellipse with handle `index` (ellipseHandlePixels order) dragged to `to` (pixels). The gate's distanceSquare
 * is kept; its covariance is rewritten in display space. Unchanged when the pointer is too close to the centre.
 */
export function reshapeEllipse(gate: EllipseGate, projection: GateProjection, index: number, to: PixelPoint): EllipseGate {
  const e = pixelEllipse(gate, projection);
  if (!e) return gate;
  const moved = { x: to.x - e.centre.x, y: to.y - e.centre.y };
  const length = Math.hypot(moved.x, moved.y);
  if (!(length >= MIN_SEMI_AXIS_PX)) return gate;
  const other = e.axes[index % 2 === 0 ? 1 : 0];
  const otherLength = Math.hypot(other.x, other.y);
  const perpendicular = { x: (-moved.y / length) * otherLength, y: (moved.x / length) * otherLength };
  // A_px = a aᵀ + b bᵀ (the semi-axes as columns); back to display space: A = J⁻¹ A_px J⁻ᵀ, C = A / d
  const aPx: Matrix = [
    [moved.x * moved.x + perpendicular.x * perpendicular.x, moved.x * moved.y + perpendicular.x * perpendicular.y],
    [moved.x * moved.y + perpendicular.x * perpendicular.y, moved.y * moved.y + perpendicular.y * perpendicular.y],
  ];
  const jInv = inverse(projectionJacobian(projection, gate.mean));
  if (!jInv) return gate;
  const a = multiply(multiply(jInv, aPx), transpose(jInv));
  const d = gate.distanceSquare;
  const off = (a[0][1] + a[1][0]) / 2 / d;
  const covariance: Matrix = [
    [a[0][0] / d, off],
    [off, a[1][1] / d],
  ];
  if (!covariance.flat().every(Number.isFinite)) return gate;
  return { ...gate, covariance };
}
