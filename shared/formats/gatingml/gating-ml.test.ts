import { describe, it, expect } from 'vitest';
import { CurationError } from '../../api/errors.js';
import type { GateTemplate } from '../../gating/gate.js';
import { readGatingMl } from './read-gating-ml.js';
import { writeGatingMl } from './write-gating-ml.js';

const fws = { type: 'single', column: 'FWS Total' } as const;
const red = { type: 'single', column: 'FL Red Total' } as const;
const ratio = { type: 'ratio', numerator: 'FL Red Total', denominator: 'FWS Total' } as const;

const template: GateTemplate = {
  id: 'tpl-1',
  name: 'North Sea <phyto> & "pico"',
  version: 3,
  exclusive: true,
  gates: [
    { type: 'rectangle', id: 'r1', name: 'Rect', x: { parameter: fws, transform: { type: 'linear', T: 1000, A: -10 } }, y: { parameter: red, transform: { type: 'log', T: 1e5, M: 4.5 } }, xMin: 0.1, xMax: 0.9, yMin: null, yMax: 0.75 },
    { type: 'polygon', id: '1 poly', name: 'Poly', x: { parameter: ratio, transform: { type: 'arcsinh', T: 1000, M: 4, A: 1 } }, y: { parameter: red, transform: { type: 'logicle', T: 262144, W: 0.5, M: 4.5, A: 0 } }, vertices: [{ x: 0.1, y: 0.2 }, { x: 0.5, y: 0.9 }, { x: 0.8, y: 1 / 3 }] },
    { type: 'range', id: 'g3', name: 'Range', axis: { parameter: fws, transform: { type: 'hyperlog', T: 10000, W: 1, M: 4.5, A: 0 } }, min: 0.25, max: null },
    { type: 'ellipse', id: 'e1', name: 'Ell', x: { parameter: fws, transform: { type: 'log', T: 1e5, M: 4.5 } }, y: { parameter: red, transform: { type: 'log', T: 1e5, M: 4.5 } }, mean: { x: 0.5, y: 0.6 }, covariance: [[0.01, 0.002], [0.002, 0.03]], distanceSquare: 1 },
  ],
  sets: [
    { id: 's-rect', name: 'Rect set', expression: { op: 'gate', gateId: 'r1' }, group: 'Synechococcus', colour: '#ff0000' },
    { id: 's-and', name: 'And', expression: { op: 'and', operands: [{ op: 'gate', gateId: '1 poly' }, { op: 'set', setId: 's-rect' }] }, group: null, colour: null },
    { id: 's-or', name: 'Or', expression: { op: 'or', operands: [{ op: 'gate', gateId: 'g3' }, { op: 'gate', gateId: 'e1' }, { op: 'not', operand: { op: 'set', setId: 's-and' } }] }, group: null, colour: '#00ff00' },
    { id: 's-not', name: 'Not', expression: { op: 'not', operand: { op: 'or', operands: [{ op: 'gate', gateId: 'r1' }, { op: 'gate', gateId: 'e1' }] } }, group: null, colour: null },
    { id: 's-one', name: 'One-operand and', expression: { op: 'and', operands: [{ op: 'gate', gateId: 'e1' }] }, group: null, colour: null },
  ],
};

describe('Gating-ML round trip', () => {
  it('reads back every gate, transform, ratio axis and set exactly', () => {
    const xml = writeGatingMl(template);
    const { template: back, issues } = readGatingMl(xml);
    expect(issues).toEqual([]);
    expect(back).toEqual(template);
  });

  it('writes standard structure: transforms once each, fratio, BooleanGates, xs:ID-safe ids', () => {
    const xml = writeGatingMl(template);
    expect(xml.match(/<transforms:flog /g)).toHaveLength(1); // the same log transform is shared by three axes
    expect(xml).toContain('<transforms:fratio transforms:A="1" transforms:B="0" transforms:C="0">');
    expect(xml).toContain('<data-type:new-dimension data-type:transformation-ref="ratio-');
    expect(xml).toContain('gating:id="_1_poly"');
    expect(xml).toContain('<gating:RectangleGate gating:id="g3">'); // range = one-dimension rectangle
    expect(xml).toMatch(/gating:dimension gating:compensation-ref="uncompensated" gating:transformation-ref="hyperlog-\d+" gating:min="0.25">/);
    // s-rect maps to gate r1 itself; s-and, s-or (+ nested not), s-not (+ nested or), s-one are BooleanGates
    expect(xml.match(/<gating:BooleanGate /g)).toHaveLength(6);
  });

  it('without our custom info, structure alone gives the same populations', () => {
    const stripped = writeGatingMl(template).replace(/<data-type:custom_info>[\s\S]*?<\/data-type:custom_info>/g, '');
    const { template: back, issues } = readGatingMl(stripped, { templateId: 'x', templateName: 'X' });
    expect(issues).toEqual([]);
    expect(back.name).toBe('X');
    expect(back.gates.map((g) => g.id)).toEqual(['r1', '_1_poly', 'g3', 'e1']);
    expect(back.gates[0]).toEqual({ ...template.gates[0], name: 'r1' });
    const byId = new Map(back.sets.map((s) => [s.id, s.expression]));
    expect(byId.get('r1')).toEqual({ op: 'gate', gateId: 'r1' });
    expect(byId.get('s-and')).toEqual({ op: 'and', operands: [{ op: 'set', setId: '_1_poly' }, { op: 'set', setId: 'r1' }] });
    expect(byId.get('s-or-3')).toEqual({ op: 'not', operand: { op: 'set', setId: 's-and' } });
    expect(byId.get('s-not')).toEqual({ op: 'not', operand: { op: 'set', setId: 's-not-not' } });
  });

  it('nested parent gates become AND with the parent', () => {
    const xml = writeGatingMl({ ...template, sets: [] })
      .replace(/<data-type:custom_info>[\s\S]*?<\/data-type:custom_info>\n/, '')
      .replace('<gating:PolygonGate gating:id="_1_poly">', '<gating:PolygonGate gating:id="_1_poly" gating:parent_id="r1">')
      .replace('<gating:RectangleGate gating:id="g3">', '<gating:RectangleGate gating:id="g3" gating:parent_id="_1_poly">');
    const { template: back, issues } = readGatingMl(xml);
    expect(issues).toEqual([]);
    const byId = new Map(back.sets.map((s) => [s.id, s.expression]));
    expect(byId.get('_1_poly')).toEqual({ op: 'and', operands: [{ op: 'set', setId: 'r1' }, { op: 'gate', gateId: '1 poly' }] });
    expect(byId.get('g3')).toEqual({ op: 'and', operands: [{ op: 'set', setId: '_1_poly' }, { op: 'gate', gateId: 'g3' }] });
  });

  it('refuses to write non-finite geometry', () => {
    const bad: GateTemplate = { ...template, sets: [], gates: [{ type: 'range', id: 'r', name: 'r', axis: { parameter: fws, transform: { type: 'linear', T: 1, A: 0 } }, min: Number.NaN, max: 1 }] };
    expect(() => writeGatingMl(bad)).toThrow(CurationError);
  });
});

/** In the style of the Gating-ML 2.0 specification examples, with other prefixes than ours. */
const specStyle = `<?xml version="1.0" encoding="UTF-8"?>
<gml:Gating-ML xmlns:gml="http://www.isac-net.org/std/Gating-ML/v2.0/gating"
  xmlns:tr="http://www.isac-net.org/std/Gating-ML/v2.0/transformations"
  xmlns:dt="http://www.isac-net.org/std/Gating-ML/v2.0/datatypes">
  <tr:transformation tr:id="Log_10000">
    <tr:flog tr:T="10000" tr:M="5" />
  </tr:transformation>
  <tr:transformation tr:id="Logicle_10000_0.5_4.5_0">
    <tr:logicle tr:T="10000" tr:W="0.5" tr:M="4.5" tr:A="0" />
  </tr:transformation>
  <gml:RectangleGate gml:id="Range1">
    <dt:custom_info><cytobank><name>Lymphocytes</name></cytobank></dt:custom_info>
    <gml:dimension gml:min="0.3" gml:max="0.8" gml:transformation-ref="Log_10000" gml:compensation-ref="uncompensated">
      <dt:fcs-dimension dt:name="FSC-H" />
    </gml:dimension>
    <gml:dimension gml:min="0.1" gml:transformation-ref="Log_10000" gml:compensation-ref="uncompensated">
      <dt:fcs-dimension dt:name="SSC-H" />
    </gml:dimension>
  </gml:RectangleGate>
  <gml:PolygonGate gml:id="Polygon1" gml:parent_id="Range1">
    <gml:dimension gml:transformation-ref="Logicle_10000_0.5_4.5_0" gml:compensation-ref="FCS">
      <dt:fcs-dimension dt:name="FL1-H" />
    </gml:dimension>
    <gml:dimension gml:transformation-ref="Logicle_10000_0.5_4.5_0" gml:compensation-ref="FCS">
      <dt:fcs-dimension dt:name="FL2-H" />
    </gml:dimension>
    <gml:vertex><gml:coordinate dt:value="0.2" /><gml:coordinate dt:value="0.2" /></gml:vertex>
    <gml:vertex><gml:coordinate dt:value="0.6" /><gml:coordinate dt:value="0.25" /></gml:vertex>
    <gml:vertex><gml:coordinate dt:value="0.5" /><gml:coordinate dt:value="0.7" /></gml:vertex>
  </gml:PolygonGate>
  <gml:EllipsoidGate gml:id="Ellipse1">
    <gml:dimension gml:compensation-ref="uncompensated"><dt:fcs-dimension dt:name="FL3-H" /></gml:dimension>
    <gml:dimension gml:compensation-ref="uncompensated"><dt:fcs-dimension dt:name="FL4-H" /></gml:dimension>
    <gml:mean><gml:coordinate dt:value="40" /><gml:coordinate dt:value="10" /></gml:mean>
    <gml:covarianceMatrix>
      <gml:row><gml:entry dt:value="62.5" /><gml:entry dt:value="37.5" /></gml:row>
      <gml:row><gml:entry dt:value="37.5" /><gml:entry dt:value="62.5" /></gml:row>
    </gml:covarianceMatrix>
    <gml:distanceSquare dt:value="1" />
  </gml:EllipsoidGate>
  <gml:BooleanGate gml:id="And1">
    <gml:and>
      <gml:gateReference gml:ref="Polygon1" />
      <gml:gateReference gml:ref="Ellipse1" gml:use-as-complement="true" />
    </gml:and>
  </gml:BooleanGate>
  <gml:QuadrantGate gml:id="Quad1" />
</gml:Gating-ML>`;

describe('reading a spec-style Gating-ML 2.0 document', () => {
  const { template: t, issues } = readGatingMl(specStyle);
  it('reads gates with their transforms and values in transformed scale', () => {
    expect(t.name).toBe('Gating-ML');
    expect(t.exclusive).toBe(false);
    expect(t.gates).toEqual([
      { type: 'rectangle', id: 'Range1', name: 'Lymphocytes', x: { parameter: { type: 'single', column: 'FSC-H' }, transform: { type: 'log', T: 10000, M: 5 } }, y: { parameter: { type: 'single', column: 'SSC-H' }, transform: { type: 'log', T: 10000, M: 5 } }, xMin: 0.3, xMax: 0.8, yMin: 0.1, yMax: null },
      { type: 'polygon', id: 'Polygon1', name: 'Polygon1', x: { parameter: { type: 'single', column: 'FL1-H' }, transform: { type: 'logicle', T: 10000, W: 0.5, M: 4.5, A: 0 } }, y: { parameter: { type: 'single', column: 'FL2-H' }, transform: { type: 'logicle', T: 10000, W: 0.5, M: 4.5, A: 0 } }, vertices: [{ x: 0.2, y: 0.2 }, { x: 0.6, y: 0.25 }, { x: 0.5, y: 0.7 }] },
      // no transformation-ref: coordinates are data values, i.e. an identity flin (T = 1, A = 0)
      { type: 'ellipse', id: 'Ellipse1', name: 'Ellipse1', x: { parameter: { type: 'single', column: 'FL3-H' }, transform: { type: 'linear', T: 1, A: 0 } }, y: { parameter: { type: 'single', column: 'FL4-H' }, transform: { type: 'linear', T: 1, A: 0 } }, mean: { x: 40, y: 10 }, covariance: [[62.5, 37.5], [37.5, 62.5]], distanceSquare: 1 },
    ]);
  });
  it('turns populations into sets: parent_id and BooleanGate with complement', () => {
    expect(t.sets.map((s) => [s.id, s.name, s.expression])).toEqual([
      ['Range1', 'Lymphocytes', { op: 'gate', gateId: 'Range1' }],
      ['Polygon1', 'Polygon1', { op: 'and', operands: [{ op: 'set', setId: 'Range1' }, { op: 'gate', gateId: 'Polygon1' }] }],
      ['Ellipse1', 'Ellipse1', { op: 'gate', gateId: 'Ellipse1' }],
      ['And1', 'And1', { op: 'and', operands: [{ op: 'set', setId: 'Polygon1' }, { op: 'not', operand: { op: 'set', setId: 'Ellipse1' } }] }],
    ]);
  });
  it('reports compensation and the QuadrantGate as issues', () => {
    expect(issues).toEqual([
      { field: 'Polygon1', message: 'compensation FCS is not applied: gates use uncompensated data' },
      { field: 'Quad1', message: 'QuadrantGate Quad1 is not supported and was left out' },
    ]);
  });
});

describe('broken Gating-ML', () => {
  const wrap = (body: string): string =>
    `<gating:Gating-ML xmlns:gating="g" xmlns:transforms="t" xmlns:data-type="d">\n${body}\n</gating:Gating-ML>`;
  const dim = (name: string, ref = '') => `<gating:dimension${ref ? ` gating:transformation-ref="${ref}"` : ''}><data-type:fcs-dimension data-type:name="${name}"/></gating:dimension>`;

  it('not XML throws invalid-input with the line', () => {
    let error: unknown;
    try {
      readGatingMl('<a>\n<b>\n</a>');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CurationError);
    expect((error as CurationError).code).toBe('invalid-input');
    expect((error as CurationError).line).toBe(3);
    expect(() => readGatingMl('')).toThrow(/empty document/);
    expect(() => readGatingMl('just text, no xml')).toThrow(CurationError);
    expect(() => readGatingMl('<Workspace/>')).toThrow(/root element is <Workspace>/);
  });

  it('unknown transformation reference leaves the gate out with an issue', () => {
    const { template: t, issues } = readGatingMl(wrap(`<gating:RectangleGate gating:id="R">${dim('FSC', 'nope')}</gating:RectangleGate>`));
    expect(t.gates).toEqual([]);
    expect(t.sets).toEqual([]);
    expect(issues).toEqual([
      { field: 'R', message: 'gate R: unknown transformation reference nope; gate left out' },
      { field: 'R', message: 'population R: its gate was left out; set left out' },
    ]);
  });

  it('polygon with 2 vertices is reported, other gates still read', () => {
    const xml = wrap(
      `<gating:PolygonGate gating:id="P">${dim('A')}${dim('B')}
         <gating:vertex><gating:coordinate data-type:value="1"/><gating:coordinate data-type:value="2"/></gating:vertex>
         <gating:vertex><gating:coordinate data-type:value="3"/><gating:coordinate data-type:value="4"/></gating:vertex>
       </gating:PolygonGate>
       <gating:RectangleGate gating:id="R"><gating:dimension gating:min="5"><data-type:fcs-dimension data-type:name="A"/></gating:dimension></gating:RectangleGate>`,
    );
    const { template: t, issues } = readGatingMl(xml);
    expect(t.gates).toEqual([{ type: 'range', id: 'R', name: 'R', axis: { parameter: { type: 'single', column: 'A' }, transform: { type: 'linear', T: 1, A: 0 } }, min: 5, max: null }]);
    expect(issues[0]).toEqual({ field: 'P', message: 'PolygonGate P: 2 vertices, a polygon needs at least 3; gate left out' });
  });

  it('invalid transform parameters, non-numeric values and BooleanGate to a missing gate are issues', () => {
    const xml = wrap(`<transforms:transformation transforms:id="L"><transforms:flog transforms:T="-1" transforms:M="4"/></transforms:transformation>
      <gating:RectangleGate gating:id="R">${dim('A', 'L')}</gating:RectangleGate>
      <gating:RectangleGate gating:id="S"><gating:dimension gating:min="abc"><data-type:fcs-dimension data-type:name="A"/></gating:dimension></gating:RectangleGate>
      <gating:BooleanGate gating:id="B"><gating:or><gating:gateReference gating:ref="X"/><gating:gateReference gating:ref="S"/></gating:or></gating:BooleanGate>`);
    const { template: t, issues } = readGatingMl(xml);
    expect(t.gates).toEqual([]);
    expect(issues.map((i) => i.message)).toEqual([
      'transformation L: log T (top of scale) must be > 0, got -1',
      'gate R uses unusable transformation L; gate left out',
      'RectangleGate S: min "abc" is not a number; gate left out',
      'population R: its gate was left out; set left out',
      'population S: its gate was left out; set left out',
      'population B: gateReference to unknown gate X; set left out',
    ]);
  });
});
