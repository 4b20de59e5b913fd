// Raster cells of polygon and ellipse gates: a cell classified inside or outside must give that answer, by the
// reference's own arithmetic, at every point of it (sampled: corners, edges, random points).
import { describe, expect, it } from 'vitest';
import { CurationError } from '../../api/errors.js';
import type { AxisDefinition } from '../axes/axis-parameter.js';
import type { EllipseGate, PolygonGate } from '../gate.js';
import { ellipseCells, ellipseReach, EllipseTest } from './ellipse-cells.js';
import { CELL_BOUNDARY, polygonCells, PolygonTest } from './polygon-cells.js';
import type { CellExtents } from './polygon-cells.js';
import { seededRandom } from '../../random/seeded-random.js';

const axis: AxisDefinition = { parameter: { type: 'single', column: 'v' }, transform: { type: 'linear', T: 1, A: 0 } };

/** Cells over [min, max]: even, or uneven and overlapping like key-aligned cells. */
function extents(min: number, max: number, cells: number, random: () => number, uneven: boolean): CellExtents {
  const lines = Array.from({ length: cells + 1 }, (_, j) => min + ((max - min) * j) / cells);
  if (uneven) for (let j = 1; j < cells; j++) lines[j] = lines[j]! + (random() - 0.5) * 0.8 * ((max - min) / cells);
  const slack = uneven ? 1e-9 : 0;
  return { cells, lo: Float64Array.from(lines.slice(0, cells), (v) => v - slack), hi: Float64Array.from(lines.slice(1), (v) => v + slack) };
}

/** Points of a cell: its corners, the middles of its sides, and random points. */
function samples(x: CellExtents, y: CellExtents, i: number, k: number, random: () => number): [number, number][] {
  const [x0, x1, y0, y1] = [x.lo[i]!, x.hi[i]!, y.lo[k]!, y.hi[k]!];
  const points: [number, number][] = [[x0, y0], [x0, y1], [x1, y0], [x1, y1], [(x0 + x1) / 2, y0], [x0, (y0 + y1) / 2]];
  for (let s = 0; s < 4; s++) points.push([x0 + (x1 - x0) * random(), y0 + (y1 - y0) * random()]);
  return points;
}

describe('polygon cells', () => {
  it('validation as the reference: at least 3 vertices, finite ones', () => {
    const gate = (vertices: { x: number; y: number }[]): PolygonGate => ({ type: 'polygon', id: 'p', name: 'P', x: axis, y: axis, vertices });
    expect(() => new PolygonTest(gate([{ x: 0, y: 0 }, { x: 1, y: 1 }]))).toThrow(CurationError);
    expect(() => new PolygonTest(gate([{ x: 0, y: 0 }, { x: 1, y: 1 }]))).toThrow('polygon gate "P" has 2 vertices; at least 3 are needed');
    expect(() => new PolygonTest(gate([{ x: 0, y: 0 }, { x: 1, y: Number.NaN }, { x: 1, y: 0 }]))).toThrow('polygon gate "P": vertex 2 is not a finite point');
  });

  it('inside and outside cells agree with the crossing-number test everywhere in them', () => {
    const seed = 1212;
    console.log(`polygon cells seed ${seed}`);
    const random = seededRandom(seed);
    let boundary = 0;
    let total = 0;
    const wrong: string[] = [];
    for (let round = 0; round < 60; round++) {
      const n = 3 + Math.floor(random() * 14);
      // Random (often self-intersecting) polygons, some with axis-parallel edges and repeated vertices.
      const vertices = Array.from({ length: n }, () => ({ x: Math.round(random() * 20) / 20, y: random() }));
      if (round % 5 === 0) vertices.push({ ...vertices[0]! });
      const test = new PolygonTest({ type: 'polygon', id: 'p', name: 'p', x: axis, y: axis, vertices });
      const cells = round % 3 === 0 ? 16 : 48;
      const x = extents(test.minX, test.maxX, cells, random, round % 2 === 1);
      const y = extents(test.minY, test.maxY, cells, random, round % 2 === 1);
      const classes = polygonCells(test, x, y)!;
      for (let k = 0; k < cells; k++) {
        for (let i = 0; i < cells; i++) {
          const c = classes[k * cells + i]!;
          total++;
          if (c === CELL_BOUNDARY) {
            boundary++;
            continue;
          }
          for (const [px, py] of samples(x, y, i, k, random)) {
            if (test.inside(px, py) !== c) wrong.push(`round ${round} cell ${i},${k} at (${px}, ${py})`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    // Boundary cells are a minority (they cost a transform per event)
    expect(boundary / total).toBeLessThan(0.35);
  });

  it('a polygon far smaller than its coordinates is not rastered', () => {
    const vertices = [{ x: 1e6, y: 1e6 }, { x: 1e6 + 1e-9, y: 1e6 }, { x: 1e6, y: 1e6 + 1e-9 }];
    const test = new PolygonTest({ type: 'polygon', id: 'p', name: 'p', x: axis, y: axis, vertices });
    const random = seededRandom(1);
    expect(polygonCells(test, extents(test.minX, test.maxX, 8, random, false), extents(test.minY, test.maxY, 8, random, false))).toBeNull();
  });
});

describe('ellipse cells', () => {
  const gate = (covariance: [[number, number], [number, number]], distanceSquare: number, mean = { x: 0.4, y: 0.6 }): EllipseGate => ({
    type: 'ellipse', id: 'e', name: 'E', x: axis, y: axis, mean, covariance, distanceSquare,
  });

  it('validation as the reference: a positive definite covariance', () => {
    expect(() => new EllipseTest(gate([[1, 2], [2, 1]], 1))).toThrow('ellipse gate "E": covariance [[1, 2], [2, 1]] is not positive definite');
  });

  it('reach: beyond it every point is outside; none for a zero limit or a near-singular form', () => {
    const test = new EllipseTest(gate([[0.01, 0], [0, 0.04]], 1));
    // x²/0.01 + y²/0.04 ≤ 1: semi-axes 0.1 and 0.2; the reach is the larger one (plus the slack)
    const r = ellipseReach(test, 10)!;
    expect(r).toBeGreaterThan(0.2);
    expect(r).toBeLessThan(0.2 * 1.0001);
    expect(ellipseReach(new EllipseTest(gate([[0.01, 0], [0, 0.04]], 0)), 10)).toBeNull();
    expect(ellipseReach(new EllipseTest(gate([[1, 1 - 1e-12], [1 - 1e-12, 1]], 1)), 10)).toBeNull();
    // display values so large that the reference's products could overflow
    expect(ellipseReach(test, 1e150)).toBeNull();
  });

  it('inside and outside cells agree with the reference test everywhere in them', () => {
    const seed = 3434;
    console.log(`ellipse cells seed ${seed}`);
    const random = seededRandom(seed);
    let boundary = 0;
    let total = 0;
    const wrong: string[] = [];
    for (let round = 0; round < 60; round++) {
      const sx = 0.001 + random() * 0.05;
      const sy = 0.001 + random() * 0.05;
      const rho = (2 * random() - 1) * 0.97;
      const test = new EllipseTest(gate([[sx, rho * Math.sqrt(sx * sy)], [rho * Math.sqrt(sx * sy), sy]], 0.5 + 4 * random(), { x: random(), y: random() }));
      const r = ellipseReach(test, 10)!;
      const cells = round % 3 === 0 ? 16 : 48;
      const x = extents(test.mx - r, test.mx + r, cells, random, round % 2 === 1);
      const y = extents(test.my - r, test.my + r, cells, random, round % 2 === 1);
      const classes = ellipseCells(test, x, y);
      for (let k = 0; k < cells; k++) {
        for (let i = 0; i < cells; i++) {
          const c = classes[k * cells + i]!;
          total++;
          if (c === CELL_BOUNDARY) {
            boundary++;
            continue;
          }
          for (const [px, py] of samples(x, y, i, k, random)) {
            if (test.inside(px, py) !== c) wrong.push(`round ${round} cell ${i},${k} at (${px}, ${py})`);
          }
        }
      }
      // Just outside the reach, in every direction: outside.
      for (let s = 0; s < 16; s++) {
        const angle = (s * Math.PI) / 8;
        const f = 1 / Math.max(Math.abs(Math.cos(angle)), Math.abs(Math.sin(angle)));
        expect(test.inside(test.mx + r * f * 1.000001 * Math.cos(angle), test.my + r * f * 1.000001 * Math.sin(angle))).toBe(0);
      }
    }
    expect(wrong).toEqual([]);
    expect(boundary / total).toBeLessThan(0.35);
  });
});
