/**
 * The reference classification: the straightforward implementation (every axis transformed to display values for
 * all events, then the geometry tested in display space), kept verbatim as the oracle the fast path in
 * classify.ts is proven equal to (classify-equivalence.test.ts), and used by it as the fallback for the rare gate it
 * cannot prove exact (degenerate geometry, absurd scales). Semantics: see classify.ts.
 */
import { CurationError } from '../../api/errors.js';
import { ratioValues } from '../axes/axis-parameter.js';
import type { AxisDefinition } from '../axes/axis-parameter.js';
import { compileAxisTransform } from '../axes/axis-transform.js';
import type { EllipseGate, Gate, GateTemplate, PolygonGate, RangeGate, RectangleGate, SetExpression } from '../gate.js';
import type { Classification, ColumnLookup } from './classify.js';

export function classifyTemplateReference(template: GateTemplate, columns: ColumnLookup, events: number): Classification {
  const scratch = new DisplayScratch(events);
  const gates = new Map<string, Uint8Array>();
  for (const gate of template.gates) {
    if (gates.has(gate.id)) throw new CurationError({ code: 'invalid-input', field: gate.id, message: `two gates have id ${JSON.stringify(gate.id)}` });
    gates.set(gate.id, classifyGateReference(gate, columns, events, scratch));
  }

  const setsById = new Map<string, (typeof template.sets)[number]>();
  for (const set of template.sets) {
    if (setsById.has(set.id)) throw new CurationError({ code: 'invalid-input', field: set.id, message: `two sets have id ${JSON.stringify(set.id)}` });
    setsById.set(set.id, set);
  }

  const sets = new Map<string, Uint8Array>();
  const visiting = new Set<string>();

  const evaluate = (expr: SetExpression, owner: string): Uint8Array => {
    switch (expr.op) {
      case 'gate': {
        const mask = gates.get(expr.gateId);
        if (!mask) throw new CurationError({ code: 'not-found', field: owner, message: `set ${JSON.stringify(owner)} refers to gate ${JSON.stringify(expr.gateId)}, which the template does not have` });
        return mask;
      }
      case 'set':
        return setMask(expr.setId, owner);
      case 'and': {
        const out = new Uint8Array(events).fill(1);
        for (const operand of expr.operands) {
          const m = evaluate(operand, owner);
          for (let i = 0; i < events; i++) out[i] = (out[i] as number) & (m[i] as number);
        }
        return out;
      }
      case 'or': {
        const out = new Uint8Array(events);
        for (const operand of expr.operands) {
          const m = evaluate(operand, owner);
          for (let i = 0; i < events; i++) out[i] = (out[i] as number) | (m[i] as number);
        }
        return out;
      }
      case 'not': {
        const m = evaluate(expr.operand, owner);
        const out = new Uint8Array(events);
        for (let i = 0; i < events; i++) out[i] = 1 - (m[i] as number);
        return out;
      }
      default:
        throw new CurationError({ code: 'invalid-input', field: owner, message: `set ${JSON.stringify(owner)}: unknown expression op ${JSON.stringify((expr as { op?: unknown }).op)}` });
    }
  };

  const setMask = (setId: string, from: string): Uint8Array => {
    const done = sets.get(setId);
    if (done) return done;
    const set = setsById.get(setId);
    if (!set) throw new CurationError({ code: 'not-found', field: from, message: `set ${JSON.stringify(from)} refers to set ${JSON.stringify(setId)}, which the template does not have` });
    if (visiting.has(setId)) {
      throw new CurationError({ code: 'invalid-input', field: set.name, message: `set ${JSON.stringify(set.name)} refers to itself through a cycle of set references` });
    }
    visiting.add(setId);
    const mask = evaluate(set.expression, set.name);
    visiting.delete(setId);
    // A bare gate reference returns the gate's own mask: copy so set masks never alias gate masks.
    const own = set.expression.op === 'gate' ? mask.slice() : mask;
    sets.set(setId, own);
    return own;
  };

  // Base sets first (in order), so exclusivity is settled before any composite set reads them.
  const claimed = template.exclusive ? new Uint8Array(events) : null;
  for (const set of template.sets) {
    if (refersToSets(set.expression)) continue;
    const mask = setMask(set.id, set.name);
    if (claimed) {
      for (let i = 0; i < events; i++) {
        if (claimed[i] === 1) mask[i] = 0;
        else if (mask[i] === 1) claimed[i] = 1;
      }
    }
  }
  for (const set of template.sets) setMask(set.id, set.name);

  const counts: Record<string, number> = {};
  for (const set of template.sets) {
    const mask = sets.get(set.id) as Uint8Array;
    let n = 0;
    for (let i = 0; i < events; i++) n += mask[i] as number;
    counts[set.id] = n;
  }
  return { gates, sets, counts };
}

/** True when the expression refers to another set (so it is not a base set for exclusivity). */
function refersToSets(expr: SetExpression): boolean {
  switch (expr.op) {
    case 'gate':
      return false;
    case 'set':
      return true;
    case 'not':
      return refersToSets(expr.operand);
    default:
      return expr.operands.some(refersToSets);
  }
}

/** Display buffers reused across gates (allocated on first use). */
/**
 * Display values per distinct axis (parameter + transform), computed once per classification: gates drawn on the
 * same cytogram share their axes, and the transform is most of the cost.
 */
class DisplayScratch {
  private byAxis = new Map<string, Float64Array>();
  private ratioBuffer: Float32Array | null = null;
  constructor(readonly events: number) {}
  cached(key: string): Float64Array | undefined {
    return this.byAxis.get(key);
  }
  store(key: string, values: Float64Array): Float64Array {
    this.byAxis.set(key, values);
    return values;
  }
  ratio(): Float32Array {
    return (this.ratioBuffer ??= new Float32Array(this.events));
  }
}

function column(columns: ColumnLookup, name: string, gate: Gate, events: number): Float32Array {
  const values = columns(name);
  if (!values) throw new CurationError({ code: 'not-found', field: name, message: `gate ${JSON.stringify(gate.name)}: the sample has no column ${JSON.stringify(name)}` });
  if (values.length < events) {
    throw new CurationError({ code: 'invalid-input', field: name, message: `gate ${JSON.stringify(gate.name)}: column ${JSON.stringify(name)} has ${values.length} values, expected ${events}` });
  }
  return values.length === events ? values : values.subarray(0, events);
}

/** The axis's display values for all events, computed once per distinct axis. */
function displayValues(axis: AxisDefinition, gate: Gate, columns: ColumnLookup, events: number, scratch: DisplayScratch): Float64Array {
  const key = JSON.stringify(axis);
  const hit = scratch.cached(key);
  if (hit) return hit;
  const compiled = compileAxisTransform(axis.transform);
  const out = new Float64Array(events);
  const p = axis.parameter;
  if (p.type === 'single') return scratch.store(key, compiled.toDisplayArray(column(columns, p.column, gate, events), out));
  const ratio = ratioValues(column(columns, p.numerator, gate, events), column(columns, p.denominator, gate, events), scratch.ratio()).values;
  return scratch.store(key, compiled.toDisplayArray(ratio, out));
}

export function classifyGateReference(gate: Gate, columns: ColumnLookup, events: number, scratch = new DisplayScratch(events)): Uint8Array {
  switch (gate.type) {
    case 'rectangle':
      return rectangle(gate, displayValues(gate.x, gate, columns, events, scratch), displayValues(gate.y, gate, columns, events, scratch), events);
    case 'range':
      return range(gate, displayValues(gate.axis, gate, columns, events, scratch), events);
    case 'polygon':
      return polygon(gate, displayValues(gate.x, gate, columns, events, scratch), displayValues(gate.y, gate, columns, events, scratch), events);
    case 'ellipse':
      return ellipse(gate, displayValues(gate.x, gate, columns, events, scratch), displayValues(gate.y, gate, columns, events, scratch), events);
    default:
      throw new CurationError({ code: 'invalid-input', message: `unknown gate type ${JSON.stringify((gate as { type?: unknown }).type)}` });
  }
}

function rectangle(gate: RectangleGate, xs: Float64Array, ys: Float64Array, events: number): Uint8Array {
  // ±Infinity for an open side: NaN still fails both comparisons, so it stays outside.
  const x0 = gate.xMin ?? -Infinity;
  const x1 = gate.xMax ?? Infinity;
  const y0 = gate.yMin ?? -Infinity;
  const y1 = gate.yMax ?? Infinity;
  const out = new Uint8Array(events);
  for (let i = 0; i < events; i++) {
    const x = xs[i] as number;
    const y = ys[i] as number;
    out[i] = x >= x0 && x <= x1 && y >= y0 && y <= y1 ? 1 : 0;
  }
  return out;
}

function range(gate: RangeGate, vs: Float64Array, events: number): Uint8Array {
  const lo = gate.min ?? -Infinity;
  const hi = gate.max ?? Infinity;
  const out = new Uint8Array(events);
  for (let i = 0; i < events; i++) {
    const v = vs[i] as number;
    out[i] = v >= lo && v <= hi ? 1 : 0;
  }
  return out;
}

function polygon(gate: PolygonGate, xs: Float64Array, ys: Float64Array, events: number): Uint8Array {
  const n = gate.vertices.length;
  if (n < 3) throw new CurationError({ code: 'invalid-input', field: gate.name, message: `polygon gate ${JSON.stringify(gate.name)} has ${n} vertices; at least 3 are needed` });
  // Edges (previous vertex j → vertex i) as flat arrays, with the x-intercept slope precomputed.
  const ax = new Float64Array(n);
  const ay = new Float64Array(n);
  const by = new Float64Array(n);
  const slope = new Float64Array(n);
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const vi = gate.vertices[i] as { x: number; y: number };
    const vj = gate.vertices[j] as { x: number; y: number };
    if (!Number.isFinite(vi.x) || !Number.isFinite(vi.y)) {
      throw new CurationError({ code: 'invalid-input', field: gate.name, message: `polygon gate ${JSON.stringify(gate.name)}: vertex ${i + 1} is not a finite point` });
    }
    ax[i] = vi.x;
    ay[i] = vi.y;
    by[i] = vj.y;
    // Horizontal edges never cross a horizontal ray (the straddle test excludes them), so their slope is unused.
    slope[i] = vj.y === vi.y ? 0 : (vj.x - vi.x) / (vj.y - vi.y);
    minX = Math.min(minX, vi.x);
    maxX = Math.max(maxX, vi.x);
    minY = Math.min(minY, vi.y);
    maxY = Math.max(maxY, vi.y);
  }
  const out = new Uint8Array(events);
  for (let e = 0; e < events; e++) {
    const px = xs[e] as number;
    const py = ys[e] as number;
    // Bounding box first (also rejects NaN).
    if (!(px >= minX && px <= maxX && py >= minY && py <= maxY)) continue;
    let inside = 0;
    for (let i = 0; i < n; i++) {
      const yi = ay[i] as number;
      if (yi > py !== (by[i] as number) > py && px < (slope[i] as number) * (py - yi) + (ax[i] as number)) inside ^= 1;
    }
    out[e] = inside;
  }
  return out;
}

function ellipse(gate: EllipseGate, xs: Float64Array, ys: Float64Array, events: number): Uint8Array {
  const [[a, b], [c, d]] = gate.covariance;
  const det = a * d - b * c;
  if (!Number.isFinite(det) || !(det > 0) || !(a > 0)) {
    throw new CurationError({ code: 'invalid-input', field: gate.name, message: `ellipse gate ${JSON.stringify(gate.name)}: covariance [[${a}, ${b}], [${c}, ${d}]] is not positive definite` });
  }
  const i00 = d / det;
  const i01 = -b / det;
  const i10 = -c / det;
  const i11 = a / det;
  const mx = gate.mean.x;
  const my = gate.mean.y;
  const limit = gate.distanceSquare;
  const out = new Uint8Array(events);
  for (let e = 0; e < events; e++) {
    const dx = (xs[e] as number) - mx;
    const dy = (ys[e] as number) - my;
    out[e] = dx * (i00 * dx + i01 * dy) + dy * (i10 * dx + i11 * dy) <= limit ? 1 : 0;
  }
  return out;
}
