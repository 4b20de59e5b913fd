/** The window's Publish store (bound to window.curation), its hook, the NVS term cache, and its event feed. */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createPublishStore } from './publish-store.js';
import type { PublishState } from './publish-store.js';
import { createTermCache } from './vocabulary-terms.js';

export const publishStore = createPublishStore(() => window.curation);
export const termCache = createTermCache(() => window.curation);

// Updated vocabularies, or another library (with its own updated copies): terms are read again.
publishStore.subscribe((s, prev) => {
  if (s.vocabularyRevision !== prev.vocabularyRevision || (s.datasets === null && prev.datasets !== null)) termCache.clear();
});

export function usePublishStore<T>(selector: (state: PublishState) => T): T {
  return useStore(publishStore, selector);
}

/** Mounted by the Publish view: loads its lists and follows progress and library switches. */
export function usePublishFeed(): void {
  useEffect(() => {
    const unsubscribe = window.curation.onEvent((event) => publishStore.getState().applyEvent(event));
    void publishStore.getState().load();
    return unsubscribe;
  }, []);
}
