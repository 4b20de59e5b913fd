/** Which main view the window shows (the sample table or the time series), remembered in localStorage. */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';

export const mainViews = ['samples', 'time-series', 'somlit', 'publish'] as const;
export type MainView = (typeof mainViews)[number];

export const viewKey = 'cytocurator.view.v1';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

export interface ViewState {
  view: MainView;
  setView(view: MainView): void;
}

export function isMainView(value: unknown): value is MainView {
  return typeof value === 'string' && (mainViews as readonly string[]).includes(value);
}

export function loadView(storage: Storage | null): MainView {
  try {
    const saved = storage?.getItem(viewKey);
    return isMainView(saved) ? saved : 'samples';
  } catch {
    return 'samples';
  }
}

export function createViewStore(storage: () => Storage | null): StoreApi<ViewState> {
  return createStore<ViewState>()((set) => ({
    view: loadView(storage()),
    setView(view) {
      try {
        storage()?.setItem(viewKey, view);
      } catch {
        // not remembered, still switched
      }
      set({ view });
    },
  }));
}
