/**
 * The index of a sample in the table's order (its filter and sort), so the sample panel opened from the plot
 * shows "i of N" and steps to the right neighbours with j / k. Asks the service page by page.
 */
import type { CurationApi } from '../../shared/api/contract.js';
import type { SampleSort } from '../grid/sample-datasource.js';
import type { SampleQuery } from '../review/sample-filter.js';

export async function locateSample(
  api: Pick<CurationApi, 'listSamples'>,
  query: SampleQuery,
  sort: SampleSort,
  id: string,
  pageSize = 1000,
  maxPages = 200,
): Promise<number | null> {
  let offset = 0;
  for (let page = 0; page < maxPages; page++) {
    const rows = await api.listSamples({ ...query, sort, offset, limit: pageSize });
    const at = rows.rows.findIndex((r) => r.id === id);
    if (at >= 0) return offset + at;
    offset += rows.rows.length;
    if (rows.rows.length < pageSize || offset >= rows.total) return null;
  }
  return null;
}
