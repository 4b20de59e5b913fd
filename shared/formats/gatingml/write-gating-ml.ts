/**
 * Gate template → Gating-ML 2.0. Gates keep their geometry as is: our geometry is in the display space of each
 * axis's transform, which is exactly the space Gating-ML gate coordinates are in when a dimension names a
 * `transformation-ref`. Each distinct transform (and ratio) is written once and referenced.
 *
 * Sets: a set that is a single gate needs no element (the gate is that population); a compound set becomes a
 * BooleanGate, with extra BooleanGates for nested sub-expressions. Names, set ids, groups, colours, the exact
 * set expressions and their order go into `data-type:custom_info` so our own files read back unchanged, while the
 * gate and BooleanGate structure stays meaningful to other tools.
 *
 * Gating-ML asks 0 ≤ A ≤ T for flin; our linear axes may start above zero (negative A), which is written as is.
 */
import { CurationError } from '../../api/errors.js';
import type { AxisDefinition } from '../../gating/axes/axis-parameter.js';
import type { AxisTransform } from '../../gating/axes/axis-transform.js';
import type { Gate, GateTemplate, SetExpression } from '../../gating/gate.js';
import { CUSTOM_ELEMENT, DATA_TYPE_NS, GATING_NS, TRANSFORMS_NS } from './gating-ml-names.js';
import { escapeXml } from './xml-element.js';

export function writeGatingMl(template: GateTemplate): string {
  return new GatingMlWriter(template).write();
}

class GatingMlWriter {
  private readonly usedIds = new Set<string>();
  private readonly transformIds = new Map<string, string>();
  private readonly transformLines: string[] = [];
  private readonly gateXmlIds = new Map<string, string>();
  private readonly setXmlIds = new Map<string, string>();
  private readonly gateLines: string[] = [];
  private readonly booleanLines: string[] = [];

  constructor(private readonly template: GateTemplate) {}

  write(): string {
    const t = this.template;
    for (const gate of t.gates) this.gateXmlIds.set(gate.id, this.uniqueId(gate.id));
    for (const gate of t.gates) this.writeGate(gate);
    // Sets that are one gate map to it; compound sets get BooleanGates. Resolve in dependency order.
    for (const set of t.sets) this.setElementId(set.id, []);
    const setInfo = t.sets.map(
      (s) =>
        `      <set id="${escapeXml(s.id)}" name="${escapeXml(s.name)}"${s.group !== null ? ` group="${escapeXml(s.group)}"` : ''}` +
        `${s.colour !== null ? ` colour="${escapeXml(s.colour)}"` : ''} ref="${escapeXml(this.setXmlIds.get(s.id) ?? '')}"` +
        ` expression="${escapeXml(JSON.stringify(s.expression))}"/>`,
    );
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<!-- ${escapeComment(`CytoCurator gate template ${t.name}, version ${t.version}`)} -->`,
      `<gating:Gating-ML xmlns:gating="${GATING_NS}" xmlns:transforms="${TRANSFORMS_NS}" xmlns:data-type="${DATA_TYPE_NS}">`,
      '  <data-type:custom_info>',
      `    <${CUSTOM_ELEMENT} template-id="${escapeXml(t.id)}" name="${escapeXml(t.name)}" version="${num(t.version, 'version')}" exclusive="${t.exclusive}">`,
      ...setInfo,
      `    </${CUSTOM_ELEMENT}>`,
      '  </data-type:custom_info>',
      ...this.transformLines,
      ...this.gateLines,
      ...this.booleanLines,
      '</gating:Gating-ML>',
      '',
    ].join('\n');
  }

  /** A valid, document-unique xs:ID derived from `wanted`. */
  private uniqueId(wanted: string): string {
    let base = wanted.replace(/[^A-Za-z0-9_.-]/g, '_');
    if (!/^[A-Za-z_]/.test(base)) base = `_${base}`;
    let id = base;
    for (let n = 2; this.usedIds.has(id); n++) id = `${base}-${n}`;
    this.usedIds.add(id);
    return id;
  }

  private transformRef(transform: AxisTransform): string {
    const key = JSON.stringify(transform);
    const existing = this.transformIds.get(key);
    if (existing) return existing;
    const id = this.uniqueId(`${transform.type}-${this.transformIds.size + 1}`);
    this.transformIds.set(key, id);
    const p = (name: 'T' | 'W' | 'M' | 'A', value: number): string => ` transforms:${name}="${num(value, `${transform.type} ${name}`)}"`;
    let body: string;
    switch (transform.type) {
      case 'linear':
        body = `<transforms:flin${p('T', transform.T)}${p('A', transform.A)}/>`;
        break;
      case 'log':
        body = `<transforms:flog${p('T', transform.T)}${p('M', transform.M)}/>`;
        break;
      case 'arcsinh':
        body = `<transforms:fasinh${p('T', transform.T)}${p('M', transform.M)}${p('A', transform.A)}/>`;
        break;
      case 'logicle':
        body = `<transforms:logicle${p('T', transform.T)}${p('W', transform.W)}${p('M', transform.M)}${p('A', transform.A)}/>`;
        break;
      case 'hyperlog':
        body = `<transforms:hyperlog${p('T', transform.T)}${p('W', transform.W)}${p('M', transform.M)}${p('A', transform.A)}/>`;
        break;
    }
    this.transformLines.push(`  <transforms:transformation transforms:id="${id}">`, `    ${body}`, '  </transforms:transformation>');
    return id;
  }

  private ratioRef(numerator: string, denominator: string): string {
    const key = JSON.stringify(['ratio', numerator, denominator]);
    const existing = this.transformIds.get(key);
    if (existing) return existing;
    const id = this.uniqueId(`ratio-${this.transformIds.size + 1}`);
    this.transformIds.set(key, id);
    // fratio(x, y; A, B, C) = A·(x − B) / (y − C): a plain ratio is A = 1, B = C = 0
    this.transformLines.push(
      `  <transforms:transformation transforms:id="${id}">`,
      '    <transforms:fratio transforms:A="1" transforms:B="0" transforms:C="0">',
      `      <data-type:fcs-dimension data-type:name="${escapeXml(numerator)}"/>`,
      `      <data-type:fcs-dimension data-type:name="${escapeXml(denominator)}"/>`,
      '    </transforms:fratio>',
      '  </transforms:transformation>',
    );
    return id;
  }

  private dimension(axis: AxisDefinition, bounds: { min: number | null; max: number | null } | null): string[] {
    const transformId = this.transformRef(axis.transform);
    const range = bounds
      ? `${bounds.min !== null ? ` gating:min="${num(bounds.min, 'min')}"` : ''}${bounds.max !== null ? ` gating:max="${num(bounds.max, 'max')}"` : ''}`
      : '';
    const parameter =
      axis.parameter.type === 'single'
        ? `<data-type:fcs-dimension data-type:name="${escapeXml(axis.parameter.column)}"/>`
        : `<data-type:new-dimension data-type:transformation-ref="${this.ratioRef(axis.parameter.numerator, axis.parameter.denominator)}"/>`;
    return [
      `    <gating:dimension gating:compensation-ref="uncompensated" gating:transformation-ref="${transformId}"${range}>`,
      `      ${parameter}`,
      '    </gating:dimension>',
    ];
  }

  private writeGate(gate: Gate): void {
    const id = this.gateXmlIds.get(gate.id) as string;
    const info = `    <data-type:custom_info><${CUSTOM_ELEMENT} id="${escapeXml(gate.id)}" name="${escapeXml(gate.name)}"/></data-type:custom_info>`;
    const coordinate = (value: number, what: string): string => `<gating:coordinate data-type:value="${num(value, what)}"/>`;
    const lines: string[] = [];
    switch (gate.type) {
      case 'range':
        lines.push(`  <gating:RectangleGate gating:id="${id}">`, info, ...this.dimension(gate.axis, { min: gate.min, max: gate.max }), '  </gating:RectangleGate>');
        break;
      case 'rectangle':
        lines.push(
          `  <gating:RectangleGate gating:id="${id}">`,
          info,
          ...this.dimension(gate.x, { min: gate.xMin, max: gate.xMax }),
          ...this.dimension(gate.y, { min: gate.yMin, max: gate.yMax }),
          '  </gating:RectangleGate>',
        );
        break;
      case 'polygon':
        lines.push(`  <gating:PolygonGate gating:id="${id}">`, info, ...this.dimension(gate.x, null), ...this.dimension(gate.y, null));
        for (const v of gate.vertices) lines.push(`    <gating:vertex>${coordinate(v.x, 'vertex x')}${coordinate(v.y, 'vertex y')}</gating:vertex>`);
        lines.push('  </gating:PolygonGate>');
        break;
      case 'ellipse': {
        const [[a, b], [c, d]] = gate.covariance;
        lines.push(
          `  <gating:EllipsoidGate gating:id="${id}">`,
          info,
          ...this.dimension(gate.x, null),
          ...this.dimension(gate.y, null),
          `    <gating:mean>${coordinate(gate.mean.x, 'mean x')}${coordinate(gate.mean.y, 'mean y')}</gating:mean>`,
          '    <gating:covarianceMatrix>',
          `      <gating:row><gating:entry data-type:value="${num(a, 'covariance')}"/><gating:entry data-type:value="${num(b, 'covariance')}"/></gating:row>`,
          `      <gating:row><gating:entry data-type:value="${num(c, 'covariance')}"/><gating:entry data-type:value="${num(d, 'covariance')}"/></gating:row>`,
          '    </gating:covarianceMatrix>',
          `    <gating:distanceSquare data-type:value="${num(gate.distanceSquare, 'distanceSquare')}"/>`,
          '  </gating:EllipsoidGate>',
        );
        break;
      }
    }
    this.gateLines.push(...lines);
  }

  /** The element id that stands for a set: its gate, or a BooleanGate written for it. `path` guards against cycles. */
  private setElementId(setId: string, path: string[]): string {
    const done = this.setXmlIds.get(setId);
    if (done !== undefined) return done;
    if (path.includes(setId)) throw new CurationError({ code: 'invalid-input', field: setId, message: `set ${setId} refers to itself (${[...path, setId].join(' → ')})` });
    const set = this.template.sets.find((s) => s.id === setId);
    if (!set) throw new CurationError({ code: 'invalid-input', field: setId, message: `a set refers to unknown set ${setId}` });
    const id = this.expressionElementId(set.expression, setId, [...path, setId]);
    this.setXmlIds.set(setId, id);
    return id;
  }

  private expressionElementId(expression: SetExpression, wantedId: string, path: string[]): string {
    switch (expression.op) {
      case 'gate': {
        const id = this.gateXmlIds.get(expression.gateId);
        if (id === undefined) throw new CurationError({ code: 'invalid-input', field: wantedId, message: `set ${wantedId} refers to unknown gate ${expression.gateId}` });
        return id;
      }
      case 'set':
        return this.setElementId(expression.setId, path);
      case 'not': {
        const operand = this.expressionElementId(expression.operand, `${wantedId}-not`, path);
        return this.booleanGate(wantedId, 'not', [operand]);
      }
      case 'and':
      case 'or': {
        const operands = expression.operands.map((o, i) => this.expressionElementId(o, `${wantedId}-${i + 1}`, path));
        // Gating-ML wants ≥ 2 operands; x and x = x or x = x, so a single operand is repeated
        if (operands.length === 1) operands.push(operands[0] as string);
        return this.booleanGate(wantedId, expression.op, operands);
      }
    }
  }

  private booleanGate(wantedId: string, op: 'and' | 'or' | 'not', operands: string[]): string {
    const id = this.uniqueId(wantedId);
    this.booleanLines.push(
      `  <gating:BooleanGate gating:id="${id}">`,
      `    <gating:${op}>`,
      ...operands.map((o) => `      <gating:gateReference gating:ref="${o}"/>`),
      `    </gating:${op}>`,
      '  </gating:BooleanGate>',
    );
    return id;
  }
}

function num(value: number, what: string): string {
  if (!Number.isFinite(value)) throw new CurationError({ code: 'invalid-input', field: what, message: `Gating-ML cannot hold ${what} = ${value}` });
  return String(value);
}

function escapeComment(text: string): string {
  return text.replace(/--/g, '- -');
}
