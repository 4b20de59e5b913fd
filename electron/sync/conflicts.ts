/**
 * Conflicts: a local change and someone else's change to the same target (this flag of this value, this gate of this
 * template), shown with both versions and who made them until the user chooses. Whatever the choice, both versions
 * stay in the local audit and in the server's log: "theirs" applies the server's version here and sends the local
 * events marked superseded; "mine" applies the server's version too, then a new event restores the local value on
 * top of it (made against the server's revision, so it applies there).
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { CurationError } from '../../shared/api/errors.js';
import type { ActionName, ChangeEvent, Target, TargetValue } from '../../shared/model/change-event.js';
import { describeTarget, sameValue, targetKey } from '../../shared/model/change-event.js';
import { describeValue, keptMineReason } from '../../shared/sync/describe-value.js';
import type { WireEvent } from '../../shared/sync/sync-protocol.js';
import type { ConflictChoice, ConflictView, ResolveResult } from '../../shared/sync/sync-view.js';
import type { CuratorProfile } from '../common/curator-profile.js';
import { appendEvents, rememberCurator, stateLookup } from '../library/change-store.js';
import { waitingOnTarget } from './outbox-queue.js';
import type { RecomputeSample } from './remote-events.js';
import { applyServerEvent, gatingSamples, recomputeAll } from './remote-events.js';

export type { ConflictChoice, ConflictView, ResolveResult };

interface ConflictRow {
  id: number;
  target_key: string;
  sample_id: string | null;
  target_kind: string;
  target_group: string | null;
  object_id: string | null;
  local_seq: number;
  local_event_id: string;
  server_value_json: string | null;
  server_revision: number;
  server_event_id: string;
  server_actor: string;
  server_actor_name: string | null;
  server_device: string;
  server_at: string;
  detected_at: string;
  detected_by: 'push' | 'pull';
  status: 'open' | 'resolved';
  resolution: ConflictChoice | null;
  mine_value_json: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution_event_id: string | null;
}

function targetOf(r: ConflictRow): Target {
  const t: Target = { sampleId: r.sample_id, kind: r.target_kind as Target['kind'] };
  if (r.target_group !== null) t.group = r.target_group;
  if (r.object_id !== null) {
    if (r.target_kind === 'dataset') t.datasetId = r.object_id;
    else if (r.target_kind.startsWith('somlit')) t.entryId = r.object_id;
    else t.templateId = r.object_id;
  }
  return t;
}

function heldFor(db: Database, key: string): { event_id: string; server_seq: number; server_revision: number; event_json: string }[] {
  return db.prepare("SELECT event_id, server_seq, server_revision, event_json FROM sync_held_events WHERE target_key = ? AND reason = 'conflict' ORDER BY server_seq").all(key) as {
    event_id: string;
    server_seq: number;
    server_revision: number;
    event_json: string;
  }[];
}

function serverEventHere(db: Database, r: ConflictRow): boolean {
  return heldFor(db, r.target_key).some((h) => h.event_id === r.server_event_id) || db.prepare('SELECT 1 FROM change_events WHERE id = ?').get(r.server_event_id) !== undefined;
}

function toView(db: Database, r: ConflictRow): ConflictView {
  const target = targetOf(r);
  const local = db.prepare('SELECT e.actor, c.name AS actor_name, e.device, e.at FROM change_events e LEFT JOIN curators c ON c.id = e.actor WHERE e.seq = ?').get(r.local_seq) as
    | { actor: string; actor_name: string | null; device: string; at: string }
    | undefined;
  const mineValue = r.status === 'open' ? stateLookup(db)(r.target_key).value : r.mine_value_json === null ? null : (JSON.parse(r.mine_value_json) as unknown);
  const theirValue = r.server_value_json === null ? null : (JSON.parse(r.server_value_json) as unknown);
  return {
    id: r.id,
    target,
    label: describeTarget(target),
    sampleId: r.sample_id,
    mine: {
      value: mineValue,
      summary: describeValue(r.target_kind, mineValue),
      eventId: r.local_event_id,
      actor: local?.actor ?? '',
      actorName: local?.actor_name ?? null,
      device: local?.device ?? '',
      at: local?.at ?? '',
    },
    theirs: {
      value: theirValue,
      summary: describeValue(r.target_kind, theirValue),
      eventId: r.server_event_id,
      actor: r.server_actor,
      actorName: r.server_actor_name,
      device: r.server_device,
      at: r.server_at,
      revision: r.server_revision,
    },
    detectedAt: r.detected_at,
    detectedBy: r.detected_by,
    status: r.status,
    resolution: r.resolution,
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by,
    ready: r.status === 'open' ? serverEventHere(db, r) : true,
  };
}

/** Open conflicts (all of them with `all`), oldest first. */
export function listConflicts(db: Database, options: { all?: boolean; sampleId?: string } = {}): ConflictView[] {
  const where = [options.all ? null : "status = 'open'", options.sampleId !== undefined ? 'sample_id = @sampleId' : null].filter(Boolean).join(' AND ');
  const rows = db.prepare(`SELECT * FROM sync_conflicts ${where ? `WHERE ${where}` : ''} ORDER BY id`).all(options.sampleId !== undefined ? { sampleId: options.sampleId } : {}) as ConflictRow[];
  return rows.map((r) => toView(db, r));
}

/** The action a restoring event is recorded under: the one that sets such a value. */
function restoreAction(kind: string, value: TargetValue, fallback: ActionName): ActionName {
  switch (kind) {
    case 'flag':
    case 'value-flag':
      return 'flag';
    case 'review':
      return (value as { state?: string } | null)?.state === 'approved' ? 'approve' : 'mark-attention';
    case 'comment':
      return 'comment';
    case 'template':
      return 'save-template';
    case 'template-assignment':
      return 'apply-template';
    case 'gate-override':
      return 'override-gate';
    case 'volume':
      return 'set-volume';
    case 'trigger-confirmation':
      return 'confirm-trigger';
    case 'dataset':
      return 'save-dataset';
    default:
      return fallback;
  }
}

export interface ResolveOptions {
  recompute?: RecomputeSample;
  newId?: () => string;
  /** Written in the conflict row (default: the curator's name). */
  resolvedBy?: string;
}

/**
 * Settles a conflict by the user's choice, in one transaction. Refused (code conflict) while the server's event
 * has not been pulled yet: a sync fetches it, then the choice can be made.
 */
export function resolveConflict(db: Database, conflictId: number, choice: ConflictChoice, curator: CuratorProfile | null, options: ResolveOptions = {}): ResolveResult {
  const newId = options.newId ?? randomUUID;
  const result = db.transaction((): ResolveResult => {
    const r = db.prepare('SELECT * FROM sync_conflicts WHERE id = ?').get(conflictId) as ConflictRow | undefined;
    if (!r) throw new CurationError({ code: 'not-found', field: 'conflictId', message: `no conflict ${conflictId}` });
    if (r.status !== 'open') throw new CurationError({ code: 'conflict', field: 'conflictId', message: `conflict ${conflictId} was already resolved (${r.resolution ?? ''} by ${r.resolved_by ?? '?'})` });
    const target = targetOf(r);
    const key = targetKey(target);
    if (!serverEventHere(db, r)) {
      throw new CurationError({ code: 'conflict', field: 'conflictId', message: `the server's version of ${describeTarget(target)} has not arrived yet: sync once more, then choose` });
    }
    const now = new Date().toISOString();
    if (curator) rememberCurator(db, curator);
    else if (choice === 'mine') throw new CurationError({ code: 'invalid-request', field: 'choice', message: 'keeping one\'s own version needs the curator who chooses' });
    const mine = stateLookup(db)(key).value;
    const mineEvent = db.prepare('SELECT action FROM change_events WHERE seq = ?').pluck().get(r.local_seq) as ActionName;

    // Every local event on the target the server did not take goes on marked superseded (kept in its log).
    const waiting = waitingOnTarget(db, target);
    const supersede = db.prepare("UPDATE outbox SET parked = NULL, parked_reason = NULL, parked_at = NULL, resolution = 'superseded', next_attempt_at = NULL WHERE seq = ?");
    for (const w of waiting) supersede.run(w.seq);

    // The server's events on the target, in its order: the local state becomes the server's.
    const affected = new Set<string>();
    let applied = 0;
    const drop = db.prepare('DELETE FROM sync_held_events WHERE event_id = ?');
    for (const h of heldFor(db, key)) {
      const w = JSON.parse(h.event_json) as WireEvent;
      for (const id of applyServerEvent(db, w, h.server_revision).sampleIds) affected.add(id);
      drop.run(h.event_id);
      applied++;
    }
    const theirs = stateLookup(db)(key);

    let eventId: string | null = null;
    if (choice === 'mine' && curator && !sameValue(mine, theirs.value)) {
      eventId = newId();
      const restore: ChangeEvent = {
        id: eventId,
        changeset: newId(),
        actor: curator.id,
        device: curator.device,
        action: restoreAction(r.target_kind, mine, mineEvent),
        target,
        baseRevision: theirs.revision,
        before: theirs.value,
        after: mine,
        reason: keptMineReason(r.target_kind, mine, theirs.value, r.server_actor_name ?? r.server_actor),
        at: now,
        undoes: null,
      };
      appendEvents(db, [restore]);
      for (const id of gatingSamples(db, target)) affected.add(id);
    }
    db.prepare("UPDATE sync_conflicts SET status = 'resolved', resolution = ?, mine_value_json = ?, resolved_at = ?, resolved_by = ?, resolution_event_id = ? WHERE id = ?").run(
      choice,
      JSON.stringify(mine ?? null),
      now,
      options.resolvedBy ?? curator?.name ?? 'automatic',
      eventId,
      conflictId,
    );
    const out = { changedSamples: new Set<string>(target.sampleId ? [target.sampleId] : []), errors: [] as string[] };
    recomputeAll(db, affected, options.recompute, out);
    return { conflictId, choice, applied, superseded: waiting.length, eventId, changedSamples: [...out.changedSamples], errors: out.errors };
  })();
  return result;
}

/**
 * Conflicts whose two versions are the same value (two people made the same decision) are settled as "theirs"
 * without asking: nothing is lost, both events stay in the audit and the server's log.
 */
export function settleIdenticalConflicts(db: Database, recompute: RecomputeSample | undefined): ResolveResult[] {
  const settled: ResolveResult[] = [];
  for (const c of listConflicts(db)) {
    if (!c.ready) continue;
    const held = heldFor(db, targetKey(c.target));
    const latest = held.at(-1);
    const theirs = latest ? ((JSON.parse(latest.event_json) as WireEvent).after ?? null) : c.theirs.value;
    if (!sameValue(c.mine.value, theirs)) continue;
    settled.push(resolveConflict(db, c.id, 'theirs', null, { resolvedBy: 'automatic: both versions were the same', ...(recompute ? { recompute } : {}) }));
  }
  return settled;
}
