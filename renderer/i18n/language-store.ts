/**
 * The interface language, chosen in the header and remembered in localStorage. The first visit follows the
 * browser's language when it is French, English otherwise.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { createTranslator, isLanguage } from './translate.js';
import type { Language, Translator } from './translate.js';

export const languageKey = 'cytocurator.language.v1';

export interface LanguageState {
  language: Language;
  t: Translator;
  setLanguage(language: Language): void;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

export function initialLanguage(storage: Storage | null, preferred: readonly string[] = []): Language {
  try {
    const saved = storage?.getItem(languageKey);
    if (isLanguage(saved)) return saved;
  } catch {
    // storage disabled: fall through
  }
  return preferred.some((l) => l.toLowerCase().startsWith('fr')) ? 'fr' : 'en';
}

export function createLanguageStore(storage: () => Storage | null, preferred: readonly string[] = []): StoreApi<LanguageState> {
  const language = initialLanguage(storage(), preferred);
  return createStore<LanguageState>()((set) => ({
    language,
    t: createTranslator(language),
    setLanguage(next) {
      try {
        storage()?.setItem(languageKey, next);
      } catch {
        // not remembered, still switched
      }
      set({ language: next, t: createTranslator(next) });
    },
  }));
}
