/**
 * What the library remembers about its backups (in library_meta, so it travels with the library): the last run,
 * the last verified backup, the warning delay and the folder the Backup panel offers. The status compares the
 * change-event log, the imports and the deployments with the positions the last backup's snapshot held.
 */
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { BackupStatus } from '../../shared/api/backup-contract.js';
import { backupFreshness, defaultBackupWarnAfterHours } from '../../shared/backup/backup-freshness.js';
import type { LibraryDatabase } from '../library/library-database.js';
import { readMeta, writeMeta } from '../library/library-database.js';
import { openedFileProblems } from './opened-file-check.js';

export const metaKeys = {
  last: 'backup_last',
  lastVerified: 'backup_last_verified',
  warnAfterHours: 'backup_warn_after_hours',
  folder: 'backup_folder',
  restoredFrom: 'restored_from',
} as const;

export interface SnapshotPosition {
  changeSeq: number;
  importId: number;
  deploymentId: number;
}

export interface LastBackup {
  dir: string;
  libraryId: string;
  startedAt: string;
  finishedAt: string;
  verifiedAt: string | null;
  problems: number;
  position: SnapshotPosition;
}

export interface LastVerified {
  dir: string;
  startedAt: string;
  verifiedAt: string;
}

function readJson<T>(db: Database, key: string): T | null {
  const raw = readMeta(db, key);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export function readLastBackup(db: Database): LastBackup | null {
  return readJson<LastBackup>(db, metaKeys.last);
}

export function readLastVerified(db: Database): LastVerified | null {
  return readJson<LastVerified>(db, metaKeys.lastVerified);
}

export function recordBackupRun(db: Database, last: LastBackup): void {
  db.transaction(() => {
    writeMeta(db, metaKeys.last, JSON.stringify(last));
    if (last.verifiedAt) writeMeta(db, metaKeys.lastVerified, JSON.stringify({ dir: last.dir, startedAt: last.startedAt, verifiedAt: last.verifiedAt } satisfies LastVerified));
  })();
}

/** After verify --backup of a backup of this library: a pass makes it the last verified one; a failure withdraws it. */
export function recordBackupCheck(db: Database, dir: string, backupStartedAt: string, passed: boolean, at: string): void {
  const resolved = path.resolve(dir);
  db.transaction(() => {
    const last = readLastBackup(db);
    if (last && path.resolve(last.dir) === resolved && last.startedAt === backupStartedAt) {
      writeMeta(db, metaKeys.last, JSON.stringify({ ...last, verifiedAt: passed ? at : null }));
    }
    const verified = readLastVerified(db);
    if (passed) {
      if (!verified || verified.startedAt <= backupStartedAt) writeMeta(db, metaKeys.lastVerified, JSON.stringify({ dir: resolved, startedAt: backupStartedAt, verifiedAt: at } satisfies LastVerified));
    } else if (verified && path.resolve(verified.dir) === resolved) {
      db.prepare('DELETE FROM library_meta WHERE key = ?').run(metaKeys.lastVerified);
    }
  })();
}

export function readWarnAfterHours(db: Database): number {
  const n = Number(readMeta(db, metaKeys.warnAfterHours));
  return Number.isFinite(n) && n > 0 ? n : defaultBackupWarnAfterHours;
}

export function writeBackupSettings(db: Database, settings: { warnAfterHours: number; folder?: string | null | undefined }): void {
  db.transaction(() => {
    writeMeta(db, metaKeys.warnAfterHours, String(settings.warnAfterHours));
    if (settings.folder === null) db.prepare('DELETE FROM library_meta WHERE key = ?').run(metaKeys.folder);
    else if (settings.folder !== undefined) writeMeta(db, metaKeys.folder, path.resolve(settings.folder));
  })();
}

function hasTable(db: Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** The newest change event, import and deployment: what a snapshot holds. */
export function snapshotPosition(db: Database): SnapshotPosition {
  const max = (table: string, column: string) => (hasTable(db, table) ? ((db.prepare(`SELECT coalesce(max(${column}), 0) FROM ${table}`).pluck().get() as number) ?? 0) : 0);
  return { changeSeq: max('change_events', 'seq'), importId: max('imports', 'id'), deploymentId: max('deployments', 'id') };
}

/** Changes after a position: how many, and when the oldest was made. */
export function changesSince(db: Database, p: SnapshotPosition): { count: number; oldestAt: string | null } {
  let count = 0;
  const times: string[] = [];
  const take = (table: string, key: string, time: string, after: number) => {
    if (!hasTable(db, table)) return;
    const r = db.prepare(`SELECT count(*) AS n, min(${time}) AS t FROM ${table} WHERE ${key} > ?`).get(after) as { n: number; t: string | null };
    count += r.n;
    if (r.t) times.push(r.t);
  };
  take('change_events', 'seq', 'at', p.changeSeq);
  take('imports', 'id', 'imported_at', p.importId);
  take('deployments', 'id', 'created_at', p.deploymentId);
  times.sort();
  return { count, oldestAt: times[0] ?? null };
}

export function backupStatus(lib: LibraryDatabase, now = Date.now()): BackupStatus {
  const db = lib.db;
  const last = readLastBackup(db);
  const verified = readLastVerified(db);
  const pending = changesSince(db, last?.position ?? { changeSeq: 0, importId: 0, deploymentId: 0 });
  const warnAfterHours = readWarnAfterHours(db);
  const fresh = backupFreshness({
    lastBackupAt: verified?.startedAt ?? null,
    verifiedAt: verified?.verifiedAt ?? null,
    pendingChanges: pending.count,
    oldestPendingAt: pending.oldestAt,
    now,
    warnAfterHours,
  });
  return {
    lastBackup: last ? { dir: last.dir, startedAt: last.startedAt, finishedAt: last.finishedAt, verifiedAt: last.verifiedAt, problems: last.problems } : null,
    pendingChanges: pending.count,
    oldestPendingAt: pending.oldestAt,
    ageHours: fresh.ageHours,
    warnAfterHours,
    stale: fresh.stale,
    folder: readMeta(db, metaKeys.folder) ?? last?.dir ?? null,
    fileProblems: openedFileProblems(lib.dir),
  };
}
