import { describe, expect, it } from 'vitest';
import { createLanguageStore, initialLanguage, languageKey } from './language-store.js';

function memoryStorage() {
  const map = new Map<string, string>();
  return { map, getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
}

describe('language store', () => {
  it('starts from the saved language, else the browser language', () => {
    const storage = memoryStorage();
    expect(initialLanguage(storage, ['de-DE'])).toBe('en');
    expect(initialLanguage(storage, ['fr-FR'])).toBe('fr');
    storage.map.set(languageKey, 'en');
    expect(initialLanguage(storage, ['fr-FR'])).toBe('en');
    storage.map.set(languageKey, 'xx');
    expect(initialLanguage(storage, [])).toBe('en');
    expect(initialLanguage(null, [])).toBe('en');
  });

  it('switches and remembers', () => {
    const storage = memoryStorage();
    const store = createLanguageStore(() => storage);
    expect(store.getState().t('review.approved')).toBe('Approved');
    store.getState().setLanguage('fr');
    expect(store.getState().t('review.approved')).toBe('Approuvé');
    expect(storage.map.get(languageKey)).toBe('fr');
  });
});
