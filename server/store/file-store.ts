import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { FileBatchResult, FileStatus } from '../../shared/sync/sync-protocol.js';
import { MAX_FILE_BYTES } from '../../shared/sync/sync-protocol.js';
import type { SqlDriver } from '../db/sql-driver.js';
import type { Caller } from './accounts.js';
import { isSha256Hex } from '../../shared/sync/sha256-hex.js';


/**
 * Where a file lives, relative to the data folder: `files/ab/abcdef….bin`, built from the validated hash alone (a
 * name a client gave never becomes a path). The bytes of an unfinished upload sit beside it as `….part`.
 */
export function fileStoragePath(sha256: string): string {
  if (!isSha256Hex(sha256)) throw new Error('not a SHA-256');
  return path.posix.join('files', sha256.slice(0, 2), `${sha256}.bin`);
}

/**
 * The hashes of a comma-separated list ($1, checked hex) that the server holds complete, one row each: in a pack
 * (`packed_files`, keyed by the hash's bytes) or uploaded in chunks (`files`). A lookup by the primary key per hash (a
 * scalar subquery): `sha256 = ANY(list)`, a join or EXISTS let PostgreSQL scan the whole table when its statistics
 * are behind (as they are while a sync fills it): 5–16 ms per 1,000 hashes at 50,000 files, growing with the table,
 * against 1–3 ms. Only the hashes found come back (PGlite spent as much returning the others).
 */
export const COMPLETE_FILES_SQL = `SELECT w.sha256 FROM unnest(string_to_array($1, ',')) AS w (sha256)
  WHERE (SELECT true FROM packed_files p WHERE p.sha256 = decode(w.sha256, 'hex')) OR (SELECT f.complete FROM files f WHERE f.sha256 = w.sha256)`;

/**
 * Records a batch's pack and the files in it the server lacked, in one statement: $1 hashes, $2 sizes, $3 offsets
 * (comma-separated), $4 the pack's path, $5 the sender. A hash complete in `files` is left as it is; an unfinished
 * chunked upload of a stored hash is dropped (`replaced`: its `.part` is moot). Says which were stored, and which
 * replaced an upload, as comma-separated lists (one row back, not one per file).
 *
 * `known` says what to do with a hash already in a pack: `fail` (a unique violation, the statement stores nothing)
 * or `skip` (ON CONFLICT DO NOTHING). The batches a sync sends hold files the server said it lacked, so the plain
 * insert is tried first: the conflict check costs a third of a row's insert (3 µs of PGlite's 14).
 */
function storePackSql(known: 'fail' | 'skip'): string {
  return `WITH pack AS (INSERT INTO packs (storage_path, user_id) VALUES ($4, $5) RETURNING id),
  stored AS (
    INSERT INTO packed_files (sha256, pack_id, pack_offset, size)
    SELECT decode(t.sha256, 'hex'), (SELECT id FROM pack), t.pack_offset, t.size
    FROM unnest(string_to_array($1, ','), string_to_array($2, ',')::bigint[], string_to_array($3, ',')::bigint[]) AS t (sha256, size, pack_offset)
    WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.sha256 = t.sha256 AND f.complete)
    ${known === 'skip' ? 'ON CONFLICT (sha256) DO NOTHING' : ''}
    RETURNING encode(sha256, 'hex') AS sha256),
  replaced AS (DELETE FROM files f WHERE f.sha256 IN (SELECT sha256 FROM stored) AND NOT f.complete RETURNING f.sha256)
  SELECT (SELECT string_agg(sha256, ',') FROM stored) AS stored, (SELECT string_agg(sha256, ',') FROM replaced) AS replaced`;
}
const STORE_NEW_PACK_SQL = storePackSql('fail');
const STORE_PACK_SQL = storePackSql('skip');

/** PostgreSQL's unique_violation, as both drivers report it. */
function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

/** A new pack's place, relative to the data folder: random (never from a client), spread over 256 folders. */
export function newPackPath(): string {
  const id = crypto.randomBytes(16).toString('hex');
  return path.posix.join('packs', id.slice(0, 2), `${id}.pack`);
}

/** Where a complete file's bytes are: a file of its own (`offset` null) or `size` bytes of a pack from `offset`. */
export interface StoredFile {
  sha256: string;
  size: number;
  /** Absolute path of the file or of its pack. */
  path: string;
  offset: number | null;
}

export type ChunkOutcome =
  | { kind: 'ok'; status: FileStatus }
  /** `offset` is not what the server has: resume from `status.received`. */
  | { kind: 'offset'; status: FileStatus }
  /** The complete bytes do not match the hash: the upload starts over. */
  | { kind: 'hash-mismatch'; status: FileStatus }
  | { kind: 'invalid'; field: string; message: string };

interface FileRow {
  size: number;
  received: number;
  complete: boolean;
}

export class FileStore {
  /** One upload step per file at a time (two devices may send the same image). */
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: SqlDriver,
    private readonly dataDir: string,
  ) {}

  async status(sha256: string): Promise<FileStatus> {
    const row = await this.row(sha256);
    return { sha256, received: row?.received ?? 0, complete: row?.complete ?? false };
  }

  /** Where a complete file's bytes are, or null (not held, or not complete). */
  async locate(sha256: string): Promise<StoredFile | null> {
    if (!isSha256Hex(sha256)) return null;
    const rows = await this.db.query<{ size: number; storage_path: string; pack_offset: number | null }>(
      `SELECT f.size, p.storage_path, f.pack_offset FROM packed_files f JOIN packs p ON p.id = f.pack_id WHERE f.sha256 = decode($1, 'hex')
       UNION ALL SELECT size, storage_path, NULL FROM files WHERE sha256 = $1 AND complete LIMIT 1`,
      [sha256],
    );
    const r = rows[0];
    return r ? { sha256, size: Number(r.size), path: path.join(this.dataDir, r.storage_path), offset: r.pack_offset === null ? null : Number(r.pack_offset) } : null;
  }

  /** A complete file's bytes (small files; a large one is better streamed from `locate`), or null. */
  async read(sha256: string): Promise<Buffer | null> {
    const at = await this.locate(sha256);
    if (!at) return null;
    if (at.offset === null) return fsp.readFile(at.path);
    const fh = await fsp.open(at.path, 'r');
    try {
      const bytes = Buffer.alloc(at.size);
      const { bytesRead } = await fh.read(bytes, 0, at.size, at.offset);
      if (bytesRead !== at.size) throw new Error(`pack ${at.path} ends before file ${sha256} (${bytesRead} of ${at.size} bytes at ${at.offset})`);
      return bytes;
    } finally {
      await fh.close();
    }
  }

  putChunk(caller: Caller, sha256: string, offset: number, size: number, chunk: Buffer): Promise<ChunkOutcome> {
    return this.locked([sha256], () => this.put(caller, sha256, offset, size, chunk));
  }

  /**
   * Stores a batch of small whole files (`POST /files/batch`): each checked against its hash alone (a mismatch
   * refuses that file only); they are written one after the other into a new pack, which is flushed (as a chunked
   * upload's last chunk is) and renamed into place before the rows of the files the server lacked are recorded in
   * one statement. A crash in between leaves a pack no row points to, and the client sends again.
   */
  putBatch(caller: Caller, files: readonly { sha256: string; bytes: Buffer }[]): Promise<FileBatchResult[]> {
    return this.locked(
      files.map((f) => f.sha256),
      () => this.storeBatch(caller, files),
    );
  }

  /** Runs `fn` once every earlier step on any of these files is done (two devices may send the same image). */
  private locked<T>(hashes: readonly string[], fn: () => Promise<T>): Promise<T> {
    const keys = [...new Set(hashes)];
    const previous = Promise.allSettled(keys.map((k) => this.locks.get(k) ?? Promise.resolve()));
    const next = previous.then(fn);
    for (const k of keys) this.locks.set(k, next);
    void next
      .finally(() => {
        for (const k of keys) if (this.locks.get(k) === next) this.locks.delete(k);
      })
      .catch(() => undefined);
    return next;
  }

  private async storeBatch(caller: Caller, files: readonly { sha256: string; bytes: Buffer }[]): Promise<FileBatchResult[]> {
    const results: FileBatchResult[] = files.map((f) => ({ sha256: f.sha256, status: 'refused', reason: 'not a SHA-256 in lower-case hex' }));
    /** Files to write: by hash, the first entry whose bytes match (a hash listed twice is written once). */
    const toStore = new Map<string, Buffer>();
    const firstAt = new Map<string, number>();
    files.forEach((f, i) => {
      if (!isSha256Hex(f.sha256)) return;
      if (toStore.has(f.sha256)) {
        results[i] = { sha256: f.sha256, status: 'exists' };
        return;
      }
      // crypto.hash: one call, a third of createHash's time on a 400-byte image.
      if (crypto.hash('sha256', f.bytes) !== f.sha256) {
        results[i] = { sha256: f.sha256, status: 'refused', reason: "the file's bytes do not match its SHA-256; it was discarded" };
        return;
      }
      toStore.set(f.sha256, f.bytes);
      firstAt.set(f.sha256, i);
    });
    if (toStore.size === 0) return results;

    // The pack is written before the database is asked which files it has: the statement that records the new files
    // says which were new (RETURNING), so a batch costs one statement, not a lookup per file too (a third of what
    // PGlite spent on a batch). Files the server had already (a batch sent again after its answer was lost) leave
    // their bytes unreferenced in the pack, which is removed when it holds nothing new.
    const packPath = newPackPath();
    const pack = path.join(this.dataDir, packPath);
    const temp = `${pack}.tmp`;
    const entries: { sha256: string; size: number; offset: number }[] = [];
    let offset = 0;
    for (const [sha256, bytes] of toStore) {
      entries.push({ sha256, size: bytes.length, offset });
      offset += bytes.length;
    }
    await this.ensureFolder(path.dirname(pack));
    const fh = await fsp.open(temp, 'w');
    try {
      await fh.writev([...toStore.values()]);
      await fh.sync();
    } catch (err) {
      await fh.close();
      await fsp.rm(temp, { force: true });
      throw err;
    }
    await fh.close();
    await fsp.rename(temp, pack);
    // In the order of the hashes, not of the pack: neighbouring keys land on the same index pages.
    const rows = [...entries].sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1));
    const params = [rows.map((e) => e.sha256).join(','), rows.map((e) => e.size).join(','), rows.map((e) => e.offset).join(','), packPath, caller.id];
    const record = (sql: string) =>
      this.db.transaction(async (tx) => {
        const [row] = await tx.query<{ stored: string | null; replaced: string | null }>(sql, params);
        const storedList = row?.stored ? row.stored.split(',') : [];
        // A pack that holds nothing new (a batch sent again after its answer was lost) is not kept.
        if (storedList.length === 0) await tx.query('DELETE FROM packs WHERE storage_path = $1', [packPath]);
        return { stored: new Set(storedList), replaced: row?.replaced ? row.replaced.split(',') : [] };
      });
    let stored: Set<string>;
    let replaced: string[];
    try {
      // Files already held (a batch sent again, or by two devices) make the plain insert fail as a whole: then the
      // batch is recorded again, skipping them.
      ({ stored, replaced } = await record(STORE_NEW_PACK_SQL).catch((err: unknown) => {
        if (isUniqueViolation(err)) return record(STORE_PACK_SQL);
        throw err;
      }));
    } catch (err) {
      await fsp.rm(pack, { force: true });
      throw err;
    }
    for (const [sha256, i] of firstAt) results[i] = { sha256, status: stored.has(sha256) ? 'stored' : 'exists' };
    if (stored.size === 0) await fsp.rm(pack, { force: true });
    // Unfinished chunked uploads of these files (their rows dropped) are moot now.
    await Promise.all(replaced.map((sha256) => fsp.rm(path.join(this.dataDir, fileStoragePath(sha256)).replace(/\.bin$/, '.part'), { force: true })));
    return results;
  }

  /** Pack folders (256 of them) are created once per server run, not checked for every batch. */
  private readonly folders = new Set<string>();
  private async ensureFolder(dir: string): Promise<void> {
    if (this.folders.has(dir)) return;
    await fsp.mkdir(dir, { recursive: true });
    this.folders.add(dir);
  }

  /** A file in a pack is complete; one uploaded in chunks says how far it got. */
  private async row(sha256: string): Promise<FileRow | null> {
    if (!isSha256Hex(sha256)) return null;
    const rows = await this.db.query<FileRow>(
      `SELECT size, size AS received, true AS complete FROM packed_files WHERE sha256 = decode($1, 'hex')
       UNION ALL SELECT size, received, complete FROM files WHERE sha256 = $1 LIMIT 1`,
      [sha256],
    );
    const r = rows[0];
    return r ? { size: Number(r.size), received: Number(r.received), complete: r.complete } : null;
  }

  private async put(caller: Caller, sha256: string, offset: number, size: number, chunk: Buffer): Promise<ChunkOutcome> {
    if (!isSha256Hex(sha256)) return { kind: 'invalid', field: 'sha256', message: 'a SHA-256 in lower-case hex' };
    if (!Number.isSafeInteger(size) || size < 0 || size > MAX_FILE_BYTES) return { kind: 'invalid', field: 'size', message: `the file size, 0 to ${MAX_FILE_BYTES} bytes` };
    let row = await this.row(sha256);
    if (row && row.size !== size) return { kind: 'invalid', field: 'size', message: `this file's upload was started with size ${row.size}, not ${size}` };
    if (row?.complete) return { kind: 'ok', status: { sha256, received: row.received, complete: true } };

    const final = path.join(this.dataDir, fileStoragePath(sha256));
    const part = final.replace(/\.bin$/, '.part');
    let received = row?.received ?? 0;
    if (received > 0 && (await fileSize(part)) < received) {
      // The bytes the database counts are no longer on disk (disk restored, file removed): start over.
      await this.db.query('UPDATE files SET received = 0 WHERE sha256 = $1', [sha256]);
      received = 0;
    }
    if (offset !== received) return { kind: 'offset', status: { sha256, received, complete: false } };
    if (offset + chunk.length > size) return { kind: 'invalid', field: 'body', message: `the chunk ends at byte ${offset + chunk.length}, past the file's size ${size}` };
    if (chunk.length === 0 && offset < size) return { kind: 'invalid', field: 'body', message: 'an empty chunk' };

    if (!row) {
      await this.db.query('INSERT INTO files (sha256, size, storage_path, user_id) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING', [
        sha256,
        size,
        fileStoragePath(sha256),
        caller.id,
      ]);
      row = { size, received: 0, complete: false };
    }
    await fsp.mkdir(path.dirname(part), { recursive: true });
    const fh = await fsp.open(part, offset === 0 ? 'w' : 'r+');
    try {
      await fh.write(chunk, 0, chunk.length, offset);
      // Bytes past `received` left by an earlier write that was never counted are dropped.
      await fh.truncate(offset + chunk.length);
      if (offset + chunk.length === size) await fh.sync();
    } finally {
      await fh.close();
    }
    received = offset + chunk.length;
    await this.db.query('UPDATE files SET received = $2 WHERE sha256 = $1', [sha256, received]);
    if (received < size) return { kind: 'ok', status: { sha256, received, complete: false } };

    if ((await hashFile(part)) !== sha256) {
      await fsp.rm(part, { force: true });
      await this.db.query('UPDATE files SET received = 0 WHERE sha256 = $1', [sha256]);
      return { kind: 'hash-mismatch', status: { sha256, received: 0, complete: false } };
    }
    await fsp.rename(part, final);
    await this.db.query('UPDATE files SET complete = true, completed_at = now() WHERE sha256 = $1', [sha256]);
    return { kind: 'ok', status: { sha256, received, complete: true } };
  }
}

async function fileSize(p: string): Promise<number> {
  try {
    return (await fsp.stat(p)).size;
  } catch {
    return 0;
  }
}

function hashFile(p: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash('sha256');
    fs.createReadStream(p)
      .on('data', (d) => hash.update(d))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
