/** The window's view store (bound to localStorage) and its React hook. */
import { useStore } from 'zustand';
import { createViewStore } from './view-store.js';
import type { MainView } from './view-store.js';

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export const viewStore = createViewStore(localStorageOrNull);

export function useMainView(): [MainView, (view: MainView) => void] {
  return [useStore(viewStore, (s) => s.view), useStore(viewStore, (s) => s.setView)];
}
