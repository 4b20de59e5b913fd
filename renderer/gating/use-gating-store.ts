/**
 * The window's gating store, bound to window.curation: its notices become the review toast (with Undo for the
 * changeset, like the other review actions), and a change of abundances makes the table, the time series and the
 * open sample reload.
 */
import { useStore } from 'zustand';
import { reviewStore } from '../store/use-review-store.js';
import { createGatingStore } from './gating-store.js';
import type { GatingState } from './gating-store.js';

let noticeId = 0;

export const gatingStore = createGatingStore({
  api: () => window.curation,
  notify: (notice, changeset) =>
    reviewStore.setState((s) => ({
      undoStack: changeset ? [...s.undoStack, changeset].slice(-200) : s.undoStack,
      toast: { id: Date.now() * 1000 + (++noticeId % 1000), tone: 'info', message: { key: notice.key, params: notice.params }, changeset },
    })),
  onDataChanged: () => {
    reviewStore.setState((s) => ({ dataRevision: s.dataRevision + 1 }));
    void reviewStore.getState().reloadSample();
  },
});

export function useGatingStore<T>(selector: (state: GatingState) => T): T {
  return useStore(gatingStore, selector);
}
