import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { FileStatus } from '../../shared/sync/sync-protocol.js';
import { MAX_FILE_BYTES } from '../../shared/sync/sync-protocol.js';
import type { SqlDriver } from '../db/sql-driver.js';
import type { Caller } from './accounts.js';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Where a file lives, relative to the data folder: `files/ab/abcdef….bin`, built from the validated hash alone (a
 * name a client gave never becomes a path). The bytes of an unfinished upload sit beside it as `….part`.
 */
export function fileStoragePath(sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error('not a SHA-256');
  return path.posix.join('files', sha256.slice(0, 2), `${sha256}.bin`);
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

  /** Absolute path of a complete file, or null. */
  async completePath(sha256: string): Promise<string | null> {
    const row = await this.row(sha256);
    return row?.complete ? path.join(this.dataDir, fileStoragePath(sha256)) : null;
  }

  putChunk(caller: Caller, sha256: string, offset: number, size: number, chunk: Buffer): Promise<ChunkOutcome> {
    const previous = this.locks.get(sha256) ?? Promise.resolve();
    const next = previous.then(
      () => this.put(caller, sha256, offset, size, chunk),
      () => this.put(caller, sha256, offset, size, chunk),
    );
    this.locks.set(sha256, next);
    void next.finally(() => {
      if (this.locks.get(sha256) === next) this.locks.delete(sha256);
    });
    return next;
  }

  private async row(sha256: string): Promise<FileRow | null> {
    const rows = await this.db.query<FileRow>('SELECT size, received, complete FROM files WHERE sha256 = $1', [sha256]);
    return rows[0] ?? null;
  }

  private async put(caller: Caller, sha256: string, offset: number, size: number, chunk: Buffer): Promise<ChunkOutcome> {
    if (!SHA256.test(sha256)) return { kind: 'invalid', field: 'sha256', message: 'a SHA-256 in lower-case hex' };
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
