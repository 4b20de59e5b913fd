/**
 * The file queue: images and source exports go to the server by SHA-256, in chunks of at most MAX_CHUNK_BYTES.
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
import { MAX_CHUNK_BYTES } from '../../shared/sync/sync-protocol.js';
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
}

/** Thrown for a file that cannot go as it is (missing, changed on disk, refused by the server): parked as failed. */
class FileProblem extends Error {}

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
  const chunkBytes = Math.max(1, Math.min(options.chunkBytes ?? MAX_CHUNK_BYTES, MAX_CHUNK_BYTES));
  const nowIso = new Date().toISOString();
  const candidates = db
    .prepare(
      `SELECT id, sha256, path, role, size_bytes, bytes_sent, status, attempts FROM sync_files
       WHERE status IN ('queued', 'deferred') AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id`,
    )
    .all(nowIso) as FileRow[];
  const setStatus = db.prepare('UPDATE sync_files SET status = ?, deferred_rule = ? WHERE id = ?');
  const ready: FileRow[] = [];
  db.transaction(() => {
    for (const f of candidates) {
      const why = deferralReason(f.role, options.rules, options.network);
      if (why !== null) {
        if (f.status !== 'deferred') setStatus.run('deferred', why, f.id);
        continue;
      }
      if (f.status === 'deferred') setStatus.run('queued', null, f.id);
      ready.push(f);
    }
  })();

  const progressStmt = db.prepare('UPDATE sync_files SET bytes_sent = ? WHERE id = ?');
  const sentStmt = db.prepare("UPDATE sync_files SET status = 'sent', sent_at = ?, bytes_sent = size_bytes, last_error = NULL, next_attempt_at = NULL WHERE id = ?");
  const failStmt = db.prepare("UPDATE sync_files SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?");
  const laterStmt = db.prepare('UPDATE sync_files SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?');
  // Files sent are marked in small transactions, not one each: a crash loses only marks, and the next run asks the
  // server, which says the file is complete.
  let sentIds: number[] = [];
  const flush = () => {
    if (sentIds.length === 0) return;
    const ids = sentIds;
    sentIds = [];
    const at = new Date().toISOString();
    db.transaction(() => {
      for (const id of ids) sentStmt.run(at, id);
    })();
  };
  const progress = (id: number, bytes: number) => progressStmt.run(bytes, id);

  let next = 0;
  let consecutiveNetworkFailures = 0;
  const worker = async () => {
    while (out.stopped === null) {
      if (next >= ready.length || next >= options.maxFiles || Date.now() > options.deadline) return;
      const f = ready[next++] as FileRow;
      try {
        await uploadOne(filesDir, client, retry, f, chunkBytes, progress);
        sentIds.push(f.id);
        if (sentIds.length >= 200) flush();
        out.sent++;
        consecutiveNetworkFailures = 0;
      } catch (err) {
        if (err instanceof FileProblem) {
          failStmt.run(err.message, f.id);
          out.errors.push(err.message);
          continue;
        }
        const e = err instanceof SyncRequestError ? err : new SyncRequestError('server', (err as Error).message);
        const later = new Date(Date.now() + backoffDelay(f.attempts, options.backoff, options.random)).toISOString();
        laterStmt.run(e.message, later, f.id);
        // The server is gone (or the token is): stop starting files; one odd file alone does not stop the queue.
        if (e.kind === 'auth' || ++consecutiveNetworkFailures >= 3) out.stopped = e;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  } finally {
    flush();
  }
  const counts = db
    .prepare("SELECT count(*) FILTER (WHERE status = 'queued') AS queued, count(*) FILTER (WHERE status = 'deferred') AS deferred, count(*) FILTER (WHERE status = 'failed') AS failed FROM sync_files")
    .get() as { queued: number; deferred: number; failed: number };
  out.remaining = counts.queued;
  out.deferred = counts.deferred;
  out.failed = counts.failed;
  return out;
}
