/**
 * The change-event store: appends events, updates the current state of their targets, mirrors sample-level state
 * into the samples table (for sorting and filtering), and queues every event in the outbox — one transaction per
 * action, so a decision is durable as soon as the UI shows it.
 */
import type { Database } from 'better-sqlite3';
import type { ApprovalSnapshot, ChangeEvent, FlagValue, ReviewValue, CommentValue, StateLookup, TargetState, TargetValue } from '../../shared/model/change-event.js';
import { emptyState, targetKey } from '../../shared/model/change-event.js';
import type { Flag } from '../../shared/model/flag-schemes.js';
import type { CuratorProfile } from '../common/curator-profile.js';

/** A change_events row as stored. */
export interface EventRow {
  seq: number;
  id: string;
  changeset: string;
  actor: string;
  device: string;
  action: ChangeEvent['action'];
  sample_id: string | null;
  object_id: string | null;
  target_kind: ChangeEvent['target']['kind'];
  target_group: string | null;
  base_revision: number;
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
  at: string;
  undoes: string | null;
}

export function toEvent(r: EventRow): ChangeEvent {
  return {
    id: r.id,
    changeset: r.changeset,
    actor: r.actor,
    device: r.device,
    action: r.action,
    target: {
      sampleId: r.sample_id,
      kind: r.target_kind,
      ...(r.target_group !== null ? { group: r.target_group } : {}),
      ...objectField(r.target_kind, r.object_id),
    },
    baseRevision: r.base_revision,
    before: r.before_json === null ? null : (JSON.parse(r.before_json) as TargetValue),
    after: r.after_json === null ? null : (JSON.parse(r.after_json) as TargetValue),
    reason: r.reason,
    at: r.at,
    undoes: r.undoes,
  };
}

/** The library-wide object an event names, under the Target field its kind uses. */
function objectField(kind: string, objectId: string | null): Partial<ChangeEvent['target']> {
  if (objectId === null) return {};
  if (kind === 'dataset') return { datasetId: objectId };
  if (kind.startsWith('somlit')) return { entryId: objectId };
  return { templateId: objectId };
}

/** object_id of an event's target (templates, gate overrides, datasets, SOMLIT entries). */
export function objectIdOf(target: ChangeEvent['target']): string | null {
  return target.templateId ?? target.datasetId ?? target.entryId ?? null;
}

export function stateLookup(db: Database): StateLookup {
  const get = db.prepare('SELECT value_json, revision FROM target_state WHERE target_key = ?');
  return (key) => {
    const row = get.get(key) as { value_json: string | null; revision: number } | undefined;
    return row ? { value: row.value_json === null ? null : (JSON.parse(row.value_json) as TargetValue), revision: row.revision } : emptyState;
  };
}

export function rememberCurator(db: Database, profile: CuratorProfile): void {
  db.prepare('INSERT INTO curators (id, name, first_seen) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name').run(
    profile.id,
    profile.name,
    new Date().toISOString(),
  );
}

/** Appends planned events. Must run inside the caller's transaction, right after planning from the same state. */
export function appendEvents(db: Database, events: readonly ChangeEvent[]): void {
  writeEvents(db, events, 'local');
}

/**
 * Appends events pulled from the sync server (made elsewhere, keeping their ids): state and sample columns are
 * updated as for local events, each landing on the target's current local revision, and nothing is queued in the
 * outbox. Must run inside the caller's transaction (electron/sync decides which events may apply).
 */
export function appendRemoteEvents(db: Database, events: readonly ChangeEvent[]): void {
  writeEvents(db, events, 'remote');
}

function writeEvents(db: Database, events: readonly ChangeEvent[], origin: 'local' | 'remote'): void {
  const insert = db.prepare(
    `INSERT INTO change_events (id, changeset, actor, device, action, sample_id, target_kind, target_group, object_id, base_revision,
       before_json, after_json, reason, at, undoes)
     VALUES (@id, @changeset, @actor, @device, @action, @sampleId, @kind, @group, @objectId, @baseRevision, @before, @after, @reason, @at, @undoes)`,
  );
  const current = db.prepare('SELECT revision FROM target_state WHERE target_key = ?').pluck();
  const upsert = db.prepare(
    `INSERT INTO target_state (target_key, sample_id, target_kind, target_group, object_id, value_json, revision, last_seq)
     VALUES (@key, @sampleId, @kind, @group, @objectId, @value, @revision, @seq)
     ON CONFLICT (target_key) DO UPDATE SET value_json = excluded.value_json, revision = excluded.revision, last_seq = excluded.last_seq`,
  );
  const outbox = db.prepare('INSERT INTO outbox (seq, queued_at) VALUES (?, ?)');
  const actorName = db.prepare('SELECT name FROM curators WHERE id = ?').pluck();
  const setFlag = db.prepare('UPDATE samples SET flag_scheme = ?, flag_code = ? WHERE id = ?');
  const setReview = db.prepare('UPDATE samples SET review_state = ?, reviewer = ? WHERE id = ?');
  const setComment = db.prepare('UPDATE samples SET comment = ? WHERE id = ?');
  for (const e of events) {
    const key = targetKey(e.target);
    const revision = (current.get(key) as number | undefined) ?? 0;
    if (origin === 'local' && revision !== e.baseRevision) {
      // Planned against an older state: never apply a decision to values its author did not see.
      throw new Error(`${key}: planned at revision ${e.baseRevision} but the target is at ${revision}`);
    }
    const seq = Number(
      insert.run({
        id: e.id,
        changeset: e.changeset,
        actor: e.actor,
        device: e.device,
        action: e.action,
        sampleId: e.target.sampleId,
        kind: e.target.kind,
        group: e.target.group ?? null,
        objectId: objectIdOf(e.target),
        baseRevision: origin === 'local' ? e.baseRevision : revision,
        before: e.before === null ? null : JSON.stringify(e.before),
        after: e.after === null ? null : JSON.stringify(e.after),
        reason: e.reason,
        at: e.at,
        undoes: e.undoes,
      }).lastInsertRowid,
    );
    upsert.run({ key, sampleId: e.target.sampleId, kind: e.target.kind, group: e.target.group ?? null, objectId: objectIdOf(e.target), value: e.after === null ? null : JSON.stringify(e.after), revision: revision + 1, seq });
    if (origin === 'local') outbox.run(seq, e.at);
    if (e.target.kind === 'flag') {
      const f = e.after as FlagValue | null;
      setFlag.run(f?.scheme ?? null, f?.code ?? null, e.target.sampleId);
    } else if (e.target.kind === 'review') {
      const r = e.after as ReviewValue | null;
      setReview.run(r?.state ?? 'unreviewed', r ? ((actorName.get(e.actor) as string | undefined) ?? e.actor) : null, e.target.sampleId);
    } else if (e.target.kind === 'comment') {
      setComment.run((e.after as CommentValue | null)?.text ?? null, e.target.sampleId);
    }
  }
}

export function changesetEvents(db: Database, changeset: string): ChangeEvent[] {
  return (db.prepare('SELECT * FROM change_events WHERE changeset = ? ORDER BY seq').all(changeset) as EventRow[]).map(toEvent);
}

export interface AuditEntry extends ChangeEvent {
  actorName: string | null;
}

export function sampleAudit(db: Database, sampleId: string): AuditEntry[] {
  const rows = db
    .prepare('SELECT e.*, c.name AS actor_name FROM change_events e LEFT JOIN curators c ON c.id = e.actor WHERE e.sample_id = ? ORDER BY e.seq')
    .all(sampleId) as (EventRow & { actor_name: string | null })[];
  return rows.map((r) => ({ ...toEvent(r), actorName: r.actor_name }));
}

/** What an approval of this sample approves now: its import version, flags and group counts. */
export function approvalSnapshot(db: Database, sampleId: string): ApprovalSnapshot {
  const lookup = stateLookup(db);
  const flag = lookup(targetKey({ sampleId, kind: 'flag' })).value as FlagValue | null;
  const valueFlags: Record<string, Flag> = {};
  for (const row of db.prepare("SELECT target_group, value_json FROM target_state WHERE sample_id = ? AND target_kind = 'value-flag' ORDER BY target_group").all(sampleId) as {
    target_group: string;
    value_json: string | null;
  }[]) {
    if (row.value_json) {
      const v = JSON.parse(row.value_json) as FlagValue;
      valueFlags[row.target_group] = { scheme: v.scheme, code: v.code };
    }
  }
  const current = db.prepare('SELECT i.id, i.version FROM samples s LEFT JOIN imports i ON i.id = s.current_import_id WHERE s.id = ?').get(sampleId) as
    | { id: number | null; version: number | null }
    | undefined;
  const counts: Record<string, number> = {};
  const abundances: Record<string, number | null> = {};
  let template: ApprovalSnapshot['template'];
  const groups = db.prepare('SELECT name, events, abundance_per_ml, source FROM sample_groups WHERE sample_id = ? ORDER BY name').all(sampleId) as {
    name: string;
    events: number | null;
    abundance_per_ml: number | null;
    source: 'template' | 'cytoclus';
  }[];
  for (const g of groups) {
    if (g.events !== null) counts[g.name] = g.events;
    if (g.source === 'template') abundances[g.name] = g.abundance_per_ml;
  }
  const produced = db.prepare('SELECT template_id, template_version, overrides_json FROM abundances WHERE sample_id = ? LIMIT 1').get(sampleId) as
    | { template_id: string; template_version: number; overrides_json: string }
    | undefined;
  if (produced) template = { id: produced.template_id, version: produced.template_version, overrides: JSON.parse(produced.overrides_json) as Record<string, number> };
  const snapshot: ApprovalSnapshot = { importVersion: current?.version ?? null, flag: flag ? { scheme: flag.scheme, code: flag.code } : null, valueFlags, counts };
  // Only samples with a template carry these keys, so approvals made before gating still compare equal.
  if (template) Object.assign(snapshot, { abundances, template });
  return snapshot;
}

export type { TargetState };
