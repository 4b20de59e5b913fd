/**
 * Pushes the outbox: local events in order, at most 500 a request, each naming the server revision of its target it
 * was made against. Only the first waiting event of a target goes in a batch (the next one is made against the
 * first, so it waits for the first's answer); events of a target with a parked event wait behind it, while other
 * targets keep flowing. Answers are marked in one transaction per batch; the server applies an event once by its id,
 * so a batch whose answer was lost is simply sent again.
 */
import type { Database } from 'better-sqlite3';
import type { PushEventsResponse, WireEvent } from '../../shared/sync/sync-protocol.js';
import { MAX_JSON_BODY_BYTES, wireEventSchema } from '../../shared/sync/sync-protocol.js';
import { toWireEvent } from '../../shared/sync/wire-event.js';
import type { QueuedEvent } from './outbox-queue.js';
import { markSent, park, recordAttempt, unsentEvents } from './outbox-queue.js';
import { noteConflict } from './remote-events.js';
import type { Retrier } from './retry.js';
import type { SyncClient } from './sync-client.js';
import { SyncRequestError } from './sync-client.js';
import { knownServerRevision, recordServerRevision } from './sync-state.js';

export const MAX_EVENTS_PER_PUSH = 500;
/** Headroom under the server's JSON limit for the envelope and for estimates. */
const BODY_BUDGET = Math.floor(MAX_JSON_BODY_BYTES * 0.75);

export interface PushOutcome {
  pushed: number;
  parked: number;
  conflicts: number;
  errors: string[];
  /** Set when pushing stopped on a failure retrying did not fix (the rest waits for the next sync). */
  stopped: SyncRequestError | null;
}

interface Planned {
  queued: QueuedEvent;
  wire: WireEvent;
}

/** The next batch: the first waiting event of each target not held back by a parked one, in outbox order. */
function nextBatch(db: Database, limit: number, invalid: (q: QueuedEvent, why: string) => void): Planned[] {
  const blocked = new Set<string>();
  const batch: Planned[] = [];
  const actorName = db.prepare('SELECT name FROM curators WHERE id = ?').pluck();
  let after = 0;
  let bytes = 0;
  for (;;) {
    const page = unsentEvents(db, after, 2000);
    if (page.length === 0) break;
    for (const q of page) {
      after = q.seq;
      if (blocked.has(q.key)) continue;
      blocked.add(q.key);
      if (q.parked !== null) continue;
      const wire = toWireEvent(q.event, knownServerRevision(db, q.key), (actorName.get(q.event.actor) as string | undefined) ?? null, q.superseded);
      const check = wireEventSchema.safeParse(wire);
      if (!check.success) {
        const first = check.error.issues[0];
        invalid(q, `the event cannot be sent: ${first ? `${first.path.join('.') || 'event'} ${first.message}` : 'invalid'}`);
        continue;
      }
      const size = JSON.stringify(wire).length + 1;
      if (batch.length > 0 && bytes + size > BODY_BUDGET) return batch;
      batch.push({ queued: q, wire });
      bytes += size;
      if (batch.length >= limit) return batch;
    }
  }
  return batch;
}

/** Marks the answers of one batch (one transaction). */
function applyResults(db: Database, batch: readonly Planned[], response: PushEventsResponse, out: PushOutcome): boolean {
  const byId = new Map(response.results.map((r) => [r.id, r]));
  let missing = false;
  db.transaction(() => {
    const now = new Date().toISOString();
    for (const { queued, wire } of batch) {
      const r = byId.get(wire.id);
      if (!r) {
        missing = true;
        continue;
      }
      switch (r.status) {
        case 'applied':
        case 'duplicate':
          markSent(db, queued.seq, r.serverSeq ?? null, r.serverRevision ?? null, now);
          if (r.serverRevision !== undefined) recordServerRevision(db, queued.key, r.serverRevision);
          out.pushed++;
          break;
        case 'superseded':
          markSent(db, queued.seq, r.serverSeq ?? null, null, now);
          out.pushed++;
          break;
        case 'conflict': {
          const current = r.current;
          if (current) {
            if (noteConflict(db, queued.event.target, current, 'push')) out.conflicts++;
            // noteConflict parks the first waiting event; this one is it (only the first of a target is sent).
            park(db, queued.seq, 'conflict', `${current.actorName ?? current.actor} changed it on the server meanwhile (revision ${current.revision}); choose which version to keep`, now);
          } else {
            park(db, queued.seq, 'conflict', r.reason ?? 'the server holds a newer version of this target', now);
          }
          out.parked++;
          break;
        }
        case 'refused':
          park(db, queued.seq, 'refused', r.reason ?? 'refused by the server (no reason given)', now);
          out.parked++;
          out.errors.push(`refused by the server: ${r.reason ?? 'no reason given'}`);
          break;
      }
    }
  })();
  return !missing;
}

/**
 * Sends one batch; a batch the server refuses as a whole (malformed, too large) is split until the event at fault
 * is found and parked with the server's reason, so one bad event never holds back the others.
 */
async function sendBatch(db: Database, client: SyncClient, retry: Retrier, batch: readonly Planned[], out: PushOutcome): Promise<void> {
  let response: PushEventsResponse;
  try {
    response = await retry(() => client.pushEvents(batch.map((p) => p.wire)));
  } catch (err) {
    if (err instanceof SyncRequestError && err.kind === 'refused' && err.status !== 403) {
      if (batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        await sendBatch(db, client, retry, batch.slice(0, half), out);
        if (out.stopped) return;
        await sendBatch(db, client, retry, batch.slice(half), out);
        return;
      }
      const only = batch[0] as Planned;
      db.transaction(() => park(db, only.queued.seq, 'refused', `refused by the server: ${err.message}`, new Date().toISOString()))();
      out.parked++;
      out.errors.push(`refused by the server: ${err.message}`);
      return;
    }
    if (err instanceof SyncRequestError && err.kind === 'refused') {
      // 403 for the whole request: this account may not push at all (a reader, a revoked role). Parked, not dropped.
      const now = new Date().toISOString();
      db.transaction(() => {
        for (const p of batch) park(db, p.queued.seq, 'refused', `refused by the server: ${err.message}`, now);
      })();
      out.parked += batch.length;
      out.errors.push(`refused by the server: ${err.message}`);
      return;
    }
    const e = err instanceof SyncRequestError ? err : new SyncRequestError('server', (err as Error).message);
    db.transaction(() => recordAttempt(db, batch.map((p) => p.queued.seq), e.message, retry.nextAttemptAt()))();
    out.stopped = e;
    return;
  }
  if (!applyResults(db, batch, response, out)) {
    out.stopped = new SyncRequestError('server', 'the server did not answer for every event sent; the rest is sent again next time');
  }
}

export async function pushEvents(db: Database, client: SyncClient, retry: Retrier, options: { maxBatches?: number; deadline?: number } = {}): Promise<PushOutcome> {
  const out: PushOutcome = { pushed: 0, parked: 0, conflicts: 0, errors: [], stopped: null };
  const maxBatches = options.maxBatches ?? 10_000;
  for (let i = 0; i < maxBatches; i++) {
    if (options.deadline !== undefined && Date.now() > options.deadline) break;
    const batch = nextBatch(db, MAX_EVENTS_PER_PUSH, (q, why) => {
      db.transaction(() => park(db, q.seq, 'refused', why, new Date().toISOString()))();
      out.parked++;
      out.errors.push(why);
    });
    if (batch.length === 0) break;
    await sendBatch(db, client, retry, batch, out);
    if (out.stopped) break;
  }
  return out;
}

