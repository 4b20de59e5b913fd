import { describe, expect, it } from 'vitest';
import { createViewStore, loadView, viewKey } from './view-store.js';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe('main view', () => {
  it('starts on the sample table and remembers the choice', () => {
    const storage = memoryStorage();
    const store = createViewStore(() => storage);
    expect(store.getState().view).toBe('samples');
    store.getState().setView('time-series');
    expect(storage.data.get(viewKey)).toBe('time-series');
    expect(createViewStore(() => storage).getState().view).toBe('time-series');
  });

  it('ignores an unknown stored value and a storage that throws', () => {
    expect(loadView(memoryStorage({ [viewKey]: 'gallery' }))).toBe('samples');
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    const store = createViewStore(() => throwing);
    store.getState().setView('time-series');
    expect(store.getState().view).toBe('time-series');
  });
});
