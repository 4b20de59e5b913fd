/**
 * One sync: push the outbox, push approved sample records, send queued files (bounded in count and time), pull
 * what others changed. Each phase stops on a failure retrying does not fix within the run and the next sync goes
 * on from there; nothing is lost or applied twice whatever stops it (see push-events.ts, remote-events.ts).
 * The service calls these with its open library: runSync, syncStatus, listConflicts, resolveConflict, login.
 */
import type { Database } from 'better-sqlite3';
import { CurationError } from '../../shared/api/errors.js';
import type { BackoffPolicy } from '../../shared/sync/backoff.js';
import { defaultBackoff } from '../../shared/sync/backoff.js';
import type { NetworkView } from '../../shared/sync/file-rules.js';
import { deferralReason, parseFileRules } from '../../shared/sync/file-rules.js';
import type { SyncRunResult, SyncStatus } from '../../shared/sync/sync-view.js';
import { settleIdenticalConflicts } from './conflicts.js';
import { FileLane } from './file-lane.js';
import { smallFileLimit, uploadFiles } from './file-queue.js';
import { currentNetwork } from './network-view.js';
import { outboxCounts } from './outbox-queue.js';
import { pullEvents } from './pull-events.js';
import { pushEvents } from './push-events.js';
import type { RecomputeSample } from './remote-events.js';
import { makeRetrier, sleep } from './retry.js';
import { pushSampleRecords } from './sample-records.js';
import type { SyncRequestError } from './sync-client.js';
import { SyncClient } from './sync-client.js';
import { deviceToken, readSyncSettings, recordContact, recordSyncOutcome, syncStateRow } from './sync-state.js';

export type { SyncRunResult, SyncStatus };

export interface RunSyncOptions {
  /** Recomputes a sample's abundances after pulled gating events (the service passes its recomputeSample). */
  recompute?: RecomputeSample;
  /** Where the workstation is, for file deferral rules (default: this machine's names and addresses). */
  network?: NetworkView;
  /**
   * Most files sent in one run (default: no limit but time) and time spent starting new ones (default 2 minutes):
   * small files go 1,000 to a request, so a count limit would only stretch a backlog of images over many runs.
   */
  maxFiles?: number;
  fileTimeMs?: number;
  chunkBytes?: number;
  fileConcurrency?: number;
  /** Most small files in one batch request (tests that need many requests make it small). */
  fileBatchFiles?: number;
  /** Tries per request within the run (default 4), with this backoff between them. */
  tries?: number;
  backoff?: BackoffPolicy;
  /** Silence after which a request counts as lost (default 30 s). */
  timeoutMs?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
}

const running = new WeakMap<Database, Promise<SyncRunResult>>();

/** One sync of this library. A call while one runs waits for it and returns its result. */
export function runSync(db: Database, filesDir: string, options: RunSyncOptions = {}): Promise<SyncRunResult> {
  const current = running.get(db);
  if (current) return current;
  const run = runOnce(db, filesDir, options).finally(() => running.delete(db));
  running.set(db, run);
  return run;
}

async function runOnce(db: Database, filesDir: string, options: RunSyncOptions): Promise<SyncRunResult> {
  const settings = readSyncSettings(db);
  const token = deviceToken(db);
  if (!settings.serverUrl || !token) {
    throw new CurationError({ code: 'unauthorized', message: 'this library is not connected to a sync server: run `cytocurator login --server URL --user NAME` first' });
  }
  const startedAt = new Date().toISOString();
  const errors: string[] = [];
  const random = options.random ?? Math.random;
  const client = new SyncClient({ serverUrl: settings.serverUrl, token, timeoutMs: options.timeoutMs ?? 30_000, maxSockets: Math.max(4, options.fileConcurrency ?? 4) });
  const retry = makeRetrier({
    backoff: options.backoff ?? { baseMs: 250, maxMs: 8_000 },
    tries: options.tries ?? 4,
    random,
    sleep: options.sleep ?? sleep,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const stop = (phase: string, e: SyncRequestError | null): boolean => {
    if (!e) return false;
    errors.push(`${phase}: ${e.message}`);
    // Unreachable or not accepted: the other phases would fail the same way.
    return e.kind === 'network' || e.kind === 'auth';
  };
  const result: SyncRunResult = {
    pushed: 0,
    pulled: 0,
    parked: 0,
    conflicts: 0,
    remaining: 0,
    samples: { stored: 0, unchanged: 0, refused: 0 },
    files: { sent: 0, remaining: 0, deferred: 0, failed: 0 },
    changedSamples: [],
    online: false,
    errors,
    startedAt,
    finishedAt: startedAt,
  };
  const changed = new Set<string>();
  let lane: FileLane | null = null;
  try {
    const pushed = await pushEvents(db, client, retry);
    result.pushed = pushed.pushed;
    errors.push(...pushed.errors);
    let halted = stop('sending changes', pushed.stopped);

    if (!halted) {
      // Files start as soon as the first records are answered (the server says which files it lacks), alongside the
      // rest of the records.
      // Small files the server lacks go from the record push to the uploader in memory (file-lane.ts).
      const { rules, problem } = parseFileRules(settings.fileRules);
      if (problem) errors.push(problem);
      const network = options.network ?? currentNetwork();
      const small = smallFileLimit(options.chunkBytes);
      lane = new FileLane(db, (f) => f.size <= small && deferralReason(f.role, rules, network) === null);
      const records = pushSampleRecords(db, filesDir, client, retry, { lane });
      const sending = uploadFiles(db, filesDir, client, retry, {
        until: records,
        lane,
        rules,
        network,
        maxFiles: options.maxFiles ?? Number.MAX_SAFE_INTEGER,
        deadline: Date.now() + (options.fileTimeMs ?? 120_000),
        ...(options.chunkBytes !== undefined ? { chunkBytes: options.chunkBytes } : {}),
        concurrency: options.fileConcurrency ?? 4,
        ...(options.fileBatchFiles !== undefined ? { batchFiles: options.fileBatchFiles } : {}),
        backoff: options.backoff ?? defaultBackoff,
        random,
      });
      const [recordsDone, filesDone] = await Promise.allSettled([records, sending]);
      // Files the run did not reach wait in sync_files for the next one.
      lane.close();
      lane = null;
      if (recordsDone.status === 'rejected') throw recordsDone.reason;
      if (filesDone.status === 'rejected') throw filesDone.reason;
      const samples = recordsDone.value;
      result.samples = { stored: samples.stored, unchanged: samples.unchanged, refused: samples.refused };
      errors.push(...samples.errors);
      halted = stop('sending samples', samples.stopped);
      const files = filesDone.value;
      result.files.sent = files.sent;
      errors.push(...files.errors);
      halted = stop('sending files', files.stopped) || halted;
    }

    if (!halted) {
      const pulled = await pullEvents(db, client, retry, { ...(options.recompute ? { recompute: options.recompute } : {}) });
      result.pulled = pulled.applied + pulled.held;
      for (const id of pulled.changedSamples) changed.add(id);
      errors.push(...pulled.errors);
      stop('receiving changes', pulled.stopped);
      for (const settled of settleIdenticalConflicts(db, options.recompute)) {
        for (const id of settled.changedSamples) changed.add(id);
        errors.push(...settled.errors);
      }
    }
  } finally {
    lane?.close();
    client.close();
    if (client.lastReached !== null) recordContact(db, client.lastReached, client.lastContact);
  }
  const counts = outboxCounts(db);
  const files = db
    .prepare("SELECT count(*) FILTER (WHERE status = 'queued') AS queued, count(*) FILTER (WHERE status = 'deferred') AS deferred, count(*) FILTER (WHERE status = 'failed') AS failed FROM sync_files")
    .get() as { queued: number; deferred: number; failed: number };
  result.parked = counts.parkedConflict + counts.parkedRefused;
  result.remaining = counts.remaining;
  result.conflicts = db.prepare("SELECT count(*) FROM sync_conflicts WHERE status = 'open'").pluck().get() as number;
  result.files = { ...result.files, remaining: files.queued, deferred: files.deferred, failed: files.failed };
  result.changedSamples = [...changed];
  result.online = client.lastReached === true;
  result.finishedAt = new Date().toISOString();
  recordSyncOutcome(db, result.finishedAt, { ...result, changedSamples: result.changedSamples.length }, errors[0] ?? null);
  return result;
}

export function syncStatus(db: Database): SyncStatus {
  const s = syncStateRow(db);
  const counts = outboxCounts(db);
  const files = db
    .prepare("SELECT count(*) FILTER (WHERE status = 'queued') AS queued, count(*) FILTER (WHERE status = 'deferred') AS deferred, count(*) FILTER (WHERE status = 'failed') AS failed FROM sync_files")
    .get() as { queued: number; deferred: number; failed: number };
  const samples = db
    .prepare(
      `SELECT count(*) FROM samples s LEFT JOIN imports i ON i.id = s.current_import_id LEFT JOIN sync_samples p ON p.sample_id = s.id
       WHERE s.review_state = 'approved' AND (p.sample_id IS NULL OR p.import_version <> coalesce(i.version, 1) OR p.files_pending = 1)`,
    )
    .pluck()
    .get() as number;
  const refusals = db
    .prepare("SELECT seq, parked_reason AS reason, parked_at AS at FROM outbox WHERE sent_at IS NULL AND parked = 'refused' ORDER BY seq DESC LIMIT 5")
    .all() as { seq: number; reason: string; at: string | null }[];
  return {
    configured: s.server_url !== null && s.has_token,
    serverUrl: s.server_url,
    user: s.user_name,
    role: s.role,
    online: s.online === 1,
    lastContactAt: s.last_contact_at,
    lastSyncAt: s.last_sync_at,
    lastError: s.last_error,
    waiting: { events: counts.remaining, samples, files: files.queued, deferredFiles: files.deferred },
    openConflicts: db.prepare("SELECT count(*) FROM sync_conflicts WHERE status = 'open'").pluck().get() as number,
    parked: {
      conflicts: counts.parkedConflict,
      refused: counts.parkedRefused,
      failedFiles: files.failed,
      refusedSamples: db.prepare("SELECT count(*) FROM sync_samples WHERE status = 'refused'").pluck().get() as number,
    },
    unsupported: db.prepare("SELECT count(*) FROM sync_held_events WHERE reason = 'unsupported'").pluck().get() as number,
    refusals,
    ...(() => {
      const { rules, problem } = parseFileRules(readSyncSettings(db).fileRules);
      return { fileRules: rules, fileRulesProblem: problem };
    })(),
  };
}
