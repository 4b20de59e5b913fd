/**
 * Fixity checks: every stored file of a library against the SHA-256 recorded at import (sources, images) or in its
 * fixity record (event columns, particle ids, set members), or every file of a backup against its manifest. Each
 * missing or differing file is named; the database is checked with PRAGMA integrity_check.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { FileProblem, VerifyReport } from '../../shared/api/backup-contract.js';
import { CurationError } from '../../shared/api/errors.js';
import { backupDatabaseFile, backupDescriptionFile, backupManifestFile, backupOrphanedFile } from '../../shared/backup/backup-description.js';
import { compareSums } from '../../shared/backup/compare-sums.js';
import type { LibraryDatabase } from '../library/library-database.js';
import { lockFile, readBackupDescription, runningBackup } from './backup-library.js';
import { fixityRecordFile, readFixityRecord, writeFixityRecord } from './fixity-record.js';
import { hashFile, isTemporaryName } from './hash-file.js';
import { absolutePath, filesOnDisk, referencedFiles } from './library-files.js';
import { manifestMap, readManifestFile } from './manifest-files.js';
import { stopIfCancelled } from '../common/cancelled.js';

export interface VerifyProgress {
  done: number;
  total: number | null;
  message: string;
}

export interface VerifyOptions {
  onProgress?: (p: VerifyProgress) => void;
  /** better_sqlite3.node built for Electron, to open a backup's database copy with. */
  nativeBinding?: string | undefined;
  /** Cancels the check between files (cancelJob); nothing is recorded. */
  signal?: AbortSignal;
}

const CHECK_CANCELLED = 'the check stopped before its end; nothing was recorded';

export function integrityVerdict(db: SqliteDatabase): string {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  return rows.map((r) => r.integrity_check).slice(0, 10).join('; ');
}

function problemOf(kind: FileProblem['kind'], p: string, expected: string | null, actual: string | null, where: 'library' | 'backup'): FileProblem {
  const message =
    kind === 'missing'
      ? `${p} is missing from the ${where}`
      : kind === 'unreadable'
        ? `${p} cannot be read`
        : `${p} differs: SHA-256 ${actual?.slice(0, 16)}…, recorded ${expected?.slice(0, 16)}…`;
  return { path: p, kind, expected, actual, message };
}

/** Hashes the files, reporting progress in bytes; null for a file that is absent or unreadable. */
async function hashAll(root: string, paths: readonly string[], onProgress: (p: VerifyProgress) => void, signal: AbortSignal | undefined): Promise<{ sums: Map<string, string | null>; bytes: number }> {
  const sizes = paths.map((p) => {
    try {
      return fs.statSync(absolutePath(root, p)).size;
    } catch {
      return 0;
    }
  });
  const total = sizes.reduce((a, b) => a + b, 0);
  let done = 0;
  let last = 0;
  const sums = new Map<string, string | null>();
  for (const [i, p] of paths.entries()) {
    stopIfCancelled(signal, CHECK_CANCELLED);
    if (Date.now() - last > 200) {
      last = Date.now();
      onProgress({ done, total, message: `checking ${i + 1} of ${paths.length} files` });
    }
    const h = await hashFile(absolutePath(root, p), (n) => (done += n));
    sums.set(p, h ? h.sha256 : null);
  }
  onProgress({ done: total, total, message: 'done' });
  return { sums, bytes: total };
}

/** Checks the library's stored files; files without a recorded sum get one (recorded in fixity.sha256). */
export async function verifyLibraryFiles(lib: LibraryDatabase, options: VerifyOptions = {}): Promise<VerifyReport> {
  const onProgress = options.onProgress ?? (() => undefined);
  onProgress({ done: 0, total: null, message: 'checking the database' });
  const database = integrityVerdict(lib.db);
  let fixity: Map<string, string>;
  const extra: FileProblem[] = [];
  try {
    fixity = readFixityRecord(lib.dir);
  } catch (err) {
    fixity = new Map();
    extra.push({ path: fixityRecordFile, kind: 'unreadable', expected: null, actual: null, message: `${(err as Error).message}; sums are recorded again from the files` });
  }
  const referenced = referencedFiles(lib.db);
  const disk = filesOnDisk(lib.dir);
  const expected = new Map<string, string>();
  for (const [p, sum] of fixity) expected.set(p, sum);
  // The sum recorded at import is the authority where there is one.
  for (const [p, r] of referenced) if (r.recordedSha256) expected.set(p, r.recordedSha256);
  const paths = [...new Set([...referenced.keys(), ...fixity.keys(), ...disk.keys()])].sort();
  const { sums, bytes } = await hashAll(lib.dir, paths, onProgress, options.signal);

  const cmp = compareSums(expected, sums);
  const missing = cmp.missing.map((m) => problemOf('missing', m.path, m.expected, null, 'library'));
  // Referenced files with no sum anywhere and not on disk are missing too.
  for (const p of paths) if (!expected.has(p) && sums.get(p) === null && referenced.has(p)) missing.push(problemOf('missing', p, null, null, 'library'));
  const differing = cmp.differing.map((d) => problemOf('differs', d.path, d.expected, d.actual, 'library'));

  // First sight of a file without a sum: record it, so later checks (and opening it) can tell if it changes.
  let recorded = 0;
  const record = new Map(fixity);
  for (const p of paths) {
    const sum = sums.get(p);
    if (!sum) continue;
    if (!expected.has(p)) {
      record.set(p, sum);
      recorded++;
    } else if (!record.has(p)) {
      record.set(p, expected.get(p)!);
    }
  }
  const changed = record.size !== fixity.size || [...record].some(([p, s]) => fixity.get(p) !== s);
  if (changed && !lib.readOnly) writeFixityRecord(lib.dir, record, fixity);

  const unlisted = paths.filter((p) => !referenced.has(p) && !fixity.has(p) && sums.get(p));
  missing.sort((a, b) => (a.path < b.path ? -1 : 1));
  return {
    target: 'library',
    dir: lib.dir,
    checkedAt: new Date().toISOString(),
    files: paths.length,
    bytes,
    ok: missing.length === 0 && differing.length === 0 && extra.length === 0 && database === 'ok',
    missing,
    differing: [...extra, ...differing],
    recorded,
    unlisted,
    database,
    backup: null,
  };
}

const ownFiles = new Set([backupDescriptionFile, backupManifestFile, backupOrphanedFile, lockFile]);

function filesInBackup(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string, rel: string) => {
    for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!rel && e.name.startsWith('.')) continue; // .incoming of a run in progress
        walk(path.join(abs, e.name), childRel);
      } else if (e.isFile() && !isTemporaryName(e.name) && !(rel === '' && ownFiles.has(e.name))) {
        out.push(childRel);
      }
    }
  };
  walk(dir, '');
  return out;
}

/** Checks a backup folder: every file its manifests list (orphaned ones included), and its database copy. */
export async function verifyBackupFolder(dirInput: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const onProgress = options.onProgress ?? (() => undefined);
  const dir = path.resolve(dirInput);
  const description = readBackupDescription(dir);
  if (!description) throw new CurationError({ code: 'not-found', file: dir, message: `no CytoCurator backup here (${backupDescriptionFile} missing)` });
  const writer = runningBackup(dir);
  if (writer) throw new CurationError({ code: 'conflict', file: dir, message: `a backup is being written to this folder (process ${writer.pid}${writer.host ? ` on ${writer.host}` : ''}); check it when it has finished` });
  const manifest = readManifestFile(path.join(dir, backupManifestFile));
  if (!manifest) throw new CurationError({ code: 'not-found', file: path.join(dir, backupManifestFile), message: `${backupManifestFile} is missing: this backup cannot be checked` });
  const orphaned = readManifestFile(path.join(dir, backupOrphanedFile));
  const expected = new Map([...manifestMap(orphaned), ...manifestMap(manifest)]);
  const { sums, bytes } = await hashAll(dir, [...expected.keys()].sort(), onProgress, options.signal);
  const cmp = compareSums(expected, sums);

  let database = 'missing';
  if (fs.existsSync(path.join(dir, backupDatabaseFile))) {
    try {
      const db = new Database(path.join(dir, backupDatabaseFile), { readonly: true, fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
      try {
        database = integrityVerdict(db);
      } finally {
        db.close();
      }
    } catch (err) {
      database = `cannot open: ${(err as Error).message}`;
    }
  }
  const listed = new Set(expected.keys());
  const unlisted = filesInBackup(dir).filter((p) => !listed.has(p)).sort();
  const missing = cmp.missing.map((m) => problemOf('missing', m.path, m.expected, null, 'backup'));
  const differing = cmp.differing.map((d) => problemOf('differs', d.path, d.expected, d.actual, 'backup'));
  // Lines of the manifests that could not be read are problems of the backup too.
  for (const issue of [...manifest.issues.map((i) => ({ ...i, file: backupManifestFile })), ...(orphaned?.issues ?? []).map((i) => ({ ...i, file: backupOrphanedFile }))]) {
    differing.push({ path: issue.file, kind: 'unreadable', expected: null, actual: null, message: `${issue.file} line ${issue.line ?? '?'}: ${issue.message}` });
  }
  return {
    target: 'backup',
    dir,
    checkedAt: new Date().toISOString(),
    files: expected.size,
    bytes,
    ok: missing.length === 0 && differing.length === 0 && database === 'ok',
    missing,
    differing,
    recorded: 0,
    unlisted,
    database,
    backup: { libraryId: description.library.id, libraryName: description.library.name, startedAt: description.startedAt, schemaVersion: description.schemaVersion },
  };
}
