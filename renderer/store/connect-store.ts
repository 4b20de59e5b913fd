/**
 * Keeps the store current: loads the status once, follows service events, and re-reads the status every
 * minute (the sync server's reachability changes without any action in this window).
 */
import type { CurationApi } from '../../shared/api/contract.js';
import type { AppStore } from './app-store.js';

export const statusPollMs = 60_000;

export function connectStore(store: AppStore, api: CurationApi, pollMs = statusPollMs): () => void {
  const unsubscribe = api.onEvent((event) => store.getState().applyEvent(event));
  void store.getState().refreshStatus();
  const timer = setInterval(() => void store.getState().refreshStatus(), pollMs);
  return () => {
    clearInterval(timer);
    unsubscribe();
  };
}
