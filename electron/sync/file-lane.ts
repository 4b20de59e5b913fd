/**
 * The fast lane of the file queue: small files the server said it lacks, handed from the sample-record push to the
 * uploader in memory, in the same run. Writing each of them to `sync_files` (queued, taken, sent: three writes per
 * image) was most of a sync's own work for 100,000 images. Durability moves to the record: a record whose files
 * went into the lane is remembered with `files_pending` set, and cleared once each of them is sent or written to
 * `sync_files` (it failed, or the run ended before it); a run that stops in between (a crash) leaves the mark, and
 * the next run pushes the record again and the server says again which files it lacks.
 */
import type { Database, Statement } from 'better-sqlite3';

/** A file to send: its hash, its path under files/, its role and size. */
export interface QueuedFile {
  sha256: string;
  path: string;
  role: string;
  size: number;
}

export interface LaneFile extends QueuedFile {
  /** The record that named it. */
  sampleId: string;
}

/** How a file leaves the lane for `sync_files`: waiting (not reached, or to retry later) or failed. */
export interface LaneFileRecord {
  status: 'queued' | 'failed';
  attempts: number;
  error: string | null;
  nextAttemptAt: string | null;
}

// A row already there (the same file named by another record) is left as it is unless it was sent: then the server
// has lost it, and it is queued again (as sample-records.ts does).
const PERSIST = `INSERT INTO sync_files (sha256, path, role, size_bytes, queued_at, status, attempts, last_error, next_attempt_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (sha256) DO UPDATE SET status = excluded.status, attempts = excluded.attempts, last_error = excluded.last_error,
    next_attempt_at = excluded.next_attempt_at, bytes_sent = 0, path = excluded.path, role = excluded.role, size_bytes = excluded.size_bytes, sent_at = NULL
  WHERE sync_files.status = 'sent'`;

export class FileLane {
  private readonly waiting: LaneFile[] = [];
  private next = 0;
  /** Files of each sample not settled yet. */
  private readonly open = new Map<string, number>();
  /** Samples whose files are all settled, to clear in the database. */
  private settledSamples: string[] = [];
  private readonly offered = new Set<string>();
  /** Files sync_files holds unsent (queued, deferred, failed): they go from there, not twice. */
  private readonly queued: Set<string>;
  private arrival: { promise: Promise<void>; resolve: () => void } | null = null;
  private closed = false;
  private readonly persist: Statement<unknown[]>;

  constructor(
    private readonly db: Database,
    /** Whether a file may go by the lane (small enough for a batch, not deferred by a rule). */
    private readonly accepts: (file: { role: string; size: number }) => boolean,
  ) {
    this.queued = new Set(db.prepare("SELECT sha256 FROM sync_files WHERE status <> 'sent'").pluck().all() as string[]);
    this.persist = db.prepare(PERSIST);
  }

  /**
   * Takes the files of one record that may go by the lane; returns the others (for `sync_files`). The caller
   * remembers the record with `files_pending` set when any were taken (in its transaction).
   */
  offer(sampleId: string, files: readonly QueuedFile[]): QueuedFile[] {
    if (this.closed) return [...files];
    const rest: QueuedFile[] = [];
    let taken = 0;
    for (const f of files) {
      if (this.queued.has(f.sha256) || !this.accepts(f)) {
        rest.push(f);
        continue;
      }
      taken++;
      // A file two records share goes once: if it fails it is written to sync_files, which covers both records.
      if (this.offered.has(f.sha256)) continue;
      this.offered.add(f.sha256);
      this.waiting.push({ sha256: f.sha256, path: f.path, role: f.role, size: f.size, sampleId });
      this.open.set(sampleId, (this.open.get(sampleId) ?? 0) + 1);
    }
    if (taken > 0 && !this.open.has(sampleId)) this.settledSamples.push(sampleId);
    if (this.arrival && this.next < this.waiting.length) {
      this.arrival.resolve();
      this.arrival = null;
    }
    return rest;
  }

  /** The next file to send, without taking it. */
  peek(): LaneFile | undefined {
    return this.waiting[this.next];
  }

  /** The next file to send, if any is waiting. */
  take(): LaneFile | undefined {
    const f = this.waiting[this.next];
    if (f === undefined) return undefined;
    this.waiting[this.next++] = undefined as unknown as LaneFile; // sent files are not kept
    return f;
  }

  get size(): number {
    return this.waiting.length - this.next;
  }

  /** Settles when a file is offered (or after `ms`). */
  arrived(ms: number): Promise<void> {
    if (this.next < this.waiting.length) return Promise.resolve();
    if (!this.arrival) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.arrival = { promise, resolve };
    }
    return Promise.race([this.arrival.promise, new Promise<void>((r) => setTimeout(r, ms))]);
  }

  /** A file the server has now. */
  sent(f: LaneFile): void {
    this.settle(f.sampleId);
  }

  /** A file that failed: written to `sync_files` (to retry later, or parked as failed), which settles it. */
  record(f: LaneFile, how: LaneFileRecord): void {
    this.persist.run(f.sha256, f.path, f.role, f.size, new Date().toISOString(), how.status, how.attempts, how.error, how.nextAttemptAt);
    this.settle(f.sampleId);
  }

  /** Writes the settled samples' marks (one statement). */
  flush(): void {
    if (this.settledSamples.length === 0) return;
    const ids = this.settledSamples;
    this.settledSamples = [];
    this.db.prepare('UPDATE sync_samples SET files_pending = 0 WHERE sample_id IN (SELECT value FROM json_each(?))').run(JSON.stringify(ids));
  }

  /** The end of the run: files not reached go to `sync_files` to wait for the next run; every mark is cleared. */
  close(): void {
    this.closed = true;
    this.arrival?.resolve();
    this.arrival = null;
    this.db.transaction(() => {
      const now = new Date().toISOString();
      for (let f = this.take(); f !== undefined; f = this.take()) {
        this.persist.run(f.sha256, f.path, f.role, f.size, now, 'queued', 0, null, null);
        this.settle(f.sampleId);
      }
      this.flush();
    })();
  }

  private settle(sampleId: string): void {
    const left = (this.open.get(sampleId) ?? 1) - 1;
    if (left > 0) {
      this.open.set(sampleId, left);
      return;
    }
    this.open.delete(sampleId);
    this.settledSamples.push(sampleId);
    if (this.settledSamples.length >= 200) this.flush();
  }
}
