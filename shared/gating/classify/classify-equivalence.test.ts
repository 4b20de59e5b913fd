// The fast classification (classify.ts → fast-gate.ts) against the reference implementation (classify-reference.ts,
// which transforms every event): byte-identical masks and equal counts, over every gate type × every transform,
// ratio axes, events placed exactly on bounds, edges and vertices in display space, values ≤ 0 on log axes, NaN,
// ±Infinity, −0, subnormal and huge values, and exclusive templates. Randomised with printed seeds.
import { describe, expect, it } from 'vitest';
import type { AxisDefinition } from '../axes/axis-parameter.js';
import { compileAxisTransform, linearAxis, logAxis, logicleAxis } from '../axes/axis-transform.js';
import type { AxisTransform, CompiledAxisTransform } from '../axes/axis-transform.js';
import type { Gate, GatedSet, GateTemplate, SetExpression } from '../gate.js';
import { classifyTemplate } from './classify.js';
import { classifyGateReference, classifyTemplateReference } from './classify-reference.js';
import { classifyGateFast, RatioCache } from './fast-gate.js';
import type { FastPath } from './fast-gate.js';
import { float32Key, keyToFloat32 } from './float32-key.js';
import { seededRandom } from '../../random/seeded-random.js';

const TRANSFORMS: AxisTransform[] = [
  { type: 'linear', T: 1, A: 0 },
  linearAxis(-200, 5000),
  linearAxis(100, 1e5),
  logAxis(1, 1e7),
  logAxis(0.01, 100),
  { type: 'log', T: 262144, M: 4.5 },
  { type: 'arcsinh', T: 262144, M: 4.5, A: 0 },
  { type: 'arcsinh', T: 1000, M: 4, A: 1 },
  logicleAxis(),
  { type: 'logicle', T: 1e4, W: 1, M: 4, A: 0 },
  { type: 'logicle', T: 262144, W: 0, M: 4.5, A: 0 },
  { type: 'logicle', T: 1000, W: 0.5, M: 4, A: -0.5 },
  { type: 'hyperlog', T: 1e4, W: 1, M: 4, A: 0 },
  { type: 'hyperlog', T: 262144, W: 0.5, M: 4.5, A: 1 },
];

/** Raw values that any axis must survive. */
const SPECIAL = [0, -0, Number.NaN, Infinity, -Infinity, 1.4e-45, -1.4e-45, 1.1754944e-38, -1.1754944e-38, 3.4028235e38, -3.4028235e38, 1, -1, 1e-30, -1e-30, 5e-8, -100];

const same = (a: Uint8Array | undefined, b: Uint8Array | undefined): boolean => !!a && !!b && a.length === b.length && a.every((v, i) => v === b[i]);

/** The float32 k keys away from v (keys: float32-key.ts). */
const nudge = (v: number, k: number): number => keyToFloat32(Math.max(-2139095041, Math.min(2139095040, float32Key(v) + k)));

/** One scenario: two columns shown on axes x and y, gates on them, events designed around the gates' geometry. */
interface Scenario {
  x: AxisDefinition;
  y: AxisDefinition;
  tx: CompiledAxisTransform;
  ty: CompiledAxisTransform;
  gates: Gate[];
  sets: GatedSet[];
  exclusive: boolean;
  columns: Record<string, Float32Array>;
  events: number;
}

function axisFor(transform: AxisTransform, name: string, ratio: boolean): AxisDefinition {
  return ratio
    ? { parameter: { type: 'ratio', numerator: `${name} num`, denominator: `${name} den` }, transform }
    : { parameter: { type: 'single', column: name }, transform };
}

function scenario(random: () => number, events: number, tX: AxisTransform, tY: AxisTransform): Scenario {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const x = axisFor(tX, 'X', random() < 0.2);
  const y = axisFor(tY, 'Y', random() < 0.2);
  const tx = compileAxisTransform(tX);
  const ty = compileAxisTransform(tY);
  const display = (): number => -0.1 + 1.2 * random();
  // Raw values first: gates then reuse some of their exact display values as bounds and vertices, so events sit
  // exactly on them in display space.
  const raw = (t: CompiledAxisTransform, interesting: number[]): number => {
    const r = random();
    if (r < 0.12) return pick(SPECIAL);
    if (r < 0.35 && interesting.length > 0) return nudge(Math.fround(t.fromDisplay(pick(interesting))), Math.floor(random() * 7) - 3);
    if (r < 0.5) return (random() < 0.3 ? -1 : 1) * 10 ** (random() * 10 - 3);
    return Math.fround(t.fromDisplay(display()));
  };
  const seedX = Array.from({ length: 6 }, () => raw(tx, []));
  const seedY = Array.from({ length: 6 }, () => raw(ty, []));
  const onEvent = (t: CompiledAxisTransform, values: number[]): number => {
    const d = t.toDisplay(pick(values));
    return Number.isFinite(d) && Math.abs(d) < 10 ? d : display();
  };
  const coordinate = (t: CompiledAxisTransform, values: number[]): number => (random() < 0.3 ? onEvent(t, values) : display());

  const gates: Gate[] = [];
  const bound = (t: CompiledAxisTransform, values: number[]): number | null => (random() < 0.15 ? null : coordinate(t, values));
  const ordered = (a: number | null, b: number | null): [number | null, number | null] => (a !== null && b !== null && a > b ? [b, a] : [a, b]);
  const [xMin, xMax] = ordered(bound(tx, seedX), bound(tx, seedX));
  const [yMin, yMax] = ordered(bound(ty, seedY), bound(ty, seedY));
  gates.push({ type: 'rectangle', id: 'rect', name: 'rect', x, y, xMin, xMax, yMin, yMax });
  const [min, max] = ordered(bound(tx, seedX), bound(tx, seedX));
  gates.push({ type: 'range', id: 'range', name: 'range', axis: x, min, max });
  const n = 3 + Math.floor(random() * 12);
  const cx = display();
  const cy = display();
  const size = random() < 0.15 ? 0.01 : 0.05 + random() * 0.5;
  const vertices = Array.from({ length: n }, () => ({
    x: random() < 0.25 ? onEvent(tx, seedX) : cx + size * (2 * random() - 1),
    y: random() < 0.25 ? onEvent(ty, seedY) : cy + size * (2 * random() - 1),
  }));
  gates.push({ type: 'polygon', id: 'poly', name: 'poly', x, y, vertices });
  const sx = 0.001 + random() * 0.05;
  const sy = 0.001 + random() * 0.05;
  const rho = (2 * random() - 1) * 0.95;
  gates.push({
    type: 'ellipse', id: 'ell', name: 'ell', x, y,
    mean: { x: coordinate(tx, seedX), y: coordinate(ty, seedY) },
    covariance: [[sx, rho * Math.sqrt(sx * sy)], [rho * Math.sqrt(sx * sy), sy]],
    distanceSquare: random() < 0.1 ? 0 : 0.5 + 4 * random(),
  });

  // Events: around the bounds, vertices, on edges, and the seeds themselves.
  const xInteresting = [xMin, xMax, min, max, ...vertices.map((v) => v.x)].filter((v): v is number => v !== null);
  const yInteresting = [yMin, yMax, ...vertices.map((v) => v.y)].filter((v): v is number => v !== null);
  const xs = new Float32Array(events);
  const ys = new Float32Array(events);
  for (let i = 0; i < events; i++) {
    const r = random();
    if (r < 0.05) {
      xs[i] = pick(seedX);
      ys[i] = pick(seedY);
    } else if (r < 0.2) {
      // On an edge, in display space (then rounded to float32 and nudged a few keys).
      const a = vertices[Math.floor(random() * n)] as { x: number; y: number };
      const b = vertices[Math.floor(random() * n)] as { x: number; y: number };
      const t = random();
      xs[i] = nudge(Math.fround(tx.fromDisplay(a.x + t * (b.x - a.x))), Math.floor(random() * 5) - 2);
      ys[i] = nudge(Math.fround(ty.fromDisplay(a.y + t * (b.y - a.y))), Math.floor(random() * 5) - 2);
    } else {
      xs[i] = raw(tx, xInteresting);
      ys[i] = raw(ty, yInteresting);
    }
  }
  const columns: Record<string, Float32Array> = {};
  const put = (axis: AxisDefinition, values: Float32Array): void => {
    const p = axis.parameter;
    if (p.type === 'single') {
      columns[p.column] = values;
      return;
    }
    // Ratio: mostly denominator 1 (the ratio is then exactly the designed value), some others, some zeros.
    const num = new Float32Array(events);
    const den = new Float32Array(events);
    for (let i = 0; i < events; i++) {
      const r = random();
      const d = r < 0.6 ? 1 : r < 0.65 ? 0 : r < 0.67 ? -0 : (random() < 0.2 ? -1 : 1) * 10 ** (random() * 4 - 2);
      den[i] = d;
      num[i] = d === 0 ? (values[i] as number) : (values[i] as number) * d;
    }
    columns[p.numerator] = num;
    columns[p.denominator] = den;
  };
  put(x, xs);
  put(y, ys);

  const g = (gateId: string): SetExpression => ({ op: 'gate', gateId });
  const set = (id: string, expression: SetExpression): GatedSet => ({ id, name: id, expression, group: null, colour: null });
  const sets = [
    set('P', g('poly')),
    set('R', g('rect')),
    set('E', g('ell')),
    set('G', g('range')),
    set('RnotP', { op: 'and', operands: [g('rect'), { op: 'not', operand: g('poly') }] }),
    set('notPandE', { op: 'and', operands: [{ op: 'not', operand: g('poly') }, g('ell'), { op: 'not', operand: { op: 'set', setId: 'G' } }] }),
    set('any', { op: 'or', operands: [{ op: 'set', setId: 'P' }, { op: 'set', setId: 'E' }, g('range')] }),
    set('all', { op: 'and', operands: [] }),
    set('onlyNot', { op: 'and', operands: [{ op: 'not', operand: g('rect') }] }),
    set('onlyOne', { op: 'and', operands: [{ op: 'set', setId: 'E' }] }),
    set('none', { op: 'or', operands: [] }),
  ];
  return { x, y, tx, ty, gates, sets, exclusive: random() < 0.5, columns, events };
}

function expectSameAsReference(s: Scenario, label: string, paths?: Map<FastPath, number>): void {
  const template: GateTemplate = { id: 't', name: 't', version: 1, gates: s.gates, sets: s.sets, exclusive: s.exclusive };
  const lookup = (name: string): Float32Array | undefined => s.columns[name];
  const fast = classifyTemplate(template, lookup, s.events);
  const reference = classifyTemplateReference(template, lookup, s.events);
  for (const gate of s.gates) {
    const a = fast.gates.get(gate.id);
    const b = reference.gates.get(gate.id);
    if (!same(a, b)) {
      const i = (a as Uint8Array).findIndex((v, k) => v !== b?.[k]);
      throw new Error(`${label}: gate ${gate.id} differs first at event ${i} (fast ${a?.[i]}, reference ${b?.[i]}); gate ${JSON.stringify(gate)}`);
    }
    if (paths) {
      classifyGateFast(gate, lookup, s.events, new RatioCache(s.events), (path) => paths.set(path, (paths.get(path) ?? 0) + 1));
    }
  }
  for (const set of s.sets) expect(same(fast.sets.get(set.id), reference.sets.get(set.id)), `${label}: set ${set.id}`).toBe(true);
  expect(fast.counts, label).toEqual(reference.counts);
}

describe('fast classification equals the reference', () => {
  it('random gates × transforms × axes, events on bounds, edges and vertices, special values', () => {
    const seed = 20260601;
    console.log(`classify equivalence seed ${seed}`);
    const random = seededRandom(seed);
    const paths = new Map<FastPath, number>();
    // Every pair of transforms (x, y) once, then random pairs.
    const n = TRANSFORMS.length;
    for (let round = 0; round < n * n + 60; round++) {
      const tX = TRANSFORMS[round % n] as AxisTransform;
      const tY = TRANSFORMS[round < n * n ? Math.floor(round / n) : Math.floor(random() * n)] as AxisTransform;
      const s = scenario(random, round % 25 === 0 ? 60_000 : 1500 + Math.floor(random() * 3000), tX, tY);
      expectSameAsReference(s, `round ${round} (${s.x.transform.type} × ${s.y.transform.type})`, paths);
    }
    console.log('fast paths taken:', Object.fromEntries(paths));
    // The comparison means something only if the fast loops ran: every kind of them, and the reference fallback rarely.
    for (const path of ['keys', 'key-grid', 'partitioned-grid'] as const) expect(paths.get(path) ?? 0, path).toBeGreaterThan(10);
    const total = [...paths.values()].reduce((a, b) => a + b, 0);
    expect((paths.get('reference') ?? 0) / total).toBeLessThan(0.1);
  });

  it('a large sample (raster 192 cells, 16,384 buckets) on log, logicle and linear axes', () => {
    const seed = 77001;
    console.log(`classify equivalence (large) seed ${seed}`);
    const random = seededRandom(seed);
    const large: [AxisTransform, AxisTransform][] = [
      [logAxis(1, 1e7), logAxis(1, 1e7)],
      [logicleAxis(), logicleAxis()],
      [linearAxis(-200, 5000), { type: 'hyperlog', T: 1e4, W: 1, M: 4, A: 0 }],
    ];
    large.forEach(([tX, tY], round) => expectSameAsReference(scenario(random, 600_000, tX, tY), `large round ${round}`));
  });

  it('bounds at exactly an event’s display value: the event is inside (inclusive), its float32 neighbours as the reference says', () => {
    for (const transform of TRANSFORMS) {
      const t = compileAxisTransform(transform);
      const axis: AxisDefinition = { parameter: { type: 'single', column: 'v' }, transform };
      for (const v of [0.5, 3, 117.25, 5000, 1e5, -2, -300]) {
        const lo = t.toDisplay(v);
        if (!Number.isFinite(lo)) continue; // log of a negative value: no bound there
        const values = Float32Array.from([-2, -1, 0, 1, 2].map((k) => nudge(v, k)));
        const gate: Gate = { type: 'range', id: 'g', name: 'g', axis, min: lo, max: lo };
        const fast = classifyGateFast(gate, () => values, values.length, new RatioCache(values.length));
        const reference = classifyGateReference(gate, () => values, values.length);
        expect(Array.from(fast), `${transform.type} at ${v}`).toEqual(Array.from(reference));
        expect(fast[2], `${transform.type}: the event on the bound is inside`).toBe(1);
      }
    }
  });

  it('log axes: values ≤ 0, NaN and −0 are outside even on open sides; +Infinity is inside an open top', () => {
    const axis: AxisDefinition = { parameter: { type: 'single', column: 'v' }, transform: logAxis(1, 1e4) };
    const values = Float32Array.from([0, -0, -5, Number.NaN, 1e-45, 1, 1e4, Infinity, -Infinity]);
    const gate: Gate = { type: 'range', id: 'g', name: 'g', axis, min: null, max: null };
    const paths: FastPath[] = [];
    const mask = classifyGateFast(gate, () => values, values.length, new RatioCache(values.length), (p) => paths.push(p));
    // display: NaN NaN NaN NaN (−44.85+…) 0 1 +Infinity NaN → only the positive values are inside an open range
    expect(Array.from(mask)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 0]);
    expect(paths).toEqual(['keys']);
  });

  it('a polygon on log axes: linear-space and log-space membership disagree, counted exactly', () => {
    // Triangle with data-space vertices (1,1), (10^4,1), (1,10^4); display = log10(v)/4 → (0,0), (1,0), (0,1).
    // Events on the grid x = 10^((3a+1)/12), y = 10^((3b+1)/12), a, b = 0 … 15: log10 x + log10 y = (3(a+b)+2)/12
    // never equals 4, so no event is on the hypotenuse. In log space: inside ⇔ a + b ≤ 15 → 136 of the 256 events.
    // In data space (the same vertices as a linear-space triangle): inside ⇔ x + y < 10001.
    const xs: number[] = [];
    const ys: number[] = [];
    for (let a = 0; a < 16; a++) {
      for (let b = 0; b < 16; b++) {
        xs.push(10 ** ((3 * a + 1) / 12));
        ys.push(10 ** ((3 * b + 1) / 12));
      }
    }
    const columns: Record<string, Float32Array> = { x: Float32Array.from(xs), y: Float32Array.from(ys) };
    const log = (c: string): AxisDefinition => ({ parameter: { type: 'single', column: c }, transform: logAxis(1, 1e4) });
    const lin = (c: string): AxisDefinition => ({ parameter: { type: 'single', column: c }, transform: linearAxis(0, 1) });
    const gates: Gate[] = [
      { type: 'polygon', id: 'log', name: 'log', x: log('x'), y: log('y'), vertices: [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 0, y: 1 }] },
      { type: 'polygon', id: 'lin', name: 'lin', x: lin('x'), y: lin('y'), vertices: [{ x: 1, y: 1 }, { x: 1e4, y: 1 }, { x: 1, y: 1e4 }] },
    ];
    const sets: GatedSet[] = [
      { id: 'logOnly', name: 'logOnly', group: null, colour: null, expression: { op: 'and', operands: [{ op: 'gate', gateId: 'log' }, { op: 'not', operand: { op: 'gate', gateId: 'lin' } }] } },
      { id: 'linOnly', name: 'linOnly', group: null, colour: null, expression: { op: 'and', operands: [{ op: 'gate', gateId: 'lin' }, { op: 'not', operand: { op: 'gate', gateId: 'log' } }] } },
    ];
    const r = classifyTemplate({ id: 't', name: 't', version: 1, gates, sets, exclusive: false }, (c) => columns[c], 256);
    // Independent count with plain arithmetic on the same float32 values.
    let logInside = 0;
    let linInside = 0;
    let logOnly = 0;
    let linOnly = 0;
    for (let i = 0; i < 256; i++) {
      const x = columns.x![i]!;
      const y = columns.y![i]!;
      const inLog = Math.log10(x) + Math.log10(y) < 4;
      const inLin = x > 1 && y > 1 && x + y < 10001;
      logInside += inLog ? 1 : 0;
      linInside += inLin ? 1 : 0;
      logOnly += inLog && !inLin ? 1 : 0;
      linOnly += inLin && !inLog ? 1 : 0;
    }
    expect(logInside).toBe(136);
    expect(r.gates.get('log')!.reduce((s, v) => s + v, 0)).toBe(136);
    expect(r.gates.get('lin')!.reduce((s, v) => s + v, 0)).toBe(linInside);
    expect(r.counts).toEqual({ logOnly, linOnly });
    expect(linOnly).toBeGreaterThan(50); // the two spaces really disagree (events with x·y > 10^4 but x + y < 10001)
    expect(logOnly).toBe(0);
  });

  it('takes the reference path (same answer) for what the fast path cannot vouch for', () => {
    const axis = (transform: AxisTransform): AxisDefinition => ({ parameter: { type: 'single', column: 'v' }, transform });
    const values = Float32Array.from(Array.from({ length: 500 }, (_, i) => (i - 100) * 3.7));
    const tiny = 1e-9;
    const cases: Gate[] = [
      // an infinite bound on the wrong side
      { type: 'range', id: 'a', name: 'a', axis: axis(linearAxis(0, 1000)), min: Infinity, max: null },
      // a NaN bound
      { type: 'rectangle', id: 'b', name: 'b', x: axis(linearAxis(0, 1000)), y: axis(linearAxis(0, 1000)), xMin: Number.NaN, xMax: 1, yMin: 0, yMax: 1 },
      // a polygon far smaller than its coordinates
      { type: 'polygon', id: 'c', name: 'c', x: axis(linearAxis(0, 1)), y: axis(linearAxis(0, 1)), vertices: [{ x: 100, y: 100 }, { x: 100 + tiny, y: 100 }, { x: 100, y: 100 + tiny }] },
      // an ellipse with distanceSquare 0 (only the mean itself)
      { type: 'ellipse', id: 'd', name: 'd', x: axis(linearAxis(0, 1)), y: axis(linearAxis(0, 1)), mean: { x: 0, y: 0 }, covariance: [[1, 0], [0, 1]], distanceSquare: 0 },
    ];
    for (const gate of cases) {
      const paths: FastPath[] = [];
      const fast = classifyGateFast(gate, () => values, values.length, new RatioCache(values.length), (p) => paths.push(p));
      expect(paths, gate.id).toEqual(['reference']);
      expect(same(fast, classifyGateReference(gate, () => values, values.length)), gate.id).toBe(true);
    }
  });

  it('a bound at the data zero of a logicle axis: the band of tiny values stays undecided and is computed per event', () => {
    const transform = logicleAxis();
    const zero = compileAxisTransform(transform).toDisplay(0);
    const axis: AxisDefinition = { parameter: { type: 'single', column: 'v' }, transform };
    const values = Float32Array.from([0, -0, 1e-30, -1e-30, 1e-6, -1e-6, 1e-12, -1e-12, 1.4e-45, -1.4e-45, 1, -1, 100, -100, Number.NaN]);
    const gate: Gate = { type: 'range', id: 'g', name: 'g', axis, min: zero, max: null };
    const paths: [FastPath, number][] = [];
    const fast = classifyGateFast(gate, () => values, values.length, new RatioCache(values.length), (p, n) => paths.push([p, n]));
    const reference = classifyGateReference(gate, () => values, values.length);
    expect(Array.from(fast)).toEqual(Array.from(reference));
    expect(paths[0]?.[0]).toBe('keys-with-bands');
    expect(paths[0]?.[1]).toBeGreaterThan(0);
    // 0 (and −0) display exactly as the bound; positive values above it; −1, −100 below it
    expect([fast[0], fast[1], fast[10], fast[11], fast[12], fast[13]]).toEqual([1, 1, 1, 0, 1, 0]);
  });

  it('no events, and columns longer than the event count (only the first `events` values count)', () => {
    const seed = 515;
    console.log(`classify equivalence (lengths) seed ${seed}`);
    const random = seededRandom(seed);
    const s = scenario(random, 3000, logAxis(1, 1e7), logicleAxis());
    for (const events of [0, 1, 7, 2999]) expectSameAsReference({ ...s, events }, `${events} events`);
  });
});
