import { describe, expect, it } from 'vitest';
import type { CurationApi, RequestOf, SamplePage } from '../../shared/api/contract.js';
import type { SampleSummary } from '../../shared/model/sample.js';
import { listMatching, mainDeployment, sourceRows, summariesOf } from './sample-source.js';

function row(i: number, extra: Partial<SampleSummary> = {}): SampleSummary {
  return { id: `s${i}`, name: `Sample ${i}`, startedAt: `2026-05-14T${String(i % 24).padStart(2, '0')}:00:00Z`, deployment: null, reviewState: i % 2 ? 'approved' : 'unreviewed', ...extra } as SampleSummary;
}

/** A library of n samples; listSamples filters by review state and pages as the service does. */
function library(n: number, calls: RequestOf<'listSamples'>[] = []): Pick<CurationApi, 'listSamples'> {
  const rows = Array.from({ length: n }, (_, i) => row(i));
  return {
    listSamples: async (request) => {
      calls.push(request);
      const matching = request.reviewStates ? rows.filter((r) => request.reviewStates!.includes(r.reviewState)) : rows;
      const offset = request.offset ?? 0;
      const page: SamplePage = { total: matching.length, offset, rows: matching.slice(offset, offset + (request.limit ?? 100)) };
      return page;
    },
  };
}

describe('sample sources', () => {
  it('pages through every matching sample, 1000 at a time', async () => {
    const calls: RequestOf<'listSamples'>[] = [];
    const rows = await listMatching(library(2500, calls), {});
    expect(rows).toHaveLength(2500);
    expect(calls.map((c) => [c.offset, c.limit])).toEqual([
      [0, 1000],
      [1000, 1000],
      [2000, 1000],
    ]);
    expect(calls[0]!.sort).toEqual([{ field: 'startedAt', direction: 'asc' }]);
  });

  it('stops after an exact last page without asking for an empty one', async () => {
    const calls: RequestOf<'listSamples'>[] = [];
    expect(await listMatching(library(1000, calls), {})).toHaveLength(1000);
    expect(calls).toHaveLength(1);
  });

  it('finds listed samples, stopping once all are found, and reports unknown ids', async () => {
    const calls: RequestOf<'listSamples'>[] = [];
    const api = library(3000, calls);
    const found = await summariesOf(api, ['s5', 's1200']);
    expect(found.rows.map((r) => r.id)).toEqual(['s5', 's1200']);
    expect(found.unknown).toEqual([]);
    expect(calls).toHaveLength(2);
    const missing = await summariesOf(api, ['s7', 'nope']);
    expect(missing.rows.map((r) => r.id)).toEqual(['s7']);
    expect(missing.unknown).toEqual(['nope']);
    expect(await summariesOf(api, [])).toEqual({ rows: [], unknown: [] });
  });

  it('turns each source into rows: selection, filtered set, approved', async () => {
    const api = library(10);
    expect((await sourceRows(api, { kind: 'selection', ids: ['s3', 's4'] })).map((r) => r.id)).toEqual(['s3', 's4']);
    // Odd samples are approved in this fake library
    expect((await sourceRows(api, { kind: 'approved' })).map((r) => r.id)).toEqual(['s1', 's3', 's5', 's7', 's9']);
    expect((await sourceRows(api, { kind: 'filtered', query: { reviewStates: ['unreviewed'] } })).map((r) => r.id)).toEqual(['s0', 's2', 's4', 's6', 's8']);
  });

  it('picks the deployment most samples belong to', () => {
    expect(mainDeployment([{ deployment: null }, { deployment: 'Frioul' }, { deployment: 'SOLA' }, { deployment: 'SOLA' }])).toBe('SOLA');
    expect(mainDeployment([{ deployment: 'Frioul' }, { deployment: 'SOLA' }])).toBe('Frioul');
    expect(mainDeployment([{ deployment: null }])).toBeNull();
    expect(mainDeployment([])).toBeNull();
  });
});
