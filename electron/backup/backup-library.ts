/**
 * Incremental backup of a library to a folder (an external drive, a network share):
 * 1. the database through SQLite's online backup API, consistent while the app goes on writing; the snapshot is
 *    switched to a single-file journal, checked with integrity_check, and read for the files it references;
 * 2. stored files copied only when new or changed (the sum recorded in the library against the backup's
 *    manifest, and the copy's size), each through a temporary file, read back, then renamed into place; a library
 *    file that no longer matches its recorded sum is NOT copied, so the backup keeps its good earlier copy;
 * 3. manifest.sha256 (sha256sum format) of everything the backup holds for the library, orphaned.sha256 for files
 *    kept from earlier runs that the library no longer has (never deleted), and cytocurator-backup.json last.
 * See README "Backup" for the folder format.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupReport, FileProblem } from '../../shared/api/backup-contract.js';
import { CurationError } from '../../shared/api/errors.js';
import {
  backupDatabaseFile,
  backupDescriptionFile,
  backupFormat,
  backupFormatVersion,
  backupManifestFile,
  backupOrphanedFile,
  formatBackupDescription,
  parseBackupDescription,
  withRun,
} from '../../shared/backup/backup-description.js';
import type { BackupDescription } from '../../shared/backup/backup-description.js';
import { decideCopy } from '../../shared/backup/copy-decision.js';
import type { LibraryDatabase } from '../library/library-database.js';
import { readMeta } from '../library/library-database.js';
import { stopIfCancelled } from '../common/cancelled.js';
import { recordBackupRun, snapshotPosition } from './backup-state.js';
import { fixityRecordFile, readFixityRecord, writeFixityRecord } from './fixity-record.js';
import { copyFileChecked, hashFile, writeFileAtomic } from './hash-file.js';
import { absolutePath, filesOnDisk, referencedFiles, sampleOfPath } from './library-files.js';
import { manifestMap, readManifestFile, writeManifestFile } from './manifest-files.js';

export const lockFile = '.backup-lock';
export const incomingFolder = '.incoming';

export interface BackupProgress {
  done: number;
  total: number | null;
  message: string;
}

export interface BackupOptions {
  /** CytoCurator version written into the description. */
  version: string;
  onProgress?: (p: BackupProgress) => void;
  /** Pages copied per step of the online backup before it yields (tests make it small to interleave writes). */
  pagesPerStep?: number;
  /** better_sqlite3.node built for Electron, to open the snapshot with (see library-database.ts). */
  nativeBinding?: string | undefined;
  /** Cancels the run between files (cancelJob); the folder keeps its previous complete backup. */
  signal?: AbortSignal;
}

const BACKUP_CANCELLED = 'the backup folder keeps its previous complete backup; files copied before the cancel stay and the next run lists them';

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Reads a backup folder's description, or null when it has none. */
export function readBackupDescription(dir: string): BackupDescription | null {
  const file = path.join(dir, backupDescriptionFile);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    return parseBackupDescription(text);
  } catch (err) {
    if (err instanceof CurationError) throw new CurationError({ ...err.toJSON(), file });
    throw err;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process writing a backup into this folder now, or null (no lock, or one left by a process that is gone). */
export function runningBackup(dir: string): { pid: number; host: string } | null {
  let holder: { pid?: unknown; host?: unknown };
  try {
    holder = JSON.parse(fs.readFileSync(path.join(dir, lockFile), 'utf8')) as { pid?: unknown; host?: unknown };
  } catch {
    return null;
  }
  if (typeof holder.pid !== 'number') return null;
  const host = typeof holder.host === 'string' ? holder.host : '';
  if (host === os.hostname() && !pidAlive(holder.pid)) return null;
  return { pid: holder.pid, host };
}

/** One run at a time per backup folder; a lock left by a process that died is taken over. */
function takeLock(dir: string): () => void {
  const file = path.join(dir, lockFile);
  const body = JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, `${body}\n`, { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = runningBackup(dir);
      if (holder) {
        const where = holder.host && holder.host !== os.hostname() ? ` on ${holder.host}` : '';
        throw new CurationError({ code: 'conflict', file: dir, message: `another backup is writing to this folder (process ${holder.pid}${where}); wait for it, or remove ${lockFile} if it is gone` });
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new CurationError({ code: 'conflict', file: dir, message: 'cannot lock the backup folder' });
}

/** The target must be a new or empty folder, or an earlier backup of this same library, and apart from the library. */
function checkTarget(lib: LibraryDatabase, dir: string, libraryId: string): BackupDescription | null {
  if (isInside(dir, lib.dir) || isInside(lib.dir, dir)) {
    throw new CurationError({ code: 'invalid-request', field: 'to', file: dir, message: 'the backup folder must be outside the library folder (and not contain it)' });
  }
  if (!fs.existsSync(dir)) return null;
  if (!fs.statSync(dir).isDirectory()) throw new CurationError({ code: 'invalid-input', file: dir, message: 'the backup target is a file, not a folder' });
  const description = readBackupDescription(dir);
  if (description) {
    if (description.library.id !== libraryId) {
      throw new CurationError({
        code: 'conflict',
        file: dir,
        message: `this folder holds a backup of another library ("${description.library.name}", ${description.library.id}); choose another folder`,
      });
    }
    return description;
  }
  const entries = fs.readdirSync(dir).filter((n) => n !== lockFile && n !== incomingFolder);
  // A first run that was interrupted leaves its lock: the folder is still ours.
  const interrupted = fs.existsSync(path.join(dir, lockFile));
  if (entries.length > 0 && !interrupted) {
    throw new CurationError({ code: 'conflict', file: dir, message: 'this folder is not empty and is not a CytoCurator backup; choose an empty folder or an earlier backup of this library' });
  }
  return null;
}

interface Snapshot {
  file: string;
  sizeBytes: number;
  sha256: string;
  schemaVersion: number;
  libraryId: string;
  libraryName: string;
  counts: { samples: number; imports: number; changeEvents: number };
  position: ReturnType<typeof snapshotPosition>;
  referenced: ReturnType<typeof referencedFiles>;
}

/**
 * The online backup copies the database a few pages at a time, yielding between steps. A write through another
 * connection restarts it; after two restarts the rest is copied in one step, so a busy writer cannot starve it.
 * Writes through the same connection (the app's own) are carried into the copy as they happen.
 */
async function snapshotDatabase(lib: LibraryDatabase, file: string, pagesPerStep: number, nativeBinding: string | undefined, onProgress: (done: number, total: number) => void): Promise<Snapshot> {
  fs.rmSync(file, { force: true });
  let lastRemaining = Infinity;
  let restarts = 0;
  await lib.db.backup(file, {
    progress({ totalPages, remainingPages }) {
      if (remainingPages > lastRemaining) restarts++;
      lastRemaining = remainingPages;
      onProgress(totalPages - remainingPages, totalPages);
      return restarts >= 2 ? 0x7fffffff : pagesPerStep * 2 ** restarts;
    },
  });
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    // A single-file journal: the copy opens read-only anywhere (no -wal/-shm) and its bytes stay fixed.
    db.pragma('journal_mode = DELETE');
    const check = db.pragma('integrity_check') as { integrity_check: string }[];
    const verdict = check.map((r) => r.integrity_check);
    if (verdict.length !== 1 || verdict[0] !== 'ok') {
      throw new CurationError({ code: 'invalid-input', file: lib.dir, message: `the library database fails integrity_check: ${verdict.slice(0, 5).join('; ')}` });
    }
    const count = (table: string) => (db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number) ?? 0;
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    const snapshot = {
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      libraryId: readMeta(db, 'library_id') ?? '',
      libraryName: readMeta(db, 'name') ?? path.basename(lib.dir),
      counts: {
        samples: tables.has('samples') ? count('samples') : 0,
        imports: tables.has('imports') ? count('imports') : 0,
        changeEvents: tables.has('change_events') ? count('change_events') : 0,
      },
      position: snapshotPosition(db),
      referenced: referencedFiles(db),
    };
    db.close();
    const hashed = await hashFile(file);
    if (!hashed) throw new CurationError({ code: 'internal', file, message: 'cannot read the database snapshot back' });
    return { file, sizeBytes: hashed.sizeBytes, sha256: hashed.sha256, ...snapshot };
  } finally {
    if (db.open) db.close();
  }
}

export async function backupLibrary(lib: LibraryDatabase, to: string, options: BackupOptions): Promise<BackupReport> {
  const startedAt = new Date().toISOString();
  const dir = path.resolve(to);
  const libraryId = readMeta(lib.db, 'library_id') ?? '';
  const previous = checkTarget(lib, dir, libraryId);
  fs.mkdirSync(dir, { recursive: true });
  const unlock = takeLock(dir);
  const incoming = path.join(dir, incomingFolder);
  const progress = options.onProgress ?? (() => undefined);
  try {
    fs.rmSync(incoming, { recursive: true, force: true });
    fs.mkdirSync(incoming, { recursive: true });

    progress({ done: 0, total: null, message: 'copying the database (online backup)' });
    const snapshot = await snapshotDatabase(lib, path.join(incoming, backupDatabaseFile), options.pagesPerStep ?? 100, options.nativeBinding, (done, total) =>
      progress({ done, total, message: `copying the database: page ${done} of ${total}` }),
    );

    stopIfCancelled(options.signal, BACKUP_CANCELLED);
    const problems: FileProblem[] = [];
    let fixity: Map<string, string>;
    try {
      fixity = readFixityRecord(lib.dir);
    } catch (err) {
      fixity = new Map();
      problems.push({ path: fixityRecordFile, kind: 'unreadable', expected: null, actual: null, message: `${(err as Error).message}; sums are recorded again from the files` });
    }
    const disk = filesOnDisk(lib.dir);
    const listed = manifestMap(readManifestFile(path.join(dir, backupManifestFile)));
    const orphanedBefore = manifestMap(readManifestFile(path.join(dir, backupOrphanedFile)));

    // Plan: stat only; nothing is read unless it has to be.
    type Planned = { path: string; sizeBytes: number; expected: string | null; before: string | null; decision: ReturnType<typeof decideCopy> };
    const planned: Planned[] = [];
    const manifest = new Map<string, string>();
    const keepEarlier = (p: string) => {
      const before = listed.get(p) ?? orphanedBefore.get(p);
      if (before && fs.existsSync(absolutePath(dir, p))) manifest.set(p, before);
    };
    const paths = [...new Set([...snapshot.referenced.keys(), ...disk.keys()])].sort();
    for (const p of paths) {
      const expected = snapshot.referenced.get(p)?.recordedSha256 ?? fixity.get(p) ?? null;
      const onDisk = disk.get(p);
      if (!onDisk) {
        problems.push({ path: p, kind: 'missing', expected, actual: null, message: `${p} is referenced by the library but missing from its folder${listed.has(p) ? '; the backup keeps its earlier copy' : ''}` });
        keepEarlier(p);
        continue;
      }
      let copy: fs.Stats | null = null;
      try {
        copy = fs.statSync(absolutePath(dir, p));
      } catch {
        // no copy yet
      }
      const before = listed.get(p) ?? orphanedBefore.get(p) ?? null;
      const decision = decideCopy({
        sizeBytes: onDisk.sizeBytes,
        mtimeMs: onDisk.mtimeMs,
        expectedSha256: expected,
        listedSha256: before,
        copySizeBytes: copy?.size ?? null,
        copyMtimeMs: copy?.mtimeMs ?? null,
      });
      planned.push({ path: p, sizeBytes: onDisk.sizeBytes, expected, before, decision });
    }

    const totalBytes = planned.filter((f) => f.decision !== 'unchanged').reduce((a, f) => a + f.sizeBytes, 0) + snapshot.sizeBytes;
    let doneBytes = 0;
    const onBytes = (n: number) => {
      doneBytes += n;
    };
    const copied: { path: string; bytes: number }[] = [];
    let unchanged = 0;
    const firstSeen = new Map<string, string>();
    let lastReport = 0;
    for (const [i, f] of planned.entries()) {
      stopIfCancelled(options.signal, BACKUP_CANCELLED);
      if (Date.now() - lastReport > 200 || i === planned.length - 1) {
        lastReport = Date.now();
        progress({ done: doneBytes, total: totalBytes, message: `checking and copying stored files: ${i + 1} of ${planned.length}` });
      }
      const src = absolutePath(lib.dir, f.path);
      let expected = f.expected;
      if (f.decision === 'unchanged') {
        manifest.set(f.path, expected!);
        unchanged++;
        continue;
      }
      if (f.decision === 'recheck') {
        // Written to since it was copied: trusted again only if it still has its recorded sum.
        const h = await hashFile(src, onBytes);
        if (h && h.sha256 === expected) {
          manifest.set(f.path, h.sha256);
          unchanged++;
          const st = fs.statSync(src);
          fs.utimesSync(absolutePath(dir, f.path), st.atime, st.mtime); // not re-read next time
          continue;
        }
        problems.push({
          path: f.path,
          kind: h ? 'differs' : 'unreadable',
          expected,
          actual: h?.sha256 ?? null,
          message: `${f.path}: ${h ? `content does not match its recorded SHA-256 (${expected!.slice(0, 12)}…, found ${h.sha256.slice(0, 12)}…)` : 'cannot be read'}; not copied, the backup keeps its earlier copy`,
        });
        keepEarlier(f.path);
        continue;
      }
      if (f.decision === 'compare') {
        const h = await hashFile(src, onBytes);
        if (!h) {
          problems.push({ path: f.path, kind: 'unreadable', expected: null, actual: null, message: `${f.path} cannot be read; the backup keeps its earlier copy` });
          keepEarlier(f.path);
          continue;
        }
        firstSeen.set(f.path, h.sha256);
        if (h.sha256 === f.before) {
          manifest.set(f.path, h.sha256);
          unchanged++;
          continue;
        }
        expected = h.sha256; // copy exactly what was hashed: a file changing under us is caught
      }
      const outcome = await copyFileChecked(src, absolutePath(dir, f.path), { expected, onBytes });
      if (outcome.ok) {
        manifest.set(f.path, outcome.sha256);
        if (f.expected === null) firstSeen.set(f.path, outcome.sha256);
        copied.push({ path: f.path, bytes: outcome.sizeBytes });
        continue;
      }
      if (outcome.reason === 'write-failed') {
        throw new CurationError({ code: 'internal', file: absolutePath(dir, f.path), message: `the backup could not be written (${outcome.message}); nothing earlier in it was removed, run the backup again` });
      }
      problems.push({
        path: f.path,
        kind: outcome.reason === 'differs' ? 'differs' : 'unreadable',
        expected,
        actual: outcome.sha256,
        message: `${f.path}: ${outcome.message}; not copied${f.before ? ', the backup keeps its earlier copy' : ''}`,
      });
      keepEarlier(f.path);
    }

    // The last point to stop: from here the run writes its record, snapshot, manifest and description.
    stopIfCancelled(options.signal, BACKUP_CANCELLED);
    // The fixity record: sums recorded at import, and those seen for the first time now.
    const record = new Map(fixity);
    const troubled = new Set(problems.map((p) => p.path));
    for (const f of planned) {
      const sum = f.expected ?? firstSeen.get(f.path);
      if (sum && !troubled.has(f.path)) record.set(f.path, sum);
    }
    for (const [p, r] of snapshot.referenced) if (r.recordedSha256 && !record.has(p)) record.set(p, r.recordedSha256);
    const recordChanged = record.size !== fixity.size || [...record].some(([p, s]) => fixity.get(p) !== s);
    if (recordChanged && !lib.readOnly) writeFixityRecord(lib.dir, record, fixity);
    writeManifestFile(path.join(dir, fixityRecordFile), [...record].map(([p, sha256]) => ({ path: p, sha256 })));
    const recordCopy = await hashFile(path.join(dir, fixityRecordFile));
    if (!recordCopy) throw new CurationError({ code: 'internal', file: dir, message: 'cannot read back the fixity record written to the backup' });
    manifest.set(fixityRecordFile, recordCopy.sha256);
    if (listed.get(fixityRecordFile) !== recordCopy.sha256) copied.push({ path: fixityRecordFile, bytes: recordCopy.sizeBytes });

    progress({ done: doneBytes, total: totalBytes, message: 'writing the database snapshot and the manifest' });
    fs.renameSync(snapshot.file, path.join(dir, backupDatabaseFile));
    doneBytes += snapshot.sizeBytes;
    manifest.set(backupDatabaseFile, snapshot.sha256);
    if (listed.get(backupDatabaseFile) !== snapshot.sha256) copied.push({ path: backupDatabaseFile, bytes: snapshot.sizeBytes });

    // Files of earlier runs that the library no longer has stay, listed apart.
    const orphaned = new Map<string, string>();
    for (const [p, sum] of [...orphanedBefore, ...listed]) {
      if (manifest.has(p) || orphaned.has(p)) continue;
      if (fs.existsSync(absolutePath(dir, p))) orphaned.set(p, sum);
    }
    writeManifestFile(path.join(dir, backupManifestFile), [...manifest].map(([p, sha256]) => ({ path: p, sha256 })));
    // sha256sum -c refuses a file with no sum line, so no orphaned.sha256 is left when there is nothing to list.
    if (orphaned.size) writeManifestFile(path.join(dir, backupOrphanedFile), [...orphaned].map(([p, sha256]) => ({ path: p, sha256 })));
    else fs.rmSync(path.join(dir, backupOrphanedFile), { force: true });

    let listedBytes = 0;
    for (const p of manifest.keys()) {
      try {
        listedBytes += fs.statSync(absolutePath(dir, p)).size;
      } catch {
        // counted as missing by verify
      }
    }
    const finishedAt = new Date().toISOString();
    const copiedBytes = copied.reduce((a, c) => a + c.bytes, 0);
    const description: BackupDescription = {
      format: backupFormat,
      formatVersion: backupFormatVersion,
      library: { id: snapshot.libraryId || libraryId, name: snapshot.libraryName },
      createdBy: `CytoCurator ${options.version}`,
      startedAt,
      finishedAt,
      schemaVersion: snapshot.schemaVersion,
      database: { path: backupDatabaseFile, sizeBytes: snapshot.sizeBytes, sha256: snapshot.sha256, integrity: 'ok' },
      counts: { ...snapshot.counts, files: manifest.size, bytes: listedBytes, orphaned: orphaned.size },
      position: snapshot.position,
      history: withRun(previous?.history ?? [], { startedAt, finishedAt, copiedFiles: copied.length, copiedBytes, problems: problems.length }),
    };
    writeFileAtomic(path.join(dir, backupDescriptionFile), formatBackupDescription(description));
    progress({ done: totalBytes, total: totalBytes, message: 'done' });

    if (!lib.readOnly) {
      recordBackupRun(lib.db, {
        dir,
        libraryId: description.library.id,
        startedAt,
        finishedAt,
        verifiedAt: finishedAt,
        problems: problems.length,
        position: snapshot.position,
      });
    }

    const bySample = new Map<string, { files: number; bytes: number }>();
    for (const c of copied) {
      const id = sampleOfPath(c.path);
      if (!id) continue;
      const s = bySample.get(id) ?? { files: 0, bytes: 0 };
      s.files++;
      s.bytes += c.bytes;
      bySample.set(id, s);
    }
    return {
      backupDir: dir,
      library: description.library,
      startedAt,
      finishedAt,
      schemaVersion: snapshot.schemaVersion,
      database: description.database,
      files: { listed: manifest.size, listedBytes, copied: copied.length, copiedBytes, unchanged },
      copied: copied.map((c) => c.path),
      copiedBySample: [...bySample].map(([sampleId, s]) => ({ sampleId, ...s })).sort((a, b) => (a.sampleId < b.sampleId ? -1 : 1)),
      orphaned: [...orphaned.keys()].sort(),
      problems,
      // Every copy this run wrote was read back and matched, and the snapshot passed integrity_check.
      verified: true,
    };
  } finally {
    fs.rmSync(incoming, { recursive: true, force: true });
    unlock();
  }
}
