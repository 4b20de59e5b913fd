/**
 * Reading and copying files with their SHA-256 computed on the way, so a file is read once. Copies go to a
 * temporary name beside the target and are renamed into place only when complete and matching, so an interrupted
 * or refused copy never replaces a good one.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

export const chunkBytes = 1 << 20;

export interface HashedFile {
  sha256: string;
  sizeBytes: number;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The file's sum and size, or null when it does not exist or cannot be read. */
export async function hashFile(file: string, onBytes?: (n: number) => void): Promise<HashedFile | null> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: chunkBytes })) {
      const b = chunk as Buffer;
      hash.update(b);
      sizeBytes += b.length;
      onBytes?.(b.length);
    }
  } catch {
    return null;
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}

/** Temporary name in the target's folder (same file system, so the rename is atomic). */
export function temporaryBeside(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID().slice(0, 8)}.part`);
}

export function isTemporaryName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.part');
}

export type CopyOutcome =
  | { ok: true; sha256: string; sizeBytes: number }
  | { ok: false; reason: 'unreadable' | 'differs' | 'write-failed'; sha256: string | null; message: string };

/**
 * Copies `from` to `to`: through a temporary file, fsynced, read back and compared, then renamed over `to`.
 * With `expected`, a source whose bytes do not match is not copied (the target keeps what it had).
 */
export async function copyFileChecked(from: string, to: string, options: { expected?: string | null; onBytes?: (n: number) => void; keepTimes?: boolean } = {}): Promise<CopyOutcome> {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const tmp = temporaryBeside(to);
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      sizeBytes += chunk.length;
      options.onBytes?.(chunk.length);
      done(null, chunk);
    },
  });
  let sourceStat: fs.Stats;
  try {
    sourceStat = fs.statSync(from);
    await pipeline(fs.createReadStream(from, { highWaterMark: chunkBytes }), tap, fs.createWriteStream(tmp, { flags: 'wx' }));
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    const readSide = !fs.existsSync(from) || (err as NodeJS.ErrnoException).path === from;
    return { ok: false, reason: readSide ? 'unreadable' : 'write-failed', sha256: null, message: `${readSide ? 'cannot read' : 'cannot write'}: ${code}` };
  }
  const sha256 = hash.digest('hex');
  if (options.expected && options.expected.toLowerCase() !== sha256) {
    fs.rmSync(tmp, { force: true });
    return { ok: false, reason: 'differs', sha256, message: `content does not match its recorded SHA-256 (${options.expected.slice(0, 12)}…, found ${sha256.slice(0, 12)}…)` };
  }
  try {
    const fd = fs.openSync(tmp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    const back = await hashFile(tmp);
    if (!back || back.sha256 !== sha256) throw new Error('the copy read back differs from what was written');
    if (options.keepTimes !== false) fs.utimesSync(tmp, sourceStat.atime, sourceStat.mtime);
    fs.renameSync(tmp, to);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    return { ok: false, reason: 'write-failed', sha256, message: `cannot write: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  return { ok: true, sha256, sizeBytes };
}

/** Writes a small text file atomically (temporary name, fsync, rename). */
export function writeFileAtomic(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = temporaryBeside(file);
  try {
    const fd = fs.openSync(tmp, 'wx');
    try {
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
