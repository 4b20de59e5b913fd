/**
 * The library's fixity record: fixity.sha256 in the library folder, in sha256sum format, with the SHA-256 of every
 * stored file under files/. Sources and images take the sum recorded at import (the database is the authority);
 * files the importer does not hash (event columns, particle ids, set members) take the sum computed the first time
 * a backup or verify sees them. `cd LIBRARY && sha256sum -c fixity.sha256` checks a library with standard tools.
 * Kept out of the database so recording sums needs no schema change and never competes with the app's writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { manifestMap, readManifestFile, writeManifestFile } from './manifest-files.js';

export const fixityRecordFile = 'fixity.sha256';

export function fixityRecordPath(libraryDir: string): string {
  return path.join(libraryDir, fixityRecordFile);
}

/** Path → sum. A missing record is empty; a record that is not a manifest throws invalid-input naming it. */
export function readFixityRecord(libraryDir: string): Map<string, string> {
  return manifestMap(readManifestFile(fixityRecordPath(libraryDir)));
}

export function writeFixityRecord(libraryDir: string, sums: ReadonlyMap<string, string>): void {
  writeManifestFile(fixityRecordPath(libraryDir), [...sums].map(([p, sha256]) => ({ path: p, sha256 })));
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
