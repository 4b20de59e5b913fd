/**
 * Restore: rebuild a library from a backup folder. The backup is checked against its manifest first; the library is
 * built in a folder beside the target (same disk, so the final rename is atomic), opened (migrations bring an older
 * backup up to date), checked against its recorded sums, and only then put in place. An existing non-empty folder
 * is replaced only when asked (force); orphaned files of the backup are not restored (they stay in the backup).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { RestoreReport } from '../../shared/api/backup-contract.js';
import { CurationError } from '../../shared/api/errors.js';
import { backupManifestFile } from '../../shared/backup/backup-description.js';
import { isLibraryFolder, openLibraryDatabase, writeMeta } from '../library/library-database.js';
import type { OpenLibraryOptions } from '../library/library-database.js';
import { readBackupDescription } from './backup-library.js';
import { metaKeys, recordBackupRun } from './backup-state.js';
import { copyFileChecked } from './hash-file.js';
import { absolutePath } from './library-files.js';
import { readManifestFile } from './manifest-files.js';
import { verifyBackupFolder, verifyLibraryFiles } from './verify-library.js';
import { stopIfCancelled } from '../common/cancelled.js';
import type { VerifyProgress } from './verify-library.js';

export interface RestoreOptions {
  force?: boolean;
  onProgress?: (p: VerifyProgress) => void;
  nativeBinding?: string;
  /** Cancels the restore between files (cancelJob); nothing is put in place. */
  signal?: AbortSignal;
}

const RESTORE_CANCELLED = 'nothing was restored; the target folder is as it was';

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export async function restoreLibrary(fromInput: string, toInput: string, options: RestoreOptions = {}): Promise<RestoreReport> {
  const from = path.resolve(fromInput);
  const to = path.resolve(toInput);
  const onProgress = options.onProgress ?? (() => undefined);
  if (isInside(to, from) || isInside(from, to)) {
    throw new CurationError({ code: 'invalid-request', field: 'to', file: to, message: 'restore into a folder outside the backup folder (and not containing it)' });
  }
  const description = readBackupDescription(from);
  if (!description) throw new CurationError({ code: 'not-found', file: from, message: 'no CytoCurator backup here (cytocurator-backup.json missing)' });

  let replaced = false;
  if (fs.existsSync(to)) {
    if (!fs.statSync(to).isDirectory()) throw new CurationError({ code: 'invalid-input', file: to, message: 'the restore target is a file, not a folder' });
    const entries = fs.readdirSync(to);
    if (entries.length > 0) {
      if (!options.force) {
        const what = isLibraryFolder(to) ? 'holds a CytoCurator library' : `is not empty (${entries.length} entr${entries.length === 1 ? 'y' : 'ies'})`;
        throw new CurationError({ code: 'conflict', file: to, message: `${to} ${what}; restore into an empty or new folder, or add --force to replace it` });
      }
      replaced = true;
    }
  }

  onProgress({ done: 0, total: null, message: 'checking the backup' });
  const backupCheck = await verifyBackupFolder(from, {
    nativeBinding: options.nativeBinding,
    onProgress: (p) => onProgress({ ...p, message: `checking the backup: ${p.message}` }),
    ...(options.signal ? { signal: options.signal } : {}),
  }).catch((err: unknown) => {
    if (err instanceof CurationError && err.code === 'cancelled') stopIfCancelled(options.signal, RESTORE_CANCELLED);
    throw err;
  });
  if (backupCheck.database !== 'ok') {
    throw new CurationError({ code: 'invalid-input', file: from, message: `the backup's database copy cannot be used (${backupCheck.database}); nothing was restored` });
  }
  const bad = new Set([...backupCheck.missing, ...backupCheck.differing].map((p) => p.path));
  const manifest = readManifestFile(path.join(from, backupManifestFile))!;

  const building = `${to}.restoring-${randomUUID().slice(0, 8)}`;
  fs.mkdirSync(building, { recursive: true });
  try {
    const entries = manifest.entries.filter((e) => !bad.has(e.path));
    const total = entries.reduce((a, e) => {
      try {
        return a + fs.statSync(absolutePath(from, e.path)).size;
      } catch {
        return a;
      }
    }, 0);
    let done = 0;
    let files = 0;
    let last = 0;
    for (const [i, e] of entries.entries()) {
      stopIfCancelled(options.signal, RESTORE_CANCELLED);
      if (Date.now() - last > 200) {
        last = Date.now();
        onProgress({ done, total, message: `restoring ${i + 1} of ${entries.length} files` });
      }
      const outcome = await copyFileChecked(absolutePath(from, e.path), absolutePath(building, e.path), { expected: e.sha256, onBytes: (n) => (done += n) });
      if (!outcome.ok) throw new CurationError({ code: 'internal', file: absolutePath(building, e.path), message: `cannot restore ${e.path}: ${outcome.message}` });
      files++;
    }

    onProgress({ done: total, total, message: 'opening and checking the restored library' });
    const openOptions: OpenLibraryOptions = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
    const lib = openLibraryDatabase(building, openOptions);
    let libraryCheck;
    let samples: number;
    let changeEvents: number;
    try {
      const now = new Date().toISOString();
      writeMeta(lib.db, metaKeys.restoredFrom, JSON.stringify({ dir: from, backupStartedAt: description.startedAt, restoredAt: now }));
      // The restored library is exactly that backup: its last backup, verified just now, with nothing pending.
      recordBackupRun(lib.db, {
        dir: from,
        libraryId: description.library.id,
        startedAt: description.startedAt,
        finishedAt: description.finishedAt,
        verifiedAt: backupCheck.ok ? now : null,
        problems: bad.size,
        position: description.position,
      });
      libraryCheck = await verifyLibraryFiles(lib);
      samples = lib.db.prepare('SELECT count(*) FROM samples').pluck().get() as number;
      changeEvents = lib.db.prepare('SELECT count(*) FROM change_events').pluck().get() as number;
    } finally {
      lib.close();
    }

    if (replaced) {
      const aside = `${to}.replaced-${randomUUID().slice(0, 8)}`;
      fs.renameSync(to, aside);
      fs.renameSync(building, to);
      fs.rmSync(aside, { recursive: true, force: true });
    } else {
      if (fs.existsSync(to)) fs.rmdirSync(to);
      fs.renameSync(building, to);
    }
    return {
      from,
      to,
      library: description.library,
      backupStartedAt: description.startedAt,
      files,
      bytes: total,
      replaced,
      backupCheck,
      libraryCheck: { ...libraryCheck, dir: to },
      samples,
      changeEvents,
    };
  } catch (err) {
    fs.rmSync(building, { recursive: true, force: true });
    throw err;
  }
}
