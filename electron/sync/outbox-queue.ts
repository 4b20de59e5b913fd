/**
 * The outbox as sync sees it: which local events still have to reach the server, which wait behind a parked one
 * on the same target, and the marks sync leaves on each row (sent with its server position, parked with a reason,
 * superseded by a conflict choice). Every mark is written inside the caller's transaction.
 */
import type { Database } from 'better-sqlite3';
import type { ChangeEvent, Target } from '../../shared/model/change-event.js';
import { targetKey } from '../../shared/model/change-event.js';
import type { EventRow } from '../library/change-store.js';
import { objectIdOf, toEvent } from '../library/change-store.js';

export interface QueuedEvent {
  seq: number;
  event: ChangeEvent;
  key: string;
  parked: 'conflict' | 'refused' | null;
  superseded: boolean;
  attempts: number;
}

interface QueuedRow extends EventRow {
  parked: 'conflict' | 'refused' | null;
  resolution: 'superseded' | null;
  attempts: number;
}

/** Unsent outbox rows after `afterSeq`, in order (parked ones included: they hold back their target). */
export function unsentEvents(db: Database, afterSeq: number, limit: number): QueuedEvent[] {
  const rows = db
    .prepare(
      `SELECT e.*, o.parked, o.resolution, o.attempts FROM outbox o JOIN change_events e ON e.seq = o.seq
       WHERE o.sent_at IS NULL AND o.seq > ? ORDER BY o.seq LIMIT ?`,
    )
    .all(afterSeq, limit) as QueuedRow[];
  return rows.map((r) => {
    const event = toEvent(r);
    return { seq: r.seq, event, key: targetKey(event.target), parked: r.parked, superseded: r.resolution === 'superseded', attempts: r.attempts };
  });
}

/** Local events on this target that have not reached the server and still compete (not superseded), in order. */
export function waitingOnTarget(db: Database, target: Target): { seq: number; id: string; parked: string | null }[] {
  return db
    .prepare(
      `SELECT o.seq, e.id, o.parked FROM outbox o JOIN change_events e ON e.seq = o.seq
       WHERE o.sent_at IS NULL AND o.resolution IS NULL AND e.target_kind = ? AND e.sample_id IS ? AND e.target_group IS ? AND e.object_id IS ?
       ORDER BY o.seq`,
    )
    .all(target.kind, target.sampleId, target.group ?? null, objectIdOf(target)) as { seq: number; id: string; parked: string | null }[];
}

export function markSent(db: Database, seq: number, serverSeq: number | null, serverRevision: number | null, at: string): void {
  db.prepare(
    `UPDATE outbox SET sent_at = ?, server_seq = ?, server_revision = ?, parked = NULL, parked_reason = NULL, parked_at = NULL, last_error = NULL, next_attempt_at = NULL
     WHERE seq = ? AND sent_at IS NULL`,
  ).run(at, serverSeq, serverRevision, seq);
}

export function park(db: Database, seq: number, kind: 'conflict' | 'refused', reason: string, at: string): void {
  db.prepare('UPDATE outbox SET parked = ?, parked_reason = ?, parked_at = ? WHERE seq = ? AND sent_at IS NULL').run(kind, reason, at, seq);
}

export function recordAttempt(db: Database, seqs: readonly number[], error: string, nextAttemptAt: string | null): void {
  const stmt = db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE seq = ?');
  for (const seq of seqs) stmt.run(error, nextAttemptAt, seq);
}

/** The event ids this library holds (its own and those already pulled). */
export function knownEventSeq(db: Database, id: string): number | undefined {
  return db.prepare('SELECT seq FROM change_events WHERE id = ?').pluck().get(id) as number | undefined;
}

export interface OutboxCounts {
  /** Unsent and free to go (or waiting behind a parked event of the same target). */
  remaining: number;
  parkedConflict: number;
  parkedRefused: number;
}

export function outboxCounts(db: Database): OutboxCounts {
  const r = db
    .prepare(
      `SELECT count(*) FILTER (WHERE parked IS NULL) AS remaining, count(*) FILTER (WHERE parked = 'conflict') AS conflict,
         count(*) FILTER (WHERE parked = 'refused') AS refused FROM outbox WHERE sent_at IS NULL`,
    )
    .get() as { remaining: number; conflict: number; refused: number };
  return { remaining: r.remaining, parkedConflict: r.conflict, parkedRefused: r.refused };
}

/** Puts refused events back in the queue (after the cause was fixed: a role restored, a new login). */
export function retryRefused(db: Database, seq?: number): number {
  const sql = "UPDATE outbox SET parked = NULL, parked_reason = NULL, parked_at = NULL, attempts = 0, next_attempt_at = NULL WHERE sent_at IS NULL AND parked = 'refused'";
  return seq === undefined ? db.prepare(sql).run().changes : db.prepare(`${sql} AND seq = ?`).run(seq).changes;
}
