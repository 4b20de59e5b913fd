/**
 * Moving through samples in the table's order and filter, asking the service (listSamples with the same
 * query and sort, and an offset) rather than the grid, whose Infinite Row Model only holds loaded blocks.
 * The current sample may have moved or left the filtered list since it was opened (a flag or an approval can
 * take it out of the filter), so it is looked up around its last known index first.
 */
import type { CurationApi } from '../../shared/api/contract.js';
import type { SampleSummary } from '../../shared/model/sample.js';
import type { SampleSort } from '../grid/sample-datasource.js';
import type { SampleQuery } from './sample-filter.js';

export interface ListPosition {
  query: SampleQuery;
  sort: SampleSort;
  /** The current sample and its index in the list when it was opened. */
  id: string;
  index: number;
}

export interface Located {
  id: string;
  index: number;
  row: SampleSummary;
}

type ListApi = Pick<CurationApi, 'listSamples'>;

/**
 * The index to go to from a window of rows starting at `start`: next to the current sample when it is in the
 * window; when it left the list, the row that took its place is "next" and the one before it "previous".
 */
export function neighbourIndex(rows: readonly Pick<SampleSummary, 'id'>[], start: number, position: Pick<ListPosition, 'id' | 'index'>, dir: 1 | -1): number {
  const at = rows.findIndex((r) => r.id === position.id);
  if (at >= 0) return start + at + dir;
  return dir > 0 ? position.index : position.index - 1;
}

export async function findNeighbour(api: ListApi, position: ListPosition, dir: 1 | -1): Promise<Located | null> {
  const start = Math.max(0, position.index - 1);
  const around = await api.listSamples({ ...position.query, sort: position.sort, offset: start, limit: 3 });
  const target = neighbourIndex(around.rows, start, position, dir);
  if (target < 0 || target >= around.total) return null;
  const inWindow = around.rows[target - start];
  if (inWindow) return { id: inWindow.id, index: target, row: inWindow };
  const page = await api.listSamples({ ...position.query, sort: position.sort, offset: target, limit: 1 });
  const row = page.rows[0];
  return row ? { id: row.id, index: target, row } : null;
}

/** The first unreviewed sample after the current one (scanning forward page by page), or null. */
export async function findNextUnreviewed(api: ListApi, position: ListPosition, pageSize = 200, maxPages = 50): Promise<Located | null> {
  const start = Math.max(0, position.index - 1);
  const around = await api.listSamples({ ...position.query, sort: position.sort, offset: start, limit: 3 });
  let offset = neighbourIndex(around.rows, start, position, 1);
  for (let i = 0; i < maxPages; i++) {
    if (offset >= around.total) return null;
    const page = await api.listSamples({ ...position.query, sort: position.sort, offset, limit: pageSize });
    const hit = page.rows.findIndex((r) => r.reviewState === 'unreviewed' && r.id !== position.id);
    if (hit >= 0) return { id: page.rows[hit]!.id, index: offset + hit, row: page.rows[hit]! };
    if (page.rows.length < pageSize) return null;
    offset += page.rows.length;
  }
  return null;
}
