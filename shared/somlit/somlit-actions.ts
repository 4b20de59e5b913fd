/**
 * SOMLIT entries as named actions, planned purely like flags and gates (shared/model/change-event.ts): a cell edit,
 * a pasted block, an imported file or a cytometry link is one changeset of `somlit-entry` events (a row's fields)
 * and `somlit-value` events (one parameter's value and code each). Every edit is checked against the consistency
 * rules and the duplicate rule before any event is planned; a refused edit names every problem. Deleting an entry
 * clears its fields and every value in one changeset, so undo brings the whole row back.
 */
import { CurationError } from '../api/errors.js';
import type { ActionContext, ActionName, ChangeEvent, StateLookup, Target, TargetState, TargetValue } from '../model/change-event.js';
import { sameValue, targetKey } from '../model/change-event.js';
import type { SomlitProblem } from './consistency-rules.js';
import { describeSomlitProblem, duplicateKey, duplicateProblem, entryFieldsProblems, valueProblems } from './consistency-rules.js';
import type { SomlitEntryField, SomlitEntryFields, SomlitValueValue } from './somlit-entry.js';
import { emptyEntryFields, entryFieldNames } from './somlit-entry.js';
import type { SomlitTable } from './somlit-table.js';

export type SomlitActionName = Extract<ActionName, 'somlit-save' | 'somlit-import' | 'somlit-link-cytometry'>;

export interface SomlitEntryEdit {
  /** The entry changed; null creates one. */
  id: string | null;
  /** Fields changed (the others keep their stored value). */
  fields?: Partial<SomlitEntryFields>;
  /** Cells after the edit by parameter code; null clears the cell. */
  values?: Readonly<Record<string, SomlitValueValue | null>>;
}

export interface PlannedProblem extends SomlitProblem {
  /** Index of the edit in the request. */
  edit: number;
  entryId: string | null;
}

export interface SomlitPlan {
  events: ChangeEvent[];
  /** The entry of each edit, in request order (new ids for created entries). */
  entryIds: string[];
}

export function somlitEntryTarget(entryId: string): Target {
  return { sampleId: null, kind: 'somlit-entry', entryId };
}

export function somlitValueTarget(entryId: string, parameter: string): Target {
  return { sampleId: null, kind: 'somlit-value', entryId, group: parameter };
}

function event(ctx: ActionContext, action: ActionName, target: Target, before: TargetState, after: TargetValue, reason: string | null): ChangeEvent {
  return { id: ctx.newId(), changeset: ctx.changeset, actor: ctx.actor, device: ctx.device, action, target, baseRevision: before.revision, before: before.value, after, reason, at: ctx.at, undoes: null };
}

function normaliseFields(fields: SomlitEntryFields): SomlitEntryFields {
  const out = { ...emptyEntryFields };
  for (const f of entryFieldNames) {
    const v = fields[f];
    (out as Record<SomlitEntryField, string | number | null>)[f] = typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : (v ?? null);
  }
  return out;
}

/**
 * Every problem of a batch of edits against the stored entries (fields, cells, duplicates among all entries after
 * the batch); empty when the batch may be stored. A duplicate is reported only for an entry whose site, date or
 * depth the batch sets, so an edit elsewhere in an entry that already repeats another (after a sync) still goes in.
 */
export function somlitEditProblems(table: SomlitTable, stored: ReadonlyMap<string, SomlitEntryFields>, edits: readonly SomlitEntryEdit[]): PlannedProblem[] {
  const problems: PlannedProblem[] = [];
  const after = new Map<string, SomlitEntryFields>(stored);
  const keyChanged: { edit: number; key: string }[] = [];
  edits.forEach((edit, i) => {
    const add = (p: SomlitProblem) => problems.push({ ...p, edit: i, entryId: edit.id });
    if (edit.id !== null && !stored.has(edit.id)) {
      add({ rule: 'unknown-entry', field: 'id', params: { id: edit.id } });
      return;
    }
    const base = edit.id === null ? emptyEntryFields : stored.get(edit.id)!;
    const fields = normaliseFields({ ...base, ...(edit.fields ?? {}) });
    entryFieldsProblems(table, fields).forEach(add);
    for (const [code, cell] of Object.entries(edit.values ?? {})) if (cell) valueProblems(table, code, cell).forEach(add);
    const key = `\u0001edit${i}`;
    after.set(edit.id ?? key, fields);
    const setsKey = edit.id === null || ['site', 'date', 'depthLevel', 'depth'].some((f) => edit.fields && f in edit.fields);
    if (setsKey) keyChanged.push({ edit: i, key: edit.id ?? key });
  });
  // Later edits of the same entry override earlier ones; the last state of each entry is what is compared.
  for (const { edit, key } of keyChanged) {
    const fields = after.get(key)!;
    const dk = duplicateKey(fields);
    if (dk === null) continue;
    for (const [other, otherFields] of after) {
      if (other !== key && duplicateKey(otherFields) === dk) {
        problems.push({ ...duplicateProblem(fields), edit, entryId: edits[edit]!.id });
        break;
      }
    }
  }
  return problems;
}

export function describePlannedProblems(problems: readonly PlannedProblem[], edits: readonly SomlitEntryEdit[]): string {
  const shown = problems.slice(0, 12).map((p) => `${edits.length > 1 ? `entry ${p.edit + 1}: ` : ''}${describeSomlitProblem(p)}`);
  return shown.join('; ') + (problems.length > shown.length ? `; and ${problems.length - shown.length} more` : '');
}

/**
 * Plans the events of a batch of edits (a cell, a pasted block, a file, a link). Refused as a whole, naming every
 * problem, when any edit breaks a rule; unchanged fields and cells produce no event.
 */
export function planSomlitEdits(
  lookup: StateLookup,
  table: SomlitTable,
  stored: ReadonlyMap<string, SomlitEntryFields>,
  edits: readonly SomlitEntryEdit[],
  options: { action: SomlitActionName; reason: string | null; newEntryId: () => string },
  ctx: ActionContext,
): SomlitPlan {
  const problems = somlitEditProblems(table, stored, edits);
  if (problems.length) {
    const first = problems[0]!;
    if (first.rule === 'unknown-entry') throw new CurationError({ code: 'not-found', field: `entries.${first.edit}.id`, message: describeSomlitProblem(first) });
    throw new CurationError({ code: 'invalid-request', field: `entries.${first.edit}.${first.field}`, message: describePlannedProblems(problems, edits) });
  }
  const events: ChangeEvent[] = [];
  const entryIds: string[] = [];
  // Within one changeset an entry or cell edited twice gets two events, the second based on the first.
  const planned = new Map<string, TargetState>();
  const state = (key: string) => planned.get(key) ?? lookup(key);
  const push = (target: Target, after: TargetValue) => {
    const key = targetKey(target);
    const before = state(key);
    if (sameValue(before.value, after)) return;
    events.push(event(ctx, options.action, target, before, after, options.reason));
    planned.set(key, { value: after, revision: before.revision + 1 });
  };
  for (const edit of edits) {
    const id = edit.id ?? options.newEntryId();
    entryIds.push(id);
    const target = somlitEntryTarget(id);
    const base = (state(targetKey(target)).value as SomlitEntryFields | null) ?? emptyEntryFields;
    if (edit.id === null || edit.fields) push(target, normaliseFields({ ...base, ...(edit.fields ?? {}) }));
    for (const [code, cell] of Object.entries(edit.values ?? {})) {
      push(somlitValueTarget(id, code), cell ? { ...cell, comment: cell.comment?.trim() ? cell.comment.trim() : null } : null);
    }
  }
  return { events, entryIds };
}

/** Deletes entries: their fields and every stored value, in one changeset (undo restores the whole row). */
export function planSomlitDelete(
  lookup: StateLookup,
  entries: readonly { id: string; parameters: readonly string[] }[],
  reason: string | null,
  ctx: ActionContext,
): ChangeEvent[] {
  const events: ChangeEvent[] = [];
  for (const entry of entries) {
    const target = somlitEntryTarget(entry.id);
    const before = lookup(targetKey(target));
    if (before.value === null) throw new CurationError({ code: 'not-found', field: 'ids', message: `no SOMLIT entry ${entry.id}` });
    for (const code of entry.parameters) {
      const t = somlitValueTarget(entry.id, code);
      const b = lookup(targetKey(t));
      if (b.value !== null) events.push(event(ctx, 'somlit-delete', t, b, null, reason));
    }
    events.push(event(ctx, 'somlit-delete', target, before, null, reason));
  }
  return events;
}
