import { describe, expect, it } from 'vitest';
import type { AxisDefinition } from '../../shared/gating/axes/axis-parameter.js';
import { logAxis } from '../../shared/gating/axes/axis-transform.js';
import type { EllipseGate, PolygonGate, RangeGate, RectangleGate } from '../../shared/gating/gate.js';
import {
  densify,
  dragHandle,
  dragRectangleCorner,
  ellipseFromBox,
  ellipseOutline,
  gateHandles,
  gateOutline,
  insideEllipse,
  normaliseRectangle,
  rangeInterval,
  rectangleOutline,
  translateGate,
} from './gate-shapes.js';

const ax: AxisDefinition = { parameter: { type: 'single', column: 'X' }, transform: logAxis(1, 1e6) };
const ay: AxisDefinition = { parameter: { type: 'single', column: 'Y' }, transform: logAxis(1, 1e6) };
const rect = (b: Partial<RectangleGate> = {}): RectangleGate => ({ type: 'rectangle', id: 'r', name: 'R', x: ax, y: ay, xMin: 0.2, xMax: 0.6, yMin: 0.1, yMax: 0.5, ...b });
const extent = { xMin: 0, xMax: 1, yMin: -0.1, yMax: 1.1 };

describe('rectangles', () => {
  it('normalises a drag in any direction', () => {
    expect(normaliseRectangle({ x: 0.7, y: 0.2 }, { x: 0.3, y: 0.9 })).toEqual({ xMin: 0.3, xMax: 0.7, yMin: 0.2, yMax: 0.9 });
    expect(normaliseRectangle({ x: 0.3, y: 0.9 }, { x: 0.7, y: 0.2 })).toEqual({ xMin: 0.3, xMax: 0.7, yMin: 0.2, yMax: 0.9 });
  });

  it('draws open sides at the plot’s extent', () => {
    expect(rectangleOutline(rect(), extent)).toEqual([
      { x: 0.2, y: 0.1 },
      { x: 0.6, y: 0.1 },
      { x: 0.6, y: 0.5 },
      { x: 0.2, y: 0.5 },
    ]);
    expect(rectangleOutline(rect({ xMax: null, yMin: null }), extent)).toEqual([
      { x: 0.2, y: -0.1 },
      { x: 1, y: -0.1 },
      { x: 1, y: 0.5 },
      { x: 0.2, y: 0.5 },
    ]);
    // An open side beyond the extent still gives a rectangle that contains the bounded side
    expect(rectangleOutline(rect({ xMin: 1.5, xMax: null }), extent)[1]).toEqual({ x: 1.5, y: 0.1 });
  });

  it('has a handle at each bounded corner only', () => {
    expect(gateHandles(rect()).map((h) => h.index)).toEqual([0, 1, 2, 3]);
    expect(gateHandles(rect()).find((h) => h.index === 2)?.at).toEqual({ x: 0.6, y: 0.5 });
    expect(gateHandles(rect({ xMax: null })).map((h) => h.index)).toEqual([0, 3]);
  });

  it('drags a corner, flipping past the opposite one instead of inverting', () => {
    expect(dragRectangleCorner(rect(), 2, { x: 0.8, y: 0.7 })).toMatchObject({ xMin: 0.2, xMax: 0.8, yMin: 0.1, yMax: 0.7 });
    // corner 0 (xMin, yMin) dragged beyond (xMax, yMax)
    expect(dragRectangleCorner(rect(), 0, { x: 0.9, y: 0.8 })).toMatchObject({ xMin: 0.6, xMax: 0.9, yMin: 0.5, yMax: 0.8 });
    expect(dragHandle(rect(), 1, { x: Number.NaN, y: 0 })).toEqual(rect()); // off-domain pointer: no change
  });

  it('moves, open sides staying open', () => {
    const moved = translateGate(rect({ yMax: null }), 0.1, -0.05);
    expect(moved.xMin).toBeCloseTo(0.3, 12);
    expect(moved.xMax).toBeCloseTo(0.7, 12);
    expect(moved.yMin).toBeCloseTo(0.05, 12);
    expect(moved.yMax).toBeNull();
  });
});

describe('polygons', () => {
  const poly: PolygonGate = { type: 'polygon', id: 'p', name: 'P', x: ax, y: ay, vertices: [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 0, y: 1 }] };

  it('drags a vertex and moves as a whole', () => {
    expect(dragHandle(poly, 1, { x: 2, y: 0.5 }).vertices).toEqual([{ x: 0, y: 0 }, { x: 2, y: 0.5 }, { x: 0, y: 1 }]);
    expect(dragHandle(poly, 7, { x: 2, y: 0.5 })).toBe(poly);
    expect(translateGate(poly, 0.5, 0.25).vertices).toEqual([{ x: 0.5, y: 0.25 }, { x: 1.5, y: 0.25 }, { x: 0.5, y: 1.25 }]);
    expect(gateOutline(poly, extent)).toEqual(poly.vertices);
  });

  it('densifies edges so they can bend through another transform', () => {
    const d = densify([{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 0, y: 1 }], 4);
    expect(d).toHaveLength(12);
    expect(d[1]).toEqual({ x: 0.25, y: 0 });
    expect(d[5]).toEqual({ x: 0.75, y: 0.25 }); // 1/4 along (1,0)→(0,1)
  });
});

describe('ellipses', () => {
  it('are made from a drag as mean and covariance with distanceSquare 1', () => {
    // Box 0.2…0.6 × 0.2…0.8: centre (0.4, 0.5), half-widths 0.2 and 0.3
    const e = ellipseFromBox({ x: 0.2, y: 0.8 }, { x: 0.6, y: 0.2 });
    expect(e.mean.x).toBeCloseTo(0.4, 12);
    expect(e.mean.y).toBeCloseTo(0.5, 12);
    expect(e.covariance[0][0]).toBeCloseTo(0.04, 12);
    expect(e.covariance[1][1]).toBeCloseTo(0.09, 12);
    expect(e.covariance[0][1]).toBe(0);
    expect(e.covariance[1][0]).toBe(0);
    expect(e.distanceSquare).toBe(1);
    // the box's edge midpoints are on the boundary: (0.6, 0.5) → (0.2)²/0.04 = 1
    expect(insideEllipse(e, { x: 0.5999, y: 0.5 })).toBe(true);
    expect(insideEllipse(e, { x: 0.6001, y: 0.5 })).toBe(false);
    expect(insideEllipse(e, { x: 0.4, y: 0.7999 })).toBe(true);
  });

  it('outline points lie on the boundary the service tests', () => {
    const e: EllipseGate = { type: 'ellipse', id: 'e', name: 'E', x: ax, y: ay, mean: { x: 0.5, y: 0.4 }, covariance: [[0.02, 0.01], [0.01, 0.03]], distanceSquare: 2 };
    const outline = ellipseOutline(e, 16);
    expect(outline).toHaveLength(16);
    const [[a, b], [c, d]] = e.covariance;
    const det = a * d - b * c;
    for (const p of outline) {
      const dx = p.x - 0.5;
      const dy = p.y - 0.4;
      const q = (dx * (d * dx - b * dy) + dy * (-c * dx + a * dy)) / det;
      expect(q).toBeCloseTo(2, 10);
    }
    expect(insideEllipse(e, { x: 0.5, y: 0.4 })).toBe(true);
    expect(insideEllipse(e, { x: 0.9, y: 0.4 })).toBe(false);
    expect(ellipseOutline({ ...e, covariance: [[0, 0], [0, 1]] })).toEqual([]);
    const moved = translateGate(e, 0.1, 0.1);
    expect(moved.mean.x).toBeCloseTo(0.6, 12);
    expect(moved.covariance).toBe(e.covariance);
  });
});

describe('ranges', () => {
  it('move along their axis and fill open sides from the extent', () => {
    const r: RangeGate = { type: 'range', id: 'g', name: 'G', axis: ax, min: 0.3, max: null };
    expect(translateGate(r, 0.2, 5)).toMatchObject({ min: 0.5, max: null });
    expect(rangeInterval(r, 0, 1)).toEqual([0.3, 1]);
    expect(rangeInterval({ ...r, min: null, max: 0.4 }, 0, 1)).toEqual([0, 0.4]);
  });
});
