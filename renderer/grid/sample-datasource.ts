/**
 * Feeds ag-grid's Infinite Row Model from listSamples: the grid asks for blocks of rows (startRow..endRow)
 * with its sort model; the service pages and sorts in SQL. The total row count comes back with every page,
 * so the scrollbar is exact and the empty state can be shown.
 */
import type { IDatasource, IGetRowsParams, SortModelItem } from 'ag-grid-community';
import type { CurationApi, RequestOf } from '../../shared/api/contract.js';
import type { SampleSummary } from '../../shared/model/sample.js';
import type { SampleQuery } from '../review/sample-filter.js';
import { isSampleSortField } from './sample-columns.js';

export type SampleSort = NonNullable<RequestOf<'listSamples'>['sort']>;

/** The contract accepts at most 4 sort keys, on sortable fields only. */
export function toSampleSort(sortModel: readonly SortModelItem[]): SampleSort {
  const sort: SampleSort = [];
  for (const item of sortModel) {
    if (isSampleSortField(item.colId)) sort.push({ field: item.colId, direction: item.sort === 'desc' ? 'desc' : 'asc' });
  }
  return sort.slice(0, 4);
}

export interface SampleDatasourceHooks {
  onPage?: (total: number) => void;
  onError?: (err: unknown) => void;
  /** The sort of each request, so "next sample" can follow the table's order. */
  onSort?: (sort: SampleSort) => void;
  /** The table's filter, read at each request (the filter bar changes it without a new datasource). */
  query?: () => SampleQuery;
}

export function createSampleDatasource(api: () => Pick<CurationApi, 'listSamples'>, hooks: SampleDatasourceHooks = {}): IDatasource {
  return {
    getRows(params: IGetRowsParams<SampleSummary>) {
      const limit = Math.min(Math.max(params.endRow - params.startRow, 1), 1000);
      const sort = toSampleSort(params.sortModel);
      hooks.onSort?.(sort);
      api()
        .listSamples({ ...hooks.query?.(), offset: params.startRow, limit, sort })
        .then((page) => {
          params.successCallback(page.rows, page.total);
          hooks.onPage?.(page.total);
        })
        .catch((err: unknown) => {
          params.failCallback();
          hooks.onError?.(err);
        });
    },
  };
}
