/**
 * The app-wide state the first screen needs: the service status (which carries the open library), the
 * error banner, and a revision counter that tells the sample list to reload. Everything else (grid rows,
 * column layout) lives where it is used. Actions call the API given at creation, so tests can pass a fake.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { AppStatus, CurationApi } from '../../shared/api/contract.js';
import { toErrorData } from '../../shared/api/errors.js';
import type { CurationErrorData } from '../../shared/api/errors.js';
import type { CurationEvent } from '../../shared/api/events.js';

export type LibraryChoice = 'default' | 'demo';

export interface AppState {
  status: AppStatus | null;
  error: CurationErrorData | null;
  /** Bumped whenever the open library or its content changes; the sample list reloads on change. */
  libraryRevision: number;
  /** An openLibrary call is running (the switcher is disabled meanwhile). */
  switching: boolean;
  /**
   * Hide the demo offer for this session: it was answered, closed with Escape (not a refusal for good), or
   * the user already switched libraries. The service keeps offering while the default library is empty.
   */
  demoOfferHidden: boolean;

  refreshStatus(): Promise<void>;
  openLibrary(which: LibraryChoice): Promise<void>;
  dismissDemoOffer(): Promise<void>;
  hideDemoOffer(): void;
  applyEvent(event: CurationEvent): void;
  reportError(err: unknown): void;
  clearError(): void;
}

export type AppStore = StoreApi<AppState>;

export function createAppStore(api: () => CurationApi): AppStore {
  return createStore<AppState>()((set, get) => ({
    status: null,
    error: null,
    libraryRevision: 0,
    switching: false,
    demoOfferHidden: false,

    async refreshStatus() {
      try {
        const status = await api().getStatus({});
        set({ status });
      } catch (err) {
        get().reportError(err);
      }
    },

    async openLibrary(which) {
      if (get().switching) return;
      // Whoever picks a library has seen the choice: do not offer the Demo library again this session.
      set({ switching: true, demoOfferHidden: true });
      try {
        const library = await api().openLibrary({ which });
        const status = get().status;
        set((s) => ({
          status: status ? { ...status, library, offerDemo: false } : s.status,
          libraryRevision: s.libraryRevision + 1,
          error: null,
        }));
      } catch (err) {
        get().reportError(err);
      } finally {
        set({ switching: false });
      }
      await get().refreshStatus();
    },

    async dismissDemoOffer() {
      set({ demoOfferHidden: true });
      try {
        await api().dismissDemoOffer({});
        set((s) => ({ status: s.status ? { ...s.status, offerDemo: false } : s.status }));
      } catch (err) {
        get().reportError(err);
      }
      await get().refreshStatus();
    },

    hideDemoOffer() {
      set({ demoOfferHidden: true });
    },

    applyEvent(event) {
      switch (event.type) {
        case 'library-changed':
          set((s) => ({
            status: s.status ? { ...s.status, library: event.library } : s.status,
            libraryRevision: s.libraryRevision + 1,
          }));
          void get().refreshStatus();
          break;
        case 'server-status':
          set((s) => ({ status: s.status ? { ...s.status, server: event.server } : s.status }));
          void get().refreshStatus();
          break;
        default:
          break; // progress events are for later screens (imports, exports)
      }
    },

    reportError(err) {
      set({ error: toErrorData(err) });
    },

    clearError() {
      set({ error: null });
    },
  }));
}
