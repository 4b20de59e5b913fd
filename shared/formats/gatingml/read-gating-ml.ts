/**
 * Gating-ML 2.0 → gate template, tolerant of other tools' output (FlowJo, Cytobank, FlowKit): prefixes may differ,
 * so elements are matched by local name. Each geometric gate becomes a Gate; each Gating-ML population (geometric
 * gate or BooleanGate) becomes a set, ANDed with its `parent_id` population. Files written by `writeGatingMl`
 * carry their template, names and exact set expressions in `custom_info` and read back unchanged.
 * What cannot be represented (QuadrantGate, spectrum matrices, compensation, scaled ratios, invalid geometry) is
 * reported as an issue and left out; only a document that is not Gating-ML at all throws.
 */
import { CurationError } from '../../api/errors.js';
import type { AxisDefinition, AxisParameter } from '../../gating/axes/axis-parameter.js';
import { axisTransformProblem } from '../../gating/axes/axis-transform.js';
import type { AxisTransform } from '../../gating/axes/axis-transform.js';
import type { Gate, GatedSet, GateTemplate, SetExpression } from '../../gating/gate.js';
import type { FormatIssue } from '../format-issue.js';
import { CUSTOM_ELEMENT } from './gating-ml-names.js';
import { attr, childNamed, childrenNamed, parseXmlElement } from './xml-element.js';
import type { XmlElement } from './xml-element.js';

export interface ReadGatingMlOptions {
  /** Template id and name for documents not written by CytoCurator (default 'gating-ml' / 'Gating-ML'). */
  templateId?: string;
  templateName?: string;
}

export interface ReadGatingMlResult {
  template: GateTemplate;
  issues: FormatIssue[];
}

const GEOMETRIC = new Set(['RectangleGate', 'PolygonGate', 'EllipsoidGate']);
const UNSUPPORTED_GATES = new Set(['QuadrantGate']);

type Transformation = { kind: 'axis'; transform: AxisTransform } | { kind: 'ratio'; numerator: string; denominator: string } | { kind: 'bad' };

export function readGatingMl(xml: string, options: ReadGatingMlOptions = {}): ReadGatingMlResult {
  const root = parseXmlElement(xml, 'Gating-ML');
  if (root.local !== 'Gating-ML') {
    throw new CurationError({ code: 'invalid-input', field: root.name, message: `not Gating-ML: root element is <${root.name}>, expected <Gating-ML>` });
  }
  const issues: FormatIssue[] = [];
  const transformations = readTransformations(root, issues);
  const reportedCompensation = new Set<string>();

  // Populations by xml id, in document order
  const gates: Gate[] = [];
  const gateIdByXmlId = new Map<string, string>();
  const populations: { xmlId: string; name: string; parent: string | undefined; element: XmlElement }[] = [];
  for (const el of root.children) {
    if (el.local === 'transformation' || el.local === 'custom_info') continue;
    const xmlId = attr(el, 'id');
    if (UNSUPPORTED_GATES.has(el.local)) {
      issues.push({ field: xmlId ?? el.name, message: `${el.local} ${xmlId ?? ''} is not supported and was left out`.replace('  ', ' ') });
      continue;
    }
    if (el.local === 'spectrumMatrix') {
      issues.push({ field: xmlId ?? el.name, message: `spectrum (compensation) matrix ${xmlId ?? ''} is not supported: gates are applied to uncompensated data`.replace('  ', ' ') });
      continue;
    }
    if (!GEOMETRIC.has(el.local) && el.local !== 'BooleanGate') {
      issues.push({ field: el.name, message: `unknown element <${el.name}> ignored` });
      continue;
    }
    if (xmlId === undefined || xmlId === '') {
      issues.push({ field: el.name, message: `${el.local} without an id was left out` });
      continue;
    }
    const custom = customInfo(el);
    const name = (custom && attr(custom, 'name')) ?? customName(el) ?? xmlId;
    populations.push({ xmlId, name, parent: attr(el, 'parent_id'), element: el });
    if (el.local === 'BooleanGate') continue;
    const gateId = (custom && attr(custom, 'id')) ?? xmlId;
    const context = { transformations, issues, reportedCompensation, field: xmlId };
    const gate = readGeometricGate(el, gateId, name, context);
    if (gate) {
      gates.push(gate);
      gateIdByXmlId.set(xmlId, gateId);
    }
  }

  const templateInfo = childNamed(root, 'custom_info')?.children.find((c) => c.local === CUSTOM_ELEMENT);
  const gateIds = new Set(gates.map((g) => g.id));
  const sets = templateInfo
    ? ownSets(templateInfo, gateIds, issues)
    : foreignSets(populations, gateIdByXmlId, issues);

  const version = Number(templateInfo && attr(templateInfo, 'version'));
  const template: GateTemplate = {
    id: (templateInfo && attr(templateInfo, 'template-id')) ?? options.templateId ?? 'gating-ml',
    name: (templateInfo && attr(templateInfo, 'name')) ?? options.templateName ?? 'Gating-ML',
    version: Number.isFinite(version) ? version : 1,
    gates,
    sets,
    exclusive: templateInfo !== undefined && attr(templateInfo, 'exclusive') === 'true',
  };
  return { template, issues };
}

function customInfo(el: XmlElement): XmlElement | undefined {
  return childNamed(el, 'custom_info')?.children.find((c) => c.local === CUSTOM_ELEMENT);
}

/** Other tools' gate names (Cytobank writes `<cytobank><name>…</name>`): the first `name` element with text. */
function customName(el: XmlElement): string | undefined {
  const info = childNamed(el, 'custom_info');
  if (!info) return undefined;
  const stack = [...info.children];
  while (stack.length > 0) {
    const e = stack.shift() as XmlElement;
    if (e.local === 'name' && e.text.trim() !== '') return e.text.trim();
    stack.push(...e.children);
  }
  return undefined;
}

function readTransformations(root: XmlElement, issues: FormatIssue[]): Map<string, Transformation> {
  const out = new Map<string, Transformation>();
  for (const el of childrenNamed(root, 'transformation')) {
    const id = attr(el, 'id');
    const body = el.children.find((c) => c.local !== 'custom_info');
    if (id === undefined) {
      issues.push({ field: 'transformation', message: 'transformation without an id ignored' });
      continue;
    }
    if (!body) {
      issues.push({ field: id, message: `transformation ${id} is empty` });
      out.set(id, { kind: 'bad' });
      continue;
    }
    const p = (name: string): number => {
      const raw = attr(body, name);
      return raw === undefined ? Number.NaN : Number(raw);
    };
    let transform: AxisTransform | null = null;
    switch (body.local) {
      case 'flin':
        transform = { type: 'linear', T: p('T'), A: p('A') };
        break;
      case 'flog':
        transform = { type: 'log', T: p('T'), M: p('M') };
        break;
      case 'fasinh':
        transform = { type: 'arcsinh', T: p('T'), M: p('M'), A: p('A') };
        break;
      case 'logicle':
        transform = { type: 'logicle', T: p('T'), W: p('W'), M: p('M'), A: p('A') };
        break;
      case 'hyperlog':
        transform = { type: 'hyperlog', T: p('T'), W: p('W'), M: p('M'), A: p('A') };
        break;
      case 'fratio': {
        const dims = childrenNamed(body, 'fcs-dimension').map((d) => attr(d, 'name'));
        const [numerator, denominator] = dims;
        if (dims.length !== 2 || numerator === undefined || denominator === undefined) {
          issues.push({ field: id, message: `fratio ${id} needs two fcs-dimensions with names, found ${dims.length}` });
          out.set(id, { kind: 'bad' });
        } else if (p('A') !== 1 || p('B') !== 0 || p('C') !== 0) {
          issues.push({ field: id, message: `fratio ${id} with A=${attr(body, 'A')}, B=${attr(body, 'B')}, C=${attr(body, 'C')} is not supported (only A=1, B=0, C=0, a plain ratio)` });
          out.set(id, { kind: 'bad' });
        } else out.set(id, { kind: 'ratio', numerator, denominator });
        continue;
      }
      default:
        issues.push({ field: id, message: `transformation ${id} (${body.local}) is not supported` });
        out.set(id, { kind: 'bad' });
        continue;
    }
    const problem = axisTransformProblem(transform);
    if (problem) {
      issues.push({ field: `${id}.${problem.field}`, message: `transformation ${id}: ${problem.message}` });
      out.set(id, { kind: 'bad' });
    } else out.set(id, { kind: 'axis', transform });
  }
  return out;
}

interface GateContext {
  transformations: Map<string, Transformation>;
  issues: FormatIssue[];
  reportedCompensation: Set<string>;
  field: string;
}

/** Display = data: what a dimension without a transformation-ref means (flin with T = 1, A = 0). */
const IDENTITY: AxisTransform = { type: 'linear', T: 1, A: 0 };

function readDimension(dim: XmlElement, ctx: GateContext): AxisDefinition | null {
  const compensation = attr(dim, 'compensation-ref');
  if (compensation !== undefined && compensation !== 'uncompensated' && !ctx.reportedCompensation.has(compensation)) {
    ctx.reportedCompensation.add(compensation);
    ctx.issues.push({ field: ctx.field, message: `compensation ${compensation} is not applied: gates use uncompensated data` });
  }
  let transform = IDENTITY;
  const transformRef = attr(dim, 'transformation-ref');
  if (transformRef !== undefined) {
    const t = ctx.transformations.get(transformRef);
    if (t === undefined || t.kind === 'ratio') {
      ctx.issues.push({ field: ctx.field, message: `gate ${ctx.field}: unknown transformation reference ${transformRef}; gate left out` });
      return null;
    }
    if (t.kind === 'bad') {
      ctx.issues.push({ field: ctx.field, message: `gate ${ctx.field} uses unusable transformation ${transformRef}; gate left out` });
      return null;
    }
    transform = t.transform;
  }
  let parameter: AxisParameter;
  const fcs = childNamed(dim, 'fcs-dimension');
  const derived = childNamed(dim, 'new-dimension');
  const column = fcs && attr(fcs, 'name');
  if (column !== undefined) parameter = { type: 'single', column };
  else if (derived) {
    const ref = attr(derived, 'transformation-ref');
    const t = ref === undefined ? undefined : ctx.transformations.get(ref);
    if (t?.kind !== 'ratio') {
      ctx.issues.push({ field: ctx.field, message: `gate ${ctx.field}: new-dimension refers to ${ref ?? 'nothing'}, which is not a usable fratio; gate left out` });
      return null;
    }
    parameter = { type: 'ratio', numerator: t.numerator, denominator: t.denominator };
  } else {
    ctx.issues.push({ field: ctx.field, message: `gate ${ctx.field}: dimension names no parameter; gate left out` });
    return null;
  }
  return { parameter, transform };
}

function readGeometricGate(el: XmlElement, id: string, name: string, ctx: GateContext): Gate | null {
  const dims = childrenNamed(el, 'dimension');
  const axes: AxisDefinition[] = [];
  for (const d of dims) {
    const axis = readDimension(d, ctx);
    if (!axis) return null;
    axes.push(axis);
  }
  const leaveOut = (message: string): null => {
    ctx.issues.push({ field: ctx.field, message: `${el.local} ${ctx.field}: ${message}; gate left out` });
    return null;
  };
  const value = (e: XmlElement | undefined, what: string): number => {
    const raw = e && attr(e, 'value');
    const n = raw === undefined || raw.trim() === '' ? Number.NaN : Number(raw);
    if (!Number.isFinite(n)) throw new BadValue(`${what} ${raw === undefined ? 'missing' : JSON.stringify(raw)} is not a number`);
    return n;
  };
  const bound = (d: XmlElement, which: 'min' | 'max'): number | null => {
    const raw = attr(d, which);
    if (raw === undefined) return null;
    const n = Number(raw);
    if (raw.trim() === '' || Number.isNaN(n)) throw new BadValue(`${which} ${JSON.stringify(raw)} is not a number`);
    return Number.isFinite(n) ? n : null;
  };
  try {
    if (el.local === 'RectangleGate') {
      const [x, y] = axes;
      const [dx, dy] = dims;
      if (axes.length === 1 && x && dx) return { type: 'range', id, name, axis: x, min: bound(dx, 'min'), max: bound(dx, 'max') };
      if (axes.length === 2 && x && y && dx && dy) {
        return { type: 'rectangle', id, name, x, y, xMin: bound(dx, 'min'), xMax: bound(dx, 'max'), yMin: bound(dy, 'min'), yMax: bound(dy, 'max') };
      }
      return leaveOut(`${axes.length} dimensions (only 1 or 2 are supported)`);
    }
    const [x, y] = axes;
    if (axes.length !== 2 || !x || !y) return leaveOut(`${axes.length} dimensions (only 2 are supported)`);
    if (el.local === 'PolygonGate') {
      const vertices = childrenNamed(el, 'vertex').map((v, i) => {
        const c = childrenNamed(v, 'coordinate');
        if (c.length !== 2) throw new BadValue(`vertex ${i + 1} has ${c.length} coordinates, expected 2`);
        return { x: value(c[0], `vertex ${i + 1} x`), y: value(c[1], `vertex ${i + 1} y`) };
      });
      if (vertices.length < 3) return leaveOut(`${vertices.length} vertices, a polygon needs at least 3`);
      return { type: 'polygon', id, name, x, y, vertices };
    }
    // EllipsoidGate
    const mean = childrenNamed(childNamed(el, 'mean') ?? el, 'coordinate');
    const rows = childrenNamed(childNamed(el, 'covarianceMatrix') ?? el, 'row').map((r) => childrenNamed(r, 'entry'));
    if (mean.length !== 2) return leaveOut(`mean has ${mean.length} coordinates, expected 2`);
    if (rows.length !== 2 || rows.some((r) => r.length !== 2)) return leaveOut('covarianceMatrix is not 2 × 2');
    const [r0, r1] = rows as [XmlElement[], XmlElement[]];
    const distanceSquare = value(childNamed(el, 'distanceSquare'), 'distanceSquare');
    return {
      type: 'ellipse',
      id,
      name,
      x,
      y,
      mean: { x: value(mean[0], 'mean x'), y: value(mean[1], 'mean y') },
      covariance: [
        [value(r0[0], 'covariance'), value(r0[1], 'covariance')],
        [value(r1[0], 'covariance'), value(r1[1], 'covariance')],
      ],
      distanceSquare,
    };
  } catch (e) {
    if (e instanceof BadValue) return leaveOut(e.message);
    throw e;
  }
}

class BadValue extends Error {}

/** Sets as CytoCurator wrote them: exact expressions, in order, checked against the gates actually read. */
function ownSets(info: XmlElement, gateIds: Set<string>, issues: FormatIssue[]): GatedSet[] {
  const entries = childrenNamed(info, 'set');
  const setIds = new Set(entries.map((e) => attr(e, 'id')).filter((id): id is string => id !== undefined));
  const sets: GatedSet[] = [];
  for (const e of entries) {
    const id = attr(e, 'id');
    if (id === undefined) {
      issues.push({ field: 'set', message: 'set without an id ignored' });
      continue;
    }
    let expression: SetExpression | null = null;
    try {
      expression = toExpression(JSON.parse(attr(e, 'expression') ?? ''));
    } catch {
      expression = null;
    }
    if (!expression) {
      issues.push({ field: id, message: `set ${id}: expression is missing or malformed; set left out` });
      continue;
    }
    const missing = missingReference(expression, gateIds, setIds);
    if (missing) {
      issues.push({ field: id, message: `set ${id} refers to ${missing}, which was not read; set left out` });
      continue;
    }
    sets.push({ id, name: attr(e, 'name') ?? id, expression, group: attr(e, 'group') ?? null, colour: attr(e, 'colour') ?? null });
  }
  return sets;
}

function toExpression(value: unknown): SetExpression | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  switch (v.op) {
    case 'gate':
      return typeof v.gateId === 'string' ? { op: 'gate', gateId: v.gateId } : null;
    case 'set':
      return typeof v.setId === 'string' ? { op: 'set', setId: v.setId } : null;
    case 'not': {
      const operand = toExpression(v.operand);
      return operand ? { op: 'not', operand } : null;
    }
    case 'and':
    case 'or': {
      if (!Array.isArray(v.operands)) return null;
      const operands = v.operands.map(toExpression);
      return operands.every((o): o is SetExpression => o !== null) ? { op: v.op, operands } : null;
    }
    default:
      return null;
  }
}

function missingReference(e: SetExpression, gateIds: Set<string>, setIds: Set<string>): string | null {
  switch (e.op) {
    case 'gate':
      return gateIds.has(e.gateId) ? null : `gate ${e.gateId}`;
    case 'set':
      return setIds.has(e.setId) ? null : `set ${e.setId}`;
    case 'not':
      return missingReference(e.operand, gateIds, setIds);
    case 'and':
    case 'or':
      for (const o of e.operands) {
        const m = missingReference(o, gateIds, setIds);
        if (m) return m;
      }
      return null;
  }
}

/**
 * Sets from another tool's populations: each population is a set with its xml id; a geometric gate's set is the
 * gate, a BooleanGate's set combines the populations it references; a parent_id ANDs with the parent's set.
 */
function foreignSets(
  populations: { xmlId: string; name: string; parent: string | undefined; element: XmlElement }[],
  gateIdByXmlId: Map<string, string>,
  issues: FormatIssue[],
): GatedSet[] {
  const byId = new Map(populations.map((p) => [p.xmlId, p]));
  const sets = new Map<string, GatedSet | null>();
  const build = (xmlId: string, path: string[]): GatedSet | null => {
    if (sets.has(xmlId)) return sets.get(xmlId) ?? null;
    const fail = (message: string): null => {
      issues.push({ field: xmlId, message: `population ${xmlId}: ${message}; set left out` });
      sets.set(xmlId, null);
      return null;
    };
    if (path.includes(xmlId)) return fail(`refers to itself (${[...path, xmlId].join(' → ')})`);
    const p = byId.get(xmlId);
    if (!p) return null;
    let own: SetExpression;
    if (p.element.local === 'BooleanGate') {
      const opElement = p.element.children.find((c) => c.local === 'and' || c.local === 'or' || c.local === 'not');
      if (!opElement) return fail('BooleanGate without and/or/not');
      const operands: SetExpression[] = [];
      for (const ref of childrenNamed(opElement, 'gateReference')) {
        const target = attr(ref, 'ref');
        if (target === undefined || !byId.has(target)) return fail(`gateReference to unknown gate ${target ?? '(none)'}`);
        if (!build(target, [...path, xmlId])) return fail(`refers to ${target}, which was left out`);
        const operand: SetExpression = { op: 'set', setId: target };
        operands.push(attr(ref, 'use-as-complement') === 'true' ? { op: 'not', operand } : operand);
      }
      if (opElement.local === 'not') {
        if (operands.length !== 1) return fail(`not needs 1 operand, found ${operands.length}`);
        own = { op: 'not', operand: operands[0] as SetExpression };
      } else {
        if (operands.length < 1) return fail(`${opElement.local} without operands`);
        own = { op: opElement.local as 'and' | 'or', operands };
      }
    } else {
      const gateId = gateIdByXmlId.get(xmlId);
      if (gateId === undefined) return fail('its gate was left out');
      own = { op: 'gate', gateId };
    }
    let expression = own;
    if (p.parent !== undefined) {
      if (!byId.has(p.parent)) return fail(`parent_id ${p.parent} is not a gate in this document`);
      if (!build(p.parent, [...path, xmlId])) return fail(`its parent ${p.parent} was left out`);
      expression = { op: 'and', operands: [{ op: 'set', setId: p.parent }, own] };
    }
    const set: GatedSet = { id: xmlId, name: p.name, expression, group: null, colour: null };
    sets.set(xmlId, set);
    return set;
  };
  for (const p of populations) build(p.xmlId, []);
  return populations.map((p) => sets.get(p.xmlId)).filter((s): s is GatedSet => s !== null && s !== undefined);
}
