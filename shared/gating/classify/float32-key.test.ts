import { describe, expect, it } from 'vitest';
import { bitsView, float32Key, KEY_MAX_FINITE, KEY_NEGATIVE_INFINITY, KEY_POSITIVE_INFINITY, keyFromBits, keyToFloat32 } from './float32-key.js';
import { seededRandom } from '../../random/seeded-random.js';

describe('float32 keys', () => {
  it('known keys: the infinities, zeros, the smallest subnormal, the largest finite value', () => {
    // 0x7F800000 = +Infinity's bit pattern; −Infinity 0xFF800000 with the magnitude bits flipped = 0x807FFFFF
    expect(float32Key(Infinity)).toBe(KEY_POSITIVE_INFINITY);
    expect(KEY_POSITIVE_INFINITY).toBe(2139095040);
    expect(float32Key(-Infinity)).toBe(KEY_NEGATIVE_INFINITY);
    expect(float32Key(0)).toBe(0);
    expect(float32Key(-0)).toBe(-1);
    expect(float32Key(1.401298464324817e-45)).toBe(1);
    expect(float32Key(-1.401298464324817e-45)).toBe(-2);
    expect(keyToFloat32(KEY_MAX_FINITE)).toBe(3.4028234663852886e38);
    expect(float32Key(1)).toBe(0x3f800000);
    // NaN lies outside the ±Infinity range
    expect(float32Key(Number.NaN) > KEY_POSITIVE_INFINITY).toBe(true);
  });

  it('keys sort as the values do, and convert back', () => {
    const seed = 5150;
    console.log(`float32 key seed ${seed}`);
    const random = seededRandom(seed);
    const value = (): number => {
      const r = random();
      if (r < 0.1) return [0, -0, Infinity, -Infinity, 1e-45, -1e-45][Math.floor(random() * 6)] as number;
      return (random() < 0.5 ? -1 : 1) * 10 ** (random() * 90 - 45);
    };
    for (let i = 0; i < 20_000; i++) {
      const a = Math.fround(value());
      const b = Math.fround(value());
      const ka = float32Key(a);
      const kb = float32Key(b);
      // −0 and +0 are equal values with keys −1 and 0
      if (a < b) expect(ka < kb).toBe(true);
      else if (a > b) expect(ka > kb).toBe(true);
      else expect(Math.abs(ka - kb) <= 1).toBe(true);
      expect(Object.is(keyToFloat32(ka), a)).toBe(true);
      expect(keyFromBits(keyFromBits(ka))).toBe(ka);
    }
  });

  it('bitsView shares the bytes of the column, subarrays included', () => {
    const column = Float32Array.from([1, -2, 0.5, Number.NaN, -0]);
    const tail = column.subarray(2);
    const bits = bitsView(tail);
    expect(bits.length).toBe(3);
    expect(keyFromBits(bits[0]!)).toBe(float32Key(0.5));
    column[2] = 4;
    expect(keyFromBits(bits[0]!)).toBe(float32Key(4));
    expect(keyFromBits(bits[2]!)).toBe(-1); // −0
  });
});
