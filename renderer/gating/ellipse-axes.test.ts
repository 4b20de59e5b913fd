import { describe, expect, it } from 'vitest';
import type { AxisDefinition } from '../../shared/gating/axes/axis-parameter.js';
import { linearAxis, logAxis } from '../../shared/gating/axes/axis-transform.js';
import type { EllipseGate } from '../../shared/gating/gate.js';
import { axisScale } from '../plots/plot-geometry.js';
import { ellipseHandlePixels, pixelEllipse, reshapeEllipse, symmetricEigen } from './ellipse-axes.js';
import { createGateProjection } from './gate-projection.js';
import { ellipseFromBox, insideEllipse } from './gate-shapes.js';

const ax: AxisDefinition = { parameter: { type: 'single', column: 'X' }, transform: logAxis(1, 1e4) };
const ay: AxisDefinition = { parameter: { type: 'single', column: 'Y' }, transform: logAxis(1, 1e4) };
// x: 0…200 px for display 0…1; y: 0…100 px (inverted) for display 0…1 — a non-square plot
const frame = { x: axisScale(logAxis(1, 1e4), [0, 1], 0, 200), y: axisScale(logAxis(1, 1e4), [0, 1], 0, 100, true) };
const projection = createGateProjection({ x: ax, y: ay }, frame, 'direct');
const ellipse = (box: [number, number, number, number]): EllipseGate => ({
  type: 'ellipse',
  id: 'e',
  name: 'E',
  x: ax,
  y: ay,
  ...ellipseFromBox({ x: box[0], y: box[1] }, { x: box[2], y: box[3] }),
});

describe('symmetric eigen decomposition', () => {
  it('gives the values largest first and orthonormal vectors', () => {
    // [[2, 1], [1, 2]]: values 3 and 1, vectors (1, 1)/√2 and (−1, 1)/√2
    const { values, vectors } = symmetricEigen(2, 1, 2);
    expect(values[0]).toBeCloseTo(3, 12);
    expect(values[1]).toBeCloseTo(1, 12);
    expect(vectors[0].x).toBeCloseTo(Math.SQRT1_2, 12);
    expect(vectors[0].y).toBeCloseTo(Math.SQRT1_2, 12);
    expect(vectors[0].x * vectors[1].x + vectors[0].y * vectors[1].y).toBeCloseTo(0, 12);
    expect(symmetricEigen(1, 0, 4).vectors[0]).toEqual({ x: 0, y: 1 });
  });
});

describe('ellipse handles on screen', () => {
  it('sit at the ends of the axes the user sees', () => {
    // display box 0.25…0.75 × 0.2…0.6: on screen 50…150 px wide (semi 50), 40…80 px high (semi 20), centre (100, 60)
    const e = pixelEllipse(ellipse([0.25, 0.2, 0.75, 0.6]), projection)!;
    expect(e.centre.x).toBeCloseTo(100, 9);
    expect(e.centre.y).toBeCloseTo(60, 9);
    expect(Math.hypot(e.axes[0].x, e.axes[0].y)).toBeCloseTo(50, 4);
    expect(Math.hypot(e.axes[1].x, e.axes[1].y)).toBeCloseTo(20, 4);
    const handles = ellipseHandlePixels(e).map((h) => ({ x: Math.round(h.x), y: Math.round(h.y) }));
    expect(handles).toContainEqual({ x: 150, y: 60 });
    expect(handles).toContainEqual({ x: 50, y: 60 });
    expect(handles.some((h) => h.x === 100 && (h.y === 40 || h.y === 80))).toBe(true);
  });

  it('reshape: the dragged semi-axis follows the pointer, the other keeps its length, perpendicular on screen', () => {
    const gate = ellipse([0.25, 0.2, 0.75, 0.6]);
    // Drag the long-axis handle from (150, 60) to (170, 60): semi-axis 70 px = 0.35 display; the short one stays 0.2
    const wider = reshapeEllipse(gate, projection, 0, { x: 170, y: 60 });
    expect(wider.covariance[0][0]).toBeCloseTo(0.35 ** 2, 9);
    expect(wider.covariance[1][1]).toBeCloseTo(0.2 ** 2, 9);
    expect(wider.covariance[0][1]).toBeCloseTo(0, 9);
    expect(wider.mean).toEqual(gate.mean);
    expect(wider.distanceSquare).toBe(1);
    // Turned 90° on screen: the dragged axis now points up, 30 px long; the other keeps its 20 px, along x
    const turned = reshapeEllipse(gate, projection, 0, { x: 100, y: 30 });
    const e = pixelEllipse(turned, projection)!;
    expect(Math.hypot(e.axes[0].x, e.axes[0].y)).toBeCloseTo(30, 4);
    expect(Math.abs(e.axes[0].x)).toBeCloseTo(0, 4);
    expect(Math.hypot(e.axes[1].x, e.axes[1].y)).toBeCloseTo(20, 4);
    expect(Math.abs(e.axes[1].y)).toBeCloseTo(0, 4);
    // in display space: 30 px of 100 on y is 0.3, 20 px of 200 on x is 0.1
    expect(turned.covariance[0][0]).toBeCloseTo(0.01, 9);
    expect(turned.covariance[1][1]).toBeCloseTo(0.09, 9);
    // The gate (display space) contains what the screen shows: pixel (100, 32) is inside, (100, 28) outside
    expect(insideEllipse(turned, projection.fromPixel({ x: 100, y: 32 }))).toBe(true);
    expect(insideEllipse(turned, projection.fromPixel({ x: 100, y: 28 }))).toBe(false);
  });

  it('keeps distanceSquare and rotates a tilted ellipse', () => {
    const gate: EllipseGate = { ...ellipse([0.25, 0.2, 0.75, 0.6]), covariance: [[0.03, 0.01], [0.01, 0.02]], distanceSquare: 4 };
    const to = { x: 160, y: 20 };
    const changed = reshapeEllipse(gate, projection, 1, to);
    expect(changed.distanceSquare).toBe(4);
    // the pointer is on the new boundary
    const p = projection.fromPixel(to);
    const [[a, b], [c, d]] = changed.covariance;
    const dx = p.x - gate.mean.x;
    const dy = p.y - gate.mean.y;
    expect((dx * (d * dx - b * dy) + dy * (-c * dx + a * dy)) / (a * d - b * c)).toBeCloseTo(4, 6);
  });

  it('refuses a drag onto the centre and an ellipse that cannot be placed', () => {
    const gate = ellipse([0.25, 0.2, 0.75, 0.6]);
    expect(reshapeEllipse(gate, projection, 0, { x: 101, y: 60 })).toBe(gate);
    expect(pixelEllipse({ ...gate, covariance: [[0, 0], [0, 0]] }, projection)).toBeNull();
  });

  it('works through another transform with the local Jacobian', () => {
    const linear = createGateProjection({ x: { ...ax, transform: linearAxis(0, 1e4) }, y: ay }, frame, 'direct');
    const gate: EllipseGate = { ...ellipse([0.25, 0.2, 0.75, 0.6]), x: { ...ax, transform: linearAxis(0, 1e4) }, mean: { x: 0.01, y: 0.4 }, covariance: [[1e-6, 0], [0, 0.01]] };
    const e = pixelEllipse(gate, linear);
    expect(e).not.toBeNull();
    expect(e!.centre.x).toBeCloseTo(100, 6); // raw 100 → log display 0.5 → 100 px
  });
});
