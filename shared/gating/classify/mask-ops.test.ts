import { describe, expect, it } from 'vitest';
import { andInto, andMasks, andNotInto, claimExclusive, countOnes, notMask, orInto } from './mask-ops.js';
import { seededRandom } from '../../random/seeded-random.js';

describe('mask operations (four events per word)', () => {
  it('small fixed masks', () => {
    const a = Uint8Array.from([1, 1, 0, 0, 1, 0, 1]);
    const b = Uint8Array.from([1, 0, 1, 0, 1, 1, 0]);
    const and = a.slice();
    andInto(and, b);
    expect(Array.from(and)).toEqual([1, 0, 0, 0, 1, 0, 0]);
    const or = a.slice();
    orInto(or, b);
    expect(Array.from(or)).toEqual([1, 1, 1, 0, 1, 1, 1]);
    const andNot = a.slice();
    andNotInto(andNot, b);
    expect(Array.from(andNot)).toEqual([0, 1, 0, 0, 0, 0, 1]);
    expect(Array.from(notMask(a))).toEqual([0, 0, 1, 1, 0, 1, 0]);
    expect(Array.from(andMasks(a, false, b, true))).toEqual([0, 1, 0, 0, 0, 0, 1]);
    expect(Array.from(andMasks(a, true, b, true))).toEqual([0, 0, 0, 1, 0, 0, 0]);
    expect(countOnes(a)).toBe(4);
    expect(countOnes(new Uint8Array(0))).toBe(0);
    // exclusive: a claims first, then b keeps only what a did not take
    const claimed = new Uint8Array(7);
    const first = a.slice();
    const second = b.slice();
    claimExclusive(first, claimed);
    claimExclusive(second, claimed);
    expect(Array.from(first)).toEqual([1, 1, 0, 0, 1, 0, 1]);
    expect(Array.from(second)).toEqual([0, 0, 1, 0, 0, 1, 0]);
    expect(Array.from(claimed)).toEqual([1, 1, 1, 0, 1, 1, 1]);
  });

  it('equal to byte-by-byte code on random masks of every length mod 4, aligned or not', () => {
    const seed = 9001;
    console.log(`mask ops seed ${seed}`);
    const random = seededRandom(seed);
    for (let round = 0; round < 200; round++) {
      const n = Math.floor(random() * 70);
      // Offsets 0…3 into a larger buffer: 1…3 are not 4-byte aligned, so the byte path runs.
      const offset = Math.floor(random() * 4);
      const mask = (): Uint8Array => {
        const m = new Uint8Array(n + 4).subarray(offset, offset + n);
        for (let i = 0; i < n; i++) m[i] = random() < 0.5 ? 1 : 0;
        return m;
      };
      const a = mask();
      const b = mask();
      const and = a.slice();
      andInto(and, b);
      const or = a.slice();
      orInto(or, b);
      const andNot = mask();
      andNot.set(a);
      andNotInto(andNot, b);
      const not = notMask(b);
      const fused = [andMasks(a, false, b, false), andMasks(a, false, b, true), andMasks(a, true, b, false), andMasks(a, true, b, true)];
      const claimed = mask();
      const claimedBefore = claimed.slice();
      const kept = a.slice();
      claimExclusive(kept, claimed);
      let ones = 0;
      for (let i = 0; i < n; i++) {
        expect(and[i]).toBe(a[i]! & b[i]!);
        expect(or[i]).toBe(a[i]! | b[i]!);
        expect(andNot[i]).toBe(a[i]! & (1 - b[i]!));
        expect(not[i]).toBe(1 - b[i]!);
        expect(fused.map((f) => f[i])).toEqual([a[i]! & b[i]!, a[i]! & (1 - b[i]!), (1 - a[i]!) & b[i]!, (1 - a[i]!) & (1 - b[i]!)]);
        expect(kept[i]).toBe(claimedBefore[i] === 1 ? 0 : a[i]);
        expect(claimed[i]).toBe(claimedBefore[i]! | a[i]!);
        ones += a[i]!;
      }
      expect(countOnes(a)).toBe(ones);
    }
  });
});
