/**
 * The file queue: images and source exports go to the server by SHA-256: small files (≤ MAX_BATCH_FILE_BYTES and
 * one chunk) many to a request (`POST files/batch`), larger ones in chunks of at most MAX_CHUNK_BYTES.
 * An upload resumes where the server says it stopped (a cut link costs at most one chunk); the server checks the
 * hash before the file counts. Files deferred by rule wait (re-checked every sync); a file that fails is retried
 * later with backoff and never holds back the others or the change events.
 */
import fs from 'node:fs';
import type { Database } from 'better-sqlite3';
import { backoffDelay } from '../../shared/sync/backoff.js';
import type { BackoffPolicy } from '../../shared/sync/backoff.js';
import type { FileRules, NetworkView } from '../../shared/sync/file-rules.js';
import { deferralReason } from '../../shared/sync/file-rules.js';
import { MAX_BATCH_BYTES, MAX_BATCH_FILES, MAX_BATCH_FILE_BYTES, MAX_CHUNK_BYTES } from '../../shared/sync/sync-protocol.js';
import type { FileLane, LaneFile } from './file-lane.js';
import type { Retrier } from './retry.js';
import { storedFilePath } from './sample-records.js';
import type { SyncClient } from './sync-client.js';
import { SyncRequestError } from './sync-client.js';

export interface FileQueueOptions {
  rules: FileRules | null;
  network: NetworkView;
  /** Most files to send in this run. */
  maxFiles: number;
  /** Stop starting new files after this time (ms since epoch). */
  deadline: number;
  chunkBytes?: number;
  concurrency?: number;
  backoff: BackoffPolicy;
  random: () => number;
  /** Most files, and bytes of files, in one batch of small files (at most MAX_BATCH_FILES, MAX_BATCH_BYTES). */
  batchFiles?: number;
  batchBytes?: number;
  /** Settles when nothing more will be queued during this run (sample records still being pushed queue files). */
  until?: Promise<unknown>;
  /** Small files handed over in memory by the record push (file-lane.ts), sent along with the queued ones. */
  lane?: FileLane;
}

/** The largest file sent whole in a batch (and by the file lane), for this chunk size. */
export function smallFileLimit(chunkBytes = MAX_CHUNK_BYTES): number {
  return Math.min(MAX_BATCH_FILE_BYTES, Math.max(1, Math.min(chunkBytes, MAX_CHUNK_BYTES)));
}

export interface FileQueueOutcome {
  sent: number;
  /** Files parked as failed (in the queue, not only this run's). */
  failed: number;
  deferred: number;
  /** Queued files still to send (deferred and failed ones not included). */
  remaining: number;
  errors: string[];
  stopped: SyncRequestError | null;
}

interface FileRow {
  id: number;
  sha256: string;
  path: string;
  role: string;
  size_bytes: number;
  bytes_sent: number;
  status: 'queued' | 'deferred';
  attempts: number;
  /** A file of the lane (not in sync_files; id is -1). */
  lane?: LaneFile;
}

const fromLane = (f: LaneFile): FileRow => ({ id: -1, sha256: f.sha256, path: f.path, role: f.role, size_bytes: f.size, bytes_sent: 0, status: 'queued', attempts: 0, lane: f });

/** Thrown for a file that cannot go as it is (missing, changed on disk, refused by the server): parked as failed. */
class FileProblem extends Error {}

/** A batch that failed as a whole (the link, the server): its files wait for the next try. */
class BatchFailure extends Error {
  constructor(
    override readonly cause: unknown,
    readonly files: readonly FileRow[],
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

type Work = { kind: 'one'; file: FileRow } | { kind: 'batch'; files: FileRow[] };

/**
 * A small file's bytes for a batch, checked against the size recorded at import: one read of that size and one byte
 * more (a longer file fills it; a regular file reads short only at its end), without the `fstat` of readFileSync.
 */
function readWhole(filesDir: string, f: FileRow): Buffer {
  const abs = storedFilePath(filesDir, f.path);
  if (!abs) throw new FileProblem(`${f.path}: not a path inside the library's files`);
  let fd: number;
  try {
    fd = fs.openSync(abs, 'r');
  } catch {
    throw new FileProblem(`${f.path}: missing from the library's files`);
  }
  try {
    const bytes = Buffer.allocUnsafe(f.size_bytes + 1);
    const read = fs.readSync(fd, bytes, 0, bytes.length, 0);
    if (read !== f.size_bytes) {
      const size = read > f.size_bytes ? fs.fstatSync(fd).size : read;
      throw new FileProblem(`${f.path}: ${size} bytes on disk, ${f.size_bytes} when it was recorded (changed since import)`);
    }
    return bytes.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

async function uploadOne(filesDir: string, client: SyncClient, retry: Retrier, f: FileRow, chunkBytes: number, progress: (id: number, bytes: number) => void): Promise<void> {
  const abs = storedFilePath(filesDir, f.path);
  if (!abs) throw new FileProblem(`${f.path}: not a path inside the library's files`);
  let fd: number;
  try {
    fd = fs.openSync(abs, 'r');
  } catch {
    throw new FileProblem(`${f.path}: missing from the library's files`);
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size !== f.size_bytes) throw new FileProblem(`${f.path}: ${size} bytes on disk, ${f.size_bytes} when it was recorded (changed since import)`);
    // A file the server said it lacks starts at 0 without asking; otherwise ask how much it has (a resumed upload).
    let offset: number;
    if (f.attempts === 0 && f.bytes_sent === 0) offset = 0;
    else {
      const status = await retry(() => client.fileStatus(f.sha256));
      if (status.complete) return;
      offset = status.received;
    }
    const buffer = Buffer.allocUnsafe(Math.min(chunkBytes, Math.max(size, 1)));
    // Each answer moves the offset forward or tells where the server is; bounded so a confused server cannot loop us.
    for (let round = 0; round < Math.ceil(size / chunkBytes) * 3 + 6; round++) {
      if (offset > size) throw new FileProblem(`${f.path}: the server says it has ${offset} bytes of a ${size}-byte file`);
      const length = Math.min(chunkBytes, size - offset);
      const read = length === 0 ? 0 : fs.readSync(fd, buffer, 0, length, offset);
      if (read !== length) throw new FileProblem(`${f.path}: could only read ${read} of ${length} bytes at ${offset}`);
      const chunk = Buffer.from(buffer.subarray(0, length));
      const at = offset;
      let outcome;
      try {
        outcome = await retry(() => client.putChunk(f.sha256, at, size, chunk));
      } catch (err) {
        if (err instanceof SyncRequestError && err.kind === 'refused') throw new FileProblem(`${f.path}: refused by the server: ${err.message}`);
        throw err;
      }
      if (outcome.file.complete) return;
      offset = outcome.file.received;
      progress(f.id, offset);
      if (outcome.accepted && offset >= size) throw new FileProblem(`${f.path}: the server has all ${size} bytes but did not accept the file (its SHA-256 did not match?)`);
    }
    throw new FileProblem(`${f.path}: the upload made no progress`);
  } finally {
    fs.closeSync(fd);
  }
}

export async function uploadFiles(db: Database, filesDir: string, client: SyncClient, retry: Retrier, options: FileQueueOptions): Promise<FileQueueOutcome> {
  const out: FileQueueOutcome = { sent: 0, failed: 0, deferred: 0, remaining: 0, errors: [], stopped: null };
  if (options.maxFiles <= 0) return countQueue(db, out);
  const chunkBytes = Math.max(1, Math.min(options.chunkBytes ?? MAX_CHUNK_BYTES, MAX_CHUNK_BYTES));
  const candidatesAfter = db.prepare(
    `SELECT id, sha256, path, role, size_bytes, bytes_sent, status, attempts FROM sync_files
     WHERE status IN ('queued', 'deferred') AND (next_attempt_at IS NULL OR next_attempt_at <= ?) AND id > ? ORDER BY id`,
  );
  const setStatus = db.prepare('UPDATE sync_files SET status = ?, deferred_rule = ? WHERE id = ?');
  /** Files taken into this run (sent, tried or deferred), by id. */
  const taken = new Set<number>();
  let highestId = 0;
  /** Files waiting now and not taken yet (all of them, or only those queued since the last look), rules applied. */
  const newlyReady = (all: boolean): FileRow[] => {
    const rows = candidatesAfter.all(new Date().toISOString(), all ? 0 : highestId) as FileRow[];
    const ready: FileRow[] = [];
    db.transaction(() => {
      for (const f of rows) {
        highestId = Math.max(highestId, f.id);
        if (taken.has(f.id)) continue;
        const why = deferralReason(f.role, options.rules, options.network);
        if (why !== null) {
          if (f.status !== 'deferred') setStatus.run('deferred', why, f.id);
          continue;
        }
        if (f.status === 'deferred') setStatus.run('queued', null, f.id);
        taken.add(f.id);
        ready.push(f);
      }
    })();
    return ready;
  };
  const ready = newlyReady(true);

  const progressStmt = db.prepare('UPDATE sync_files SET bytes_sent = ? WHERE id = ?');
  // One statement per mark, whatever the number of files (a batch sends up to 1,000).
  const sentStmt = db.prepare(
    "UPDATE sync_files SET status = 'sent', sent_at = ?, bytes_sent = size_bytes, last_error = NULL, next_attempt_at = NULL WHERE id IN (SELECT value FROM json_each(?))",
  );
  const failStmt = db.prepare("UPDATE sync_files SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?");
  const laterStmt = db.prepare('UPDATE sync_files SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?');
  // Files sent are marked a batch at a time, not one each: a crash loses only marks, and the next run asks the
  // server, which says the file is complete.
  let sentIds: number[] = [];
  const flush = () => {
    if (sentIds.length === 0) return;
    const ids = sentIds;
    sentIds = [];
    sentStmt.run(new Date().toISOString(), JSON.stringify(ids));
  };
  const progress = (id: number, bytes: number) => {
    if (id > 0) progressStmt.run(bytes, id);
  };

  // Small whole files go in batches (one request, one server transaction for many); larger ones, and files whose
  // upload already started, keep the chunked, resumable path. A batch cut mid-way is sent again whole: the server
  // answers `exists` for what it stored. A file must also fit one chunk (a cut link costs at most one chunk).
  const smallLimit = smallFileLimit(chunkBytes);
  const lane = options.lane ?? null;
  const batchFiles = Math.max(1, Math.min(options.batchFiles ?? MAX_BATCH_FILES, MAX_BATCH_FILES));
  const batchBytes = Math.max(1, Math.min(options.batchBytes ?? MAX_BATCH_BYTES, MAX_BATCH_BYTES));
  const isSmall = (f: FileRow) => f.size_bytes <= smallLimit && f.bytes_sent === 0;
  const small = ready.filter(isSmall);
  const large = ready.filter((f) => !isSmall(f));
  let batching = true;
  /** Files of a batch the server could not take as a batch (it lacks the endpoint): sent one by one, already counted. */
  const singlesFromBatches: FileRow[] = [];
  let nextSmall = 0;
  let nextLarge = 0;
  let started = 0;

  const nextWork = (): Work | null => {
    if (Date.now() > options.deadline) return null;
    const resent = singlesFromBatches.shift();
    if (resent) return { kind: 'one', file: resent };
    if (started >= options.maxFiles) return null;
    // Queued small files first, then the lane's.
    const peekSmall = (): FileRow | undefined => small[nextSmall] ?? (lane?.peek() ? fromLane(lane.peek()!) : undefined);
    const takeSmall = (): FileRow => (nextSmall < small.length ? (small[nextSmall++] as FileRow) : fromLane(lane!.take()!));
    if (peekSmall()) {
      if (!batching) {
        started++;
        return { kind: 'one', file: takeSmall() };
      }
      const files: FileRow[] = [];
      let bytes = 0;
      for (let f = peekSmall(); f !== undefined && files.length < batchFiles && started < options.maxFiles; f = peekSmall()) {
        if (files.length > 0 && bytes + f.size_bytes > batchBytes) break;
        files.push(takeSmall());
        bytes += f.size_bytes;
        started++;
      }
      return { kind: 'batch', files };
    }
    if (nextLarge < large.length) {
      started++;
      return { kind: 'one', file: large[nextLarge++] as FileRow };
    }
    return null;
  };

  const sent = (f: FileRow) => {
    if (f.lane) lane!.sent(f.lane);
    else {
      sentIds.push(f.id);
      if (sentIds.length >= 1000) flush();
    }
    out.sent++;
  };
  const park = (f: FileRow, message: string) => {
    if (f.lane) lane!.record(f.lane, { status: 'failed', attempts: 1, error: message, nextAttemptAt: null });
    else failStmt.run(message, f.id);
    out.errors.push(message);
  };
  const later = (f: FileRow, message: string) => {
    const at = new Date(Date.now() + backoffDelay(f.attempts, options.backoff, options.random)).toISOString();
    if (f.lane) lane!.record(f.lane, { status: 'queued', attempts: 1, error: message, nextAttemptAt: at });
    else laterStmt.run(message, at, f.id);
  };

  /** Sends a batch; throws what retrying did not fix, for the files that were in it. */
  const sendBatch = async (batch: readonly FileRow[]): Promise<void> => {
    const parts: { file: FileRow; bytes: Buffer }[] = [];
    for (const f of batch) {
      try {
        parts.push({ file: f, bytes: readWhole(filesDir, f) });
      } catch (err) {
        if (!(err instanceof FileProblem)) throw err;
        park(f, err.message);
      }
    }
    if (parts.length === 0) return;
    let answer;
    try {
      answer = await retry(() => client.putFileBatch(parts.map((p) => ({ sha256: p.file.sha256, bytes: p.bytes }))));
    } catch (err) {
      if (err instanceof SyncRequestError && err.kind === 'refused') {
        if (err.status === 404 || err.status === 405) {
          // A server from before batches: these files (and the rest) go one by one.
          batching = false;
          singlesFromBatches.push(...parts.map((p) => p.file));
        } else for (const p of parts) park(p.file, `${p.file.path}: refused by the server: ${err.message}`);
        return;
      }
      throw new BatchFailure(err, parts.map((p) => p.file));
    }
    const refused = new Map(answer.refused.map((r) => [r.index, r.reason]));
    parts.forEach((p, i) => {
      const reason = refused.get(i);
      if (reason !== undefined) park(p.file, `${p.file.path}: refused by the server: ${reason || 'no reason given'}`);
      else sent(p.file);
    });
  };

  // While sample records are still being pushed (`options.until`), files they queue join this run: a worker with
  // nothing to do looks again every few milliseconds, and once more, over the whole queue, when the records are done.
  let feeding = options.until !== undefined;
  let looking: Promise<void> | null = null;
  const lookAgain = (): Promise<void> =>
    (looking ??= (async () => {
      const done = await Promise.race([
        options.until!.then(() => true, () => true),
        (lane ? lane.arrived(20) : new Promise<void>((r) => setTimeout(r, 20))).then(() => false),
      ]);
      for (const f of newlyReady(done)) (isSmall(f) ? small : large).push(f);
      if (done) feeding = false;
      looking = null;
    })());

  let consecutiveNetworkFailures = 0;
  const worker = async () => {
    while (out.stopped === null) {
      let work = nextWork();
      while (work === null && feeding && out.stopped === null && Date.now() <= options.deadline && started < options.maxFiles) {
        await lookAgain();
        work = nextWork();
      }
      if (work === null) return;
      const files = work.kind === 'one' ? [work.file] : work.files;
      try {
        if (work.kind === 'batch') {
          await sendBatch(work.files);
        } else {
          await uploadOne(filesDir, client, retry, work.file, chunkBytes, progress);
          sent(work.file);
        }
        consecutiveNetworkFailures = 0;
      } catch (caught) {
        let err = caught;
        let failedFiles: readonly FileRow[] = files;
        if (err instanceof BatchFailure) {
          failedFiles = err.files;
          err = err.cause;
        }
        if (err instanceof FileProblem && work.kind === 'one') {
          park(work.file, err.message);
          continue;
        }
        const e = err instanceof SyncRequestError ? err : new SyncRequestError('server', (err as Error).message);
        // One transaction for a whole batch (up to 1,000 files).
        db.transaction(() => {
          for (const f of failedFiles) later(f, e.message);
        })();
        // The server is gone (or the token is): stop starting files; one odd file alone does not stop the queue.
        if (e.kind === 'auth' || ++consecutiveNetworkFailures >= 3) out.stopped = e;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  } finally {
    flush();
    lane?.flush();
  }
  return countQueue(db, out);
}

/** The queue's counts (waiting, deferred, failed) into the outcome. */
function countQueue(db: Database, out: FileQueueOutcome): FileQueueOutcome {
  const counts = db
    .prepare("SELECT count(*) FILTER (WHERE status = 'queued') AS queued, count(*) FILTER (WHERE status = 'deferred') AS deferred, count(*) FILTER (WHERE status = 'failed') AS failed FROM sync_files")
    .get() as { queued: number; deferred: number; failed: number };
  out.remaining = counts.queued;
  out.deferred = counts.deferred;
  out.failed = counts.failed;
  return out;
}
