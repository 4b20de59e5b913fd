/**
 * The library's fixity record: fixity.sha256 in the library folder, in sha256sum format, with the SHA-256 of every
 * stored file under files/. Sources and images take the sum recorded at import (the database is the authority);
 * the files the importer derives (event columns, particle ids, set members) are appended here as each import is
 * committed (appendFixityRecord); a file without a sum (imports made before sums were recorded at import) takes the
 * sum computed the first time a backup or verify sees it. `cd LIBRARY && sha256sum -c fixity.sha256` checks a library with standard tools.
 * Kept out of the database so recording sums needs no schema change and never competes with the app's writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { manifestLine } from '../../shared/backup/sha256-manifest.js';
import { manifestMap, readManifestFile, writeManifestFile } from './manifest-files.js';

export const fixityRecordFile = 'fixity.sha256';

export function fixityRecordPath(libraryDir: string): string {
  return path.join(libraryDir, fixityRecordFile);
}

/** Path → sum. A missing record is empty; a record that is not a manifest throws invalid-input naming it. */
export function readFixityRecord(libraryDir: string): Map<string, string> {
  return manifestMap(readManifestFile(fixityRecordPath(libraryDir)));
}

/**
 * Rewrites the record with `sums` (a backup or check's view, from `readAtStart`): sums appended or changed in the
 * file since it was read (an import committed meanwhile) are kept, not overwritten.
 */
export function writeFixityRecord(libraryDir: string, sums: ReadonlyMap<string, string>, readAtStart: ReadonlyMap<string, string> = sums): void {
  const merged = new Map(sums);
  try {
    for (const [p, sha256] of readFixityRecord(libraryDir)) if (readAtStart.get(p) !== sha256) merged.set(p, sha256);
  } catch {
    // An unreadable record is replaced by this one (the caller reported it).
  }
  writeManifestFile(fixityRecordPath(libraryDir), [...merged].map(([p, sha256]) => ({ path: p, sha256 })));
  cache.delete(libraryDir);
}

/** Appends sums (an import's derived files): sha256sum lines at the end, flushed to disk; a later line wins. */
export function appendFixityRecord(libraryDir: string, entries: readonly { path: string; sha256: string }[]): void {
  if (entries.length === 0) return;
  const fd = fs.openSync(fixityRecordPath(libraryDir), 'a');
  try {
    fs.writeSync(fd, entries.map((e) => manifestLine(e)).join(''));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  cache.delete(libraryDir);
}

const cache = new Map<string, { mtimeMs: number; size: number; sums: Map<string, string> }>();

/**
 * The record as last written, re-read only when the file changed (checks of opened files look sums up often).
 * Unreadable records read as empty here: a check on open must never stop the user from seeing their data.
 */
export function cachedFixityRecord(libraryDir: string): Map<string, string> {
  let st: fs.Stats;
  try {
    st = fs.statSync(fixityRecordPath(libraryDir));
  } catch {
    cache.delete(libraryDir);
    return new Map();
  }
  const hit = cache.get(libraryDir);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.sums;
  let sums: Map<string, string>;
  try {
    sums = readFixityRecord(libraryDir);
  } catch {
    sums = new Map();
  }
  cache.set(libraryDir, { mtimeMs: st.mtimeMs, size: st.size, sums });
  return sums;
}
