import { describe, expect, it } from 'vitest';
import { CurationError } from '../../api/errors.js';
import type { AxisTransform } from './axis-transform.js';
import { axisTransformProblem, compileAxisTransform, linearAxis, logAxis, logicleAxis } from './axis-transform.js';
import { seededRandom } from '../../random/seeded-random.js';

const ALL: AxisTransform[] = [
  { type: 'linear', T: 1000, A: 100 },
  { type: 'log', T: 1e4, M: 4 },
  { type: 'arcsinh', T: 1000, M: 4, A: 1 },
  { type: 'logicle', T: 262144, W: 0.5, M: 4.5, A: 0 },
  { type: 'hyperlog', T: 262144, W: 0.5, M: 4.5, A: 0 },
];

describe('axis transforms', () => {
  it('flin maps [−A, T] onto [0, 1]', () => {
    const t = compileAxisTransform({ type: 'linear', T: 1000, A: 100 });
    expect(t.toDisplay(-100)).toBe(0);
    expect(t.toDisplay(1000)).toBe(1);
    expect(t.toDisplay(450)).toBe(0.5); // (450 + 100) / 1100
    expect(t.toDisplay(2100)).toBe(2); // defined beyond the range too
    expect(t.fromDisplay(0.5)).toBe(450);
    expect(t.domainMin).toBe(-Infinity);
  });

  it('linearAxis(min, max) may start above zero', () => {
    const t = compileAxisTransform(linearAxis(10, 110));
    expect([t.toDisplay(10), t.toDisplay(60), t.toDisplay(110)]).toEqual([0, 0.5, 1]);
  });

  it('flog maps M decades below T onto [0, 1]; values ≤ 0 are NaN', () => {
    const t = compileAxisTransform({ type: 'log', T: 1e4, M: 4 });
    expect(t.toDisplay(1)).toBe(0);
    expect(t.toDisplay(10)).toBe(0.25);
    expect(t.toDisplay(1e4)).toBe(1);
    expect(t.toDisplay(1e5)).toBe(1.25);
    expect(t.toDisplay(0)).toBeNaN();
    expect(t.toDisplay(-0)).toBeNaN();
    expect(t.toDisplay(-3)).toBeNaN();
    expect(t.toDisplay(Number.NaN)).toBeNaN();
    expect(t.fromDisplay(0.5)).toBeCloseTo(100, 10);
    expect(t.domainMin).toBe(0);
    const axis = logAxis(1, 1e5);
    expect(axis).toEqual({ type: 'log', T: 1e5, M: 5 });
    expect(compileAxisTransform(axis).toDisplay(1e3)).toBeCloseTo(0.6, 15);
  });

  it('fasinh reproduces the Gating-ML 2.0 example values', () => {
    // Gating-ML 2.0 specification example values for fasinh(x; T = 1000, M = 4, A = 1), 6 decimals
    const t = compileAxisTransform({ type: 'arcsinh', T: 1000, M: 4, A: 1 });
    const x = [-10, -5, -1, 0, 0.3, 1, 3, 10, 100, 1000];
    const expected = [-0.200009, -0.139829, -0.000856, 0.2, 0.303776, 0.400856, 0.495521, 0.600009, 0.8, 1];
    x.forEach((v, i) => expect(t.toDisplay(v)).toBeCloseTo(expected[i]!, 6));
    for (const s of [-0.3, 0, 0.2, 0.77, 1, 1.4]) expect(t.toDisplay(t.fromDisplay(s))).toBeCloseTo(s, 12);
  });

  it('logicleAxis() gives the usual defaults', () => {
    expect(logicleAxis()).toEqual({ type: 'logicle', T: 262144, W: 0.5, M: 4.5, A: 0 });
    expect(logicleAxis({ W: 1 }).W).toBe(1);
  });

  it('array forms equal the scalar forms exactly and write into the given array', () => {
    const seed = 4242;
    console.log(`axis transform array seed ${seed}`);
    const random = seededRandom(seed);
    const values = new Float32Array(2000);
    for (let i = 0; i < values.length; i++) values[i] = (random() < 0.3 ? -1 : 1) * 10 ** (random() * 8 - 2);
    values[0] = 0;
    values[1] = Number.NaN;
    values[2] = Infinity;
    for (const description of ALL) {
      const t = compileAxisTransform(description);
      const display = new Float64Array(values.length);
      expect(t.toDisplayArray(values, display)).toBe(display);
      for (let i = 0; i < values.length; i++) {
        if (!Object.is(display[i], t.toDisplay(values[i]!))) expect.fail(`${description.type} toDisplayArray differs at ${values[i]}`);
      }
      const back = t.fromDisplayArray(display, new Float64Array(values.length));
      for (let i = 3; i < values.length; i++) {
        if (!Object.is(back[i], t.fromDisplay(display[i]!))) expect.fail(`${description.type} fromDisplayArray differs at ${display[i]}`);
        const v = values[i]!;
        if (description.type === 'log' && v <= 0) continue;
        if (!(Math.abs(back[i]! - v) <= 1e-9 * Math.abs(v) + 1e-9)) expect.fail(`${description.type} round trip ${v} → ${back[i]}`);
      }
      // Float32 output works too (what a renderer-bound column would use)
      const narrow = t.toDisplayArray(values, new Float32Array(values.length));
      expect(narrow[5]).toBe(Math.fround(t.toDisplay(values[5]!)));
    }
  });

  it('every transform is increasing over its domain', () => {
    const positive: number[] = [];
    for (let e = -3; e <= 7; e += 0.01) positive.push(10 ** e);
    for (const description of ALL) {
      const t = compileAxisTransform(description);
      const values = description.type === 'log' ? positive : [...positive.map((v) => -v).reverse(), 0, ...positive];
      let previous = -Infinity;
      for (const v of values) {
        const s = t.toDisplay(v);
        if (!(s > previous)) expect.fail(`${description.type} not increasing at ${v}`);
        previous = s;
      }
    }
  });

  it('descriptions are plain data: a JSON round trip compiles to the same function', () => {
    for (const description of ALL) {
      const copy = JSON.parse(JSON.stringify(description)) as AxisTransform;
      const a = compileAxisTransform(description);
      const b = compileAxisTransform(copy);
      for (const v of [1, 37.5, 5000]) expect(b.toDisplay(v)).toBe(a.toDisplay(v));
    }
  });

  it('rejects bad parameters with the field named', () => {
    const cases: [AxisTransform, string][] = [
      [{ type: 'linear', T: 10, A: -10 }, 'A'], // max = min
      [{ type: 'linear', T: Number.NaN, A: 0 }, 'T'],
      [{ type: 'log', T: 0, M: 4 }, 'T'],
      [{ type: 'log', T: 1e4, M: -1 }, 'M'],
      [{ type: 'log', T: Infinity, M: 4 }, 'T'],
      [{ type: 'arcsinh', T: 1000, M: 4, A: 5 }, 'A'],
      [{ type: 'arcsinh', T: -1, M: 4, A: 0 }, 'T'],
      [{ type: 'logicle', T: 262144, W: 3, M: 4.5, A: 0 }, 'W'],
      [{ type: 'hyperlog', T: 262144, W: 0.5, M: 4.5, A: 9 }, 'A'],
      [{ type: 'sqrt' } as unknown as AxisTransform, 'type'],
    ];
    for (const [description, field] of cases) {
      expect(axisTransformProblem(description)?.field, JSON.stringify(description)).toBe(field);
      let thrown: unknown;
      try {
        compileAxisTransform(description);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(CurationError);
      expect((thrown as CurationError).field).toBe(field);
      expect((thrown as CurationError).code).toBe('invalid-input');
    }
    for (const description of ALL) expect(axisTransformProblem(description)).toBeNull();
  });

  it('refuses an output array shorter than the input', () => {
    const t = compileAxisTransform({ type: 'log', T: 1e4, M: 4 });
    expect(() => t.toDisplayArray(new Float32Array(10), new Float64Array(9))).toThrow(/holds 9 values, input has 10/);
  });
});
