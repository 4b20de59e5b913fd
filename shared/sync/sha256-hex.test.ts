import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random/seeded-random.js';
import { isSha256Hex } from './sha256-hex.js';

describe('isSha256Hex', () => {
  it('agrees with /^[0-9a-f]{64}$/ on hashes and near-misses (seeded)', () => {
    const seed = Number(process.env.TEST_SEED ?? Date.now() % 1_000_000);
    console.log(`sha256-hex: seed ${seed} (TEST_SEED=${seed} replays it)`);
    const random = seededRandom(seed);
    const re = /^[0-9a-f]{64}$/;
    const alphabet = '0123456789abcdefABCDEFgz/.:@`G \n\u00e9';
    for (let round = 0; round < 20_000; round++) {
      const length = random() < 0.8 ? 64 : Math.floor(random() * 70);
      const hex = random() < 0.5;
      const s = Array.from({ length }, () => (hex ? '0123456789abcdef' : alphabet)[Math.floor(random() * (hex ? 16 : alphabet.length))]).join('');
      expect(isSha256Hex(s), `seed ${seed}: ${JSON.stringify(s)}`).toBe(re.test(s));
    }
    expect(isSha256Hex('a'.repeat(64))).toBe(true);
    expect(isSha256Hex(`${'a'.repeat(63)}\n`)).toBe(false);
    expect(isSha256Hex(null)).toBe(false);
    expect(isSha256Hex(12)).toBe(false);
  });
});
