/** The window's time-series store, bound to window.curation and localStorage, and its React hook. */
import { useStore } from 'zustand';
import { createTimeSeriesStore } from './time-series-store.js';
import type { TimeSeriesState } from './time-series-store.js';

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export const timeSeriesStore = createTimeSeriesStore({ api: () => window.curation, storage: localStorageOrNull });

export function useTimeSeriesStore<T>(selector: (state: TimeSeriesState) => T): T {
  return useStore(timeSeriesStore, selector);
}
