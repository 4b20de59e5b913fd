/**
 * Approved samples travel as records (sampleRecordSchema): what the server keeps of a sample — its summary,
 * metadata and abundances as this workstation computed them, and the files it needs, by SHA-256 with paths relative
 * to files/. A record is sent again only when its content changed (its hash is kept per sample); the files the
 * server says it lacks go into the file queue.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { canonicalJson } from '../../shared/sync/canonical-json.js';
import type { PushSamplesResponse, SampleRecord } from '../../shared/sync/sync-protocol.js';
import { MAX_FILE_BYTES, MAX_JSON_BODY_BYTES, sampleRecordSchema } from '../../shared/sync/sync-protocol.js';
import type { FileLane, QueuedFile } from './file-lane.js';
import type { Retrier } from './retry.js';
import type { SyncClient } from './sync-client.js';
import { SyncRequestError } from './sync-client.js';

export const MAX_SAMPLES_PER_PUSH = 200;
/**
 * The first request of a run carries this many records, each next one four times as many up to the most: the files
 * start only once the server has said which it lacks, so a first batch of 200 kept the file lane idle for a second.
 */
export const FIRST_SAMPLES_PER_PUSH = 10;
const BODY_BUDGET = Math.floor(MAX_JSON_BODY_BYTES * 0.75);

interface SampleRow {
  id: string;
  name: string;
  source: 'cytosense' | 'fcs';
  started_at: string | null;
  latitude: number | null;
  longitude: number | null;
  depth_m: number | null;
  volume_ul: number | null;
  deployment: string | null;
  station: string | null;
  instrument: string | null;
  event_count: number;
  current_import_id: number | null;
  version: number | null;
}

/** `path.resolve` of each files/ folder seen (a sync resolves 100,000s of paths under the same one). */
const resolvedRoots = new Map<string, string>();

/** A file path under files/ as an absolute path, or null when it would leave the folder. */
export function storedFilePath(filesDir: string, rel: string): string | null {
  if (rel.includes('\0') || rel.includes('\\') || path.isAbsolute(rel) || /^[a-zA-Z]:/.test(rel)) return null;
  let root = resolvedRoots.get(filesDir);
  if (root === undefined) {
    root = path.resolve(filesDir);
    if (resolvedRoots.size > 100) resolvedRoots.clear();
    resolvedRoots.set(filesDir, root);
  }
  const parts = rel.split('/');
  // Plain names only (no '', '.', '..'): the path is the root and the names, as path.resolve would make it.
  if (parts.every((p) => p !== '' && p !== '.' && p !== '..')) return root + path.sep + parts.join(path.sep);
  const abs = path.resolve(root, ...parts);
  return abs.startsWith(root + path.sep) ? abs : null;
}

const clip = (s: string | null, max: number): string | null => (s === null ? null : s.length > max ? s.slice(0, max) : s);
const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

export interface BuiltRecord {
  record: SampleRecord;
  /**
   * What is remembered as pushed: the hash of the record's content as the library holds it (files by path and
   * SHA-256, without their sizes, which follow from the hash), so an unchanged sample is recognised without touching
   * its files. A record sent without some of its files (missing on disk) gets another hash, so it is tried again.
   */
  sha256: string;
  /** Files left out of the record, and why (missing on disk, no hash). */
  problems: string[];
}

interface RecordInputs {
  record: Omit<SampleRecord, 'files'>;
  files: { role: string; path: string; sha256: string; bytes: number | null }[];
}

/**
 * Reads records' content from the database alone (no file is opened), with its statements prepared once: a sync
 * looks at every approved sample, thousands of them.
 */
function recordReader(db: Database): (sampleId: string) => RecordInputs | null {
  const sampleStmt = db.prepare(
    `SELECT s.id, s.name, s.source, s.started_at, s.latitude, s.longitude, s.depth_m, s.volume_ul, s.deployment, s.station, s.instrument,
       s.event_count, s.current_import_id, i.version FROM samples s LEFT JOIN imports i ON i.id = s.current_import_id WHERE s.id = ?`,
  );
  const metadataStmt = db.prepare('SELECT key, value FROM sample_metadata WHERE sample_id = ? ORDER BY key');
  const abundancesStmt = db.prepare('SELECT set_name, group_name, events, abundance_per_ml, template_id, template_version, flag FROM abundances WHERE sample_id = ? ORDER BY position');
  const importFilesStmt = db.prepare('SELECT role, stored_path, sha256, size_bytes FROM import_files WHERE import_id = ? AND stored_path IS NOT NULL ORDER BY stored_path');
  // Rows as arrays: a sample has hundreds of images, read at every sync.
  const imagesStmt = db.prepare('SELECT path, sha256, size_bytes FROM particle_images WHERE import_id = ? ORDER BY particle_id, cropped').raw(true);
  return (sampleId) => recordInputs(sampleId, { sampleStmt, metadataStmt, abundancesStmt, importFilesStmt, imagesStmt });
}

type Statement = BetterSqlite3.Statement<unknown[]>;

function recordInputs(
  sampleId: string,
  q: { sampleStmt: Statement; metadataStmt: Statement; abundancesStmt: Statement; importFilesStmt: Statement; imagesStmt: Statement },
): RecordInputs | null {
  const s = q.sampleStmt.get(sampleId) as SampleRow | undefined;
  if (!s) return null;
  const metadata: Record<string, string> = {};
  for (const m of q.metadataStmt.all(sampleId) as { key: string; value: string }[]) {
    // Keys beyond the protocol's limit cannot travel; values are cut to its limit.
    if (m.key.length <= 200) metadata[m.key] = clip(m.value, 10_000) as string;
  }
  const abundances = (
    q.abundancesStmt.all(sampleId) as { set_name: string; group_name: string | null; events: number | null; abundance_per_ml: number | null; template_id: string; template_version: number; flag: string | null }[]
  ).map((a) => ({
    set: clip(a.set_name, 200) as string,
    group: clip(a.group_name, 200),
    events: a.events,
    abundancePerMl: a.abundance_per_ml !== null && Number.isFinite(a.abundance_per_ml) ? a.abundance_per_ml : null,
    template: a.template_id,
    templateVersion: a.template_version,
    flag: a.flag,
  }));
  const files: RecordInputs['files'] = [];
  const seen = new Set<string>();
  if (s.current_import_id !== null) {
    for (const f of q.importFilesStmt.all(s.current_import_id) as { role: string; stored_path: string; sha256: string; size_bytes: number }[]) {
      if (seen.has(f.stored_path)) continue;
      seen.add(f.stored_path);
      files.push({ role: f.role, path: f.stored_path, sha256: f.sha256, bytes: f.size_bytes });
    }
    for (const [imagePath, sha256, bytes] of q.imagesStmt.all(s.current_import_id) as [string, string, number | null][]) {
      if (seen.has(imagePath)) continue;
      seen.add(imagePath);
      files.push({ role: 'image', path: imagePath, sha256, bytes });
    }
  }
  return {
    record: {
      id: s.id,
      importVersion: s.version ?? 1,
      name: s.name || s.id,
      source: s.source,
      startedAt: s.started_at,
      latitude: s.latitude,
      longitude: s.longitude,
      depthMetres: s.depth_m,
      volumeMicrolitres: s.volume_ul,
      deployment: clip(s.deployment, 200),
      station: clip(s.station, 200),
      instrument: clip(s.instrument, 200),
      eventCount: s.event_count,
      metadata,
      abundances,
    },
    files,
  };
}

/** The record's content hash: its fields as canonical JSON, then each file as a JSON [role, path, sha256]. */
function signature(inputs: RecordInputs): string {
  const hash = createHash('sha256').update(canonicalJson(inputs.record));
  for (const f of inputs.files) hash.update(JSON.stringify([f.role, f.path, f.sha256]));
  return hash.digest('hex');
}

/** 64 lower-case hex digits (a loop: the regular expression cost a microsecond per file). */
function isSha256(s: string): boolean {
  if (s.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/**
 * Whether a file under files/ is there, by listing its folder once (a sample's images share one folder: one
 * listing instead of a `stat` per image). `listings` (by folder relative to files/) lives for one record.
 */
function present(filesDir: string, rel: string, listings: Map<string, Set<string> | null>): boolean {
  const slash = rel.lastIndexOf('/');
  const dir = rel.slice(0, Math.max(slash, 0));
  const name = rel.slice(slash + 1);
  if (name === '' || name === '.' || name === '..') return storedFilePath(filesDir, rel) !== null && fs.existsSync(storedFilePath(filesDir, rel)!);
  let names = listings.get(dir);
  if (names === undefined) {
    const abs = dir === '' ? path.resolve(filesDir) : storedFilePath(filesDir, dir);
    try {
      names = abs === null ? null : new Set(fs.readdirSync(abs));
    } catch {
      names = null;
    }
    listings.set(dir, names);
  }
  return names !== null && names.has(name);
}

/**
 * The full record: file sizes as recorded at import, read from disk where the database has none (images imported
 * before sizes were recorded); files that cannot travel (no hash, missing, too large) left out. A file whose size
 * changed on disk since is found when it is read for upload.
 */
function materialise(inputs: RecordInputs, filesDir: string, sig: string): BuiltRecord {
  const problems: string[] = [];
  const files: SampleRecord['files'] = [];
  const listings = new Map<string, Set<string> | null>();
  for (const f of inputs.files) {
    if (!isSha256(f.sha256)) {
      problems.push(`${f.path}: no SHA-256 recorded, so it cannot be sent`);
      continue;
    }
    let size = f.bytes;
    if (size !== null) {
      if (!present(filesDir, f.path, listings)) size = null;
    } else {
      const abs = storedFilePath(filesDir, f.path);
      try {
        size = abs ? fs.statSync(abs).size : null;
      } catch {
        size = null;
      }
    }
    if (size === null) {
      problems.push(`${f.path}: missing from the library's files`);
      continue;
    }
    if (size > MAX_FILE_BYTES) {
      problems.push(`${f.path}: ${size} bytes is more than the server takes (${MAX_FILE_BYTES})`);
      continue;
    }
    // The entry itself (read for this record alone), its size known now.
    f.bytes = size;
    files.push(f as SampleRecord['files'][number]);
  }
  return { record: { ...inputs.record, files }, sha256: problems.length ? sha256Hex(`${sig} incomplete`) : sig, problems };
}

/** The record of one sample as the server should keep it now. */
export function buildSampleRecord(db: Database, filesDir: string, sampleId: string): BuiltRecord | null {
  const inputs = recordReader(db)(sampleId);
  return inputs ? materialise(inputs, filesDir, signature(inputs)) : null;
}

/**
 * Approved samples whose record is not on the server as it is now (only those have their files looked at), one at
 * a time: a sync builds the next batch while the server stores the one before.
 */
export function* changedRecords(db: Database, filesDir: string): Generator<BuiltRecord> {
  // A record whose files were still being sent when a run stopped (files_pending) goes again: the server says which
  // of them it still lacks.
  const pushed = new Map(
    (db.prepare('SELECT sample_id, record_sha256 FROM sync_samples WHERE files_pending = 0').all() as { sample_id: string; record_sha256: string }[]).map((r) => [
      r.sample_id,
      r.record_sha256,
    ]),
  );
  const read = recordReader(db);
  for (const id of db.prepare("SELECT id FROM samples WHERE review_state = 'approved' ORDER BY id").pluck().all() as string[]) {
    const inputs = read(id);
    if (!inputs) continue;
    const sig = signature(inputs);
    if (pushed.get(id) === sig) continue;
    yield materialise(inputs, filesDir, sig);
  }
}

export interface SamplePushOutcome {
  stored: number;
  unchanged: number;
  refused: number;
  filesQueued: number;
  errors: string[];
  stopped: SyncRequestError | null;
}

/** Queues files (a JSON array of [sha256, path, role, bytes]) in one statement; a file already sent is queued again. */
const QUEUE_FILES = `INSERT INTO sync_files (sha256, path, role, size_bytes, queued_at)
  SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, ? FROM json_each(?) WHERE true
  ON CONFLICT (sha256) DO UPDATE SET status = 'queued', bytes_sent = 0, path = excluded.path, role = excluded.role, size_bytes = excluded.size_bytes
    WHERE sync_files.status = 'sent'`;

/**
 * The record's files the server said it lacks, each hash once: named by position (`missingFileIndexes`) or, by a
 * server from before positions, by hash. A position the record does not have is the server's fault, reported.
 */
function filesToQueue(built: BuiltRecord, r: PushSamplesResponse['results'][number]): QueuedFile[] {
  const files = built.record.files;
  const rows: QueuedFile[] = [];
  const queued = new Set<string>();
  const add = (f: SampleRecord['files'][number]) => {
    if (queued.has(f.sha256)) return;
    queued.add(f.sha256);
    rows.push({ sha256: f.sha256, path: f.path, role: f.role, size: f.bytes });
  };
  if (r.missingFileIndexes) {
    for (const i of r.missingFileIndexes) {
      const f = files[i];
      if (!f) throw new SyncRequestError('server', `the server's answer names file ${i} of sample ${built.record.id}, whose record lists ${files.length}`);
      add(f);
    }
    return rows;
  }
  const want = new Set(r.missingFiles ?? []);
  for (const f of files) if (want.has(f.sha256)) add(f);
  return rows;
}

const RECORD_PUSH = `INSERT INTO sync_samples (sample_id, import_version, record_sha256, status, reason, pushed_at, files_pending) VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (sample_id) DO UPDATE SET import_version = excluded.import_version, record_sha256 = excluded.record_sha256, status = excluded.status,
    reason = excluded.reason, pushed_at = excluded.pushed_at, files_pending = excluded.files_pending`;

/**
 * Remembers what the server answered for a record (`stmt`: RECORD_PUSH prepared, when many are recorded);
 * `filesPending`: some of its files went into the file lane (file-lane.ts).
 */
function record(db: Database, built: BuiltRecord, status: 'stored' | 'unchanged' | 'refused', reason: string | null, now: string, stmt: Statement = db.prepare(RECORD_PUSH), filesPending = false): void {
  stmt.run(built.record.id, built.record.importVersion, built.sha256, status, reason, now, filesPending ? 1 : 0);
}

function applySampleResults(db: Database, batch: readonly BuiltRecord[], response: PushSamplesResponse, out: SamplePushOutcome, lane: FileLane | null): void {
  const byId = new Map(response.results.map((r) => [r.id, r]));
  const queue = db.prepare(QUEUE_FILES);
  const remember = db.prepare(RECORD_PUSH);
  const toQueue: QueuedFile[] = [];
  db.transaction(() => {
    const now = new Date().toISOString();
    for (const built of batch) {
      const r = byId.get(built.record.id);
      if (!r) continue; // not answered: sent again next time
      if (r.status === 'refused') {
        record(db, built, 'refused', r.reason ?? 'refused by the server', now, remember);
        out.refused++;
        out.errors.push(`sample ${built.record.id} refused by the server: ${r.reason ?? 'no reason given'}`);
        continue;
      }
      const missing = filesToQueue(built, r);
      // Small files the run can send now go by the lane, the others (and all without a lane) into sync_files.
      const rest = lane ? lane.offer(built.record.id, missing) : missing;
      record(db, built, r.status, null, now, remember, rest.length < missing.length);
      if (r.status === 'stored') out.stored++;
      else out.unchanged++;
      out.filesQueued += missing.length - rest.length;
      toQueue.push(...rest);
    }
    if (toQueue.length > 0) out.filesQueued += queue.run(now, JSON.stringify(toQueue.map((f) => [f.sha256, f.path, f.role, f.size]))).changes;
  })();
}

export async function pushSampleRecords(
  db: Database,
  filesDir: string,
  client: SyncClient,
  retry: Retrier,
  options: { deadline?: number; /** Where small missing files go for this run's uploader (default: all into sync_files). */ lane?: FileLane } = {},
): Promise<SamplePushOutcome> {
  const lane = options.lane ?? null;
  const out: SamplePushOutcome = { stored: 0, unchanged: 0, refused: 0, filesQueued: 0, errors: [], stopped: null };
  const records = changedRecords(db, filesDir);
  /** A record that did not fit in the batch before (the body budget). */
  let carried: BuiltRecord | null = null;
  /** How many records the next batch may hold (FIRST_SAMPLES_PER_PUSH, growing). */
  let limit = FIRST_SAMPLES_PER_PUSH;
  /** Each record of the batches in flight as JSON: measured for the body budget, then sent as it is. */
  const serialised = new Map<BuiltRecord, string>();
  /** The next batch of valid records (an invalid one is recorded as refused on the way), or null when none is left. */
  const nextBatch = (): BuiltRecord[] | null => {
    const batch: BuiltRecord[] = [];
    let bytes = 0;
    const most = limit;
    limit = Math.min(MAX_SAMPLES_PER_PUSH, limit * 4);
    while (batch.length < most) {
      let built = carried;
      carried = null;
      if (built === null) {
        const next = records.next();
        if (next.done) break;
        built = next.value;
        out.errors.push(...built.problems.map((p) => `sample ${built!.record.id}: ${p}`));
        const check = sampleRecordSchema.safeParse(built.record);
        if (!check.success) {
          const first = check.error.issues[0];
          const why = `cannot be sent: ${first ? `${first.path.join('.')} ${first.message}` : 'invalid'}`;
          const refused = built;
          db.transaction(() => record(db, refused, 'refused', why, new Date().toISOString()))();
          out.refused++;
          out.errors.push(`sample ${built.record.id} ${why}`);
          continue;
        }
      }
      const json = JSON.stringify(built.record);
      if (batch.length > 0 && bytes + json.length + 1 > BODY_BUDGET) {
        carried = built;
        break;
      }
      batch.push(built);
      serialised.set(built, json);
      bytes += json.length + 1;
    }
    return batch.length > 0 ? batch : null;
  };
  // Two requests in flight, the next batch built while they travel: the server stores one batch while this side
  // builds the next and records the answer to the one before (each sample is in one batch only, so the order
  // between batches does not matter).
  const send = (batch: readonly BuiltRecord[]) => {
    const json = batch.map((b) => serialised.get(b) ?? JSON.stringify(b.record));
    for (const b of batch) serialised.delete(b);
    const answer = retry(() => client.pushSampleJson(json));
    answer.catch(() => undefined); // awaited below, or dropped when the run stops first
    return answer;
  };
  const overdue = () => options.deadline !== undefined && Date.now() > options.deadline;
  let upcoming = overdue() ? null : nextBatch();
  let inFlight = upcoming ? send(upcoming) : null;
  while (upcoming !== null && inFlight !== null) {
    const batch = upcoming;
    const answer = inFlight;
    upcoming = overdue() ? null : nextBatch();
    inFlight = upcoming ? send(upcoming) : null;
    try {
      applySampleResults(db, batch, await answer, out, lane);
    } catch (err) {
      const e = err instanceof SyncRequestError ? err : new SyncRequestError('server', (err as Error).message);
      if (e.kind === 'refused' && batch.length === 1) {
        db.transaction(() => record(db, batch[0] as BuiltRecord, 'refused', e.message, new Date().toISOString()))();
        out.refused++;
        out.errors.push(`sample ${(batch[0] as BuiltRecord).record.id} refused by the server: ${e.message}`);
        continue;
      }
      if (e.kind === 'refused' && e.status !== 403) {
        // Refused as a whole: send one by one so the record at fault is found and the others go.
        for (const one of batch) {
          try {
            applySampleResults(db, [one], await retry(() => client.pushSamples([one.record])), out, lane);
          } catch (inner) {
            const ie = inner instanceof SyncRequestError ? inner : new SyncRequestError('server', (inner as Error).message);
            if (ie.kind !== 'refused') {
              out.stopped = ie;
              return out;
            }
            db.transaction(() => record(db, one, 'refused', ie.message, new Date().toISOString()))();
            out.refused++;
            out.errors.push(`sample ${one.record.id} refused by the server: ${ie.message}`);
          }
        }
        continue;
      }
      out.stopped = e;
      break;
    }
  }
  return out;
}
