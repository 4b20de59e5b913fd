import { describe, expect, it, vi } from 'vitest';
import type { RequestOf, SamplePage } from '../../shared/api/contract.js';
import type { SampleSummary } from '../../shared/model/sample.js';
import { findNeighbour, findNextUnreviewed, neighbourIndex } from './navigation.js';

function row(id: string, reviewState: SampleSummary['reviewState'] = 'unreviewed'): SampleSummary {
  return { id, reviewState } as SampleSummary;
}

/** A fake listSamples over a fixed ordered list (the query and sort are the service's business). */
function fakeList(rows: SampleSummary[]) {
  return vi.fn(async (req: RequestOf<'listSamples'>): Promise<SamplePage> => {
    const offset = req.offset ?? 0;
    return { total: rows.length, offset, rows: rows.slice(offset, offset + (req.limit ?? 100)) };
  });
}

describe('neighbourIndex', () => {
  it('moves from the current sample when it is still there', () => {
    expect(neighbourIndex([row('a'), row('b'), row('c')], 4, { id: 'b', index: 5 }, 1)).toBe(6);
    expect(neighbourIndex([row('a'), row('b'), row('c')], 4, { id: 'b', index: 5 }, -1)).toBe(4);
  });

  it('takes the row that slid into its place when it left the list', () => {
    expect(neighbourIndex([row('a'), row('c')], 4, { id: 'b', index: 5 }, 1)).toBe(5);
    expect(neighbourIndex([row('a'), row('c')], 4, { id: 'b', index: 5 }, -1)).toBe(4);
  });
});

describe('findNeighbour', () => {
  const rows = ['s0', 's1', 's2', 's3'].map((id) => row(id));

  it('asks the service with the same query and sort', async () => {
    const listSamples = fakeList(rows);
    const sort = [{ field: 'name' as const, direction: 'desc' as const }];
    const next = await findNeighbour({ listSamples }, { query: { search: 'x' }, sort, id: 's1', index: 1 }, 1);
    expect(next).toMatchObject({ id: 's2', index: 2 });
    expect(listSamples).toHaveBeenCalledWith({ search: 'x', sort, offset: 0, limit: 3 });
  });

  it('stops at both ends', async () => {
    const listSamples = fakeList(rows);
    expect(await findNeighbour({ listSamples }, { query: {}, sort: [], id: 's0', index: 0 }, -1)).toBeNull();
    expect(await findNeighbour({ listSamples }, { query: {}, sort: [], id: 's3', index: 3 }, 1)).toBeNull();
  });
});

describe('findNextUnreviewed', () => {
  it('skips reviewed samples across pages', async () => {
    const rows = [row('a'), row('b', 'approved'), row('c', 'approved'), row('d', 'approved'), row('e')];
    const next = await findNextUnreviewed({ listSamples: fakeList(rows) }, { query: {}, sort: [], id: 'a', index: 0 }, 2);
    expect(next).toMatchObject({ id: 'e', index: 4 });
  });

  it('answers null when none is left', async () => {
    const rows = [row('a'), row('b', 'approved')];
    expect(await findNextUnreviewed({ listSamples: fakeList(rows) }, { query: {}, sort: [], id: 'a', index: 0 })).toBeNull();
  });
});
