/**
 * The stored files of a library: those its database references (with the SHA-256 recorded at import where there
 * is one: sources and images) and those found on disk under files/. Paths are relative to the library folder
 * ("files/samples/<id>/v1/events/000.f32"), the same inside a backup, so one manifest checks either.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { filesFolderName } from '../library/library-database.js';
import { isTemporaryName } from './hash-file.js';

export interface ReferencedFile {
  /** Relative to the library folder, "/" separators. */
  path: string;
  /** SHA-256 recorded in the database (import provenance, particle images); null for files hashed only on disk. */
  recordedSha256: string | null;
  sampleId: string;
}

/** Folder names under files/ that hold work in progress, never library content. */
const transientFolders = new Set(['.staging']);

export function libraryPath(storedPath: string): string {
  return `${filesFolderName}/${storedPath}`;
}

/** The sample a stored file belongs to, from its path (files/samples/<id>/…), or null. */
export function sampleOfPath(relPath: string): string | null {
  const m = /^files\/samples\/([^/]+)\//.exec(relPath);
  return m ? (m[1] ?? null) : null;
}

function hasTable(db: Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** Every file the database references, over every import version (older versions stay on disk and referenced). */
export function referencedFiles(db: Database): Map<string, ReferencedFile> {
  const out = new Map<string, ReferencedFile>();
  const add = (storedPath: string | null, sha256: string | null, sampleId: string) => {
    if (!storedPath) return;
    const p = libraryPath(storedPath);
    const known = out.get(p);
    // A recorded sum wins over none; the first recorded sum is kept.
    if (!known || (known.recordedSha256 === null && sha256)) out.set(p, { path: p, recordedSha256: sha256 ? sha256.toLowerCase() : null, sampleId });
  };
  if (!hasTable(db, 'imports')) return out;
  type Row = { sampleId: string; path: string | null; sha256: string | null };
  const rows = (sql: string) => db.prepare(sql).all() as Row[];
  for (const r of rows('SELECT i.sample_id AS sampleId, f.stored_path AS path, f.sha256 FROM import_files f JOIN imports i ON i.id = f.import_id')) add(r.path, r.sha256, r.sampleId);
  for (const r of rows('SELECT i.sample_id AS sampleId, p.path, p.sha256 FROM particle_images p JOIN imports i ON i.id = p.import_id')) add(r.path, r.sha256, r.sampleId);
  for (const r of rows('SELECT i.sample_id AS sampleId, c.path, NULL AS sha256 FROM event_columns c JOIN imports i ON i.id = c.import_id')) add(r.path, null, r.sampleId);
  for (const r of rows('SELECT i.sample_id AS sampleId, s.members_path AS path, NULL AS sha256 FROM sample_sets s JOIN imports i ON i.id = s.import_id')) add(r.path, null, r.sampleId);
  // Every import writes its particle ids beside its columns (see event-store.ts); the database does not list them.
  const versions = db.prepare('SELECT sample_id AS sampleId, version FROM imports').all() as { sampleId: string; version: number }[];
  for (const v of versions) add(`samples/${v.sampleId}/v${v.version}/events/particle-ids.u32`, null, v.sampleId);
  return out;
}

export interface DiskFile {
  path: string;
  sizeBytes: number;
  mtimeMs: number;
}

/** Regular files under the library's files/ folder (staging and temporary copies left out), by relative path. */
export function filesOnDisk(libraryDir: string): Map<string, DiskFile> {
  const out = new Map<string, DiskFile>();
  const walk = (abs: string, rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const childRel = `${rel}/${e.name}`;
      const childAbs = path.join(abs, e.name);
      if (e.isDirectory()) {
        if (rel === filesFolderName && transientFolders.has(e.name)) continue;
        walk(childAbs, childRel);
      } else if (e.isFile() && !isTemporaryName(e.name)) {
        try {
          const st = fs.statSync(childAbs);
          out.set(childRel, { path: childRel, sizeBytes: st.size, mtimeMs: st.mtimeMs });
        } catch {
          // vanished between listing and stat: not there
        }
      }
    }
  };
  walk(path.join(libraryDir, filesFolderName), filesFolderName);
  return out;
}

/** Absolute path of a relative library or backup path. */
export function absolutePath(root: string, relPath: string): string {
  return path.join(root, ...relPath.split('/'));
}
