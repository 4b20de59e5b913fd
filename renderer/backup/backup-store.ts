/**
 * The Backup panel's state and the backup part of the status bar: the backup status (last backup, its age,
 * changes not backed up, files that failed their check when opened), the folder to back up to, the running job
 * with its last progress event, and the last report. The job id is chosen here so progress events can be
 * followed before the call answers. Actions call the API given at creation, so tests can pass a fake.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { BackupReport, BackupStatus, FileProblem, VerifyReport } from '../../shared/api/backup-contract.js';
import type { CurationApi } from '../../shared/api/contract.js';
import { toErrorData } from '../../shared/api/errors.js';
import type { CurationErrorData } from '../../shared/api/errors.js';
import type { CurationEvent, ProgressEvent } from '../../shared/api/events.js';

export type BackupTask = 'backup' | 'verify-library' | 'verify-backup';

export interface BackupState {
  open: boolean;
  status: BackupStatus | null;
  /** The folder field of the panel. */
  folder: string;
  running: BackupTask | null;
  job: string | null;
  /** Cancel was asked for the running job (it stops at its next safe point). */
  cancelling: boolean;
  progress: ProgressEvent | null;
  backupReport: BackupReport | null;
  verifyReport: VerifyReport | null;
  error: CurationErrorData | null;
  /** Files that failed their check when opened, told by events since the status was read. */
  fileProblems: FileProblem[];
  /** Path of the library the state is about (from library-changed events), to notice a switch. */
  libraryPath: string | null;

  openPanel(): void;
  closePanel(): void;
  setFolder(folder: string): void;
  refresh(): Promise<void>;
  runBackup(): Promise<void>;
  runVerify(which: 'library' | 'backup'): Promise<void>;
  /** Asks the service to cancel the running backup or check. */
  cancel(): Promise<void>;
  setWarnAfterHours(hours: number): Promise<void>;
  applyEvent(event: CurationEvent): void;
}

export type BackupStore = StoreApi<BackupState>;

let jobCounter = 0;
function newJob(kind: string): string {
  jobCounter += 1;
  return `${kind}-${Date.now().toString(36)}-${jobCounter}`;
}

function mergeProblems(a: readonly FileProblem[], b: readonly FileProblem[]): FileProblem[] {
  const byPath = new Map<string, FileProblem>();
  for (const p of [...a, ...b]) byPath.set(p.path, p);
  return [...byPath.values()];
}

export function createBackupStore(api: () => CurationApi): BackupStore {
  return createStore<BackupState>()((set, get) => ({
    open: false,
    status: null,
    folder: '',
    running: null,
    job: null,
    cancelling: false,
    progress: null,
    backupReport: null,
    verifyReport: null,
    error: null,
    fileProblems: [],
    libraryPath: null,

    openPanel() {
      set({ open: true, error: null });
      void get().refresh();
    },

    closePanel() {
      // A running job goes on in the service; the panel shows it again when reopened.
      set({ open: false });
    },

    setFolder(folder) {
      set({ folder });
    },

    async refresh() {
      try {
        const status = await api().getBackupStatus({});
        set((s) => ({ status, folder: s.folder || status.folder || '', fileProblems: mergeProblems(status.fileProblems, s.fileProblems) }));
      } catch (err) {
        set({ error: toErrorData(err) });
      }
    },

    async runBackup() {
      const to = get().folder.trim();
      if (get().running || !to) return;
      const job = newJob('backup');
      set({ running: 'backup', job, progress: null, error: null, backupReport: null, verifyReport: null });
      try {
        const report = await api().backupLibrary({ to, job });
        set({ backupReport: report });
      } catch (err) {
        set({ error: toErrorData(err) });
      } finally {
        set({ running: null, job: null, cancelling: false });
      }
      await get().refresh();
    },

    async runVerify(which) {
      if (get().running) return;
      const backup = which === 'backup' ? get().folder.trim() : null;
      if (which === 'backup' && !backup) return;
      const job = newJob('verify');
      set({ running: which === 'backup' ? 'verify-backup' : 'verify-library', job, progress: null, error: null, verifyReport: null, backupReport: null });
      try {
        const report = await api().verifyLibrary({ backup, job });
        set({ verifyReport: report });
      } catch (err) {
        set({ error: toErrorData(err) });
      } finally {
        set({ running: null, job: null, cancelling: false });
      }
      await get().refresh();
    },

    async cancel() {
      const job = get().job;
      if (!job || get().cancelling) return;
      set({ cancelling: true });
      try {
        await api().cancelJob({ job });
      } catch (err) {
        set({ error: toErrorData(err), cancelling: false });
      }
    },

    async setWarnAfterHours(hours) {
      if (!Number.isFinite(hours) || hours < 1) return;
      try {
        const status = await api().setBackupSettings({ warnAfterHours: hours });
        set({ status });
      } catch (err) {
        set({ error: toErrorData(err) });
      }
    },

    applyEvent(event) {
      if (event.type === 'progress') {
        if (event.job === get().job) set({ progress: event });
      } else if (event.type === 'file-check') {
        set((s) => ({ fileProblems: mergeProblems(s.fileProblems, [event.problem]) }));
      } else if (event.type === 'library-changed') {
        // Sent after imports too; only a switch to another library brings its own backups and problems.
        const previous = get().libraryPath;
        if (previous !== null && previous !== event.library.path) set({ fileProblems: [], backupReport: null, verifyReport: null, folder: '' });
        set({ libraryPath: event.library.path });
        void get().refresh();
      }
    },
  }));
}
