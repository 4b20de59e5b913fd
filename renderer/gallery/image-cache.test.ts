import { describe, expect, it } from 'vitest';
import { ImageCache, loadImages } from './image-cache.js';

describe('image cache', () => {
  it('keeps the most recently used entries', () => {
    const cache = new ImageCache(2);
    cache.set(1, 'a');
    cache.set(2, 'b');
    expect(cache.get(1)).toBe('a'); // 1 is now newer than 2
    cache.set(3, 'c');
    expect(cache.peek(2)).toBeUndefined();
    expect(cache.peek(1)).toBe('a');
    expect(cache.size).toBe(2);
  });

  it('asks only for ids neither cached nor pending', () => {
    const cache = new ImageCache();
    cache.set(1, 'a');
    cache.set(2, null);
    cache.markPending([3]);
    expect(cache.wanted([1, 2, 3, 4, 4, 5])).toEqual([4, 5]);
    cache.release([3]);
    expect(cache.wanted([3])).toEqual([3]);
  });
});

describe('loading images in batches', () => {
  const fake = (calls: number[][]) => async (ids: number[]) => {
    calls.push(ids);
    return ids.filter((id) => id % 10 !== 0).map((id) => ({ particleId: id, dataUrl: `data:image/png;base64,${id}` }));
  };

  it('fetches ≤ 100 per call, caches the answers and nulls for ids without bytes', async () => {
    const cache = new ImageCache();
    const calls: number[][] = [];
    let batches = 0;
    const ids = Array.from({ length: 250 }, (_, i) => i + 1);
    await loadImages(cache, ids, fake(calls), () => batches++);
    expect(calls.map((c) => c.length)).toEqual([100, 100, 50]);
    expect(batches).toBe(3);
    expect(cache.peek(7)).toBe('data:image/png;base64,7');
    expect(cache.peek(10)).toBeNull();
    // a second pass asks for nothing
    await loadImages(cache, ids, fake(calls), () => batches++);
    expect(calls).toHaveLength(3);
    await loadImages(cache, [1, 2, 300], fake(calls), () => batches++, { batchSize: 500 });
    expect(calls[3]).toEqual([300]);
  });

  it('stops when stale and releases what it did not fetch', async () => {
    const cache = new ImageCache();
    const calls: number[][] = [];
    let stale = false;
    const fetcher = async (ids: number[]) => {
      calls.push(ids);
      stale = true;
      return [];
    };
    await loadImages(cache, [1, 2, 3, 4], fetcher, () => undefined, { batchSize: 2, isStale: () => stale });
    expect(calls).toEqual([[1, 2]]);
    expect(cache.size).toBe(0);
    expect(cache.wanted([1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
  });

  it('releases a failed batch and rethrows after the others', async () => {
    const cache = new ImageCache();
    let n = 0;
    const fetcher = async (ids: number[]) => {
      if (n++ === 0) throw new Error('offline');
      return ids.map((id) => ({ particleId: id, dataUrl: 'x' }));
    };
    await expect(loadImages(cache, [1, 2, 3], fetcher, () => undefined, { batchSize: 2 })).rejects.toThrow('offline');
    expect(cache.peek(3)).toBe('x');
    expect(cache.wanted([1, 2, 3])).toEqual([1, 2]);
  });
});
