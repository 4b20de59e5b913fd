import { describe, expect, it } from 'vitest';
import type { AxisDefinition } from '../../shared/gating/axes/axis-parameter.js';
import { linearAxis, logAxis } from '../../shared/gating/axes/axis-transform.js';
import { axisScale } from '../plots/plot-geometry.js';
import { createGateProjection, projectionJacobian } from './gate-projection.js';

const fwsLog: AxisDefinition = { parameter: { type: 'single', column: 'FWS' }, transform: logAxis(1, 1e4) }; // display = log10(x) / 4
const redLog: AxisDefinition = { parameter: { type: 'single', column: 'Red' }, transform: logAxis(1, 1e4) };
// Plot: x 40…240 px shows display 0…1; y 10…210 px (inverted) shows display 0…1
const frame = { x: axisScale(logAxis(1, 1e4), [0, 1], 40, 200), y: axisScale(logAxis(1, 1e4), [0, 1], 10, 200, true) };

describe('gate projection', () => {
  it('maps a gate drawn in the plot’s own transforms affinely', () => {
    const p = createGateProjection({ x: fwsLog, y: redLog }, frame, 'direct');
    expect(p.linear).toBe(true);
    expect(p.toPixel({ x: 0.5, y: 0.25 })).toEqual({ x: 140, y: 160 }); // 40 + 0.5·200, 210 − 0.25·200
    expect(p.fromPixel({ x: 140, y: 160 })).toEqual({ x: 0.5, y: 0.25 });
  });

  it('goes through raw values when the gate was drawn with another transform (display only)', () => {
    // Gate x on a linear 0…1000 axis: display 0.1 is raw 100, which the log plot shows at log10(100)/4 = 0.5 → 140 px
    const gate = { x: { ...fwsLog, transform: linearAxis(0, 1000) }, y: redLog };
    const p = createGateProjection(gate, frame, 'direct');
    expect(p.linear).toBe(false);
    const px = p.toPixel({ x: 0.1, y: 0.25 });
    expect(px.x).toBeCloseTo(140, 9);
    expect(px.y).toBeCloseTo(160, 9);
    const back = p.fromPixel({ x: 140, y: 160 });
    expect(back.x).toBeCloseTo(0.1, 12);
    expect(back.y).toBeCloseTo(0.25, 12);
    // raw ≤ 0 has no place on a log plot
    expect(p.toPixel({ x: -0.1, y: 0.25 }).x).toBeNaN();
  });

  it('mirrors a gate whose axes are the plot’s the other way round', () => {
    const p = createGateProjection({ x: redLog, y: fwsLog }, frame, 'swapped');
    // gate (red 0.5, fws 0.25) → plot x shows fws 0.25 (90 px), plot y shows red 0.5 (110 px)
    expect(p.toPixel({ x: 0.5, y: 0.25 })).toEqual({ x: 90, y: 110 });
    expect(p.fromPixel({ x: 90, y: 110 })).toEqual({ x: 0.5, y: 0.25 });
  });

  it('gives the Jacobian of gate → pixel', () => {
    const j = projectionJacobian(createGateProjection({ x: fwsLog, y: redLog }, frame, 'direct'), { x: 0.5, y: 0.5 });
    expect(j[0][0]).toBeCloseTo(200, 4);
    expect(j[1][1]).toBeCloseTo(-200, 4);
    expect(j[0][1]).toBeCloseTo(0, 6);
    const s = projectionJacobian(createGateProjection({ x: redLog, y: fwsLog }, frame, 'swapped'), { x: 0.5, y: 0.5 });
    expect(s[0][1]).toBeCloseTo(200, 4); // gate y moves pixels along x
    expect(s[1][0]).toBeCloseTo(-200, 4);
  });
});
