import { describe, expect, it } from 'vitest';
import { applySavedColumns, columnStateKey, loadColumnState, saveColumnState, toSavedColumns } from './column-state-storage.js';
import { sampleColumns } from './sample-columns.js';

function memoryStorage() {
  const map = new Map<string, string>();
  return { map, getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
}

describe('column state storage', () => {
  it('round-trips the persisted fields only', () => {
    const storage = memoryStorage();
    const state = toSavedColumns([
      { colId: 'name', width: 300, hide: false, sort: 'desc', sortIndex: 0, pinned: null, flex: null } as never,
      { colId: 'station', hide: true, sort: null, sortIndex: null },
    ]);
    saveColumnState(storage, state);
    expect(loadColumnState(storage)).toEqual([
      { colId: 'name', width: 300, hide: false, sort: 'desc', sortIndex: 0, pinned: null },
      { colId: 'station', hide: true, sort: null, sortIndex: null },
    ]);
  });

  it('ignores corrupt or foreign entries', () => {
    const storage = memoryStorage();
    storage.map.set(columnStateKey, '{not json');
    expect(loadColumnState(storage)).toBeNull();
    storage.map.set(columnStateKey, JSON.stringify([{ colId: 'name', width: 'wide' }]));
    expect(loadColumnState(storage)).toBeNull();
    expect(loadColumnState(null)).toBeNull();
  });

  it('applies order, width, visibility and sort as initial column properties', () => {
    const defs = applySavedColumns(sampleColumns(), [
      { colId: 'eventCount', sort: 'desc', sortIndex: 0 },
      { colId: 'name', width: 333 },
      { colId: 'station', hide: true },
      { colId: 'imageCount', sort: 'asc' }, // not sortable on the server: ignored
      { colId: 'gone', width: 10 },
    ]);
    expect(defs.slice(0, 4).map((d) => d.colId)).toEqual(['eventCount', 'name', 'station', 'imageCount']);
    expect(defs).toHaveLength(sampleColumns().length);
    const byId = Object.fromEntries(defs.map((d) => [d.colId, d]));
    expect(byId['eventCount']?.initialSort).toBe('desc');
    expect(byId['name']?.initialWidth).toBe(333);
    expect(byId['name']?.width).toBeUndefined();
    expect(byId['station']?.initialHide).toBe(true);
    expect(byId['imageCount']?.initialSort).toBeUndefined();
    // Columns without saved state keep their relative default order after the saved ones.
    expect(defs.slice(4).map((d) => d.colId)).toEqual([
      'startedAt',
      'flag',
      'reviewState',
      'reviewer',
      'comment',
      'deployment',
      'source',
      'volumeMicrolitres',
      'groups',
      'instrument',
    ]);
  });

  it('leaves the defaults alone when nothing is saved', () => {
    const defaults = sampleColumns();
    expect(applySavedColumns(defaults, null)).toBe(defaults);
  });
});
