import { sameValue } from '../../shared/model/change-event.js';
import type { PushResult, WireEvent } from '../../shared/sync/sync-protocol.js';
import { roleMayPush } from '../../shared/sync/sync-protocol.js';
import type { SqlDriver, SqlExecutor } from '../db/sql-driver.js';
import type { Caller } from './accounts.js';
import { UNSTORABLE_TEXT, afterProblem, hasUnstorableText, targetProblem, wireTargetKey } from './event-rules.js';
import { applyToProjections } from './projections.js';

/**
 * Taken by every push transaction: events are numbered in commit order, so a pull that has seen `server_seq` N has
 * seen everything before it (with concurrent writers a later number could otherwise commit first and a puller
 * skip the earlier one for ever), and a target's revision is read and bumped by one writer at a time.
 */
const LOG_LOCK = 0x43430002;

/** What an applied batch touched, for the publication hook. */
export interface Touched {
  samples: Set<string>;
  datasets: boolean;
}

interface StateRow {
  revision: number;
  value: unknown;
  last_event_id: string;
  last_actor: string;
  last_actor_name: string | null;
  last_device: string;
  last_at: string;
}

/**
 * Applies events in the order given, in one transaction (one commit for the batch, the log lock taken once), each
 * inside its own savepoint: a failure inside one event leaves no trace of it, the events before it are committed,
 * and the error is passed on (the client sends the rest again). A refused or conflicting event is an answer, not a
 * failure: it does not hold back the others.
 */
export async function pushEvents(db: SqlDriver, caller: Caller, events: readonly WireEvent[]): Promise<{ results: PushResult[]; touched: Touched }> {
  const results: PushResult[] = [];
  const touched: Touched = { samples: new Set(), datasets: false };
  const failure = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOG_LOCK]);
    for (const e of events) {
      await tx.query('SAVEPOINT push_event');
      let result: PushResult;
      try {
        result = await pushOne(tx, caller, e);
      } catch (err) {
        await tx.query('ROLLBACK TO SAVEPOINT push_event');
        return { err };
      }
      await tx.query('RELEASE SAVEPOINT push_event');
      results.push(result);
      if (result.status === 'applied') {
        if (e.target.kind === 'dataset') touched.datasets = true;
        else if (e.target.sampleId && ['review', 'flag', 'value-flag'].includes(e.target.kind)) touched.samples.add(e.target.sampleId);
      }
    }
    return null;
  });
  if (failure) throw failure.err;
  return { results, touched };
}

/** The event without what may legitimately differ between two sendings of it (the base it is rebased on, the resolution). */
function identity(e: unknown): unknown {
  const { serverBase: _b, resolution: _r, ...rest } = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
  return rest;
}

async function pushOne(tx: SqlExecutor, caller: Caller, e: WireEvent): Promise<PushResult> {
  if (hasUnstorableText(e)) return { id: e.id, status: 'refused', reason: `the event contains ${UNSTORABLE_TEXT}` };

  const known = await tx.query<{ server_seq: number; revision: number; status: string; event: unknown }>('SELECT server_seq, revision, status, event FROM events WHERE event_id = $1', [
    e.id,
  ]);
  if (known[0]) {
    if (!sameValue(identity(known[0].event), identity(e))) {
      return { id: e.id, status: 'refused', reason: `event ${e.id} was already received with different content; an event id is never reused` };
    }
    // A superseded event sent again is still only superseded (it produced no revision).
    if (known[0].status === 'superseded') return { id: e.id, status: 'superseded', serverSeq: known[0].server_seq };
    return { id: e.id, status: 'duplicate', serverSeq: known[0].server_seq, serverRevision: known[0].revision };
  }

  if (!roleMayPush(caller.role, e.action, e.target.kind)) {
    return { id: e.id, status: 'refused', reason: `the role "${caller.role}" of ${caller.name} may not ${e.action.replace(/-/g, ' ')}` };
  }
  const problem = targetProblem(e.target) ?? afterProblem(e);
  if (problem) return { id: e.id, status: 'refused', reason: problem };

  const key = wireTargetKey(e.target);
  const state = (await tx.query<StateRow>('SELECT revision, value, last_event_id, last_actor, last_actor_name, last_device, last_at FROM target_state WHERE target_key = $1', [key]))[0];
  const revision = state?.revision ?? 0;
  const log = (status: 'applied' | 'superseded', rev: number) =>
    tx.query<{ server_seq: number }>(
      'INSERT INTO events (event_id, target_key, device, status, revision, event, user_id, token_id) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8) RETURNING server_seq',
      [e.id, key, e.device, status, rev, JSON.stringify(e), caller.id, caller.tokenId],
    );

  if (e.resolution === 'superseded') {
    const [row] = await log('superseded', revision);
    return { id: e.id, status: 'superseded', serverSeq: row!.server_seq };
  }

  // A target the server has never held has no version to lose: the event applies whatever its base (a server
  // restored from an older backup takes the workstations' changes back this way).
  if (state && e.serverBase !== revision && !(await onlyOwnEventsSince(tx, key, e.serverBase, revision, e.device))) {
    return {
      id: e.id,
      status: 'conflict',
      current: { value: state.value ?? null, revision, eventId: state.last_event_id, actor: state.last_actor, actorName: state.last_actor_name, device: state.last_device, at: state.last_at },
    };
  }

  const next = revision + 1;
  const [row] = await log('applied', next);
  const t = e.target;
  const after = e.after === undefined || e.after === null ? null : JSON.stringify(e.after);
  await tx.query(
    `INSERT INTO target_state (target_key, kind, sample_id, target_group, template_id, dataset_id, entry_id, revision, value,
       last_event_id, last_actor, last_actor_name, last_device, last_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13, $14)
     ON CONFLICT (target_key) DO UPDATE SET revision = EXCLUDED.revision, value = EXCLUDED.value, last_event_id = EXCLUDED.last_event_id,
       last_actor = EXCLUDED.last_actor, last_actor_name = EXCLUDED.last_actor_name, last_device = EXCLUDED.last_device, last_at = EXCLUDED.last_at`,
    [key, t.kind, t.sampleId, t.group ?? null, t.templateId ?? null, t.datasetId ?? null, t.entryId ?? null, next, after, e.id, e.actor, e.actorName, e.device, e.at],
  );
  await applyToProjections(tx, e, key, next);
  return { id: e.id, status: 'applied', serverSeq: row!.server_seq, serverRevision: next };
}

/**
 * A device's successive changes to one target are pushed in order, each naming the server revision the device
 * knew when it made them (the same one for all, until it hears back). Those in between came from that very
 * device, so the event was made knowing them: not a conflict. Any revision from another device since the base is.
 */
async function onlyOwnEventsSince(tx: SqlExecutor, key: string, base: number, revision: number, device: string): Promise<boolean> {
  if (base > revision) return false;
  const rows = await tx.query<{ n: number; others: number }>(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE device <> $3)::int AS others
     FROM events WHERE target_key = $1 AND status = 'applied' AND revision > $2`,
    [key, base, device],
  );
  const r = rows[0];
  return r !== undefined && r.n === revision - base && r.others === 0;
}
