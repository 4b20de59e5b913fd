/** The window's language store (bound to localStorage) and the hook components translate with. */
import { useStore } from 'zustand';
import { createLanguageStore } from './language-store.js';
import type { Language, Translator } from './translate.js';

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export const languageStore = createLanguageStore(localStorageOrNull, typeof navigator === 'undefined' ? [] : navigator.languages);

export function useT(): Translator {
  return useStore(languageStore, (s) => s.t);
}

export function useLanguage(): [Language, (language: Language) => void] {
  return [useStore(languageStore, (s) => s.language), useStore(languageStore, (s) => s.setLanguage)];
}
