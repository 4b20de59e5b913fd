/**
 * Where a new dataset's samples come from — the table's selection, every sample matching its filter, or every
 * approved sample — turned into the sample rows (id, name, time, review state, deployment) the editor shows, by
 * paging through listSamples. Also the deployment the samples share, whose remembered metadata starts the form.
 */
import type { CurationApi } from '../../shared/api/contract.js';
import type { SampleSummary } from '../../shared/model/sample.js';
import type { SampleQuery } from '../review/sample-filter.js';

export type SampleSource = { kind: 'selection'; ids: string[] } | { kind: 'filtered'; query: SampleQuery } | { kind: 'approved' };

type ListApi = Pick<CurationApi, 'listSamples'>;

const pageSize = 1000;
/** The service takes at most this many listed ids in one request. */
export const maxDatasetSamples = 100_000;

/** Every sample matching a query, in time order. */
export async function listMatching(api: ListApi, query: SampleQuery): Promise<SampleSummary[]> {
  const rows: SampleSummary[] = [];
  for (let offset = 0; offset < maxDatasetSamples; offset += pageSize) {
    const page = await api.listSamples({ ...query, offset, limit: pageSize, sort: [{ field: 'startedAt', direction: 'asc' }] });
    rows.push(...page.rows);
    if (page.rows.length < pageSize || rows.length >= page.total) break;
  }
  return rows;
}

/**
 * The rows of listed samples, in time order, reading the library page by page until every one is found.
 * Ids the library does not have are returned in `unknown`.
 */
export async function summariesOf(api: ListApi, ids: readonly string[]): Promise<{ rows: SampleSummary[]; unknown: string[] }> {
  const wanted = new Set(ids);
  const found = new Map<string, SampleSummary>();
  if (wanted.size === 0) return { rows: [], unknown: [] };
  for (let offset = 0; ; offset += pageSize) {
    const page = await api.listSamples({ offset, limit: pageSize, sort: [{ field: 'startedAt', direction: 'asc' }] });
    for (const row of page.rows) if (wanted.has(row.id)) found.set(row.id, row);
    if (found.size === wanted.size || page.rows.length < pageSize || offset + pageSize >= page.total) break;
  }
  return { rows: [...found.values()], unknown: ids.filter((id) => !found.has(id)) };
}

export async function sourceRows(api: ListApi, source: SampleSource): Promise<SampleSummary[]> {
  if (source.kind === 'selection') return (await summariesOf(api, source.ids)).rows;
  if (source.kind === 'approved') return listMatching(api, { reviewStates: ['approved'] });
  return listMatching(api, source.query);
}

/** The deployment most of the samples belong to (ties: the first in time order); null when none has one. */
export function mainDeployment(rows: readonly Pick<SampleSummary, 'deployment'>[]): string | null {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.deployment) counts.set(r.deployment, (counts.get(r.deployment) ?? 0) + 1);
  let best: string | null = null;
  for (const [name, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = name;
  return best;
}
