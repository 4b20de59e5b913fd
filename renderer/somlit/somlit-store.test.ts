import { describe, expect, it, vi } from 'vitest';
import { bundledTable } from './test-support/bundled-table.js';
import type { CurationApi } from '../../shared/api/contract.js';
import type { SomlitEntryView } from '../../shared/api/somlit-contract.js';
import { somlitFlags } from '../../shared/model/flag-schemes.js';
import { createSomlitStore, loadSomlitSettings, somlitViewKey } from './somlit-store.js';

const table = bundledTable;

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

function fakeApi(entries: SomlitEntryView[] = []) {
  let next = 0;
  return {
    somlitGetTable: vi.fn(async () => ({ table, file: 'bundled', bundled: true, codes: somlitFlags })),
    somlitListEntries: vi.fn(async () => ({ entries })),
    somlitSaveEntries: vi.fn(async (req: { entries: { id: string | null }[] }) => {
      // Slow enough that the next cell is typed before the entry exists
      await new Promise((r) => setTimeout(r, 5));
      return { changeset: `cs${++next}`, events: 1, samples: 0, entryIds: req.entries.map((e) => e.id ?? `se_${next}`) };
    }),
    undoChangeset: vi.fn(async () => ({ changeset: 'undo', events: 1, samples: 0 })),
  };
}

function storeWith(api: ReturnType<typeof fakeApi>, storage = memoryStorage()) {
  return createSomlitStore({ api: () => api as unknown as CurationApi, storage: () => storage });
}

describe('SOMLIT store', () => {
  it('creates a sampling typed into the blank row once, and sends its later cells to that entry', async () => {
    const api = fakeApi();
    const store = storeWith(api);
    await store.getState().init();
    const key = store.getState().rows[0]!.key;
    expect(store.getState().rows[0]!.blank).toBe(true);
    store.getState().editCell(key, 'f:site', '11');
    store.getState().editCell(key, 'f:date', '14/05/2026');
    store.getState().editCell(key, 'v:T', '18,4');
    // The row is no longer blank and a new blank row follows it, before anything is saved
    expect(store.getState().rows.map((r) => r.blank)).toEqual([false, true]);
    await store.getState().settle();
    const calls = api.somlitSaveEntries.mock.calls.map((c) => c[0].entries);
    expect(calls).toEqual([
      [{ id: null, fields: { site: '11' } }],
      [{ id: 'se_1', fields: { date: '2026-05-14' } }],
      [{ id: 'se_1', values: { T: { value: 18.4, code: '2', comment: null } } }],
    ]);
    expect(store.getState().rows[0]).toMatchObject({ key, entryId: 'se_1', fields: { site: '11', date: '2026-05-14' } });
    expect(store.getState().undoStack).toEqual(['cs1', 'cs2', 'cs3']);
  });

  it('keeps a bad cell as a draft without saving it', async () => {
    const api = fakeApi();
    const store = storeWith(api);
    await store.getState().init();
    const key = store.getState().rows[0]!.key;
    store.getState().editCell(key, 'v:T', '45');
    await store.getState().settle();
    expect(api.somlitSaveEntries).not.toHaveBeenCalled();
    expect(store.getState().rows[0]!.cellDrafts['T']?.problems.map((p) => p.rule)).toEqual(['out-of-range']);
  });

  it('refuses a pasted block with a bad cell as a whole, naming the cell; a good block is one save', async () => {
    const entry: SomlitEntryView = {
      id: 'se_a',
      revision: 1,
      fields: { site: '11', date: '2026-05-14', time: null, tideCoefficient: null, tide: null, depthLevel: 'S', depth: 1 },
      values: {},
      problems: [],
      duplicateOf: null,
      updatedAt: null,
    };
    const api = fakeApi([entry]);
    const store = storeWith(api);
    await store.getState().init();
    expect(store.getState().paste({ rowKey: 'se_a', columnId: 'v:T' }, '18,9\t2\t38\tZ\n')).toBe(false);
    expect(store.getState().pasteProblems?.map((p) => [p.rowIndex, p.columnId, p.problem.rule])).toEqual([[0, 'q:S', 'unknown-code']]);
    expect(store.getState().status).toMatchObject({ tone: 'error', key: 'somlit.paste.refused', params: { count: 1 } });
    expect(api.somlitSaveEntries).not.toHaveBeenCalled();

    expect(store.getState().paste({ rowKey: 'se_a', columnId: 'v:T' }, '18,9\t2\t38\t2\n17\t2\t37\t2\n')).toBe(true);
    expect(store.getState().pasteProblems).toBeNull();
    await store.getState().settle();
    expect(api.somlitSaveEntries).toHaveBeenCalledTimes(1);
    expect(api.somlitSaveEntries.mock.calls[0]![0].entries).toEqual([
      { id: 'se_a', values: { T: { value: 18.9, code: '2', comment: null }, S: { value: 38, code: '2', comment: null } } },
      { id: null, values: { T: { value: 17, code: '2', comment: null }, S: { value: 37, code: '2', comment: null } } },
    ]);
    expect(store.getState().rows.filter((r) => !r.blank).map((r) => r.entryId)).toEqual(['se_a', 'se_1']);
  });

  it('undoes the last change through the service and reloads; remembers the type and filter', async () => {
    const api = fakeApi();
    const storage = memoryStorage();
    const store = storeWith(api, storage);
    await store.getState().init();
    store.getState().editCell(store.getState().rows[0]!.key, 'f:site', '10');
    await store.getState().undo();
    expect(api.undoChangeset).toHaveBeenCalledWith({ changeset: 'cs1' });
    expect(api.somlitListEntries).toHaveBeenCalledTimes(2);
    expect(store.getState().undoStack).toEqual([]);
    store.getState().setType('piconano');
    store.getState().setFilter({ site: '11', from: '2026-01-01' });
    expect(JSON.parse(storage.data.get(somlitViewKey)!)).toEqual({ type: 'piconano', site: '11', from: '2026-01-01', to: null });
    expect(loadSomlitSettings(memoryStorage({ [somlitViewKey]: '{"type":"ctd"}' }))).toEqual({ type: 'hydro', site: null, from: null, to: null });
    await store.getState().settle();
    await vi.waitFor(() => expect(api.somlitListEntries).toHaveBeenLastCalledWith({ site: '11', from: '2026-01-01', to: null }));
  });
});
