/**
 * Others' events, pulled from the server, applied to this library: appended with their own ids (so they are
 * recognised when they come again), the target's state and the sample columns updated as for a local event,
 * nothing queued. An event on a target where a local change still waits is not applied: it is held, and the two
 * versions become a conflict for the user to settle. Gating events recompute the abundances they affect.
 */
import type { Database } from 'better-sqlite3';
import type { Target } from '../../shared/model/change-event.js';
import { targetKey } from '../../shared/model/change-event.js';
import { fromWireEvent, wireTarget } from '../../shared/sync/wire-event.js';
import type { WireEvent } from '../../shared/sync/sync-protocol.js';
import { wireEventSchema } from '../../shared/sync/sync-protocol.js';
import { appendRemoteEvents, objectIdOf } from '../library/change-store.js';
import { samplesUsingTemplate } from '../library/gating-store.js';
import { knownEventSeq, markSent, park, waitingOnTarget } from './outbox-queue.js';
import type { PulledPage } from './sync-client.js';
import { recordServerRevision, setPullCursor } from './sync-state.js';

/** Target kinds whose change alters a sample's abundances (as the service's act() recomputes them). */
const gatingKinds = new Set(['template', 'template-assignment', 'gate-override', 'volume', 'trigger-confirmation']);

/** Recomputes one sample's abundances (the service passes its recomputeSample). */
export type RecomputeSample = (sampleId: string) => void;

export interface ServerVersion {
  value: unknown;
  revision: number;
  eventId: string;
  actor: string;
  actorName: string | null;
  device: string;
  at: string;
}

export interface PullOutcome {
  applied: number;
  held: number;
  /** Conflicts newly recorded. */
  conflicts: number;
  /** Own events the server confirmed (their push answer had been lost). */
  confirmed: number;
  /** Samples whose state changed here (for the UI to refresh). */
  changedSamples: Set<string>;
  errors: string[];
}

const strictWire = wireEventSchema.strip();

function known(db: Database, table: 'change_actions' | 'change_target_kinds', column: 'action' | 'kind', value: string): boolean {
  return db.prepare(`SELECT 1 FROM ${table} WHERE ${column} = ?`).get(value) !== undefined;
}

/** Puts the server's actor in the curators table so the audit shows a name. */
export function rememberRemoteActor(db: Database, actor: string, name: string | null, at: string): void {
  db.prepare(
    'INSERT INTO curators (id, name, first_seen) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = CASE WHEN excluded.name <> excluded.id THEN excluded.name ELSE curators.name END',
  ).run(actor, name ?? actor, at);
}

/** Applies one server event to the local state (caller's transaction); returns the samples whose abundances it affects. */
export function applyServerEvent(db: Database, w: WireEvent, serverRevision: number): { sampleIds: string[] } {
  const event = fromWireEvent(w, 0);
  rememberRemoteActor(db, w.actor, w.actorName, w.at);
  appendRemoteEvents(db, [event]);
  recordServerRevision(db, targetKey(event.target), serverRevision);
  return { sampleIds: gatingSamples(db, event.target) };
}

/** The samples whose abundances a change to this target affects (none for non-gating targets). */
export function gatingSamples(db: Database, target: Target): string[] {
  if (!gatingKinds.has(target.kind)) return [];
  if (target.kind === 'template') return samplesUsingTemplate(db, target.templateId ?? '');
  return target.sampleId ? [target.sampleId] : [];
}

export function holdEvent(db: Database, eventId: string, serverSeq: number, serverRevision: number, key: string, eventJson: string, reason: 'conflict' | 'unsupported', detail: string | null): void {
  db.prepare(
    `INSERT INTO sync_held_events (event_id, server_seq, server_revision, target_key, event_json, reason, detail, held_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING`,
  ).run(eventId, serverSeq, serverRevision, key, eventJson, reason, detail, new Date().toISOString());
}

/**
 * Records that the server holds another version of a target where a local change waits: one open conflict per
 * target (newer news about it updates the server side), the first waiting local event parked. Returns true when a
 * new conflict was opened.
 */
export function noteConflict(db: Database, target: Target, server: ServerVersion, by: 'push' | 'pull'): boolean {
  const key = targetKey(target);
  const now = new Date().toISOString();
  const open = db.prepare("SELECT id, server_revision FROM sync_conflicts WHERE target_key = ? AND status = 'open'").get(key) as { id: number; server_revision: number } | undefined;
  const who = server.actorName ?? server.actor;
  if (open) {
    if (server.revision > open.server_revision) {
      db.prepare(
        `UPDATE sync_conflicts SET server_value_json = ?, server_revision = ?, server_event_id = ?, server_actor = ?, server_actor_name = ?, server_device = ?, server_at = ?
         WHERE id = ?`,
      ).run(JSON.stringify(server.value ?? null), server.revision, server.eventId, server.actor, server.actorName, server.device, server.at, open.id);
    }
    return false;
  }
  const waiting = waitingOnTarget(db, target);
  const first = waiting[0];
  if (!first) return false;
  db.prepare(
    `INSERT INTO sync_conflicts (target_key, sample_id, target_kind, target_group, object_id, local_seq, local_event_id, server_value_json,
       server_revision, server_event_id, server_actor, server_actor_name, server_device, server_at, detected_at, detected_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    key,
    target.sampleId,
    target.kind,
    target.group ?? null,
    objectIdOf(target),
    first.seq,
    first.id,
    JSON.stringify(server.value ?? null),
    server.revision,
    server.eventId,
    server.actor,
    server.actorName,
    server.device,
    server.at,
    now,
    by,
  );
  if (first.parked === null) park(db, first.seq, 'conflict', `${who} changed it on the server meanwhile (revision ${server.revision}); choose which version to keep`, now);
  return true;
}

/** True when this library has a local change to the target that has not reached the server. */
function localChangeWaits(db: Database, target: Target): boolean {
  return waitingOnTarget(db, target).length > 0;
}

function heldOn(db: Database, key: string): boolean {
  return db.prepare('SELECT 1 FROM sync_held_events WHERE target_key = ? LIMIT 1').get(key) !== undefined;
}

/**
 * Applies one page of pulled events and moves the cursor past it, in one transaction (a crash re-pulls the page;
 * events already here are recognised by id). Each event is applied in its own savepoint, so one that this library
 * cannot take is held aside with the reason instead of stopping the pull.
 */
export function applyPulledPage(db: Database, page: PulledPage, recompute: RecomputeSample | undefined): PullOutcome {
  const out: PullOutcome = { applied: 0, held: 0, conflicts: 0, confirmed: 0, changedSamples: new Set(), errors: [] };
  db.transaction(() => {
    const affected = new Set<string>();
    for (const p of page.events) {
      const parsed = strictWire.safeParse(p.event);
      if (!parsed.success) {
        const raw = p.event as { id?: unknown } | null;
        const id = raw && typeof raw.id === 'string' ? raw.id : `server-seq-${p.serverSeq}`;
        const first = parsed.error.issues[0];
        holdEvent(db, id, p.serverSeq, p.serverRevision, '', JSON.stringify(p.event ?? null), 'unsupported', `not a valid event (${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'})`);
        out.held++;
        out.errors.push(`server event ${id} is not valid and was set aside`);
        continue;
      }
      const w = parsed.data;
      const target = wireTarget(w);
      const key = targetKey(target);
      const ownSeq = knownEventSeq(db, w.id);
      if (ownSeq !== undefined) {
        // Ours (or pulled before): the server has it, so a lost push answer is made good here.
        const row = db.prepare('SELECT sent_at, resolution FROM outbox WHERE seq = ?').get(ownSeq) as { sent_at: string | null; resolution: string | null } | undefined;
        if (row && row.sent_at === null) {
          const applied = w.resolution !== 'superseded';
          markSent(db, ownSeq, p.serverSeq, applied ? p.serverRevision : null, new Date().toISOString());
          out.confirmed++;
        }
        if (w.resolution !== 'superseded') recordServerRevision(db, key, p.serverRevision);
        continue;
      }
      if (db.prepare('SELECT 1 FROM sync_held_events WHERE event_id = ?').get(w.id)) continue;
      // Someone's choice of the other version: kept in the server's log, changes nothing.
      if (w.resolution === 'superseded') continue;
      const json = JSON.stringify(w);
      if (!known(db, 'change_actions', 'action', w.action) || !known(db, 'change_target_kinds', 'kind', w.target.kind)) {
        holdEvent(db, w.id, p.serverSeq, p.serverRevision, key, json, 'unsupported', `this version of CytoCurator does not know ${known(db, 'change_actions', 'action', w.action) ? `target kind "${w.target.kind}"` : `action "${w.action}"`}; update CytoCurator`);
        out.held++;
        continue;
      }
      if (heldOn(db, key)) {
        // Later events on a target wait behind the held one, in order.
        const conflict = localChangeWaits(db, target);
        holdEvent(db, w.id, p.serverSeq, p.serverRevision, key, json, conflict ? 'conflict' : 'unsupported', conflict ? null : 'waits behind an earlier event of the same target that could not be applied');
        if (conflict) noteConflict(db, target, versionOf(w, p.serverRevision), 'pull');
        out.held++;
        continue;
      }
      if (localChangeWaits(db, target)) {
        holdEvent(db, w.id, p.serverSeq, p.serverRevision, key, json, 'conflict', null);
        if (noteConflict(db, target, versionOf(w, p.serverRevision), 'pull')) out.conflicts++;
        out.held++;
        continue;
      }
      try {
        const { sampleIds } = db.transaction(() => applyServerEvent(db, w, p.serverRevision))();
        for (const id of sampleIds) affected.add(id);
        if (target.sampleId) out.changedSamples.add(target.sampleId);
        out.applied++;
      } catch (err) {
        holdEvent(db, w.id, p.serverSeq, p.serverRevision, key, json, 'unsupported', `could not be applied: ${(err as Error).message}`);
        out.held++;
        out.errors.push(`server event ${w.id} could not be applied: ${(err as Error).message}`);
      }
    }
    setPullCursor(db, page.last);
    recomputeAll(db, affected, recompute, out);
  })();
  return out;
}

export function recomputeAll(db: Database, sampleIds: Iterable<string>, recompute: RecomputeSample | undefined, out: { changedSamples: Set<string>; errors: string[] }): void {
  if (!recompute) return;
  for (const id of sampleIds) {
    out.changedSamples.add(id);
    try {
      db.transaction(() => recompute(id))();
    } catch (err) {
      out.errors.push(`abundances of sample ${id} were not recomputed: ${(err as Error).message}`);
    }
  }
}

export function versionOf(w: WireEvent, serverRevision: number): ServerVersion {
  return { value: w.after ?? null, revision: serverRevision, eventId: w.id, actor: w.actor, actorName: w.actorName, device: w.device, at: w.at };
}
