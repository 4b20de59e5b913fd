/**
 * The window's backup store, bound to window.curation, its hook, and what keeps it current: service events
 * (progress, file checks, library switches) and a status read every minute (the age moves on by itself).
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createBackupStore } from './backup-store.js';
import type { BackupState } from './backup-store.js';

export const backupStore = createBackupStore(() => window.curation);

export function useBackupStore<T>(selector: (state: BackupState) => T): T {
  return useStore(backupStore, selector);
}

const pollMs = 60_000;

/** Mounted once (by the status bar item): follows events and refreshes the status. */
export function useBackupStatusFeed(): void {
  useEffect(() => {
    const unsubscribe = window.curation.onEvent((event) => backupStore.getState().applyEvent(event));
    void backupStore.getState().refresh();
    const timer = setInterval(() => void backupStore.getState().refresh(), pollMs);
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }, []);
}
