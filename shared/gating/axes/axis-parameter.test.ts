import { describe, expect, it } from 'vitest';
import { CurationError } from '../../api/errors.js';
import { axisParameterColumns, axisParameterLabel, axisValues, ratioValues } from './axis-parameter.js';

describe('axis parameters', () => {
  it('divides per event; a zero denominator gives NaN and is counted', () => {
    const red = Float32Array.from([10, 3, 0, 5, Number.NaN, 7, 1]);
    const fws = Float32Array.from([4, 0, 0, -2, 1, -0, 3]);
    const { values, zeroDenominator } = ratioValues(red, fws);
    expect(zeroDenominator).toBe(3); // 3/0, 0/0, 7/−0
    expect(values[0]).toBe(2.5);
    expect(values[1]).toBeNaN();
    expect(values[2]).toBeNaN();
    expect(values[3]).toBe(-2.5);
    expect(values[4]).toBeNaN(); // NaN numerator: not a zero denominator, still NaN
    expect(values[5]).toBeNaN();
    expect(values[6]).toBe(Math.fround(1 / 3)); // float32, like every column
  });

  it('reuses an output array and returns exactly the events asked for', () => {
    const out = new Float32Array(5).fill(-1);
    const r = ratioValues(Float32Array.from([1, 2]), Float32Array.from([2, 4]), out);
    expect(Array.from(r.values)).toEqual([0.5, 0.5]);
    expect(r.values.buffer).toBe(out.buffer);
    expect(out[2]).toBe(-1);
  });

  it('refuses columns of different lengths or a short output', () => {
    expect(() => ratioValues(new Float32Array(3), new Float32Array(2))).toThrow(CurationError);
    expect(() => ratioValues(new Float32Array(3), new Float32Array(3), new Float32Array(2))).toThrow(/holds 2 values, need 3/);
  });

  it('names and reads single and ratio axes', () => {
    const columns: Record<string, Float32Array> = {
      'FL Red Total': Float32Array.from([100, 50]),
      'FWS Total': Float32Array.from([20, 0]),
    };
    const lookup = (name: string): Float32Array | undefined => columns[name];
    const single = { type: 'single', column: 'FL Red Total' } as const;
    const ratio = { type: 'ratio', numerator: 'FL Red Total', denominator: 'FWS Total' } as const;
    expect(axisParameterLabel(single)).toBe('FL Red Total');
    expect(axisParameterLabel(ratio)).toBe('FL Red Total / FWS Total');
    expect(axisParameterColumns(ratio)).toEqual(['FL Red Total', 'FWS Total']);
    expect(axisValues(single, lookup)).toEqual({ values: columns['FL Red Total'], zeroDenominator: 0 });
    const r = axisValues(ratio, lookup);
    expect(r.values[0]).toBe(5);
    expect(r.values[1]).toBeNaN();
    expect(r.zeroDenominator).toBe(1);
    let thrown: unknown;
    try {
      axisValues({ type: 'ratio', numerator: 'FL Red Total', denominator: 'SWS Total' }, lookup);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(CurationError);
    expect((thrown as CurationError).code).toBe('not-found');
    expect((thrown as CurationError).field).toBe('SWS Total');
  });
});
