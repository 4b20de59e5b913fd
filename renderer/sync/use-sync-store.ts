/**
 * The window's sync store, bound to window.curation, its hook, and what keeps it current: service events
 * (sync-status after every run, login or settled conflict — the background sync included — and library
 * switches) and a status read every minute, so "synced 5 min ago" moves on by itself.
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { createSyncStore } from './sync-store.js';
import type { SyncState } from './sync-store.js';

export const syncStore = createSyncStore(() => window.curation);

export function useSyncStore<T>(selector: (state: SyncState) => T): T {
  return useStore(syncStore, selector);
}

const pollMs = 60_000;

/** Mounted once (by the sync area at the top of the window). */
export function useSyncFeed(): void {
  useEffect(() => {
    const unsubscribe = window.curation.onEvent((event) => syncStore.getState().applyEvent(event));
    void syncStore.getState().refresh();
    const timer = setInterval(() => void syncStore.getState().refresh(), pollMs);
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }, []);
}

/** The current time, renewed every half minute, for relative times ("12 min ago"). */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
