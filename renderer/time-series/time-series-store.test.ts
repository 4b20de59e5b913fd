import { describe, expect, it, vi } from 'vitest';
import type { CurationApi, TimeSeriesPoint } from '../../shared/api/contract.js';
import { createTimeSeriesStore, loadSettings, timeSeriesKey } from './time-series-store.js';

const p = (id: string): TimeSeriesPoint => ({ sampleId: id, name: id, time: '2026-01-01T00:00:00Z', count: 1, abundancePerMl: 2, flag: null, reviewState: 'unreviewed' });

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

function fakeApi(points: Record<string, TimeSeriesPoint[]>) {
  return {
    listGroups: vi.fn(async () => ({ groups: Object.entries(points).map(([name, ps]) => ({ name, samples: ps.length })) })),
    getTimeSeries: vi.fn(async ({ group }: { group: string }) => ({ group, points: points[group] ?? [] })),
  };
}

function storeWith(api: ReturnType<typeof fakeApi>, storage = memoryStorage()) {
  return createTimeSeriesStore({ api: () => api as unknown as CurationApi, storage: () => storage });
}

describe('time-series store', () => {
  it('picks the first group, loads its series with the table query, and remembers the choice', async () => {
    const api = fakeApi({ Picoeukaryotes: [p('x')], Synechococcus: [p('a'), p('b')] });
    const storage = memoryStorage();
    const store = storeWith(api, storage);
    await store.getState().loadGroups({ search: 'STATION' });
    expect(api.listGroups).toHaveBeenCalledWith({ query: { search: 'STATION' } });
    expect(store.getState().group).toBe('Picoeukaryotes');
    store.getState().setGroup('Synechococcus');
    store.getState().setMeasure('abundance');
    store.getState().setYScale('log');
    await store.getState().loadSeries({ search: 'STATION' });
    expect(api.getTimeSeries).toHaveBeenLastCalledWith({ query: { search: 'STATION' }, group: 'Synechococcus' });
    expect(store.getState().points?.map((x) => x.sampleId)).toEqual(['a', 'b']);
    expect(loadSettings(storage)).toEqual({ group: 'Synechococcus', measure: 'abundance', yScale: 'log' });
    expect(storeWith(api, storage).getState()).toMatchObject({ group: 'Synechococcus', measure: 'abundance', yScale: 'log' });
  });

  it('keeps the selection of samples still in the series after a reload, and drops it on another group', async () => {
    const points = { A: [p('a'), p('b'), p('c')], B: [p('z')] };
    const api = fakeApi(points);
    const store = storeWith(api);
    await store.getState().loadGroups({});
    await store.getState().loadSeries({});
    store.getState().select(['a', 'b'], [1, 2]);
    points.A = [p('a'), p('c')];
    await store.getState().loadSeries({});
    expect(store.getState().selectedIds).toEqual(['a']);
    expect(store.getState().brush).toEqual([1, 2]);
    store.getState().setGroup('B');
    expect(store.getState().selectedIds).toEqual([]);
    expect(store.getState().brush).toBeNull();
  });

  it('drops the answer to an older request', async () => {
    const api = fakeApi({ A: [p('a')], B: [p('b')] });
    let release: () => void = () => undefined;
    api.getTimeSeries.mockImplementationOnce(async ({ group }) => {
      await new Promise<void>((r) => (release = r));
      return { group, points: [p('old')] };
    });
    const store = storeWith(api);
    await store.getState().loadGroups({});
    const first = store.getState().loadSeries({});
    store.getState().setGroup('B');
    await store.getState().loadSeries({});
    release();
    await first;
    expect(store.getState().pointsGroup).toBe('B');
    expect(store.getState().points?.map((x) => x.sampleId)).toEqual(['b']);
  });

  it('switches to a group the filtered set has, and reports errors', async () => {
    const api = fakeApi({ B: [p('b')] });
    const store = storeWith(api, memoryStorage({ [timeSeriesKey]: JSON.stringify({ group: 'Gone', measure: 'count', yScale: 'linear' }) }));
    expect(store.getState().group).toBe('Gone');
    await store.getState().loadGroups({});
    expect(store.getState().group).toBe('B');
    api.getTimeSeries.mockRejectedValueOnce({ code: 'invalid-request', message: 'bad group' });
    await store.getState().loadSeries({});
    expect(store.getState().error).toEqual({ code: 'invalid-request', message: 'bad group' });
    expect(store.getState().loading).toBe(false);
  });

  it('ignores a stored setting that does not validate', () => {
    expect(loadSettings(memoryStorage({ [timeSeriesKey]: '{"measure":"volume"}' }))).toEqual({ group: null, measure: 'count', yScale: 'linear' });
    expect(loadSettings(null)).toEqual({ group: null, measure: 'count', yScale: 'linear' });
  });
});
