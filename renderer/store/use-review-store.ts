/** The window's review store, bound to window.curation and localStorage, and its React hook. */
import { useStore } from 'zustand';
import { createReviewStore } from './review-store.js';
import type { ReviewState } from './review-store.js';

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export const reviewStore = createReviewStore({ api: () => window.curation, storage: localStorageOrNull });

export function useReviewStore<T>(selector: (state: ReviewState) => T): T {
  return useStore(reviewStore, selector);
}
