/**
 * Polygon gates on a raster: the polygon's bounding box (display space) cut into cells (axis-grid.ts), each cell
 * known to be wholly inside, wholly outside, or on the boundary. Events certainly inside a cell that is not a boundary cell take
 * the cell's answer; the others get the exact test, the reference's own arithmetic (`PolygonTest.inside`).
 *
 * Why a cell's answer is the exact test's answer for every point of it: the crossing-number test counts edges that
 * straddle py (exact comparisons) and whose computed x-intercept lies right of px. The intercept is computed with
 * an error below ~8ε·scale (ε = 2^-52, scale = the largest coordinate or extent). A cell is a boundary cell when an
 * edge comes within 2μ of it (μ = 1e-12·scale, far above that error): so at any point of any other cell every
 * straddling edge's true intercept is more than μ away, the computed comparison agrees with the exact one, and the
 * count equals the true even-odd membership, which is constant over a region no edge touches. A run of such cells
 * along a row is one such region (neighbouring cells touch or overlap), so one test at the centre of its first
 * cell classifies the run.
 */
import { CurationError } from '../../api/errors.js';
import type { PolygonGate } from '../gate.js';

export const CELL_OUTSIDE = 0;
export const CELL_INSIDE = 1;
export const CELL_BOUNDARY = 2;

/** The reference's polygon test (classify-reference.ts), with its validation and errors; same arithmetic. */
export class PolygonTest {
  readonly n: number;
  readonly minX: number;
  readonly maxX: number;
  readonly minY: number;
  readonly maxY: number;
  private readonly ax: Float64Array;
  private readonly ay: Float64Array;
  private readonly by: Float64Array;
  private readonly slope: Float64Array;

  constructor(readonly gate: PolygonGate) {
    const n = gate.vertices.length;
    if (n < 3) throw new CurationError({ code: 'invalid-input', field: gate.name, message: `polygon gate ${JSON.stringify(gate.name)} has ${n} vertices; at least 3 are needed` });
    this.n = n;
    this.ax = new Float64Array(n);
    this.ay = new Float64Array(n);
    this.by = new Float64Array(n);
    this.slope = new Float64Array(n);
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const vi = gate.vertices[i] as { x: number; y: number };
      const vj = gate.vertices[j] as { x: number; y: number };
      if (!Number.isFinite(vi.x) || !Number.isFinite(vi.y)) {
        throw new CurationError({ code: 'invalid-input', field: gate.name, message: `polygon gate ${JSON.stringify(gate.name)}: vertex ${i + 1} is not a finite point` });
      }
      this.ax[i] = vi.x;
      this.ay[i] = vi.y;
      this.by[i] = vj.y;
      this.slope[i] = vj.y === vi.y ? 0 : (vj.x - vi.x) / (vj.y - vi.y);
      minX = Math.min(minX, vi.x);
      maxX = Math.max(maxX, vi.x);
      minY = Math.min(minY, vi.y);
      maxY = Math.max(maxY, vi.y);
    }
    this.minX = minX;
    this.maxX = maxX;
    this.minY = minY;
    this.maxY = maxY;
  }

  /** 1 inside, 0 outside: bounding box first (also rejects NaN), then the crossing number. */
  inside(px: number, py: number): number {
    if (!(px >= this.minX && px <= this.maxX && py >= this.minY && py <= this.maxY)) return 0;
    const { ax, ay, by, slope, n } = this;
    let inside = 0;
    for (let i = 0; i < n; i++) {
      const yi = ay[i] as number;
      if (yi > py !== (by[i] as number) > py && px < (slope[i] as number) * (py - yi) + (ax[i] as number)) inside ^= 1;
    }
    return inside;
  }
}

/** Relative distance (to scale) within which an edge makes a cell a boundary cell: 2μ, μ = 1e-12·scale. */
const EDGE_MARGIN = 2e-12;

/** The cell extents of one raster axis (axis-grid.ts): cell j is [lo[j], hi[j]], both arrays non-decreasing. */
export interface CellExtents {
  readonly cells: number;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
}

/** Cells j whose extent widened by m, [lo[j] − m, hi[j] + m], meets [a, b]: first and last index (first > last: none). */
function cellSpan(axis: CellExtents, a: number, b: number, m: number): [number, number] {
  const { lo, hi, cells } = axis;
  // first: smallest j with hi[j] + m ≥ a; last: largest j with lo[j] − m ≤ b.
  let l = 0;
  let r = cells;
  while (l < r) {
    const mid = (l + r) >> 1;
    if ((hi[mid] as number) + m >= a) r = mid;
    else l = mid + 1;
  }
  const first = l;
  l = -1;
  r = cells - 1;
  while (l < r) {
    const mid = (l + r + 1) >> 1;
    if ((lo[mid] as number) - m <= b) l = mid;
    else r = mid - 1;
  }
  return [first, l];
}

/**
 * Cell classes (CELL_*) for a polygon on a raster, indexed [row · columns + column]; null when the polygon is too
 * small for its coordinates to be rastered usefully.
 */
export function polygonCells(test: PolygonTest, xAxis: CellExtents, yAxis: CellExtents): Uint8Array | null {
  const columns = xAxis.cells;
  const rows = yAxis.cells;
  const { minX, maxX, minY, maxY } = test;
  const scale = Math.max(Math.abs(minX), Math.abs(maxX), Math.abs(minY), Math.abs(maxY), maxX - minX, maxY - minY);
  const m = EDGE_MARGIN * scale;
  if (!(maxX - minX > 1e6 * m && maxY - minY > 1e6 * m)) return null;

  const cells = new Uint8Array(columns * rows);
  const vertices = test.gate.vertices;
  const n = vertices.length;
  for (let e = 0; e < n; e++) {
    const p = vertices[e] as { x: number; y: number };
    const q = vertices[(e + 1) % n] as { x: number; y: number };
    // Walk along the edge's major axis so the interpolated minor coordinate has an error ≤ a few ε·scale.
    const alongX = Math.abs(q.x - p.x) >= Math.abs(q.y - p.y);
    const [u0, v0, u1, v1] = alongX ? [p.x, p.y, q.x, q.y] : [p.y, p.x, q.y, q.x];
    const major = alongX ? xAxis : yAxis;
    const minor = alongX ? yAxis : xAxis;
    const uLo = Math.min(u0, u1);
    const uHi = Math.max(u0, u1);
    const [firstMajor, lastMajor] = cellSpan(major, uLo, uHi, m);
    for (let i = firstMajor; i <= lastMajor; i++) {
      // The edge's stretch within this cell's widened extent, and its minor-axis extent there.
      const a = Math.max(uLo, (major.lo[i] as number) - m);
      const b = Math.min(uHi, (major.hi[i] as number) + m);
      let vA: number;
      let vB: number;
      if (u1 === u0) {
        vA = v0;
        vB = v1;
      } else {
        const slope = (v1 - v0) / (u1 - u0);
        vA = v0 + (a - u0) * slope;
        vB = v0 + (b - u0) * slope;
      }
      const [firstMinor, lastMinor] = cellSpan(minor, Math.min(vA, vB), Math.max(vA, vB), m);
      for (let k = firstMinor; k <= lastMinor; k++) cells[alongX ? k * columns + i : i * columns + k] = CELL_BOUNDARY;
    }
  }

  // Runs of non-boundary cells along each row share one answer.
  for (let k = 0; k < rows; k++) {
    const cy = ((yAxis.lo[k] as number) + (yAxis.hi[k] as number)) / 2;
    let run = -1;
    for (let i = 0; i < columns; i++) {
      const index = k * columns + i;
      if (cells[index] === CELL_BOUNDARY) {
        run = -1;
        continue;
      }
      if (run < 0) run = test.inside(((xAxis.lo[i] as number) + (xAxis.hi[i] as number)) / 2, cy) === 1 ? CELL_INSIDE : CELL_OUTSIDE;
      cells[index] = run;
    }
  }
  return cells;
}
