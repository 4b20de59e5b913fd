import { describe, expect, it } from 'vitest';
import { readRealFixture } from '../../../electron/test-support/real-fixtures.js';
import { parseSetDefinitions } from '../../formats/cytoclus/set-definition/parse-set-definitions.js';
import type { CytoclusSetDefinitions, CytoclusSingleAxis } from '../../formats/cytoclus/set-definition/parse-set-definitions.js';
import { classifyTemplate } from '../classify/classify.js';
import type { GateTemplate } from '../gate.js';
import { matchColumn, templateFromSetDefinitions } from './from-set-definitions.js';

const rectFile = 'cyzfile-api/SetFiles/Algae_Single_Rect_TotRedTotOr.xml';
const polygonFile = 'cyzfile-api/SetFiles/SeaWater_SinglePolygon_TotRedTotOr.xml';
const combinationsFile = 'cyzfile-api/SetFiles/Algae_SetCombinations_XSets.xml';

/** Channel columns of the Cefas listmode (ecotaxa-pipeline/cefas/…_Listmode.csv header), as exported by CytoClus 4. */
const suffixes = ['Length', 'Total', 'Maximum', 'Average', 'Inertia', 'Center of gravity', 'Fill factor', 'Asymmetry', 'Number of cells', 'First', 'Last', 'Minimum', 'SWS covariance', 'Length(50%)'];
const cefasHeader = [
  'Particle ID',
  'Sample Length',
  'Arrival Time',
  ...['FWS', 'Sidewards Scatter', 'Fl Yellow', 'Fl Orange', 'Fl Red'].flatMap((ch) => suffixes.map((s) => `${ch} ${s}`)),
];
/** The instrument of the combinations file has split FL Red PMTs. */
const splitRedHeader = [...cefasHeader, 'FL Red right Maximum', 'FL Red left Maximum'];

const load = (rel: string): CytoclusSetDefinitions => parseSetDefinitions(readRealFixture(rel));
const setNamed = (t: GateTemplate, name: string) => {
  const s = t.sets.find((x) => x.name === name);
  if (!s) throw new Error(`no set ${name}`);
  return s;
};

/** Classifies points given as { column: value } rows. */
function classifyPoints(template: GateTemplate, rows: Record<string, number>[]) {
  const cols = new Map<string, Float32Array>();
  const column = (name: string) => {
    let c = cols.get(name);
    if (!c) {
      c = Float32Array.from(rows, (r) => r[name] ?? 1);
      cols.set(name, c);
    }
    return c;
  };
  return classifyTemplate(template, column, rows.length);
}

/** Independent even-odd test in log10 space (formats-cytosense.md §10.2). */
function insideLogPolygon(x: number, y: number, points: { x: number; y: number }[]): boolean {
  const px = Math.log10(x);
  const py = Math.log10(y);
  let c = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const a = points[i] as { x: number; y: number };
    const b = points[j] as { x: number; y: number };
    const [ax, ay, bx, by] = [Math.log10(a.x), Math.log10(a.y), Math.log10(b.x), Math.log10(b.y)];
    if (ay > py !== by > py && px < ((bx - ax) * (py - ay)) / (by - ay) + ax) c = !c;
  }
  return c;
}

describe('matchColumn', () => {
  const axis = (channel: string, parameter: string, channelType: string | null = null): CytoclusSingleAxis => ({ type: 'single', name: null, isLog: true, channel, channelType, parameter });
  it('ignores case and wording', () => {
    expect(matchColumn(axis('FL Orange', 'Total'), cefasHeader)).toBe('Fl Orange Total');
    expect(matchColumn(axis('Fl Orange', 'Total'), cefasHeader)).toBe('Fl Orange Total');
    expect(matchColumn(axis('SWS', 'Length'), cefasHeader)).toBe('Sidewards Scatter Length');
    expect(matchColumn(axis('FWS', 'CentreOfGravity'), cefasHeader)).toBe('FWS Center of gravity');
    expect(matchColumn(axis('Fl Red', 'SWSCOV'), cefasHeader)).toBe('Fl Red SWS covariance');
    expect(matchColumn(axis('Fl Red', 'FillFactor'), cefasHeader)).toBe('Fl Red Fill factor');
    expect(matchColumn(axis('Fl Red', 'VariableLength'), cefasHeader)).toBe('Fl Red Length(50%)');
    expect(matchColumn(axis('FWS', 'SampleLength'), cefasHeader)).toBe('Sample Length');
    // the channel type does not tell split detectors apart, so it is not used
    expect(matchColumn(axis('FL Red right', 'Maximum', 'FLRed'), cefasHeader)).toBeNull();
    expect(matchColumn(axis('FL Red right', 'Maximum'), cefasHeader)).toBeNull();
    // FCS-style / French export wording
    expect(matchColumn(axis('FL Orange', 'Total'), ['FL_Orange_Total'])).toBe('FL_Orange_Total');
  });
});

describe('templateFromSetDefinitions on real set files', () => {
  it('single rectangle (log axes): the centre is in, far points are out', () => {
    const { template, issues } = templateFromSetDefinitions(load(rectFile), cefasHeader);
    expect(template.exclusive).toBe(false);
    expect(template.sets.map((s) => s.name)).toEqual(['Algae_Single_Rect_TotRedTotOr']);
    expect(template.gates).toHaveLength(1);
    const g = template.gates[0];
    expect(g?.type).toBe('rectangle');
    if (g?.type !== 'rectangle') return;
    expect(g.x.parameter).toEqual({ type: 'single', column: 'Fl Red Total' });
    expect(g.y.parameter).toEqual({ type: 'single', column: 'Fl Orange Total' });
    expect(g.x.transform.type).toBe('log');
    // default set: a note, not a problem
    expect(issues).toEqual([expect.objectContaining({ severity: 'note', set: 'Default (all)' })]);
    // Rectangle from the file: X 3888.672, Y 1496.23, Width 6278.085, Height 1424.79
    const rows = [
      { 'Fl Red Total': 3888.672 + 6278.085 / 2, 'Fl Orange Total': 1496.23 + 1424.79 / 2 },
      { 'Fl Red Total': 3889, 'Fl Orange Total': 1497 }, // just inside the minimum corner
      { 'Fl Red Total': 3888, 'Fl Orange Total': 2000 }, // just left of X
      { 'Fl Red Total': 100, 'Fl Orange Total': 100 },
      { 'Fl Red Total': 1e6, 'Fl Orange Total': 2000 },
      { 'Fl Red Total': 0, 'Fl Orange Total': 2000 },
    ];
    const r = classifyPoints(template, rows);
    expect(Array.from(r.sets.get('cytoclus-1') ?? [])).toEqual([1, 1, 0, 0, 0, 0]);
  });

  it('single polygon: tested in log10 space', () => {
    const defs = load(polygonFile);
    const { template, issues } = templateFromSetDefinitions(defs, cefasHeader);
    expect(issues.filter((i) => i.severity === 'problem')).toEqual([]);
    expect(template.sets.map((s) => s.name)).toEqual(['SeaWater_SinglePolygon_TotRedTotOr']);
    const g = template.gates[0];
    expect(g?.type).toBe('polygon');
    if (g?.type !== 'polygon') return;
    // 14 <Point> elements in the file
    expect(g.vertices).toHaveLength(14);
    const src = defs.sets.find((s) => s.kind === 'gate-based')?.gates[0];
    if (src?.type !== 'polygon') throw new Error('expected the polygon');
    const points = src.points;
    // Area centroid of the polygon in log10 space (shoelace), back to data units
    let a = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [x0, y0] = [Math.log10((points[j] as { x: number }).x), Math.log10((points[j] as { y: number }).y)];
      const [x1, y1] = [Math.log10((points[i] as { x: number }).x), Math.log10((points[i] as { y: number }).y)];
      const cross = x0 * y1 - x1 * y0;
      a += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
    const centroid = { x: 10 ** (cx / (3 * a)), y: 10 ** (cy / (3 * a)) };
    expect(insideLogPolygon(centroid.x, centroid.y, points)).toBe(true);
    const rows = [
      { 'Fl Red Total': centroid.x, 'Fl Orange Total': centroid.y },
      { 'Fl Red Total': 10, 'Fl Orange Total': 1e6 },
      { 'Fl Red Total': 1e7, 'Fl Orange Total': 1 },
    ];
    // Points on a grid: the classifier agrees with the independent log10 test
    for (let lx = 3.5; lx <= 7; lx += 0.25) for (let ly = 1.5; ly <= 5.5; ly += 0.25) rows.push({ 'Fl Red Total': 10 ** lx, 'Fl Orange Total': 10 ** ly });
    const r = classifyPoints(template, rows);
    const mask = r.sets.get('cytoclus-1');
    expect(mask?.[0]).toBe(1);
    expect(mask?.[1]).toBe(0);
    expect(mask?.[2]).toBe(0);
    const expected = rows.map((p) => (insideLogPolygon(Math.fround(p['Fl Red Total']), Math.fround(p['Fl Orange Total']), points) ? 1 : 0));
    expect(Array.from(mask ?? [])).toEqual(expected);
    expect(expected.filter((v) => v === 1).length).toBeGreaterThan(5);
  });

  it('set combinations: kinds, exclusivity, and the cascade of an unmatched channel', () => {
    const defs = load(combinationsFile);
    const full = templateFromSetDefinitions(defs, splitRedHeader);
    expect(full.template.exclusive).toBe(true);
    expect(full.issues.filter((i) => i.severity === 'problem')).toEqual([]);
    expect(full.template.sets.map((s) => s.name)).toEqual([
      'Base Set 1',
      'Base Set 2',
      'Base Set 3',
      'Base Set 4',
      'UnionAll4',
      'Intersect 1 and 3',
      '(Base Set 1 | Base Set 2)',
      '(Default (all) | Base Set 3 | Base Set  4)',
      '1 or 2 Minus 3 or 4',
      'UnionAll4 Not Intersect 1 and 3',
    ]);
    expect(full.template.gates.map((g) => g.type)).toEqual(['polygon', 'polygon', 'rectangle', 'range']);
    // <Point> elements of the PolygonGate and FreeformGate, counted in the file text
    const text = new TextDecoder().decode(readRealFixture(combinationsFile));
    const pointsIn = (el: string) => text.slice(text.indexOf(`<${el}>`), text.indexOf(`</${el}>`)).split('<Point>').length - 1;
    expect([pointsIn('PolygonGate'), pointsIn('FreeformGate')]).toEqual([7, 36]);
    expect(full.template.gates.map((g) => (g.type === 'polygon' ? g.vertices.length : 0))).toEqual([7, 36, 0, 0]);
    const range = full.template.gates[3];
    expect(range?.type === 'range' && range.axis.parameter).toEqual({ type: 'single', column: 'Sidewards Scatter Length' });
    expect(setNamed(full.template, 'UnionAll4').expression).toEqual({
      op: 'or',
      operands: [3, 2, 5, 4].map((id) => ({ op: 'set', setId: `cytoclus-${id}` })),
    });
    expect(setNamed(full.template, 'Intersect 1 and 3').expression).toEqual({ op: 'and', operands: [{ op: 'set', setId: 'cytoclus-2' }, { op: 'set', setId: 'cytoclus-4' }] });
    expect(setNamed(full.template, '1 or 2 Minus 3 or 4').expression).toEqual({
      op: 'and',
      operands: [{ op: 'set', setId: 'cytoclus-8' }, { op: 'not', operand: { op: 'set', setId: 'cytoclus-9' } }],
    });
    // The default set inside an OrSet is "every event"
    expect(setNamed(full.template, '(Default (all) | Base Set 3 | Base Set  4)').expression).toEqual({
      op: 'or',
      operands: [{ op: 'set', setId: 'cytoclus-5' }, { op: 'set', setId: 'cytoclus-4' }, { op: 'and', operands: [] }],
    });

    // Classify: a point inside Base Set 1 (polygon centre-ish in log space: mean of its log vertices) and a far one
    const bs1 = defs.sets.find((s) => s.name === 'Base Set 1')?.gates[0];
    if (bs1?.type !== 'polygon') throw new Error('expected polygon');
    const mean = (f: (p: { x: number; y: number }) => number) => 10 ** (bs1.points.reduce((s, p) => s + Math.log10(f(p)), 0) / bs1.points.length);
    const inside1 = { 'Fl Red Total': mean((p) => p.x), 'Fl Orange Total': mean((p) => p.y) };
    expect(insideLogPolygon(inside1['Fl Red Total'], inside1['Fl Orange Total'], bs1.points)).toBe(true);
    // Base Set 3: FWS Length 2.357034 … 3.678769, FL Yellow Total 673.1221 … 1949.413
    const inside3 = { 'FWS Length': 3, 'Fl Yellow Total': 1000 };
    const r = classifyPoints(full.template, [
      { ...inside1, ...inside3 }, // in Base Set 1 and Base Set 3 → exclusive: Base Set 1 only
      inside3, // Fl Red/Orange Total default to 1: outside Base Set 1 → Base Set 3
      { 'Fl Red Total': 1e7, 'Fl Orange Total': 1 },
    ]);
    const bits = (name: string) => Array.from(r.sets.get(setNamed(full.template, name).id) ?? []);
    expect(bits('Base Set 1')).toEqual([1, 0, 0]);
    expect(bits('Base Set 3')).toEqual([0, 1, 0]);
    expect(bits('Intersect 1 and 3')).toEqual([0, 0, 0]); // exclusive base sets never overlap
    expect(bits('UnionAll4')).toEqual([1, 1, 0]);
    expect(bits('(Default (all) | Base Set 3 | Base Set  4)')).toEqual([1, 1, 1]);
    expect(bits('1 or 2 Minus 3 or 4')).toEqual([0, 0, 0]);

    // The Cefas listmode has no FL Red right/left: Base Set 2 and every set built on it are left out, with reasons
    const cefas = templateFromSetDefinitions(defs, cefasHeader);
    expect(cefas.template.sets.map((s) => s.name)).toEqual(['Base Set 1', 'Base Set 3', 'Base Set 4', 'Intersect 1 and 3', '(Default (all) | Base Set 3 | Base Set  4)']);
    const problems = cefas.issues.filter((i) => i.severity === 'problem');
    expect(problems.filter((i) => i.axis !== undefined).map((i) => [i.set, i.axis])).toEqual([
      ['Base Set 2', 'Maximum FL Red right'],
      ['Base Set 2', 'Maximum FL Red left'],
    ]);
    expect(problems.map((i) => i.set).sort()).toEqual(['1 or 2 Minus 3 or 4', '(Base Set 1 | Base Set 2)', 'Base Set 2', 'Base Set 2', 'UnionAll4', 'UnionAll4 Not Intersect 1 and 3'].sort());
    expect(cefas.issues.filter((i) => i.severity === 'note').map((i) => i.set)).toEqual(['Default (all)']);
  });

  it('incomplete sets are reported and left out', () => {
    const defs = load(rectFile);
    const broken: CytoclusSetDefinitions = { ...defs, sets: defs.sets.map((s) => (s.kind === 'gate-based' ? { ...s, complete: false } : s)) };
    const { template, issues } = templateFromSetDefinitions(broken, cefasHeader);
    expect(template.sets).toEqual([]);
    expect(issues).toContainEqual(expect.objectContaining({ severity: 'problem', set: 'Algae_Single_Rect_TotRedTotOr', message: expect.stringMatching(/incomplete/) }));
  });
});
