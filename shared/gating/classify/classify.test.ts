import { describe, expect, it } from 'vitest';
import { CurationError } from '../../api/errors.js';
import type { AxisDefinition } from '../axes/axis-parameter.js';
import { linearAxis, logAxis } from '../axes/axis-transform.js';
import type { Gate, GatedSet, GateTemplate, SetExpression } from '../gate.js';
import { classifyTemplate } from './classify.js';
import { seededRandom } from '../../random/seeded-random.js';

/** Identity linear axis: display value = data value. */
const lin = (column: string): AxisDefinition => ({ parameter: { type: 'single', column }, transform: linearAxis(0, 1) });
/** log axis over 1 … 10^4: display = log10(v) / 4. */
const log = (column: string): AxisDefinition => ({ parameter: { type: 'single', column }, transform: logAxis(1, 1e4) });

const set = (id: string, expression: SetExpression): GatedSet => ({ id, name: id, expression, group: null, colour: null });
const gateSet = (id: string, gateId: string): GatedSet => set(id, { op: 'gate', gateId });
const template = (gates: Gate[], sets: GatedSet[], exclusive = false): GateTemplate => ({ id: 't', name: 't', version: 1, gates, sets, exclusive });
const lookup = (cols: Record<string, number[]>) => (name: string) => {
  const c = cols[name];
  return c ? Float32Array.from(c) : undefined;
};
const bits = (m: Uint8Array | undefined) => Array.from(m ?? []);

describe('classifyTemplate gates', () => {
  it('rectangle: inclusive bounds, open sides, NaN outside', () => {
    const cols = { x: [1, 2, 3, 0.999, 3.001, 2, NaN, 100], y: [1, 2, 3, 2, 2, -50, 2, 2] };
    const gates: Gate[] = [
      { type: 'rectangle', id: 'r', name: 'r', x: lin('x'), y: lin('y'), xMin: 1, xMax: 3, yMin: 1, yMax: 3 },
      { type: 'rectangle', id: 'open', name: 'open', x: lin('x'), y: lin('y'), xMin: 1, xMax: null, yMin: null, yMax: 3 },
    ];
    const r = classifyTemplate(template(gates, [gateSet('a', 'r'), gateSet('b', 'open')]), lookup(cols), 8);
    // corners (1,1), (3,3) and the centre are on/in the rectangle; just outside on either x side is out
    expect(bits(r.gates.get('r'))).toEqual([1, 1, 1, 0, 0, 0, 0, 0]);
    expect(bits(r.gates.get('open'))).toEqual([1, 1, 1, 0, 1, 1, 0, 1]);
    expect(r.counts).toEqual({ a: 3, b: 6 });
  });

  it('range: inclusive, open max', () => {
    const cols = { v: [-1, 0, 5, 10, 10.5, NaN] };
    const gates: Gate[] = [
      { type: 'range', id: 'g', name: 'g', axis: lin('v'), min: 0, max: 10 },
      { type: 'range', id: 'h', name: 'h', axis: lin('v'), min: 5, max: null },
    ];
    const r = classifyTemplate(template(gates, []), lookup(cols), 6);
    expect(bits(r.gates.get('g'))).toEqual([0, 1, 1, 1, 0, 0]);
    expect(bits(r.gates.get('h'))).toEqual([0, 0, 1, 1, 1, 0]);
  });

  it('concave polygon (a U shape): the notch is outside', () => {
    // U: outer 0..3 × 0..3 with the notch 1..2 × 1..3 cut out of the top
    const u = [
      { x: 0, y: 0 }, { x: 3, y: 0 }, { x: 3, y: 3 }, { x: 2, y: 3 }, { x: 2, y: 1 }, { x: 1, y: 1 }, { x: 1, y: 3 }, { x: 0, y: 3 },
    ];
    const cols = { x: [0.5, 1.5, 2.5, 1.5, 1.5, -1, 4, NaN], y: [2.5, 2.5, 2.5, 0.5, 3.5, 1, 1, 1] };
    const r = classifyTemplate(template([{ type: 'polygon', id: 'p', name: 'p', x: lin('x'), y: lin('y'), vertices: u }], []), lookup(cols), 8);
    expect(bits(r.gates.get('p'))).toEqual([1, 0, 1, 1, 0, 0, 0, 0]);
  });

  it('polygon on log axes has straight edges in log space, not data space', () => {
    // Triangle with data-space vertices (1,1), (10000,1), (1,10000); display = log10/4 → (0,0), (1,0), (0,1).
    // Its hypotenuse is x + y = 1 in display space, i.e. log10(x) + log10(y) = 4, i.e. x·y = 10^4.
    const vertices = [
      { x: 0, y: 0 }, { x: 1, y: 0 }, { x: 0, y: 1 },
    ];
    // (1000, 5): x·y = 5000 < 10^4 → inside in log space; in data space x + y = 1005 < 10001 → also inside.
    // (200, 200): x·y = 40000 > 10^4 → outside in log space, but inside the data-space triangle (x + y < 10001).
    // (5000, 1.5): x·y = 7500 → inside in log space; data space: inside too.
    // (9000, 1.2): log space: 9000·1.2 = 10800 > 10^4 → outside; data space: 9001.2 < 10001 → inside.
    // (0, 50): log of 0 is NaN → outside.
    const cols = { x: [1000, 200, 5000, 9000, 0], y: [5, 200, 1.5, 1.2, 50] };
    const g: Gate = { type: 'polygon', id: 'p', name: 'p', x: log('x'), y: log('y'), vertices };
    const r = classifyTemplate(template([g], []), lookup(cols), 5);
    expect(bits(r.gates.get('p'))).toEqual([1, 0, 1, 0, 0]);
    // And the reverse: inside the log-space polygon but outside the data-space one. Diamond with display vertices
    // (0.5,0.25),(0.75,0.5),(0.5,0.75),(0.25,0.5) = data (100,10),(1000,100),(100,1000),(10,100). Point (50, 50):
    // display 0.4247 each, |dx| + |dy| = 0.1505 ≤ 0.25 → inside in log space. In data space the edge (10,100)–(100,10)
    // is x + y = 110 and 50 + 50 = 100 < 110 → outside the data-space diamond.
    const diamond = [
      { x: 0.5, y: 0.25 }, { x: 0.75, y: 0.5 }, { x: 0.5, y: 0.75 }, { x: 0.25, y: 0.5 },
    ];
    const d: Gate = { type: 'polygon', id: 'd', name: 'd', x: log('x'), y: log('y'), vertices: diamond };
    const r2 = classifyTemplate(template([d], []), lookup({ x: [50], y: [50] }), 1);
    expect(bits(r2.gates.get('d'))).toEqual([1]);
  });

  it('ratio axis: numerator / denominator, zero denominator outside', () => {
    const cols = { a: [10, 10, 10, 1, 5], b: [1, 5, 0, 10, 1] };
    const ratio: AxisDefinition = { parameter: { type: 'ratio', numerator: 'a', denominator: 'b' }, transform: linearAxis(0, 1) };
    const r = classifyTemplate(template([{ type: 'range', id: 'g', name: 'g', axis: ratio, min: 2, max: 5 }], []), lookup(cols), 5);
    // ratios 10, 2, NaN, 0.1, 5
    expect(bits(r.gates.get('g'))).toEqual([0, 1, 0, 0, 1]);
  });

  it('ellipse: uses the inverse covariance', () => {
    // Covariance diag(4, 1), distanceSquare 1: x²/4 + y² ≤ 1 → semi-axes 2 (x) and 1 (y)
    const g: Gate = { type: 'ellipse', id: 'e', name: 'e', x: lin('x'), y: lin('y'), mean: { x: 0, y: 0 }, covariance: [[4, 0], [0, 1]], distanceSquare: 1 };
    const cols = { x: [2, 0, 1.9, 0, 1.5, NaN], y: [0, 1, 0, 1.1, 0.7, 0] };
    const r = classifyTemplate(template([g], []), lookup(cols), 6);
    // 1.5²/4 + 0.7² = 0.5625 + 0.49 > 1 → outside
    expect(bits(r.gates.get('e'))).toEqual([1, 1, 1, 0, 0, 0]);
    // Rotated: covariance [[2,1],[1,2]] (inverse [[2,-1],[-1,2]]/3), distanceSquare 1: (1,1) → (2-1-1+2)/3 = 2/3 in; (1,-1) → 6/3 = 2 out
    const rot: Gate = { type: 'ellipse', id: 'f', name: 'f', x: lin('x'), y: lin('y'), mean: { x: 0, y: 0 }, covariance: [[2, 1], [1, 2]], distanceSquare: 1 };
    const r2 = classifyTemplate(template([rot], []), lookup({ x: [1, 1], y: [1, -1] }), 2);
    expect(bits(r2.gates.get('f'))).toEqual([1, 0]);
  });

  it('missing column and bad geometry are CurationErrors', () => {
    const g: Gate = { type: 'range', id: 'g', name: 'g', axis: lin('nope'), min: 0, max: 1 };
    expect(() => classifyTemplate(template([g], []), lookup({}), 1)).toThrow(/no column "nope"/);
    const e: Gate = { type: 'ellipse', id: 'e', name: 'e', x: lin('x'), y: lin('x'), mean: { x: 0, y: 0 }, covariance: [[1, 1], [1, 1]], distanceSquare: 1 };
    expect(() => classifyTemplate(template([e], []), lookup({ x: [0] }), 1)).toThrow(/not positive definite/);
  });
});

describe('classifyTemplate sets', () => {
  const cols = { v: [0, 1, 2, 3, 4, 5] };
  const gates: Gate[] = [
    { type: 'range', id: 'low', name: 'low', axis: lin('v'), min: 0, max: 2 },
    { type: 'range', id: 'mid', name: 'mid', axis: lin('v'), min: 2, max: 4 },
  ];

  it('and / or / not / set references, empty and = all, empty or = none', () => {
    const sets = [
      set('both', { op: 'and', operands: [{ op: 'gate', gateId: 'low' }, { op: 'gate', gateId: 'mid' }] }),
      set('either', { op: 'or', operands: [{ op: 'gate', gateId: 'low' }, { op: 'gate', gateId: 'mid' }] }),
      set('neither', { op: 'not', operand: { op: 'set', setId: 'either' } }),
      set('lowOnly', { op: 'and', operands: [{ op: 'gate', gateId: 'low' }, { op: 'not', operand: { op: 'set', setId: 'both' } }] }),
      set('all', { op: 'and', operands: [] }),
      set('none', { op: 'or', operands: [] }),
    ];
    const r = classifyTemplate(template(gates, sets), lookup(cols), 6);
    expect(bits(r.sets.get('both'))).toEqual([0, 0, 1, 0, 0, 0]);
    expect(bits(r.sets.get('either'))).toEqual([1, 1, 1, 1, 1, 0]);
    expect(bits(r.sets.get('neither'))).toEqual([0, 0, 0, 0, 0, 1]);
    expect(bits(r.sets.get('lowOnly'))).toEqual([1, 1, 0, 0, 0, 0]);
    expect(r.counts).toEqual({ both: 1, either: 5, neither: 1, lowOnly: 2, all: 6, none: 0 });
  });

  it('reference cycles name the set', () => {
    const sets = [set('a', { op: 'set', setId: 'b' }), set('b', { op: 'or', operands: [{ op: 'gate', gateId: 'low' }, { op: 'set', setId: 'a' }] })];
    let error: unknown;
    try {
      classifyTemplate(template(gates, sets), lookup(cols), 6);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CurationError);
    expect((error as CurationError).message).toMatch(/set "(a|b)" refers to itself/);
    expect(() => classifyTemplate(template(gates, [set('x', { op: 'set', setId: 'ghost' })]), lookup(cols), 6)).toThrow(/"ghost"/);
  });

  it('exclusive: first base set wins; composites read the exclusive memberships', () => {
    const sets = [
      gateSet('low', 'low'), // 0,1,2
      gateSet('mid', 'mid'), // 2,3,4 → 3,4 (2 is taken by low)
      set('union', { op: 'or', operands: [{ op: 'set', setId: 'low' }, { op: 'set', setId: 'mid' }] }),
      set('midCopy', { op: 'set', setId: 'mid' }),
    ];
    const r = classifyTemplate(template(gates, sets, true), lookup(cols), 6);
    expect(bits(r.sets.get('low'))).toEqual([1, 1, 1, 0, 0, 0]);
    expect(bits(r.sets.get('mid'))).toEqual([0, 0, 0, 1, 1, 0]);
    expect(bits(r.sets.get('union'))).toEqual([1, 1, 1, 1, 1, 0]);
    expect(bits(r.sets.get('midCopy'))).toEqual([0, 0, 0, 1, 1, 0]);
    // the gate mask itself is untouched by exclusivity
    expect(bits(r.gates.get('mid'))).toEqual([0, 0, 1, 1, 1, 0]);
    // reversed order: mid wins event 2
    const r2 = classifyTemplate(template(gates, [gateSet('mid', 'mid'), gateSet('low', 'low')], true), lookup(cols), 6);
    expect(r2.counts).toEqual({ mid: 3, low: 2 });
    // non-exclusive: overlap kept
    const r3 = classifyTemplate(template(gates, [gateSet('low', 'low'), gateSet('mid', 'mid')]), lookup(cols), 6);
    expect(r3.counts).toEqual({ low: 3, mid: 3 });
  });
});

describe('classifyTemplate against a reference implementation', () => {
  it('random polygons, rectangles, ellipses on log and linear axes', () => {
    const seed = 20260514;
    console.log(`classify random seed ${seed}`);
    const random = seededRandom(seed);
    const n = 2000;
    const a = new Float32Array(n);
    const b = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      a[i] = random() < 0.02 ? 0 : 10 ** (random() * 4);
      b[i] = random() < 0.02 ? -1 : 10 ** (random() * 4);
    }
    const cols = (name: string) => (name === 'a' ? a : name === 'b' ? b : undefined);
    // Reference: straightforward scalar code in log10 space (display = log10(v)/4 for v > 0)
    const disp = (v: number) => (v > 0 ? Math.log10(v) / 4 : NaN);
    const refInPolygon = (px: number, py: number, vs: { x: number; y: number }[]) => {
      if (Number.isNaN(px) || Number.isNaN(py)) return 0;
      let c = false;
      for (let i = 0; i < vs.length; i++) {
        const p = vs[i] as { x: number; y: number };
        const q = vs[(i + vs.length - 1) % vs.length] as { x: number; y: number };
        if (p.y > py !== q.y > py && px < ((q.x - p.x) * (py - p.y)) / (q.y - p.y) + p.x) c = !c;
      }
      return c ? 1 : 0;
    };
    for (let round = 0; round < 20; round++) {
      const k = 3 + Math.floor(random() * 8);
      const vertices = Array.from({ length: k }, () => ({ x: random(), y: random() }));
      const x0 = random() * 0.5;
      const y0 = random() * 0.5;
      const rect = { xMin: x0, xMax: x0 + random() * 0.5, yMin: y0, yMax: y0 + random() * 0.5 };
      const mean = { x: random(), y: random() };
      const sx = 0.01 + random() * 0.1;
      const sy = 0.01 + random() * 0.1;
      const rho = (random() * 2 - 1) * 0.9;
      const cov: [[number, number], [number, number]] = [
        [sx, rho * Math.sqrt(sx * sy)],
        [rho * Math.sqrt(sx * sy), sy],
      ];
      const gates: Gate[] = [
        { type: 'polygon', id: 'p', name: 'p', x: log('a'), y: log('b'), vertices },
        { type: 'rectangle', id: 'r', name: 'r', x: log('a'), y: log('b'), ...rect },
        { type: 'ellipse', id: 'e', name: 'e', x: log('a'), y: log('b'), mean, covariance: cov, distanceSquare: 1 },
      ];
      const sets = [gateSet('P', 'p'), gateSet('R', 'r'), set('PnotR', { op: 'and', operands: [{ op: 'set', setId: 'P' }, { op: 'not', operand: { op: 'set', setId: 'R' } }] })];
      const r = classifyTemplate(template(gates, sets, true), cols, n);
      const det = (cov[0][0] * cov[1][1]) - cov[0][1] * cov[1][0];
      let pCount = 0;
      let rCount = 0;
      let pnr = 0;
      for (let i = 0; i < n; i++) {
        const x = disp(a[i] as number);
        const y = disp(b[i] as number);
        const inP = refInPolygon(x, y, vertices);
        const inR = x >= rect.xMin && x <= rect.xMax && y >= rect.yMin && y <= rect.yMax ? 1 : 0;
        const dx = x - mean.x;
        const dy = y - mean.y;
        const q = (cov[1][1] * dx * dx - 2 * cov[0][1] * dx * dy + cov[0][0] * dy * dy) / det;
        const inE = q <= 1 ? 1 : 0;
        expect(r.gates.get('p')?.[i], `round ${round} event ${i} polygon`).toBe(inP);
        expect(r.gates.get('r')?.[i], `round ${round} event ${i} rectangle`).toBe(inR);
        expect(r.gates.get('e')?.[i], `round ${round} event ${i} ellipse`).toBe(inE);
        // exclusive: R loses the events P took
        const exR = inR && !inP ? 1 : 0;
        expect(r.sets.get('R')?.[i]).toBe(exR);
        pCount += inP;
        rCount += exR;
        pnr += inP && !exR ? 1 : 0;
      }
      expect(r.counts).toEqual({ P: pCount, R: rCount, PnotR: pnr });
    }
  });
});
