/** The import dialog's store instance, bound to window.curation and localStorage, and its React hook. */
import { useStore } from 'zustand';
import { createImportStore } from './import-store.js';
import type { ImportState } from './import-store.js';

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export const importStore = createImportStore({ api: () => window.curation, storage: localStorageOrNull });

export function useImportStore<T>(selector: (state: ImportState) => T): T {
  return useStore(importStore, selector);
}
