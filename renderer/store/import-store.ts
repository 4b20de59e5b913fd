/**
 * The import dialog's state: the folder being browsed, the chosen files and folders, the deployment, and the
 * running import (its job id, the last progress event, then the report). The job id is chosen here, so the
 * progress events of this import can be followed, and the import cancelled, before importFiles answers.
 * Actions call the API given at creation, so tests can pass a fake.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { CurationApi, FolderListing } from '../../shared/api/contract.js';
import { toErrorData } from '../../shared/api/errors.js';
import type { CurationErrorData } from '../../shared/api/errors.js';
import type { ProgressEvent } from '../../shared/api/events.js';
import type { ImportReport } from '../../shared/api/import-report.js';
import type { Deployment } from '../../shared/model/deployment.js';
import { addToSelection, removeFromSelection, toggleInSelection } from '../import/folder-selection.js';
import { loadLastFolder, saveLastFolder } from '../import/last-folder-storage.js';

/** choose: browsing and selecting; importing: a job is running; done: the report is shown. */
export type ImportPhase = 'choose' | 'importing' | 'done';

export interface ImportState {
  open: boolean;
  phase: ImportPhase;
  listing: FolderListing | null;
  browsing: boolean;
  /** Why the last folder asked for could not be listed (the previous listing stays). */
  browseError: CurationErrorData | null;
  /** Full paths of the chosen files and folders, in the order chosen. */
  selection: string[];
  /** null until loaded. */
  deployments: Deployment[] | null;
  /** Name of the deployment to assign, or null for none. */
  deployment: string | null;
  job: string | null;
  progress: ProgressEvent | null;
  cancelling: boolean;
  report: ImportReport | null;
  /** importFiles itself was refused or failed (read-only library, service gone): nothing was imported. */
  failure: CurationErrorData | null;

  openDialog(): Promise<void>;
  /** Ignored while an import runs (cancel it first). */
  closeDialog(): void;
  browse(path: string | null): Promise<boolean>;
  toggle(path: string): void;
  select(path: string): void;
  unselect(path: string): void;
  setDeployment(name: string | null): void;
  startImport(): Promise<void>;
  cancelImport(): Promise<void>;
  /** From the report back to choosing, in the same folder. */
  importMore(): void;
}

export type ImportStore = StoreApi<ImportState>;

export interface ImportStoreOptions {
  api: () => CurationApi;
  /** Where the last browsed folder is remembered; null when storage is unavailable. */
  storage?: () => Pick<Storage, 'getItem' | 'setItem'> | null;
  newJobId?: () => string;
}

export function createImportStore(options: ImportStoreOptions): ImportStore {
  const api = options.api;
  const storage = options.storage ?? (() => null);
  const newJobId = options.newJobId ?? (() => crypto.randomUUID());
  let browseSeq = 0;

  return createStore<ImportState>()((set, get) => ({
    open: false,
    phase: 'choose',
    listing: null,
    browsing: false,
    browseError: null,
    selection: [],
    deployments: null,
    deployment: null,
    job: null,
    progress: null,
    cancelling: false,
    report: null,
    failure: null,

    async openDialog() {
      if (get().open) return;
      set({ open: true, browseError: null, failure: null });
      const loadDeployments = api()
        .listDeployments({})
        .then(
          (deployments) => {
            const chosen = get().deployment;
            set({ deployments, deployment: chosen && deployments.some((d) => d.name === chosen) ? chosen : null });
          },
          () => set({ deployments: [] }), // the picker then offers "none" only; the import itself still works
        );
      const start = get().listing?.path ?? loadLastFolder(storage());
      // A remembered folder may be gone (a USB stick removed): fall back to the home folder.
      if (!(await get().browse(start)) && start !== null) {
        const firstError = get().browseError;
        if (await get().browse(null)) set({ browseError: firstError });
      }
      await loadDeployments;
    },

    closeDialog() {
      const { open, phase } = get();
      if (!open || phase === 'importing') return;
      set({ open: false, browseError: null, failure: null });
      if (phase === 'done') get().importMore();
    },

    async browse(path) {
      const seq = ++browseSeq;
      set({ browsing: true });
      try {
        const listing = await api().browseFolder({ path });
        if (seq !== browseSeq) return false; // a later request won
        set({ listing, browseError: null, browsing: false });
        saveLastFolder(storage(), listing.path);
        return true;
      } catch (err) {
        if (seq === browseSeq) set({ browseError: toErrorData(err), browsing: false });
        return false;
      }
    },

    toggle(path) {
      set((s) => ({ selection: toggleInSelection(s.selection, path) }));
    },

    select(path) {
      set((s) => ({ selection: addToSelection(s.selection, path) }));
    },

    unselect(path) {
      set((s) => ({ selection: removeFromSelection(s.selection, path) }));
    },

    setDeployment(name) {
      set({ deployment: name });
    },

    async startImport() {
      const { phase, selection, deployment } = get();
      if (phase === 'importing' || selection.length === 0) return;
      const job = newJobId();
      // Listen before asking: the first events may arrive before importFiles answers.
      const unsubscribe = api().onEvent((event) => {
        if (event.type === 'progress' && event.job === job && get().job === job && get().phase === 'importing') {
          set({ progress: event });
        }
      });
      set({ phase: 'importing', job, progress: null, cancelling: false, report: null, failure: null, browseError: null });
      try {
        const report = await api().importFiles({ paths: selection, deployment, job });
        set({ phase: 'done', report, selection: [] });
      } catch (err) {
        set({ phase: 'choose', failure: toErrorData(err) });
      } finally {
        unsubscribe();
        set({ cancelling: false });
      }
    },

    async cancelImport() {
      const { phase, job, cancelling } = get();
      if (phase !== 'importing' || !job || cancelling) return;
      set({ cancelling: true });
      try {
        await api().cancelJob({ job });
      } catch (err) {
        set({ cancelling: false, failure: toErrorData(err) });
      }
    },

    importMore() {
      set({ phase: 'choose', report: null, progress: null, job: null, failure: null });
    },
  }));
}
