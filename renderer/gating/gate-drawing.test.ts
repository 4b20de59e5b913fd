import { describe, expect, it } from 'vitest';
import type { AxisDefinition } from '../../shared/gating/axes/axis-parameter.js';
import { linearAxis, logAxis } from '../../shared/gating/axes/axis-transform.js';
import type { PolygonGate, RangeGate, RectangleGate } from '../../shared/gating/gate.js';
import { axisScale } from '../plots/plot-geometry.js';
import { drawGate, gatePoint, pathOf, visibleExtent } from './gate-drawing.js';
import { createGateProjection } from './gate-projection.js';

const fwsLog: AxisDefinition = { parameter: { type: 'single', column: 'FWS Total' }, transform: logAxis(1, 1e4) };
const redLog: AxisDefinition = { parameter: { type: 'single', column: 'Fl Red Total' }, transform: logAxis(1, 1e4) };
// A log × log plot: x 40…240 px, y 10…210 px (inverted), each showing display 0…1 (data 1 … 10 000)
const x = axisScale(logAxis(1, 1e4), [0, 1], 40, 200);
const y = axisScale(logAxis(1, 1e4), [0, 1], 10, 200, true);
const plot = { x: fwsLog, y: redLog };

describe('gates on a plot', () => {
  it('draws a rectangle of the plot’s own axes exactly, with its four handles', () => {
    const gate: RectangleGate = { type: 'rectangle', id: 'r', name: 'R', x: fwsLog, y: redLog, xMin: 0.25, xMax: 0.5, yMin: 0.5, yMax: 0.75 };
    const d = drawGate(gate, plot, x, y)!;
    expect(d.shape.outline).toEqual([
      { x: 90, y: 110 },
      { x: 140, y: 110 },
      { x: 140, y: 60 },
      { x: 90, y: 60 },
    ]);
    expect(d.path).toBe('M90.0,110.0L140.0,110.0L140.0,60.0L90.0,60.0Z');
    expect(d.shape.handles.map((h) => h.index)).toEqual([0, 1, 2, 3]);
    expect(d.label).toEqual({ x: 90, y: 60 }); // top-left of the outline
    // a pointer at (140, 110) is the gate-space point (0.5, 0.5)
    expect(gatePoint(d, { x: 140, y: 110 }, x, y)).toEqual({ x: 0.5, y: 0.5 });
  });

  it('leaves out gates of other parameters', () => {
    const other: RectangleGate = { type: 'rectangle', id: 'o', name: 'O', x: fwsLog, y: { ...redLog, parameter: { type: 'single', column: 'SWS Total' } }, xMin: 0, xMax: 1, yMin: 0, yMax: 1 };
    expect(drawGate(other, plot, x, y)).toBeNull();
  });

  it('bends a polygon of another transform through raw values, for display only', () => {
    // Drawn on a linear 0…10 000 FWS axis: display 0.01 is raw 100 (0.5 on this log plot, 140 px), 0.1 is raw 1000
    const gate: PolygonGate = {
      type: 'polygon',
      id: 'p',
      name: 'P',
      x: { ...fwsLog, transform: linearAxis(0, 1e4) },
      y: redLog,
      vertices: [
        { x: 0.01, y: 0.5 },
        { x: 0.1, y: 0.5 },
        { x: 0.1, y: 0.75 },
      ],
    };
    const d = drawGate(gate, plot, x, y)!;
    expect(d.projection?.linear).toBe(false);
    expect(d.shape.outline).toHaveLength(3 * 24); // each edge cut in 24
    expect(d.shape.outline[0]!.x).toBeCloseTo(140, 9);
    expect(d.shape.outline[24]!.x).toBeCloseTo(190, 9); // raw 1000: log display 0.75
    // halfway along the first edge in the gate's (linear) space is raw 550: log10(550)/4 → 40 + 200·0.685
    expect(d.shape.outline[12]!.x).toBeCloseTo(40 + 200 * (Math.log10(550) / 4), 6);
    expect(gate.vertices[0]).toEqual({ x: 0.01, y: 0.5 }); // the gate itself is untouched
  });

  it('shows a range gate as a band across the plot, open sides to the edge', () => {
    const gate: RangeGate = { type: 'range', id: 'g', name: 'G', axis: redLog, min: 0.5, max: null };
    const d = drawGate(gate, plot, x, y)!;
    expect(d.along).toBe('y');
    expect(d.shape.outline).toEqual([
      { x: 40, y: 110 },
      { x: 240, y: 110 },
      { x: 240, y: 10 },
      { x: 40, y: 10 },
    ]);
    expect(gatePoint(d, { x: 100, y: 60 }, x, y).x).toBeCloseTo(0.75, 12);
  });

  it('splits a path where points cannot be placed', () => {
    expect(pathOf([{ x: 0, y: 0 }, { x: 1, y: 1 }, { x: Number.NaN, y: 2 }, { x: 3, y: 3 }, { x: 4, y: 4 }], true)).toBe('M0.0,0.0L1.0,1.0M3.0,3.0L4.0,4.0');
    expect(pathOf([{ x: 0, y: 0 }, { x: 1, y: 1 }, { x: 2, y: 0 }], true)).toBe('M0.0,0.0L1.0,1.0L2.0,0.0Z');
  });

  it('finds the part of gate space the plot shows', () => {
    const e = visibleExtent(createGateProjection(plot, { x, y }, 'direct'), x, y);
    expect(e.xMin).toBeCloseTo(-0.05, 12); // 0…1 with 5 % either side
    expect(e.xMax).toBeCloseTo(1.05, 12);
    expect(e.yMin).toBeCloseTo(-0.05, 12);
  });
});
