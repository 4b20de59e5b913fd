/**
 * Edits of a gate template draft, as pure functions: a gate drawn on a plot becomes a gate plus a set made of it
 * (in a colour not used yet); deleting a gate deletes the sets built on it; renaming a one-gate set renames its
 * gate; what changed against the saved version, and what a "save as new version" sends when this sample has
 * overrides of its own (those stay overrides: they are not written into the template).
 */
import type { Gate, GatedSet, GateTemplate, SetExpression } from '../../shared/gating/gate.js';

/** Set colours: strong, distinct on white and on the viridis density colours. */
export const SET_COLOURS: readonly string[] = ['#e6194b', '#f58231', '#ff00c8', '#00b3b3', '#3cb44b', '#4363d8', '#9a6324', '#000000', '#911eb4', '#808000'];
/** Colour of a gate no set colours. */
export const DEFAULT_GATE_COLOUR = '#e6194b';

/** A random id (gates, sets, new templates): 16 hex digits after the prefix. */
export function newId(prefix: string, random: () => number = Math.random): string {
  const bytes = new Uint8Array(8);
  if (random === Math.random && typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function') crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** "base n" with the smallest n ≥ 1 not taken (names compared without case, as the service does). */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  for (let n = 1; ; n++) {
    const name = `${base} ${n}`;
    if (!used.has(name.toLowerCase())) return name;
  }
}

export function emptyTemplate(name: string): GateTemplate {
  return { id: '', name, version: 0, gates: [], sets: [], exclusive: false };
}

/** The first palette colour no set uses yet (cycling when all are taken). */
export function nextColour(template: GateTemplate): string {
  const used = new Set(template.sets.map((s) => (s.colour ?? '').toLowerCase()));
  return SET_COLOURS.find((c) => !used.has(c.toLowerCase())) ?? SET_COLOURS[template.sets.length % SET_COLOURS.length]!;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A gate as drawn, before it has an id and a name. */
export type GateGeometry = DistributiveOmit<Gate, 'id' | 'name'>;

/** Adds a drawn gate and a set of exactly that gate, both with the same fresh name ("Set 3"). */
export function addGateWithSet(
  template: GateTemplate,
  geometry: GateGeometry,
  options: { gateId: string; setId: string; baseName: string; colour?: string },
): GateTemplate {
  const name = uniqueName(options.baseName, [...template.sets.map((s) => s.name), ...template.gates.map((g) => g.name)]);
  const gate = { ...geometry, id: options.gateId, name } as Gate;
  const set: GatedSet = { id: options.setId, name, expression: { op: 'gate', gateId: options.gateId }, group: null, colour: options.colour ?? nextColour(template) };
  return { ...template, gates: [...template.gates, gate], sets: [...template.sets, set] };
}

export function replaceGate(template: GateTemplate, gate: Gate): GateTemplate {
  return { ...template, gates: template.gates.map((g) => (g.id === gate.id ? gate : g)) };
}

function refersTo(e: SetExpression, gateIds: ReadonlySet<string>, setIds: ReadonlySet<string>): boolean {
  switch (e.op) {
    case 'gate':
      return gateIds.has(e.gateId);
    case 'set':
      return setIds.has(e.setId);
    case 'not':
      return refersTo(e.operand, gateIds, setIds);
    case 'and':
    case 'or':
      return e.operands.some((o) => refersTo(o, gateIds, setIds));
  }
}

/** Sets built on a gate, directly or through other sets built on it. */
export function setsUsingGate(template: GateTemplate, gateId: string): GatedSet[] {
  const gates = new Set([gateId]);
  const sets = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of template.sets) {
      if (!sets.has(s.id) && refersTo(s.expression, gates, sets)) {
        sets.add(s.id);
        grew = true;
      }
    }
  }
  return template.sets.filter((s) => sets.has(s.id));
}

/** The template without a gate and without the sets built on it. */
export function removeGate(template: GateTemplate, gateId: string): { template: GateTemplate; removedSets: GatedSet[] } {
  const removedSets = setsUsingGate(template, gateId);
  const removed = new Set(removedSets.map((s) => s.id));
  return {
    template: { ...template, gates: template.gates.filter((g) => g.id !== gateId), sets: template.sets.filter((s) => !removed.has(s.id)) },
    removedSets,
  };
}

/** The colour a gate is drawn in: that of the first set built directly on it, else of any set using it. */
export function gateColour(template: GateTemplate, gateId: string): string {
  const direct = template.sets.find((s) => s.expression.op === 'gate' && s.expression.gateId === gateId && s.colour);
  if (direct?.colour) return direct.colour;
  return setsUsingGate(template, gateId).find((s) => s.colour)?.colour ?? DEFAULT_GATE_COLOUR;
}

function updateSet(template: GateTemplate, setId: string, change: (s: GatedSet) => GatedSet): GateTemplate {
  return { ...template, sets: template.sets.map((s) => (s.id === setId ? change(s) : s)) };
}

/** Why a set name cannot be used (empty, too long, or another set has it), or null. */
export function setNameProblem(template: GateTemplate, setId: string, name: string): 'empty' | 'too-long' | 'taken' | null {
  const trimmed = name.trim();
  if (!trimmed) return 'empty';
  if (trimmed.length > 200) return 'too-long';
  if (template.sets.some((s) => s.id !== setId && s.name.toLowerCase() === trimmed.toLowerCase())) return 'taken';
  return null;
}

/** Renames a set; a set of exactly one gate that carried the set's name renames that gate too (the plot shows it). */
export function renameSet(template: GateTemplate, setId: string, name: string): GateTemplate {
  const set = template.sets.find((s) => s.id === setId);
  const trimmed = name.trim();
  if (!set || setNameProblem(template, setId, trimmed) !== null) return template;
  let next = updateSet(template, setId, (s) => ({ ...s, name: trimmed }));
  const e = set.expression;
  if (e.op === 'gate') {
    const gateId = e.gateId;
    next = { ...next, gates: next.gates.map((g) => (g.id === gateId && g.name === set.name ? { ...g, name: trimmed } : g)) };
  }
  return next;
}

/**
 * Sets the standard group of a set. With `rename`, the set (and its gate, as renameSet does) also takes the
 * group's name, unless another set already has that name.
 */
export function setSetGroup(template: GateTemplate, setId: string, group: string | null, rename = false): GateTemplate {
  const next = updateSet(template, setId, (s) => ({ ...s, group }));
  return rename && group !== null && setNameProblem(next, setId, group) === null ? renameSet(next, setId, group) : next;
}

export function setSetColour(template: GateTemplate, setId: string, colour: string | null): GateTemplate {
  return updateSet(template, setId, (s) => ({ ...s, colour }));
}

/** Structural equality of plain JSON-like values (gates, sets, templates). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra);
  return keys.length === Object.keys(rb).length && keys.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && sameValue(ra[k], rb[k]));
}

export interface TemplateDiff {
  /** Gates of both whose geometry, axes or name changed. */
  changedGates: string[];
  addedGates: string[];
  removedGates: string[];
  /** Sets added, removed, renamed, regrouped, recoloured or reordered. */
  setsChanged: boolean;
  /** Name or exclusivity changed. */
  settingsChanged: boolean;
  dirty: boolean;
}

export function templateDiff(saved: GateTemplate, draft: GateTemplate): TemplateDiff {
  const before = new Map(saved.gates.map((g) => [g.id, g]));
  const after = new Map(draft.gates.map((g) => [g.id, g]));
  const changedGates = draft.gates.filter((g) => before.has(g.id) && !sameValue(before.get(g.id), g)).map((g) => g.id);
  const addedGates = draft.gates.filter((g) => !before.has(g.id)).map((g) => g.id);
  const removedGates = saved.gates.filter((g) => !after.has(g.id)).map((g) => g.id);
  const setsChanged = !sameValue(saved.sets, draft.sets);
  const settingsChanged = saved.name !== draft.name || saved.exclusive !== draft.exclusive;
  const gateOrder = !sameValue(
    saved.gates.map((g) => g.id),
    draft.gates.map((g) => g.id),
  );
  return {
    changedGates,
    addedGates,
    removedGates,
    setsChanged,
    settingsChanged,
    dirty: changedGates.length > 0 || addedGates.length > 0 || removedGates.length > 0 || setsChanged || settingsChanged || gateOrder,
  };
}

/**
 * Whether a changed gate can be kept as this sample's override instead of a new version: the template applies to
 * the sample, the gate is in it, and keeps its type (the service refuses an override that changes the type).
 */
export function canOverride(saved: GateTemplate, draft: GateTemplate, gateId: string): boolean {
  const a = saved.gates.find((g) => g.id === gateId);
  const b = draft.gates.find((g) => g.id === gateId);
  return !!a && !!b && a.type === b.type && !sameValue(a, b);
}

/**
 * What "save as new version" sends. The draft was made from this sample's effective template (its overrides in
 * place); an overridden gate the user did not touch goes back to the template's own gate, so one sample's override
 * is not written into every sample's template.
 */
export function templateForSave(base: GateTemplate, effective: GateTemplate, draft: GateTemplate, overriddenGateIds: Iterable<string>): GateTemplate {
  const overridden = new Set(overriddenGateIds);
  const effectiveGates = new Map(effective.gates.map((g) => [g.id, g]));
  const baseGates = new Map(base.gates.map((g) => [g.id, g]));
  const gates = draft.gates.map((g) => {
    if (!overridden.has(g.id)) return g;
    const original = baseGates.get(g.id);
    return original && sameValue(effectiveGates.get(g.id), g) ? original : g;
  });
  return { ...draft, id: base.id, version: base.version, gates };
}

/**
 * The draft after what it was made from changed underneath (an override added or removed, a reload): each gate, set
 * and setting the user has not touched (still equal to the old starting point) takes the new value; edited ones stay.
 * Gates and sets the new version added are appended; those it removed go unless the user edited them.
 */
export function rebaseDraft(before: GateTemplate, after: GateTemplate, draft: GateTemplate): GateTemplate {
  const rebaseList = <T extends { id: string }>(old: readonly T[], next: readonly T[], mine: readonly T[]): T[] => {
    const oldById = new Map(old.map((v) => [v.id, v]));
    const nextById = new Map(next.map((v) => [v.id, v]));
    const out: T[] = [];
    for (const v of mine) {
      const o = oldById.get(v.id);
      if (!o) out.push(v); // added by the user
      else if (!sameValue(o, v)) out.push(v); // edited by the user
      else {
        const n = nextById.get(v.id);
        if (n) out.push(n);
      }
    }
    const mineIds = new Set(mine.map((v) => v.id));
    for (const n of next) if (!oldById.has(n.id) && !mineIds.has(n.id)) out.push(n);
    return out;
  };
  return {
    ...draft,
    id: after.id,
    version: after.version,
    name: draft.name === before.name ? after.name : draft.name,
    exclusive: draft.exclusive === before.exclusive ? after.exclusive : draft.exclusive,
    gates: rebaseList(before.gates, after.gates, draft.gates),
    sets: rebaseList(before.sets, after.sets, draft.sets),
  };
}
