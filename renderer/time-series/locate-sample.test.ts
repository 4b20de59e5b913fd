import { describe, expect, it, vi } from 'vitest';
import type { CurationApi, SamplePage } from '../../shared/api/contract.js';
import { locateSample } from './locate-sample.js';

function api(ids: string[]) {
  return {
    listSamples: vi.fn(async (req: { offset?: number; limit?: number }): Promise<SamplePage> => {
      const offset = req.offset ?? 0;
      return { total: ids.length, offset, rows: ids.slice(offset, offset + (req.limit ?? 100)).map((id) => ({ id }) as SamplePage['rows'][number]) };
    }),
  };
}

describe('locating a sample in the table order', () => {
  it('pages through the filtered, sorted list with the same query and sort', async () => {
    const fake = api(Array.from({ length: 25 }, (_, i) => `s${i}`));
    const sort = [{ field: 'name' as const, direction: 'asc' as const }];
    expect(await locateSample(fake as unknown as CurationApi, { search: 'x' }, sort, 's23', 10)).toBe(23);
    expect(fake.listSamples).toHaveBeenCalledTimes(3);
    expect(fake.listSamples).toHaveBeenCalledWith({ search: 'x', sort, offset: 20, limit: 10 });
  });

  it('gives null when the sample is not in the list', async () => {
    expect(await locateSample(api(['a', 'b']) as unknown as CurationApi, {}, [], 'z', 10)).toBeNull();
  });
});
