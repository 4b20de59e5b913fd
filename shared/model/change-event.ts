/**
 * Every curation decision is a named action that produces change events (architecture.md, "every change is an
 * event"). An event names its target and the target's revision it was made against, with the value before and
 * after. The library appends events, updates the current state and queues them for sync in one transaction; undo
 * and redo are new events. These functions are pure: state in, events out.
 */
import { CurationError } from '../api/errors.js';
import type { Flag } from './flag-schemes.js';
import { isValidFlag } from './flag-schemes.js';
import type { Gate, GateTemplate } from '../gating/gate.js';
import type { SomlitEntryFields, SomlitValueValue } from '../somlit/somlit-entry.js';

/** How an analysed volume is found (mirrors the contract's volume method; kept here so the model needs no zod). */
export type VolumeMethodValue =
  | { method: 'instrument'; dilutionFactor: number; compensate?: boolean }
  | { method: 'fcs-vol'; dilutionFactor: number; compensate?: boolean }
  | { method: 'flow-rate'; flowRate_uL_per_min: number; acquisitionSeconds: number | null; dilutionFactor: number; compensate?: boolean }
  | { method: 'beads'; beadSet: string; beadConcentration_per_mL: number; dilutionFactor: number; compensate?: boolean };

export type ReviewState = 'unreviewed' | 'approved' | 'needs-attention';

/** What an approval approved: the values as they were, so a later change to them is detected. */
export interface ApprovalSnapshot {
  importVersion: number | null;
  flag: Flag | null;
  /** Value flags by group. */
  valueFlags: Record<string, Flag>;
  /** Count per group: the sets of the sample's gate template when it has one, else CytoClus's exported sets. */
  counts: Record<string, number>;
  /**
   * Abundance (cells/mL) per set of the sample's gate template, with the template version; absent when the sample
   * has no template (so approvals made before gating compare equal until a template is applied).
   */
  abundances?: Record<string, number | null>;
  template?: { id: string; version: number; overrides: Record<string, number> };
}

export type TargetKind =
  | 'flag'
  | 'value-flag'
  | 'review'
  | 'comment'
  /** A gate template's definition (library-wide: no sample); its revision is the template version. */
  | 'template'
  /** Which template a sample uses. */
  | 'template-assignment'
  /** One sample's replacement of one gate of its template (group = gate id). */
  | 'gate-override'
  /** How a sample's analysed volume is found, and its dilution. */
  | 'volume'
  /** A curator's confirmation that a set of a smart-triggered sample lies inside the trigger rule (group = set). */
  | 'trigger-confirmation'
  /** A publication dataset's metadata and samples (library-wide); its revision is the dataset's version. */
  | 'dataset'
  /** A SOMLIT sampling row's fields (library-wide, entryId): site, date, time, tide, depth. */
  | 'somlit-entry'
  /** One parameter's value and SOMLIT quality code in a SOMLIT entry (library-wide, entryId; group = parameter code). */
  | 'somlit-value';

export interface Target {
  /** Null only for library-wide targets (a template). */
  sampleId: string | null;
  kind: TargetKind;
  /** value-flag: the group (set) whose value is flagged; gate-override: the gate id; trigger-confirmation: the set. */
  group?: string;
  /** template and gate-override: the template concerned. */
  templateId?: string;
  /** dataset: the dataset concerned. */
  datasetId?: string;
  /** SOMLIT entries: the sampling row concerned. */
  entryId?: string;
}

export type FlagValue = Flag & { comment: string | null };
export interface ReviewValue {
  state: ReviewState;
  approved: ApprovalSnapshot | null;
}
export interface CommentValue {
  text: string;
}
/** A saved template version (its revision is the version number). */
export interface TemplateValue {
  template: GateTemplate;
}
export interface TemplateAssignmentValue {
  templateId: string;
}
export interface GateOverrideValue {
  gate: Gate;
}
export interface VolumeValue {
  volume: VolumeMethodValue;
}
export interface TriggerConfirmationValue {
  confirmed: boolean;
}
/** A publication dataset (shared/model/dataset-actions.ts), stored as plain JSON. */
export interface DatasetTargetValue {
  metadata: Record<string, unknown>;
  sampleIds: string[];
}
export type TargetValue =
  | DatasetTargetValue
  | FlagValue
  | ReviewValue
  | CommentValue
  | TemplateValue
  | TemplateAssignmentValue
  | GateOverrideValue
  | VolumeValue
  | TriggerConfirmationValue
  | SomlitEntryFields
  | SomlitValueValue
  | null;

export type ActionName =
  | 'flag'
  | 'approve'
  | 'mark-attention'
  | 'comment'
  | 'undo'
  | 'redo'
  | 'save-template'
  | 'apply-template'
  | 'override-gate'
  | 'set-volume'
  | 'confirm-trigger'
  | 'save-dataset'
  /** SOMLIT entries (shared/somlit/somlit-actions.ts): typed edits, deletions, file imports, cytometry links. */
  | 'somlit-save'
  | 'somlit-delete'
  | 'somlit-import'
  | 'somlit-link-cytometry';

export interface ChangeEvent {
  id: string;
  changeset: string;
  actor: string;
  device: string;
  action: ActionName;
  target: Target;
  baseRevision: number;
  before: TargetValue;
  after: TargetValue;
  reason: string | null;
  at: string;
  /** undo/redo: the changeset undone or redone. */
  undoes: string | null;
}

export interface TargetState {
  value: TargetValue;
  revision: number;
}

export type StateLookup = (key: string) => TargetState;

export interface ActionContext {
  actor: string;
  device: string;
  at: string;
  changeset: string;
  newId: () => string;
}

export function targetKey(t: Target): string {
  switch (t.kind) {
    case 'template':
      return `\u0000template\u0000${t.templateId ?? ''}`;
    case 'dataset':
      return `\u0000dataset\u0000${t.datasetId ?? ''}`;
    case 'somlit-entry':
      return `\u0000somlit-entry\u0000${t.entryId ?? ''}`;
    case 'somlit-value':
      return `\u0000somlit-value\u0000${t.entryId ?? ''}\u0000${t.group ?? ''}`;
    case 'value-flag':
    case 'trigger-confirmation':
      return `${t.sampleId ?? ''}\u0000${t.kind}\u0000${t.group ?? ''}`;
    case 'gate-override':
      return `${t.sampleId ?? ''}\u0000gate-override\u0000${t.templateId ?? ''}\u0000${t.group ?? ''}`;
    default:
      return `${t.sampleId ?? ''}\u0000${t.kind}`;
  }
}

/** Deep equality of plain JSON values (event payloads). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object).sort();
  const kb = Object.keys(b as object).sort();
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export const emptyState: TargetState = { value: null, revision: 0 };

/** Applies events in order to a state map: the state is derived from the events alone. */
export function deriveState(events: readonly ChangeEvent[], initial: ReadonlyMap<string, TargetState> = new Map()): Map<string, TargetState> {
  const state = new Map(initial);
  for (const e of events) {
    const key = targetKey(e.target);
    const current = state.get(key) ?? emptyState;
    state.set(key, { value: e.after, revision: current.revision + 1 });
  }
  return state;
}

function event(ctx: ActionContext, action: ActionName, target: Target, before: TargetState, after: TargetValue, reason: string | null, undoes: string | null = null): ChangeEvent {
  return { id: ctx.newId(), changeset: ctx.changeset, actor: ctx.actor, device: ctx.device, action, target, baseRevision: before.revision, before: before.value, after, reason, at: ctx.at, undoes };
}

/**
 * A change to a sample's flags on an approved sample sends it back to needs-attention, in the same changeset,
 * so the approval never silently covers values it did not see.
 */
function staleApproval(lookup: StateLookup, sampleId: string, ctx: ActionContext, why: string, planned: ChangeEvent[]): ChangeEvent[] {
  const key = targetKey({ sampleId, kind: 'review' });
  if (planned.some((e) => targetKey(e.target) === key)) return [];
  const review = lookup(key);
  const value = review.value as ReviewValue | null;
  if (value?.state !== 'approved') return [];
  return [event(ctx, 'mark-attention', { sampleId, kind: 'review' }, review, { state: 'needs-attention', approved: value.approved }, why)];
}

export interface FlagRequest {
  sampleIds: readonly string[];
  flag: Flag;
  comment: string | null;
  /** Flag a group's value instead of the whole sample. */
  group?: string | null;
}

export function planFlag(lookup: StateLookup, req: FlagRequest, ctx: ActionContext): ChangeEvent[] {
  if (!isValidFlag(req.flag)) {
    throw new CurationError({ code: 'invalid-request', field: 'flag', message: `"${req.flag.code}" is not a ${req.flag.scheme} flag` });
  }
  const events: ChangeEvent[] = [];
  for (const sampleId of new Set(req.sampleIds)) {
    const target: Target = req.group ? { sampleId, kind: 'value-flag', group: req.group } : { sampleId, kind: 'flag' };
    const before = lookup(targetKey(target));
    const after: FlagValue = { scheme: req.flag.scheme, code: req.flag.code, comment: req.comment };
    if (sameValue(before.value, after)) continue;
    events.push(event(ctx, 'flag', target, before, after, req.comment));
    events.push(...staleApproval(lookup, sampleId, ctx, `${req.group ? `flag of ${req.group}` : 'sample flag'} changed after approval`, events));
  }
  return events;
}

export function planComment(lookup: StateLookup, sampleIds: readonly string[], text: string, ctx: ActionContext): ChangeEvent[] {
  const events: ChangeEvent[] = [];
  for (const sampleId of new Set(sampleIds)) {
    const target: Target = { sampleId, kind: 'comment' };
    const before = lookup(targetKey(target));
    const after: CommentValue | null = text.trim() === '' ? null : { text };
    if (sameValue(before.value, after)) continue;
    events.push(event(ctx, 'comment', target, before, after, null));
  }
  return events;
}

export function planApprove(
  lookup: StateLookup,
  sampleIds: readonly string[],
  snapshot: (sampleId: string) => ApprovalSnapshot,
  reason: string | null,
  ctx: ActionContext,
): ChangeEvent[] {
  const events: ChangeEvent[] = [];
  for (const sampleId of new Set(sampleIds)) {
    const target: Target = { sampleId, kind: 'review' };
    const before = lookup(targetKey(target));
    const after: ReviewValue = { state: 'approved', approved: snapshot(sampleId) };
    if (sameValue(before.value, after)) continue;
    events.push(event(ctx, 'approve', target, before, after, reason));
  }
  return events;
}

export function planMarkAttention(lookup: StateLookup, sampleIds: readonly string[], reason: string | null, ctx: ActionContext): ChangeEvent[] {
  const events: ChangeEvent[] = [];
  for (const sampleId of new Set(sampleIds)) {
    const target: Target = { sampleId, kind: 'review' };
    const before = lookup(targetKey(target));
    const prev = before.value as ReviewValue | null;
    if (prev?.state === 'needs-attention') continue;
    events.push(event(ctx, 'mark-attention', target, before, { state: 'needs-attention', approved: prev?.approved ?? null }, reason));
  }
  return events;
}

/** An approved sample whose approved values changed (re-import, new counts): back to needs-attention. */
export function planApprovalCheck(lookup: StateLookup, sampleId: string, current: ApprovalSnapshot, ctx: ActionContext): ChangeEvent[] {
  const target: Target = { sampleId, kind: 'review' };
  const before = lookup(targetKey(target));
  const value = before.value as ReviewValue | null;
  if (value?.state !== 'approved' || value.approved === null || sameValue(value.approved, current)) return [];
  return [event(ctx, 'mark-attention', target, before, { state: 'needs-attention', approved: value.approved }, 'the approved values changed')];
}

/**
 * Undo a changeset: one new event per target, restoring `before`. Refused as a whole, naming the target, when any
 * target no longer holds the undone change's `after` (someone changed it since).
 */
export function planUndo(lookup: StateLookup, changeset: readonly ChangeEvent[], ctx: ActionContext): ChangeEvent[] {
  if (changeset.length === 0) throw new CurationError({ code: 'not-found', field: 'changeset', message: 'no such changeset' });
  const id = changeset[0]!.changeset;
  // The last event per target in the changeset holds what the changeset left there.
  const lastByTarget = new Map<string, ChangeEvent>();
  const firstByTarget = new Map<string, ChangeEvent>();
  for (const e of changeset) {
    const key = targetKey(e.target);
    lastByTarget.set(key, e);
    if (!firstByTarget.has(key)) firstByTarget.set(key, e);
  }
  const events: ChangeEvent[] = [];
  for (const [key, last] of lastByTarget) {
    const now = lookup(key);
    if (!sameValue(now.value, last.after)) {
      throw new CurationError({
        code: 'conflict',
        field: 'changeset',
        message: `cannot undo: ${describeTarget(last.target)} was changed after this change (it no longer holds what the change set)`,
      });
    }
    events.push(event(ctx, 'undo', last.target, now, firstByTarget.get(key)!.before, `undo of ${id}`, id));
  }
  // Undoing a flag changes a value an approval may cover: that approval goes stale like after any flag change.
  for (const sampleId of new Set(events.filter((e) => e.target.kind === 'flag' || e.target.kind === 'value-flag').map((e) => e.target.sampleId))) {
    if (sampleId !== null) events.push(...staleApproval(lookup, sampleId, ctx, 'a flag changed after approval (undo)', events));
  }
  return events;
}

/** Redo an undo changeset: restores what the undo replaced, under the same rule. */
export function planRedo(lookup: StateLookup, undoChangeset: readonly ChangeEvent[], ctx: ActionContext): ChangeEvent[] {
  if (undoChangeset.some((e) => e.action !== 'undo')) {
    throw new CurationError({ code: 'invalid-request', field: 'changeset', message: 'only an undo can be redone' });
  }
  return planUndo(lookup, undoChangeset, ctx).map((e) =>
    e.action === 'undo' ? { ...e, action: 'redo' as const, reason: `redo of ${undoChangeset[0]!.undoes ?? ''}` } : e,
  );
}

export function describeTarget(t: Target): string {
  switch (t.kind) {
    case 'value-flag':
      return `the flag of ${t.group} in sample ${t.sampleId}`;
    case 'flag':
      return `the flag of sample ${t.sampleId}`;
    case 'review':
      return `the review of sample ${t.sampleId}`;
    case 'comment':
      return `the comment of sample ${t.sampleId}`;
    case 'template':
      return `gate template ${t.templateId}`;
    case 'dataset':
      return `dataset ${t.datasetId}`;
    case 'somlit-entry':
      return `SOMLIT entry ${t.entryId}`;
    case 'somlit-value':
      return `the SOMLIT value ${t.group} of entry ${t.entryId}`;
    case 'template-assignment':
      return `the gate template of sample ${t.sampleId}`;
    case 'gate-override':
      return `the override of gate ${t.group} in sample ${t.sampleId}`;
    case 'volume':
      return `the analysed-volume method of sample ${t.sampleId}`;
    case 'trigger-confirmation':
      return `the trigger-rule confirmation of ${t.group} in sample ${t.sampleId}`;
  }
}
