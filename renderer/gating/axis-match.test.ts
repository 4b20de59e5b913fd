import { describe, expect, it } from 'vitest';
import type { AxisDefinition } from '../../shared/gating/axes/axis-parameter.js';
import type { AxisTransform } from '../../shared/gating/axes/axis-transform.js';
import { linearAxis, logAxis, logicleAxis } from '../../shared/gating/axes/axis-transform.js';
import type { Gate } from '../../shared/gating/gate.js';
import { gatePlacement, gatesOnPlot, rangePlacement, sameAxis, sameParameter, sameTransform } from './axis-match.js';

const axis = (column: string, transform: AxisTransform = logAxis(1, 1e6)): AxisDefinition => ({ parameter: { type: 'single', column }, transform });
const red = axis('Fl Red Total');
const fws = axis('FWS Total');
const plot = { x: fws, y: red };

describe('axis matching', () => {
  it('compares parameters, single and ratio', () => {
    expect(sameParameter({ type: 'single', column: 'A' }, { type: 'single', column: 'A' })).toBe(true);
    // as the service finds columns: without case or repeated spaces
    expect(sameParameter({ type: 'single', column: 'FL Red  Total' }, { type: 'single', column: 'Fl Red Total' })).toBe(true);
    expect(sameParameter({ type: 'single', column: 'FL Red Total' }, { type: 'single', column: 'FL Red Peak' })).toBe(false);
    expect(sameParameter({ type: 'ratio', numerator: 'A', denominator: 'B' }, { type: 'ratio', numerator: 'A', denominator: 'B' })).toBe(true);
    expect(sameParameter({ type: 'ratio', numerator: 'A', denominator: 'B' }, { type: 'ratio', numerator: 'B', denominator: 'A' })).toBe(false);
    expect(sameParameter({ type: 'single', column: 'A' }, { type: 'ratio', numerator: 'A', denominator: 'B' })).toBe(false);
  });

  it('compares transforms by type and every parameter; −0 equals 0', () => {
    expect(sameTransform(logAxis(1, 1e6), { type: 'log', T: 1e6, M: 6 })).toBe(true);
    expect(sameTransform(logAxis(1, 1e6), logAxis(1, 1e5))).toBe(false);
    expect(sameTransform(linearAxis(0, 1), { type: 'linear', T: 1, A: 0 })).toBe(true); // linearAxis gives A = −0
    expect(sameTransform(logicleAxis(), logicleAxis({ W: 1 }))).toBe(false);
    expect(sameTransform(logAxis(1, 10), linearAxis(1, 10))).toBe(false);
    expect(sameAxis(red, axis('Fl Red Total'))).toBe(true);
    expect(sameAxis(red, axis('Fl Red Total', linearAxis(0, 1)))).toBe(false);
  });

  it('places a gate directly, swapped, or not at all — whatever its transforms', () => {
    expect(gatePlacement({ x: fws, y: red }, plot)).toBe('direct');
    expect(gatePlacement({ x: red, y: fws }, plot)).toBe('swapped');
    expect(gatePlacement({ x: axis('FWS Total', linearAxis(0, 1)), y: red }, plot)).toBe('direct');
    expect(gatePlacement({ x: fws, y: axis('Fl Orange Total') }, plot)).toBeNull();
  });

  it('lists the gates of a plot, ranges along either axis', () => {
    const gates: Gate[] = [
      { type: 'rectangle', id: 'r', name: 'R', x: fws, y: red, xMin: 0, xMax: 1, yMin: 0, yMax: 1 },
      { type: 'polygon', id: 'p', name: 'P', x: fws, y: axis('SWS Total'), vertices: [] },
      { type: 'range', id: 'g', name: 'G', axis: red, min: 0.2, max: null },
      { type: 'range', id: 'h', name: 'H', axis: axis('SWS Total'), min: 0.2, max: null },
    ];
    expect(gatesOnPlot(gates, plot).map((g) => g.id)).toEqual(['r', 'g']);
    expect(rangePlacement(gates[2] as Extract<Gate, { type: 'range' }>, plot)).toBe('y');
    expect(rangePlacement(gates[2] as Extract<Gate, { type: 'range' }>, { x: red, y: fws })).toBe('x');
  });
});
