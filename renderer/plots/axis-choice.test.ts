import { describe, expect, it } from 'vitest';
import { compileAxisTransform } from '../../shared/gating/axes/axis-transform.js';
import { axisChoiceKey, defaultCytogramAxes, findColumn, measurementColumns, particleAxisValue, plotAxis, TRANSFORM_KINDS, transformFor } from './axis-choice.js';

const names = (axes: ReturnType<typeof defaultCytogramAxes>) =>
  axes.map((a) => [a.x.parameter, a.y.parameter].map((p) => (p.type === 'single' ? p.column : '?')).join(' × '));

describe('axis choices', () => {
  it('finds columns case-insensitively', () => {
    expect(findColumn(['FWS Total', 'FL Red Total'], 'fl red  total')).toBe('FL Red Total');
    expect(findColumn(['FWS Total'], 'Fl Red Total')).toBeUndefined();
  });

  it('picks the usual CytoSense pairs, spelled as the sample spells them, log × log', () => {
    const columns = ['Particle ID', 'FWS Total', 'Sidewards Scatter Total', 'FL Red Total', 'FL Orange Total', 'FL Yellow Total'];
    const axes = defaultCytogramAxes(columns);
    expect(names(axes)).toEqual(['FL Red Total × FL Orange Total', 'FWS Total × FL Red Total', 'FWS Total × Sidewards Scatter Total']);
    expect(axes.every((a) => a.x.transform === 'log' && a.y.transform === 'log')).toBe(true);
  });

  it('falls back to pairs of the first columns', () => {
    expect(names(defaultCytogramAxes(['A', 'B', 'C']))).toEqual(['A × B', 'A × C', 'B × C']);
    expect(names(defaultCytogramAxes(['FWS Total', 'Fl Red Total', 'X']))).toEqual(['FWS Total × Fl Red Total', 'FWS Total × X', 'Fl Red Total × X']);
    expect(defaultCytogramAxes(['A'])).toEqual([]);
    expect(defaultCytogramAxes([])).toEqual([]);
    expect(defaultCytogramAxes(['A', 'B', 'C'], 1)).toHaveLength(1);
  });

  it('makes valid request axes', () => {
    for (const kind of TRANSFORM_KINDS) expect(() => compileAxisTransform(transformFor(kind))).not.toThrow();
    const axis = plotAxis({ parameter: { type: 'ratio', numerator: 'A', denominator: 'B' }, transform: 'logicle' });
    expect(axis.range).toBe('auto');
    expect(axis.transform.type).toBe('logicle');
    expect(axisChoiceKey({ parameter: { type: 'single', column: 'A' }, transform: 'log' })).not.toBe(axisChoiceKey({ parameter: { type: 'single', column: 'A' }, transform: 'linear' }));
  });

  it('reads a particle value for single and ratio axes', () => {
    const values = { A: 10, B: 4, Z: 0, N: null };
    expect(particleAxisValue({ type: 'single', column: 'A' }, values)).toBe(10);
    expect(particleAxisValue({ type: 'single', column: 'N' }, values)).toBeNull();
    expect(particleAxisValue({ type: 'single', column: 'missing' }, values)).toBeNull();
    expect(particleAxisValue({ type: 'ratio', numerator: 'A', denominator: 'B' }, values)).toBe(2.5);
    expect(particleAxisValue({ type: 'ratio', numerator: 'A', denominator: 'Z' }, values)).toBeNull();
  });
});

describe('measurement columns', () => {
  it('leaves out the per-particle bookkeeping columns, whatever their case', () => {
    expect(measurementColumns(['Particle ID', 'Sample Length', 'arrival  time', 'FWS Total', 'FWS Length', 'Fl Red Total'])).toEqual([
      'FWS Total',
      'FWS Length',
      'Fl Red Total',
    ]);
    expect(measurementColumns([])).toEqual([]);
  });
});
