/** Reading and writing sha256sum manifests on disk, line by line (a library can list hundreds of thousands of files). */
import fs from 'node:fs';
import path from 'node:path';
import { CurationError } from '../../shared/api/errors.js';
import { createManifestReader, manifestLine, sortEntries } from '../../shared/backup/sha256-manifest.js';
import type { ManifestEntry, ParsedManifest } from '../../shared/backup/sha256-manifest.js';
import { chunkBytes, temporaryBeside } from './hash-file.js';

/** The manifest's entries, or null when the file does not exist. Throws invalid-input (naming the file) when it is not a manifest. */
export function readManifestFile(file: string): ParsedManifest | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CurationError({ code: 'invalid-input', file, message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
  }
  const reader = createManifestReader();
  const buf = Buffer.alloc(chunkBytes);
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      reader.push(buf.subarray(0, n));
    }
    return reader.finish();
  } catch (err) {
    if (err instanceof CurationError) throw new CurationError({ ...err.toJSON(), file });
    throw err;
  } finally {
    fs.closeSync(fd);
  }
}

export function manifestMap(parsed: ParsedManifest | null): Map<string, string> {
  return new Map((parsed?.entries ?? []).map((e) => [e.path, e.sha256]));
}

/** Writes the entries sorted by path, atomically (temporary file, fsync, rename). */
export function writeManifestFile(file: string, entries: Iterable<ManifestEntry>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = temporaryBeside(file);
  const fd = fs.openSync(tmp, 'wx');
  try {
    let batch = '';
    for (const e of sortEntries([...entries])) {
      batch += manifestLine(e);
      if (batch.length > 256 * 1024) {
        fs.writeSync(fd, batch);
        batch = '';
      }
    }
    if (batch) fs.writeSync(fd, batch);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, file);
  } catch (err) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
