/**
 * Ellipse gates on a raster, like polygon-cells.ts. The reference computes q = dx·(i00·dx + i01·dy) +
 * dy·(i10·dx + i11·dy) with d = p − mean and tests q ≤ distanceSquare. Its rounding error is below 4ε·Qabs
 * (Qabs = the same sum with absolute values ≤ N·|d|∞², N = |i00| + |i01| + |i10| + |i11|); the margins below are
 * 1e-9·N·|d|∞², far above that.
 *
 * The raster covers the square mean ± R with R chosen so that every point with |d|∞ > R is outside even after
 * rounding: q ≥ λmin·|d|∞² where λmin is the smaller eigenvalue of the form's symmetric part, so R² =
 * distanceSquare / (λmin − margin) will do. (At ±Infinity the reference's q is +Infinity or NaN: outside too.)
 * Inside the square, a cell is inside when q at all four corners is below the limit (the form is convex, so the
 * whole cell is), outside when the minimum of q over the cell is above it, else a boundary cell (exact test).
 *
 * The raster itself is axis-grid.ts's; null reach (reference path) when the form is not positive definite enough
 * for that argument, the limit is not a positive number, or the display values could be large enough for the
 * reference's products to overflow.
 */
import { CurationError } from '../../api/errors.js';
import type { EllipseGate } from '../gate.js';
import { CELL_BOUNDARY, CELL_INSIDE, CELL_OUTSIDE } from './polygon-cells.js';
import type { CellExtents } from './polygon-cells.js';

/** The reference's ellipse test (classify-reference.ts), with its validation and error; same arithmetic. */
export class EllipseTest {
  readonly i00: number;
  readonly i01: number;
  readonly i10: number;
  readonly i11: number;
  readonly mx: number;
  readonly my: number;
  readonly limit: number;

  constructor(readonly gate: EllipseGate) {
    const [[a, b], [c, d]] = gate.covariance;
    const det = a * d - b * c;
    if (!Number.isFinite(det) || !(det > 0) || !(a > 0)) {
      throw new CurationError({ code: 'invalid-input', field: gate.name, message: `ellipse gate ${JSON.stringify(gate.name)}: covariance [[${a}, ${b}], [${c}, ${d}]] is not positive definite` });
    }
    this.i00 = d / det;
    this.i01 = -b / det;
    this.i10 = -c / det;
    this.i11 = a / det;
    this.mx = gate.mean.x;
    this.my = gate.mean.y;
    this.limit = gate.distanceSquare;
  }

  inside(px: number, py: number): number {
    const dx = px - this.mx;
    const dy = py - this.my;
    return dx * (this.i00 * dx + this.i01 * dy) + dy * (this.i10 * dx + this.i11 * dy) <= this.limit ? 1 : 0;
  }
}

/** Relative margin on q (to N·|d|∞²), far above the rounding of the reference's expression. */
const Q_MARGIN = 1e-9;

/**
 * R such that every point with |d|∞ > R is outside even after rounding, or null (reference path) when the argument
 * does not hold: the limit is not a positive number, the form is not comfortably positive definite, or products
 * could overflow for display values up to `displayBound` in magnitude.
 */
export function ellipseReach(test: EllipseTest, displayBound: number): number | null {
  const { i00, i01, i10, i11, mx, my, limit } = test;
  if (!(limit > 0 && Number.isFinite(limit)) || !Number.isFinite(mx) || !Number.isFinite(my)) return null;
  const norm = Math.abs(i00) + Math.abs(i01) + Math.abs(i10) + Math.abs(i11);
  if (!Number.isFinite(norm)) return null;
  const reach = displayBound + Math.max(Math.abs(mx), Math.abs(my));
  if (!(norm * reach * reach < 1e290)) return null;
  const s01 = (i01 + i10) / 2;
  const lambdaMin = (i00 + i11 - Math.hypot(i00 - i11, 2 * s01)) / 2;
  const safeLambda = lambdaMin - Q_MARGIN * norm;
  if (!(safeLambda > 0)) return null;
  const radius = Math.sqrt(limit / safeLambda) * (1 + 1e-6);
  // The grid's ends (mean ± R) are rounded relative to the mean: keep that rounding far below the 1e-6 slack.
  if (!Number.isFinite(radius) || !(radius > 1e8 * Number.EPSILON * Math.max(Math.abs(mx), Math.abs(my)))) return null;
  return radius;
}

/**
 * Cell classes (CELL_*) for an ellipse on a raster covering mean ± ellipseReach, indexed [row · columns + column]:
 * inside when q at all four corners is below the limit (q is convex, so then everywhere in the cell), outside when
 * the minimum of q over the cell is above it (at the mean if the cell holds it, else on one of its sides, where q is
 * a parabola), else a boundary cell.
 */
export function ellipseCells(test: EllipseTest, xAxis: CellExtents, yAxis: CellExtents): Uint8Array {
  const { i00, i01, i10, i11, mx, my, limit } = test;
  const norm = Math.abs(i00) + Math.abs(i01) + Math.abs(i10) + Math.abs(i11);
  const s01 = (i01 + i10) / 2;
  const columns = xAxis.cells;
  const rows = yAxis.cells;
  const out = new Uint8Array(columns * rows);
  for (let k = 0; k < rows; k++) {
    // Offsets as the reference computes them: an event in the cell has fl(y − my) within [y0, y1].
    const y0 = (yAxis.lo[k] as number) - my;
    const y1 = (yAxis.hi[k] as number) - my;
    for (let i = 0; i < columns; i++) {
      const x0 = (xAxis.lo[i] as number) - mx;
      const x1 = (xAxis.hi[i] as number) - mx;
      const reachCell = Math.max(Math.abs(x0), Math.abs(x1), Math.abs(y0), Math.abs(y1));
      const margin = Q_MARGIN * norm * reachCell * reachCell;
      const q00 = i00 * x0 * x0 + 2 * s01 * x0 * y0 + i11 * y0 * y0;
      const q01 = i00 * x0 * x0 + 2 * s01 * x0 * y1 + i11 * y1 * y1;
      const q10 = i00 * x1 * x1 + 2 * s01 * x1 * y0 + i11 * y0 * y0;
      const q11 = i00 * x1 * x1 + 2 * s01 * x1 * y1 + i11 * y1 * y1;
      let cls = CELL_BOUNDARY;
      if (Math.max(q00, q01, q10, q11) + margin < limit) cls = CELL_INSIDE;
      else if (x0 <= 0 && x1 >= 0 && y0 <= 0 && y1 >= 0) cls = CELL_BOUNDARY; // holds the mean, not wholly inside
      else {
        // Minimum over each side: the parabola's vertex clamped to the side.
        let qMin = Infinity;
        for (const a of [x0, x1]) {
          const t = Math.min(y1, Math.max(y0, (-s01 * a) / i11));
          qMin = Math.min(qMin, i00 * a * a + 2 * s01 * a * t + i11 * t * t);
        }
        for (const b of [y0, y1]) {
          const t = Math.min(x1, Math.max(x0, (-s01 * b) / i00));
          qMin = Math.min(qMin, i00 * t * t + 2 * s01 * t * b + i11 * b * b);
        }
        if (qMin - margin > limit) cls = CELL_OUTSIDE;
      }
      out[k * columns + i] = cls;
    }
  }
  return out;
}
