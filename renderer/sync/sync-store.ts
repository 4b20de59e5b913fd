/**
 * The sync state of the window: the status (for the status bar), the open conflicts (for the panel at the top),
 * and the Sync panel's work (login, "Sync now", retry, file rule) with its last answer. Actions call the API
 * given at creation, so tests can pass a fake. The password is passed through to the service and never kept.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { CurationApi } from '../../shared/api/contract.js';
import { toErrorData } from '../../shared/api/errors.js';
import type { CurationErrorData } from '../../shared/api/errors.js';
import type { CurationEvent } from '../../shared/api/events.js';
import type { FileRules } from '../../shared/sync/file-rules.js';
import type { ConflictChoice, ConflictView, LoginResult, ResolveResult, SyncRunResult, SyncStatus } from '../../shared/sync/sync-view.js';

export type SyncTask = 'sync' | 'login' | 'logout' | 'retry' | 'rules';

export interface SyncState {
  open: boolean;
  status: SyncStatus | null;
  conflicts: ConflictView[];
  running: SyncTask | null;
  /** The conflict being settled now. */
  resolving: number | null;
  lastRun: SyncRunResult | null;
  login: LoginResult | null;
  loggedOut: boolean;
  retried: { events: number; files: number } | null;
  /** The rule saved from this panel (the service has no read of it; null until saved here). */
  savedRules: { rules: FileRules | null } | null;
  lastResolve: ResolveResult | null;
  error: CurationErrorData | null;
  /** Errors of the conflicts panel, shown there rather than in the (maybe closed) Sync panel. */
  conflictError: CurationErrorData | null;
  libraryPath: string | null;

  openPanel(): void;
  closePanel(): void;
  refresh(): Promise<void>;
  refreshConflicts(): Promise<void>;
  runSync(): Promise<void>;
  logIn(server: string, user: string, password: string): Promise<boolean>;
  logOut(): Promise<void>;
  retry(): Promise<void>;
  saveRules(rules: FileRules | null): Promise<boolean>;
  resolve(conflictId: number, choice: ConflictChoice): Promise<void>;
  applyEvent(event: CurationEvent): void;
}

export type SyncStore = StoreApi<SyncState>;

export function createSyncStore(api: () => CurationApi): SyncStore {
  return createStore<SyncState>()((set, get) => {
    /** Runs one panel task: one at a time, errors kept for the panel, then the status and conflicts re-read. */
    async function task<T>(kind: SyncTask, call: () => Promise<T>, done: (result: T) => Partial<SyncState>): Promise<boolean> {
      if (get().running) return false;
      set({ running: kind, error: null });
      let ok = false;
      try {
        const result = await call();
        set(done(result));
        ok = true;
      } catch (err) {
        set({ error: toErrorData(err) });
      } finally {
        set({ running: null });
      }
      await get().refresh();
      return ok;
    }

    const clearedAnswers = { lastRun: null, login: null, loggedOut: false, retried: null, savedRules: null } as const;

    return {
      open: false,
      status: null,
      conflicts: [],
      running: null,
      resolving: null,
      lastRun: null,
      login: null,
      loggedOut: false,
      retried: null,
      savedRules: null,
      lastResolve: null,
      error: null,
      conflictError: null,
      libraryPath: null,

      openPanel() {
        set({ open: true, error: null });
        void get().refresh();
      },

      closePanel() {
        set({ open: false });
      },

      async refresh() {
        try {
          const status = await api().getSyncStatus({});
          set({ status });
        } catch (err) {
          // The status bar keeps its last state; the panel shows why.
          set({ error: toErrorData(err) });
        }
        await get().refreshConflicts();
      },

      async refreshConflicts() {
        try {
          const { conflicts } = await api().listConflicts({ all: false });
          set({ conflicts: conflicts.filter((c) => c.status === 'open') });
        } catch (err) {
          set({ conflictError: toErrorData(err) });
        }
      },

      async runSync() {
        await task('sync', () => api().runSync({}), (lastRun) => ({ ...clearedAnswers, lastRun }));
      },

      async logIn(server, user, password) {
        return task('login', () => api().loginToServer({ server: server.trim(), user: user.trim(), password }), (login) => ({ ...clearedAnswers, login }));
      },

      async logOut() {
        await task('logout', () => api().logoutFromServer({}), () => ({ ...clearedAnswers, loggedOut: true }));
      },

      async retry() {
        await task('retry', () => api().retrySyncItems({}), (retried) => ({ ...clearedAnswers, retried }));
      },

      async saveRules(rules) {
        return task('rules', () => api().setSyncFileRules({ rules }), (saved) => ({ ...clearedAnswers, savedRules: saved }));
      },

      async resolve(conflictId, choice) {
        if (get().resolving !== null) return;
        set({ resolving: conflictId, conflictError: null });
        try {
          const lastResolve = await api().resolveConflict({ conflictId, choice });
          // Gone from the panel at once; the re-read below confirms it.
          set((s) => ({ lastResolve, conflicts: s.conflicts.filter((c) => c.id !== conflictId) }));
        } catch (err) {
          set({ conflictError: toErrorData(err) });
        } finally {
          set({ resolving: null });
        }
        await get().refresh();
      },

      applyEvent(event) {
        if (event.type === 'sync-status') {
          const before = get().status;
          set({ status: event.status });
          // A run, a login or a settled conflict may change the list; re-read it when anything about conflicts moved.
          if (!before || before.openConflicts !== event.status.openConflicts || event.status.openConflicts !== get().conflicts.length || before.lastSyncAt !== event.status.lastSyncAt) {
            void get().refreshConflicts();
          }
        } else if (event.type === 'library-changed') {
          const previous = get().libraryPath;
          if (previous !== null && previous !== event.library.path) set({ ...clearedAnswers, lastResolve: null, error: null, conflictError: null, conflicts: [] });
          set({ libraryPath: event.library.path });
          void get().refresh();
        }
      },
    };
  });
}
