import { describe, expect, it } from 'vitest';
import { lastFolderKey, loadLastFolder, saveLastFolder } from './last-folder-storage.js';

function memory(): Pick<Storage, 'getItem' | 'setItem'> {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v) };
}

describe('last folder storage', () => {
  it('round-trips the folder', () => {
    const s = memory();
    expect(loadLastFolder(s)).toBeNull();
    saveLastFolder(s, '/data/cefas');
    expect(loadLastFolder(s)).toBe('/data/cefas');
  });

  it('ignores missing, broken or oversized storage', () => {
    expect(loadLastFolder(null)).toBeNull();
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(loadLastFolder(throwing)).toBeNull();
    expect(() => saveLastFolder(throwing, '/x')).not.toThrow();
    const s = memory();
    s.setItem(lastFolderKey, 'x'.repeat(5000));
    expect(loadLastFolder(s)).toBeNull();
  });
});
