/**
 * The sample table's filter (search text, review states, flags) and the listSamples / selection query it
 * becomes. Empty parts are left out, so an empty filter sends no filter at all. The filter is remembered in
 * localStorage next to the column layout; a stored value that does not validate is ignored.
 */
import { z } from 'zod';
import type { sampleQuery } from '../../shared/api/contract.js';
import type { SampleSummary } from '../../shared/model/sample.js';

export type ReviewState = SampleSummary['reviewState'];
export const reviewStates: readonly ReviewState[] = ['unreviewed', 'approved', 'needs-attention'];

export interface SampleFilter {
  search: string;
  reviewStates: ReviewState[];
  /** L20 codes, and "none" for samples without a flag. */
  flags: string[];
}

export type SampleQuery = z.input<typeof sampleQuery>;

export const emptyFilter: SampleFilter = { search: '', reviewStates: [], flags: [] };

export const filterStateKey = 'cytocurator.sample-list.filter.v1';

export function toSampleQuery(filter: SampleFilter): SampleQuery {
  const query: SampleQuery = {};
  const search = filter.search.trim();
  if (search) query.search = search.slice(0, 200);
  if (filter.reviewStates.length) query.reviewStates = [...filter.reviewStates];
  if (filter.flags.length) query.flags = [...filter.flags];
  return query;
}

export function isFilterActive(filter: SampleFilter): boolean {
  return Object.keys(toSampleQuery(filter)).length > 0;
}

/** Adds the value when missing, removes it when present, keeping the order of `all`. */
export function toggleValue<T>(values: readonly T[], value: T, all: readonly T[]): T[] {
  const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  return all.filter((v) => next.includes(v));
}

const storedFilter = z.object({
  search: z.string().max(200),
  reviewStates: z.array(z.enum(['unreviewed', 'approved', 'needs-attention'])).max(3),
  flags: z.array(z.string().min(1).max(4)).max(20),
});

export function loadFilter(storage: Pick<Storage, 'getItem'> | null): SampleFilter {
  try {
    const raw = storage?.getItem(filterStateKey);
    if (!raw) return emptyFilter;
    const parsed = storedFilter.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : emptyFilter;
  } catch {
    return emptyFilter;
  }
}

export function saveFilter(storage: Pick<Storage, 'setItem'> | null, filter: SampleFilter): void {
  try {
    storage?.setItem(filterStateKey, JSON.stringify(filter));
  } catch {
    // not remembered
  }
}
