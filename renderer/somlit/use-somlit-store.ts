/** The window's SOMLIT store (bound to window.curation and localStorage) and its React hook. */
import { useStore } from 'zustand';
import { createSomlitStore } from './somlit-store.js';
import type { SomlitState } from './somlit-store.js';

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export const somlitStore = createSomlitStore({ api: () => window.curation, storage: localStorageOrNull });

export function useSomlitStore<T>(selector: (state: SomlitState) => T): T {
  return useStore(somlitStore, selector);
}
