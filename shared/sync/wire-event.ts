/**
 * A local change event as it travels (shared/sync/sync-protocol.ts) and back. The local `baseRevision` counts this
 * library's own view of the target; on the wire an event names instead the server revision it was made against
 * (`serverBase`), which only the sync client knows.
 */
import type { ChangeEvent, Target, TargetValue } from '../model/change-event.js';
import type { WireEvent } from './sync-protocol.js';

export function toWireEvent(e: ChangeEvent, serverBase: number, actorName: string | null, superseded = false): WireEvent {
  const t = e.target;
  const target: WireEvent['target'] = { sampleId: t.sampleId, kind: t.kind };
  if (t.group !== undefined) target.group = t.group;
  if (t.templateId !== undefined) target.templateId = t.templateId;
  if (t.datasetId !== undefined) target.datasetId = t.datasetId;
  if (t.entryId !== undefined) target.entryId = t.entryId;
  const wire: WireEvent = {
    id: e.id,
    changeset: e.changeset,
    actor: e.actor,
    actorName,
    device: e.device,
    action: e.action,
    target,
    serverBase,
    before: e.before,
    after: e.after,
    reason: e.reason,
    at: e.at,
    undoes: e.undoes,
  };
  if (superseded) wire.resolution = 'superseded';
  return wire;
}

export function wireTarget(w: Pick<WireEvent, 'target'>): Target {
  const t = w.target;
  // The kind is checked against the library's own list (change_target_kinds) before the event is applied.
  const target: Target = { sampleId: t.sampleId, kind: t.kind as Target['kind'] };
  if (t.group !== undefined) target.group = t.group;
  if (t.templateId !== undefined) target.templateId = t.templateId;
  if (t.datasetId !== undefined) target.datasetId = t.datasetId;
  if (t.entryId !== undefined) target.entryId = t.entryId;
  return target;
}

/** Someone else's event, as this library records it: `baseRevision` is the local revision it lands on. */
export function fromWireEvent(w: WireEvent, localBase: number): ChangeEvent {
  return {
    id: w.id,
    changeset: w.changeset,
    actor: w.actor,
    device: w.device,
    action: w.action as ChangeEvent['action'],
    target: wireTarget(w),
    baseRevision: localBase,
    before: (w.before ?? null) as TargetValue,
    after: (w.after ?? null) as TargetValue,
    reason: w.reason,
    at: w.at,
    undoes: w.undoes,
  };
}
