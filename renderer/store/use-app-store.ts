/** The one store instance of the window, bound to window.curation, and the React hook to read it. */
import { useStore } from 'zustand';
import { createAppStore } from './app-store.js';
import type { AppState } from './app-store.js';

// window.curation is read at call time, so the store can be created before install-api runs.
export const appStore = createAppStore(() => window.curation);

export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
