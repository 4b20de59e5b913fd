import { sameValue } from '../../shared/model/change-event.js';
import type { PushResult, WireEvent } from '../../shared/sync/sync-protocol.js';
import { roleMayPush } from '../../shared/sync/sync-protocol.js';
import type { SqlDriver, SqlExecutor } from '../db/sql-driver.js';
import type { Caller } from './accounts.js';
import { UNSTORABLE_TEXT, afterProblem, hasUnstorableText, targetProblem, wireTargetKey } from './event-rules.js';
import { applyProjections } from './projections.js';

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

/** A log row waiting to be written, with the answer its server number goes into. */
interface LogRow {
  result: PushResult;
  event: WireEvent;
  key: string;
  status: 'applied' | 'superseded';
  revision: number;
}

/** The target's state as it stands after the events decided so far (written or waiting). */
interface TargetRow extends StateRow {
  event: WireEvent;
}

/**
 * What this batch has decided but not written yet: written together (one statement per table) when the batch ends
 * or before a question only the database can answer.
 */
class PendingWrites {
  log: LogRow[] = [];
  targets = new Map<string, TargetRow>();
  projections: { e: WireEvent; key: string; revision: number }[] = [];

  get empty(): boolean {
    return this.log.length === 0;
  }

  async flush(tx: SqlExecutor, caller: Caller): Promise<void> {
    if (this.empty) return;
    const { log, targets, projections } = this;
    this.log = [];
    this.targets = new Map();
    this.projections = [];
    // Numbered in the order decided (the ORDER BY feeds the sequence), so a puller replays them in that order.
    const rows = await tx.query<{ event_id: string; server_seq: number }>(
      `INSERT INTO events (event_id, target_key, device, status, revision, event, user_id, token_id)
       SELECT r.event_id, r.target_key, r.device, r.status, r.revision, r.event, $2, $3
       FROM jsonb_to_recordset($1::jsonb) AS r (ord integer, event_id text, target_key text, device text, status text, revision integer, event jsonb)
       ORDER BY r.ord
       RETURNING event_id, server_seq`,
      [JSON.stringify(log.map((l, ord) => ({ ord, event_id: l.event.id, target_key: l.key, device: l.event.device, status: l.status, revision: l.revision, event: l.event }))), caller.id, caller.tokenId],
    );
    const seq = new Map(rows.map((r) => [r.event_id, Number(r.server_seq)]));
    for (const l of log) l.result.serverSeq = seq.get(l.event.id);
    if (targets.size > 0) {
      await tx.query(
        `INSERT INTO target_state (target_key, kind, sample_id, target_group, template_id, dataset_id, entry_id, revision, value,
           last_event_id, last_actor, last_actor_name, last_device, last_at)
         SELECT r.target_key, r.kind, r.sample_id, r.target_group, r.template_id, r.dataset_id, r.entry_id, r.revision, r.value,
           r.last_event_id, r.last_actor, r.last_actor_name, r.last_device, r.last_at
         FROM jsonb_to_recordset($1::jsonb) AS r (target_key text, kind text, sample_id text, target_group text, template_id text, dataset_id text,
           entry_id text, revision integer, value jsonb, last_event_id text, last_actor text, last_actor_name text, last_device text, last_at text)
         ON CONFLICT (target_key) DO UPDATE SET revision = EXCLUDED.revision, value = EXCLUDED.value, last_event_id = EXCLUDED.last_event_id,
           last_actor = EXCLUDED.last_actor, last_actor_name = EXCLUDED.last_actor_name, last_device = EXCLUDED.last_device, last_at = EXCLUDED.last_at`,
        [
          JSON.stringify(
            [...targets].map(([key, s]) => {
              const t = s.event.target;
              return {
                target_key: key,
                kind: t.kind,
                sample_id: t.sampleId,
                target_group: t.group ?? null,
                template_id: t.templateId ?? null,
                dataset_id: t.datasetId ?? null,
                entry_id: t.entryId ?? null,
                revision: s.revision,
                // SQL NULL (not JSON null) for a cleared value, as the projections and pulls expect.
                value: s.value ?? null,
                last_event_id: s.last_event_id,
                last_actor: s.last_actor,
                last_actor_name: s.last_actor_name,
                last_device: s.last_device,
                last_at: s.last_at,
              };
            }),
          ),
        ],
      );
    }
    await applyProjections(tx, projections);
  }
}

/**
 * Applies events in the order given, in one transaction (one commit, the log lock taken once): each is decided
 * against the targets' state as the events before it left it, and the batch is written with a few statements
 * per table. A refused or conflicting event is an answer and does not hold back the others; a failure of the
 * database rolls the whole batch back (nothing half-applied) and is passed on, and the client sends it again.
 */
export async function pushEvents(db: SqlDriver, caller: Caller, events: readonly WireEvent[]): Promise<{ results: PushResult[]; touched: Touched }> {
  const touched: Touched = { samples: new Set(), datasets: false };
  const results = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOG_LOCK]);
    const storable = events.filter((e) => !hasUnstorableText(e));
    const known = new Map<string, KnownRow>();
    for (const r of await tx.query<KnownRow & { event_id: string }>('SELECT event_id, server_seq, revision, status, event FROM events WHERE event_id = ANY($1::text[])', [
      [...new Set(storable.map((e) => e.id))],
    ])) {
      known.set(r.event_id, r);
    }
    const keys = [...new Set(storable.map((e) => wireTargetKey(e.target)))];
    const states = new Map<string, StateRow>();
    for (const r of await tx.query<StateRow & { target_key: string }>(
      'SELECT target_key, revision, value, last_event_id, last_actor, last_actor_name, last_device, last_at FROM target_state WHERE target_key = ANY($1::text[])',
      [keys],
    )) {
      states.set(r.target_key, r);
    }
    const pending = new PendingWrites();
    /** Events of this batch decided so far, by id (an id sent twice in one batch answers like one sent twice). */
    const decided = new Map<string, LogRow>();
    const out: PushResult[] = [];
    for (const e of events) {
      const result = await decide(tx, caller, e, { known, states, pending, decided });
      out.push(result);
      if (result.status === 'applied') {
        if (e.target.kind === 'dataset') touched.datasets = true;
        else if (e.target.sampleId && ['review', 'flag', 'value-flag'].includes(e.target.kind)) touched.samples.add(e.target.sampleId);
      }
    }
    await pending.flush(tx, caller);
    return out;
  });
  return { results, touched };
}

interface KnownRow {
  server_seq: number;
  revision: number;
  status: string;
  event: unknown;
}

interface BatchState {
  known: Map<string, KnownRow>;
  states: Map<string, StateRow>;
  pending: PendingWrites;
  decided: Map<string, LogRow>;
}

/** The event without what may legitimately differ between two sendings of it (the base it is rebased on, the resolution). */
function identity(e: unknown): unknown {
  const { serverBase: _b, resolution: _r, ...rest } = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
  return rest;
}

/** An id already logged (or decided earlier in this batch): duplicate, superseded again, or refused if its content changed. */
function answerKnown(e: WireEvent, known: { event: unknown; status: string; serverSeq: number | undefined; revision: number }): PushResult {
  if (!sameValue(identity(known.event), identity(e))) {
    return { id: e.id, status: 'refused', reason: `event ${e.id} was already received with different content; an event id is never reused` };
  }
  // A superseded event sent again is still only superseded (it produced no revision).
  if (known.status === 'superseded') return { id: e.id, status: 'superseded', serverSeq: known.serverSeq };
  return { id: e.id, status: 'duplicate', serverSeq: known.serverSeq, serverRevision: known.revision };
}

async function decide(tx: SqlExecutor, caller: Caller, e: WireEvent, b: BatchState): Promise<PushResult> {
  if (hasUnstorableText(e)) return { id: e.id, status: 'refused', reason: `the event contains ${UNSTORABLE_TEXT}` };
  const known = b.known.get(e.id);
  if (known) return answerKnown(e, { event: known.event, status: known.status, serverSeq: Number(known.server_seq), revision: known.revision });
  const earlier = b.decided.get(e.id);
  if (earlier) {
    // Its server number is known once written: write now.
    await b.pending.flush(tx, caller);
    return answerKnown(e, { event: earlier.event, status: earlier.status, serverSeq: earlier.result.serverSeq, revision: earlier.revision });
  }

  if (!roleMayPush(caller.role, e.action, e.target.kind)) {
    return { id: e.id, status: 'refused', reason: `the role "${caller.role}" of ${caller.name} may not ${e.action.replace(/-/g, ' ')}` };
  }
  const problem = targetProblem(e.target) ?? afterProblem(e);
  if (problem) return { id: e.id, status: 'refused', reason: problem };

  const key = wireTargetKey(e.target);
  const state = b.states.get(key);
  const revision = state?.revision ?? 0;
  const log = (result: PushResult, status: 'applied' | 'superseded', rev: number): PushResult => {
    const row: LogRow = { result, event: e, key, status, revision: rev };
    b.pending.log.push(row);
    b.decided.set(e.id, row);
    return result;
  };

  if (e.resolution === 'superseded') return log({ id: e.id, status: 'superseded' }, 'superseded', revision);

  // A target the server has never held has no version to lose: the event applies whatever its base (a server
  // restored from an older backup takes the workstations' changes back this way).
  if (state && e.serverBase !== revision) {
    // Only the database knows who made the revisions in between: write what this batch decided so far first.
    await b.pending.flush(tx, caller);
    if (!(await onlyOwnEventsSince(tx, key, e.serverBase, revision, e.device))) {
      return {
        id: e.id,
        status: 'conflict',
        current: { value: state.value ?? null, revision, eventId: state.last_event_id, actor: state.last_actor, actorName: state.last_actor_name, device: state.last_device, at: state.last_at },
      };
    }
  }

  const next = revision + 1;
  const after = e.after === undefined ? null : e.after;
  const newState: TargetRow = { revision: next, value: after, last_event_id: e.id, last_actor: e.actor, last_actor_name: e.actorName, last_device: e.device, last_at: e.at, event: e };
  b.states.set(key, newState);
  b.pending.targets.set(key, newState);
  b.pending.projections.push({ e, key, revision: next });
  return log({ id: e.id, status: 'applied', serverRevision: next }, 'applied', next);
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
