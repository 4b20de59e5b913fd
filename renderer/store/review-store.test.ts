import { describe, expect, it, vi } from 'vitest';
import type { CurationApi, SamplePage } from '../../shared/api/contract.js';
import type { SampleSummary } from '../../shared/model/sample.js';
import { createReviewStore } from './review-store.js';

const done = { changeset: 'cs-1', events: 1, samples: 1 };

function fakeApi(rows: SampleSummary[] = []) {
  const api = {
    listSamples: vi.fn(async (req: { offset?: number; limit?: number }): Promise<SamplePage> => {
      const offset = req.offset ?? 0;
      return { total: rows.length, offset, rows: rows.slice(offset, offset + (req.limit ?? 100)) };
    }),
    countSelection: vi.fn(async () => ({ count: 65 })),
    flagSamples: vi.fn(async () => done),
    approveSamples: vi.fn(async () => done),
    markAttention: vi.fn(async () => done),
    commentSamples: vi.fn(async () => done),
    undoChangeset: vi.fn(async () => ({ changeset: 'cs-undo', events: 1, samples: 1 })),
    redoChangeset: vi.fn(async () => done),
    getSample: vi.fn(async ({ id }: { id: string }) => ({ id, comment: 'old' })),
    getAudit: vi.fn(async () => ({ events: [] })),
  };
  return api;
}

function storeWith(api: ReturnType<typeof fakeApi>) {
  return createReviewStore({ api: () => api as unknown as CurationApi });
}

const rows = ['a', 'b', 'c'].map((id) => ({ id, reviewState: 'unreviewed' }) as SampleSummary);

describe('review store', () => {
  it('sends the filter as a query for "all matching", after confirming the count', async () => {
    const api = fakeApi();
    const store = storeWith(api);
    store.getState().setFilter({ search: 'STATION A' });
    await store.getState().request({ kind: 'flag', code: '3' }, { kind: 'matching' });
    expect(api.countSelection).toHaveBeenCalledWith({ selection: { query: { search: 'STATION A' } } });
    expect(store.getState().pending).toMatchObject({ count: 65, confirm: true, input: 'reason' });
    expect(api.flagSamples).not.toHaveBeenCalled();
    const revision = store.getState().dataRevision;
    await store.getState().confirmPending('looks off');
    expect(api.flagSamples).toHaveBeenCalledWith({
      selection: { query: { search: 'STATION A' } },
      flag: { scheme: 'L20', code: '3' },
      comment: 'looks off',
    });
    expect(store.getState().dataRevision).toBe(revision + 1);
    expect(store.getState().toast).toMatchObject({ tone: 'info', changeset: 'cs-1' });
    expect(store.getState().undoStack).toEqual(['cs-1']);
  });

  it('runs a listed-ids action at once, and undoes the last changeset', async () => {
    const api = fakeApi();
    const store = storeWith(api);
    await store.getState().request({ kind: 'approve' }, { kind: 'ids', ids: ['a', 'b'] });
    expect(api.approveSamples).toHaveBeenCalledWith({ selection: { ids: ['a', 'b'] }, comment: null });
    await store.getState().undo();
    expect(api.undoChangeset).toHaveBeenCalledWith({ changeset: 'cs-1' });
    expect(store.getState().undoStack).toEqual([]);
  });

  it('shows the reason of a refused undo', async () => {
    const api = fakeApi();
    api.undoChangeset.mockRejectedValueOnce({ code: 'conflict', message: 'changed since by approve' });
    const store = storeWith(api);
    await store.getState().undo('cs-9');
    expect(store.getState().toast).toMatchObject({ tone: 'error', message: { raw: 'changed since by approve' } });
  });

  it('flags the open sample from the keyboard and auto-advances to the next unreviewed one', async () => {
    const api = fakeApi(rows);
    const store = storeWith(api);
    store.getState().setAutoAdvance(true);
    await store.getState().openSample('a', 0);
    expect(store.getState().command({ type: 'flag', code: '4' })).toBe(true);
    await vi.waitFor(() => expect(store.getState().current?.id).toBe('b'));
    expect(api.flagSamples).toHaveBeenCalledWith({ selection: { ids: ['a'] }, flag: { scheme: 'L20', code: '4' }, comment: null });
  });

  it('moves through the list and closes on Escape', async () => {
    const api = fakeApi(rows);
    const store = storeWith(api);
    await store.getState().openSample('b', 1);
    await store.getState().step(1);
    expect(store.getState().current).toEqual({ id: 'c', index: 2 });
    await store.getState().step(1);
    expect(store.getState().toast?.message).toEqual({ key: 'toast.last' });
    expect(store.getState().command({ type: 'escape' })).toBe(true);
    expect(store.getState().current).toBeNull();
    expect(store.getState().command({ type: 'escape' })).toBe(false);
  });

  it('prefills the comment of the open sample', async () => {
    const api = fakeApi(rows);
    const store = storeWith(api);
    await store.getState().openSample('a', 0);
    store.getState().command({ type: 'comment' });
    await vi.waitFor(() => expect(store.getState().pending).toMatchObject({ input: 'text', initialText: 'old' }));
    await store.getState().confirmPending('new text');
    expect(api.commentSamples).toHaveBeenCalledWith({ selection: { ids: ['a'] }, text: 'new text' });
  });
});
