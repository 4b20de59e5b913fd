import { describe, expect, it } from 'vitest';
import { emptyFilter, filterStateKey, isFilterActive, loadFilter, saveFilter, toSampleQuery, toggleValue } from './sample-filter.js';

function memoryStorage() {
  const map = new Map<string, string>();
  return { map, getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
}

describe('sample filter', () => {
  it('leaves empty parts out of the query', () => {
    expect(toSampleQuery(emptyFilter)).toEqual({});
    expect(isFilterActive({ search: '  ', reviewStates: [], flags: [] })).toBe(false);
    expect(toSampleQuery({ search: ' STATION A ', reviewStates: ['approved'], flags: ['none', '3'] })).toEqual({
      search: 'STATION A',
      reviewStates: ['approved'],
      flags: ['none', '3'],
    });
  });

  it('toggles values in a stable order', () => {
    const all = ['a', 'b', 'c'];
    expect(toggleValue(['c'], 'a', all)).toEqual(['a', 'c']);
    expect(toggleValue(['a', 'c'], 'a', all)).toEqual(['c']);
  });

  it('round-trips through storage and ignores bad entries', () => {
    const storage = memoryStorage();
    saveFilter(storage, { search: 'x', reviewStates: ['unreviewed'], flags: ['4'] });
    expect(loadFilter(storage)).toEqual({ search: 'x', reviewStates: ['unreviewed'], flags: ['4'] });
    storage.map.set(filterStateKey, '{"search":1}');
    expect(loadFilter(storage)).toEqual(emptyFilter);
    storage.map.set(filterStateKey, 'not json');
    expect(loadFilter(storage)).toEqual(emptyFilter);
    expect(loadFilter(null)).toEqual(emptyFilter);
  });
});
