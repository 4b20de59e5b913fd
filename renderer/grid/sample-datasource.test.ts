import type { IGetRowsParams } from 'ag-grid-community';
import { describe, expect, it, vi } from 'vitest';
import type { SamplePage } from '../../shared/api/contract.js';
import { createSampleDatasource, toSampleSort } from './sample-datasource.js';

describe('toSampleSort', () => {
  it('maps sortable columns, drops the rest and keeps at most 4 keys', () => {
    expect(
      toSampleSort([
        { colId: 'startedAt', sort: 'desc' },
        { colId: 'imageCount', sort: 'asc' },
        { colId: 'name', sort: 'asc' },
        { colId: 'station', sort: 'asc' },
        { colId: 'deployment', sort: 'desc' },
        { colId: 'eventCount', sort: 'asc' },
      ]),
    ).toEqual([
      { field: 'startedAt', direction: 'desc' },
      { field: 'name', direction: 'asc' },
      { field: 'station', direction: 'asc' },
      { field: 'deployment', direction: 'desc' },
    ]);
  });
});

describe('createSampleDatasource', () => {
  it('requests the block with the sort and reports the total', async () => {
    const page: SamplePage = { total: 4, offset: 0, rows: [] };
    const listSamples = vi.fn(async () => page);
    const onPage = vi.fn();
    const ds = createSampleDatasource(() => ({ listSamples }), { onPage });
    const successCallback = vi.fn();
    ds.getRows({ startRow: 100, endRow: 200, sortModel: [{ colId: 'name', sort: 'asc' }], successCallback, failCallback: vi.fn() } as unknown as IGetRowsParams);
    await vi.waitFor(() => expect(successCallback).toHaveBeenCalledWith([], 4));
    expect(listSamples).toHaveBeenCalledWith({ offset: 100, limit: 100, sort: [{ field: 'name', direction: 'asc' }] });
    expect(onPage).toHaveBeenCalledWith(4);
  });

  it('fails the block and reports the error', async () => {
    const err = new Error('down');
    const onError = vi.fn();
    const ds = createSampleDatasource(() => ({ listSamples: () => Promise.reject(err) }), { onError });
    const failCallback = vi.fn();
    ds.getRows({ startRow: 0, endRow: 50, sortModel: [], successCallback: vi.fn(), failCallback } as unknown as IGetRowsParams);
    await vi.waitFor(() => expect(onError).toHaveBeenCalledWith(err));
    expect(failCallback).toHaveBeenCalled();
  });
});

describe('createSampleDatasource with a filter', () => {
  it('sends the current query and reports the sort', async () => {
    const listSamples = vi.fn(async (): Promise<SamplePage> => ({ total: 0, offset: 0, rows: [] }));
    const onSort = vi.fn();
    let query: { search?: string } = { search: 'STATION A' };
    const ds = createSampleDatasource(() => ({ listSamples }), { query: () => query, onSort });
    const params = { startRow: 0, endRow: 100, sortModel: [{ colId: 'flag', sort: 'desc' }], successCallback: vi.fn(), failCallback: vi.fn() };
    ds.getRows(params as unknown as IGetRowsParams);
    expect(listSamples).toHaveBeenLastCalledWith({ search: 'STATION A', offset: 0, limit: 100, sort: [{ field: 'flag', direction: 'desc' }] });
    expect(onSort).toHaveBeenCalledWith([{ field: 'flag', direction: 'desc' }]);
    query = {};
    ds.getRows(params as unknown as IGetRowsParams);
    expect(listSamples).toHaveBeenLastCalledWith({ offset: 0, limit: 100, sort: [{ field: 'flag', direction: 'desc' }] });
  });
});
