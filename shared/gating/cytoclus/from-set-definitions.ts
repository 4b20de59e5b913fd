/**
 * CytoClus set definitions (parsed, formats-cytosense.md §10) → a GateTemplate the classifier can run on a sample.
 *
 * - Axes are matched to the sample's column headers by channel + parameter, ignoring case, spaces and punctuation
 *   (`FL Orange` + `Total` → `Fl Orange Total`; `CentreOfGravity` → `Center of gravity`; `SWSCOV` → `SWS covariance`;
 *   `VariableLength` → `Length(50%)`; channel `SWS` also matches `Sidewards Scatter`, `FWS` `Forward Scatter`).
 *   An axis that matches no column is an issue and its set is left out (a gate-based set is the AND of all its
 *   gates; dropping one would widen it).
 * - Log axes get a log transform whose range covers every coordinate on that axis in the file (T = the next power
 *   of ten above the largest, at least 3 decades down to the power of ten below the smallest); coordinates are
 *   converted to its display space, which is affine in log10, so polygon edges are straight in log10 space as in
 *   CytoClus. Membership does not depend on the T/M chosen. Linear axes get a linear transform covering 0 and the
 *   coordinates.
 * - CytoClus tests rectangles in linear data units, half-open (X ≤ x < X+W), and ranges strictly (min < v < max);
 *   our gates are inclusive, so only events exactly on a bound can differ. A rectangle or range on a log axis with a
 *   bound ≤ 0 (where log is undefined) gets a linear transform for that axis, so it keeps CytoClus's meaning.
 * - Polygon and freeform gates → polygon. GateBasedSet → AND of its gates (none → empty, an empty `or`). OrSet → or.
 *   CombinedSet set1AND2 / set1OR2 / set1NOT2 → and / or / and-not. A reference to the default set (all
 *   particles) → an empty `and` (every event). UnassignedParticlesSet → not(or of the converted gate-based sets).
 *   Default, all-images and crop sets are not converted (a note); incomplete sets (`complete: false`), sets with
 *   unmatched axes, and sets referring to left-out sets are issues and left out.
 * - `exclusiveSets` → `template.exclusive` (classify.ts: base sets partition events, first wins).
 */
import { compileAxisTransform, linearAxis } from '../axes/axis-transform.js';
import type { AxisTransform } from '../axes/axis-transform.js';
import type { AxisDefinition, AxisParameter } from '../axes/axis-parameter.js';
import type { Gate, GatedSet, GateTemplate, SetExpression } from '../gate.js';
import type {
  CytoclusAxis,
  CytoclusGate,
  CytoclusSetDefinition,
  CytoclusSetDefinitions,
  CytoclusSingleAxis,
} from '../../formats/cytoclus/set-definition/parse-set-definitions.js';

export interface SetConversionIssue {
  /** `note`: left out by design (e.g. the default set); `problem`: left out because it could not be converted. */
  severity: 'note' | 'problem';
  /** Name of the CytoClus set concerned. */
  set: string;
  listId: number;
  /** Axis concerned, as CytoClus names it (`Total FL Red`), when the issue is about an axis. */
  axis?: string;
  message: string;
}

export interface SetConversion {
  template: GateTemplate;
  issues: SetConversionIssue[];
}

export interface SetConversionOptions {
  id?: string;
  name?: string;
  version?: number;
}

const normalise = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Column-header wordings of a parameter enum (normalised), beyond the enum name itself. */
const parameterWordings: Record<string, string[]> = {
  centreofgravity: ['centerofgravity', 'centreofgravity'],
  swscov: ['swscovariance', 'swscov'],
  timeofarrival: ['arrivaltime', 'timeofarrival'],
};
/** Channel wordings (normalised) that name the same detector. */
const channelWordings: Record<string, string[]> = {
  sws: ['sws', 'sidewardsscatter', 'sidescatter'],
  sidewardsscatter: ['sidewardsscatter', 'sws'],
  fws: ['fws', 'forwardscatter'],
  forwardscatter: ['forwardscatter', 'fws'],
};
/** Per-particle parameters that belong to no channel. */
const particleParameters = new Set(['samplelength', 'timeofarrival']);

/** The column an axis reads, or null. Exported for the importer (e.g. to show which column a set file uses). */
export function matchColumn(axis: CytoclusSingleAxis, columns: readonly string[]): string | null {
  const normalised = columns.map(normalise);
  const parameter = normalise(axis.parameter);
  const parameters = parameterWordings[parameter] ?? [parameter];
  const find = (candidates: string[]): string | null => {
    for (const c of candidates) {
      const i = normalised.indexOf(c);
      if (i >= 0) return columns[i] ?? null;
    }
    return null;
  };
  if (particleParameters.has(parameter)) return find(parameters);
  const channels: string[] = [];
  // Not the channel type: it does not tell split or HS/LS detectors apart (`FL Red right` is type `FLRed`), and the
  // parser already falls back to it when a file has no channel name.
  const n = normalise(axis.channel);
  if (n) channels.push(...(channelWordings[n] ?? [n]));
  if (parameter === 'variablelength') {
    // `Length(50%)`: the percentage is a setting of the export, so any `<channel> Length(<n>%)` will do.
    for (const ch of channels) {
      const i = normalised.findIndex((c) => c.startsWith(`${ch}length`) && /^\d+$/.test(c.slice(ch.length + 6)));
      if (i >= 0) return columns[i] ?? null;
    }
    return null;
  }
  return find(channels.flatMap((ch) => parameters.map((p) => ch + p)));
}

const axisLabel = (axis: CytoclusAxis): string => {
  const single = (a: CytoclusSingleAxis): string => `${a.parameter} ${a.channel}`;
  return axis.type === 'single' ? single(axis) : `${single(axis.numerator)} / ${single(axis.denominator)}`;
};

/** Coordinates each gate places on an axis, as [axis, values] pairs. */
function gateAxisCoordinates(gate: CytoclusGate): [CytoclusAxis, number[]][] {
  switch (gate.type) {
    case 'range':
      return [[gate.axis, [gate.min, gate.max]]];
    case 'rectangle':
      return [
        [gate.xAxis, [gate.x, gate.x + gate.width]],
        [gate.yAxis, [gate.y, gate.y + gate.height]],
      ];
    default:
      return [
        [gate.xAxis, gate.points.map((p) => p.x)],
        [gate.yAxis, gate.points.map((p) => p.y)],
      ];
  }
}

export function templateFromSetDefinitions(definitions: CytoclusSetDefinitions, columns: readonly string[], options: SetConversionOptions = {}): SetConversion {
  const issues: SetConversionIssue[] = [];
  const byListId = new Map<number, CytoclusSetDefinition>();
  for (const s of definitions.sets) if (!byListId.has(s.listId)) byListId.set(s.listId, s);

  // One transform per axis label across the file, so every gate on `Total FL Red` shares its scale.
  const ranges = new Map<string, { isLog: boolean; min: number; max: number }>();
  for (const s of definitions.sets) {
    for (const g of s.gates) {
      for (const [axis, values] of gateAxisCoordinates(g)) {
        const key = `${axis.isLog ? 'log' : 'lin'}:${normalise(axisLabel(axis))}`;
        const r = ranges.get(key) ?? { isLog: axis.isLog, min: Infinity, max: -Infinity };
        for (const v of values) {
          if (!Number.isFinite(v) || (axis.isLog && v <= 0)) continue;
          r.min = Math.min(r.min, v);
          r.max = Math.max(r.max, v);
        }
        ranges.set(key, r);
      }
    }
  }
  const transformFor = (axis: CytoclusAxis, forceLinear: boolean): AxisTransform => {
    const r = ranges.get(`${axis.isLog ? 'log' : 'lin'}:${normalise(axisLabel(axis))}`);
    const min = r && r.min <= r.max ? r.min : 1;
    const max = r && r.min <= r.max ? r.max : 1;
    if (axis.isLog && !forceLinear) {
      const top = Math.ceil(Math.log10(max)) + (Number.isInteger(Math.log10(max)) ? 1 : 0);
      const bottom = Math.min(Math.floor(Math.log10(min)), top - 3);
      return { type: 'log', T: 10 ** top, M: top - bottom };
    }
    const lo = Math.min(0, min);
    return linearAxis(lo, max > lo ? max : lo + 1);
  };

  const gates: Gate[] = [];
  const sets: GatedSet[] = [];
  /** Expression per converted ListID; null = left out. */
  const converted = new Map<number, SetExpression | null>();
  const gateBasedIds: number[] = [];

  const resolveAxis = (set: CytoclusSetDefinition, axis: CytoclusAxis, forceLinear: boolean): AxisDefinition | null => {
    const singles = axis.type === 'single' ? [axis] : [axis.numerator, axis.denominator];
    const matched = singles.map((a) => matchColumn(a, columns));
    let ok = true;
    singles.forEach((a, i) => {
      if (matched[i] === null) {
        ok = false;
        issues.push({ severity: 'problem', set: set.name, listId: set.listId, axis: axisLabel(axis), message: `set "${set.name}": no column for ${a.parameter} of channel "${a.channel}"; set left out` });
      }
    });
    if (!ok) return null;
    const parameter: AxisParameter =
      axis.type === 'single' ? { type: 'single', column: matched[0] as string } : { type: 'ratio', numerator: matched[0] as string, denominator: matched[1] as string };
    return { parameter, transform: transformFor(axis, forceLinear) };
  };

  const convertGate = (set: CytoclusSetDefinition, g: CytoclusGate, id: string, name: string): Gate | null => {
    const hasNonPositive = (values: number[]) => values.some((v) => v <= 0);
    const problem = (message: string): null => {
      issues.push({ severity: 'problem', set: set.name, listId: set.listId, message: `set "${set.name}": ${message}; set left out` });
      return null;
    };
    if (g.type === 'range') {
      const axis = resolveAxis(set, g.axis, hasNonPositive([g.min, g.max]));
      if (!axis) return null;
      const t = compileAxisTransform(axis.transform);
      return { type: 'range', id, name, axis, min: Number.isFinite(g.min) ? t.toDisplay(g.min) : g.min > 0 ? Infinity : null, max: Number.isFinite(g.max) ? t.toDisplay(g.max) : g.max < 0 ? -Infinity : null };
    }
    if (g.type === 'rectangle') {
      const x = resolveAxis(set, g.xAxis, hasNonPositive([g.x, g.x + g.width]));
      const y = resolveAxis(set, g.yAxis, hasNonPositive([g.y, g.y + g.height]));
      if (!x || !y) return null;
      const tx = compileAxisTransform(x.transform);
      const ty = compileAxisTransform(y.transform);
      const bound = (t: typeof tx, v: number, open: null): number | null => (Number.isFinite(v) ? t.toDisplay(v) : open);
      return { type: 'rectangle', id, name, x, y, xMin: bound(tx, g.x, null), xMax: bound(tx, g.x + g.width, null), yMin: bound(ty, g.y, null), yMax: bound(ty, g.y + g.height, null) };
    }
    const x = resolveAxis(set, g.xAxis, false);
    const y = resolveAxis(set, g.yAxis, false);
    if (!x || !y) return null;
    if (g.points.length < 3) return problem(`${g.type} gate has ${g.points.length} points, fewer than 3`);
    const tx = compileAxisTransform(x.transform);
    const ty = compileAxisTransform(y.transform);
    const vertices = g.points.map((p) => ({ x: tx.toDisplay(p.x), y: ty.toDisplay(p.y) }));
    if (vertices.some((v) => !Number.isFinite(v.x) || !Number.isFinite(v.y))) {
      return problem(`${g.type} gate has a point that is not finite, or ≤ 0 on a log axis`);
    }
    return { type: 'polygon', id, name, x, y, vertices };
  };

  const note = (set: CytoclusSetDefinition, message: string, severity: 'note' | 'problem' = 'note') =>
    issues.push({ severity, set: set.name, listId: set.listId, message: `set "${set.name}": ${message}` });

  // Gate-based sets first (others refer to them), in file order.
  for (const set of definitions.sets) {
    if (set.kind !== 'gate-based') continue;
    if (!set.complete) {
      note(set, 'incomplete definition (see the set file issues); left out', 'problem');
      converted.set(set.listId, null);
      continue;
    }
    const own: Gate[] = [];
    let ok = true;
    set.gates.forEach((g, i) => {
      const gate = convertGate(set, g, `cytoclus-${set.listId}-gate-${i + 1}`, set.gates.length === 1 ? set.name : `${set.name} gate ${i + 1}`);
      if (gate) own.push(gate);
      else ok = false;
    });
    if (!ok) {
      converted.set(set.listId, null);
      continue;
    }
    gates.push(...own);
    const expression: SetExpression =
      own.length === 1 ? { op: 'gate', gateId: (own[0] as Gate).id } : own.length === 0 ? { op: 'or', operands: [] } : { op: 'and', operands: own.map((g) => ({ op: 'gate', gateId: g.id }) as const) };
    converted.set(set.listId, expression);
    gateBasedIds.push(set.listId);
  }

  const setId = (listId: number) => `cytoclus-${listId}`;
  const visiting = new Set<number>();
  /** Expression referring to a member set, or null when it is left out. */
  const memberRef = (listId: number): SetExpression | null => {
    const target = byListId.get(listId);
    if (!target) return null;
    if (target.kind === 'default') return { op: 'and', operands: [] };
    return convertComposite(target) ? { op: 'set', setId: setId(listId) } : null;
  };
  const convertComposite = (set: CytoclusSetDefinition): boolean => {
    const done = converted.get(set.listId);
    if (done !== undefined) return done !== null;
    if (visiting.has(set.listId) || !set.complete) {
      converted.set(set.listId, null);
      note(set, visiting.has(set.listId) ? 'refers to itself through a cycle; left out' : 'incomplete definition (see the set file issues); left out', 'problem');
      return false;
    }
    visiting.add(set.listId);
    let expression: SetExpression | null = null;
    if (set.kind === 'or' || set.kind === 'combined') {
      const refs = set.members.map((m) => memberRef(m.listId));
      const missing = set.members.filter((_, i) => refs[i] === null);
      if (missing.length > 0) {
        note(set, `member set${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m.name ?? m.listId}"`).join(', ')} left out, so this set is left out too`, 'problem');
      } else if (set.kind === 'or') {
        expression = { op: 'or', operands: refs as SetExpression[] };
      } else {
        const [a, b] = refs as [SetExpression, SetExpression];
        expression =
          set.combinationType === 'set1AND2' ? { op: 'and', operands: [a, b] } : set.combinationType === 'set1OR2' ? { op: 'or', operands: [a, b] } : { op: 'and', operands: [a, { op: 'not', operand: b }] };
      }
    } else if (set.kind === 'unassigned') {
      expression = { op: 'not', operand: { op: 'or', operands: gateBasedIds.map((id) => ({ op: 'set', setId: setId(id) }) as const) } };
      note(set, 'converted as the events in none of the gate-based sets');
    }
    visiting.delete(set.listId);
    converted.set(set.listId, expression);
    return expression !== null;
  };

  for (const set of definitions.sets) {
    if (set.kind === 'default' || set.kind === 'all-images' || set.kind === 'cropped-images' || set.kind === 'failed-crop-images') {
      note(set, `${set.element} is not converted (${set.kind === 'default' ? 'it is every event' : 'it depends on images'})`);
      continue;
    }
    if (set.kind === 'unknown') {
      note(set, `unsupported set element <${set.element}>; left out`, 'problem');
      continue;
    }
    if (set.kind !== 'gate-based') convertComposite(set);
  }

  // Template sets in file order (the exclusive ranking).
  for (const set of definitions.sets) {
    const expression = converted.get(set.listId);
    if (!expression || byListId.get(set.listId) !== set) continue;
    sets.push({ id: setId(set.listId), name: set.name, expression, group: null, colour: set.color });
  }

  return {
    template: {
      id: options.id ?? 'cytoclus',
      name: options.name ?? 'CytoClus sets',
      version: options.version ?? 1,
      gates,
      sets,
      exclusive: definitions.exclusiveSets === true,
    },
    issues,
  };
}
