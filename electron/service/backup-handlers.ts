/**
 * The backup operations of the service: backup, verify, restore, status and settings. They work on whichever
 * library is open (read through deps.library() at each call) and report progress as "progress" events; a stored
 * file that fails its check when opened becomes a "file-check" event.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { ParsedRequestOf, ResponseOf } from '../../shared/api/contract.js';
import { CurationError } from '../../shared/api/errors.js';
import type { CurationEvent } from '../../shared/api/events.js';
import { backupLibrary } from '../backup/backup-library.js';
import { backupStatus, recordBackupCheck, writeBackupSettings } from '../backup/backup-state.js';
import { onOpenedFileProblem } from '../backup/opened-file-check.js';
import type { OpenedFileListener } from '../backup/opened-file-check.js';
import { restoreLibrary } from '../backup/restore-library.js';
import { verifyBackupFolder, verifyLibraryFiles } from '../backup/verify-library.js';
import type { LibraryDatabase } from '../library/library-database.js';
import { readMeta } from '../library/library-database.js';

export interface BackupDeps {
  /** The library open now (it changes when the user switches). */
  library: () => LibraryDatabase;
  emit: (event: CurationEvent) => void;
  /** CytoCurator version, written into each backup's description. */
  version: string;
  nativeBinding?: string | undefined;
  /** The service's running jobs by id (shared with imports): cancelJob aborts them. */
  jobs: Map<string, AbortController>;
}

type BackupOperation = 'backupLibrary' | 'verifyLibrary' | 'restoreLibrary' | 'getBackupStatus' | 'setBackupSettings';
export type BackupHandlers = { [K in BackupOperation]: (request: ParsedRequestOf<K>) => Promise<ResponseOf<K>> };

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function backupHandlers(deps: BackupDeps): BackupHandlers {
  let running: string | null = null;

  // Held by the handlers below for the service's lifetime (the registry keeps only a weak reference).
  const fileListener: OpenedFileListener = (libraryDir, problem) => {
    if (path.resolve(deps.library().dir) === libraryDir) deps.emit({ type: 'file-check', library: libraryDir, problem });
  };
  onOpenedFileProblem(fileListener);

  async function exclusive<T>(what: string, work: () => Promise<T>): Promise<T> {
    if (running) throw new CurationError({ code: 'conflict', message: `a ${running} is running; wait for it to finish before starting a ${what}` });
    running = what;
    try {
      return await work();
    } finally {
      running = null;
    }
  }

  /** Runs `work` as job `job`, which cancelJob can cancel. */
  async function asJob<T>(job: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (deps.jobs.has(job)) throw new CurationError({ code: 'invalid-request', field: 'job', message: `job ${job} is already running` });
    const controller = new AbortController();
    deps.jobs.set(job, controller);
    try {
      return await work(controller.signal);
    } finally {
      deps.jobs.delete(job);
    }
  }

  const progressTo = (job: string) => (p: { done: number; total: number | null; message: string }) => deps.emit({ type: 'progress', job, done: p.done, total: p.total, message: p.message });

  return {
    async backupLibrary(request) {
      const job = request.job ?? randomUUID();
      return asJob(job, (signal) => exclusive('backup', () => backupLibrary(deps.library(), request.to, { version: deps.version, nativeBinding: deps.nativeBinding, onProgress: progressTo(job), signal })));
    },
    async verifyLibrary(request) {
      const job = request.job ?? randomUUID();
      return asJob(job, (signal) => exclusive('check', async () => {
        const lib = deps.library();
        if (request.backup === null) return verifyLibraryFiles(lib, { onProgress: progressTo(job), signal });
        const report = await verifyBackupFolder(request.backup, { nativeBinding: deps.nativeBinding, onProgress: progressTo(job), signal });
        // A check of this library's own backup dates (or withdraws) "last verified backup" in the status bar.
        if (report.backup && !lib.readOnly && report.backup.libraryId === readMeta(lib.db, 'library_id')) {
          recordBackupCheck(lib.db, report.dir, report.backup.startedAt, report.ok, report.checkedAt);
        }
        return report;
      }));
    },
    async restoreLibrary(request) {
      const job = request.job ?? randomUUID();
      const open = deps.library().dir;
      const to = path.resolve(request.to);
      if (isInside(open, to) || isInside(to, open)) {
        throw new CurationError({ code: 'conflict', field: 'to', file: to, message: 'that is the open library: switch to another library before restoring over it' });
      }
      return asJob(job, (signal) =>
        exclusive('restore', () => restoreLibrary(request.from, to, { force: request.force, onProgress: progressTo(job), signal, ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}) })),
      );
    },
    async getBackupStatus() {
      void fileListener; // keeps the listener alive as long as these handlers are
      return backupStatus(deps.library());
    },
    async setBackupSettings(request) {
      const lib = deps.library();
      writeBackupSettings(lib.db, request);
      return backupStatus(lib);
    },
  };
}
