import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { seededRandom } from '../somlit/test-support/generate-entries.js';
import { MAX_FILE_BYTES, isPlainSampleFile, sampleFileSchema, sampleFilesSchema } from './sample-files-schema.js';

/** The plain schema the fast check stands in for. */
const reference = z.array(sampleFileSchema).max(100_000);
const issuesOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; code: string }[] } }) => (r.success ? [] : r.error!.issues.map((i) => `${i.path.join('.')}:${i.code}`));

describe('sample files schema', () => {
  it('accepts and refuses exactly what the per-entry schema does, with the same issues (seeded)', () => {
    const seed = Number(process.env.TEST_SEED ?? Date.now() % 1_000_000);
    console.log(`sample files schema: seed ${seed} (TEST_SEED=${seed} replays it)`);
    const random = seededRandom(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const sha = () => Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');
    const values = [
      () => 'image',
      () => 'x'.repeat(40),
      () => 'x'.repeat(41),
      () => 'images/12/abc.png',
      () => 'p'.repeat(1001),
      () => sha(),
      () => sha().toUpperCase(),
      () => sha().slice(1),
      () => 0,
      () => 400,
      () => -1,
      () => 1.5,
      () => MAX_FILE_BYTES,
      () => MAX_FILE_BYTES + 1,
      () => Number.NaN,
      () => Number.POSITIVE_INFINITY,
      () => null,
      () => undefined,
      () => true,
      () => [],
      () => ({}),
    ];
    const good = () => ({ role: 'image', path: `images/${Math.floor(random() * 1e6)}.png`, sha256: sha(), bytes: Math.floor(random() * 5000) });
    for (let round = 0; round < 3000; round++) {
      const entries: unknown[] = Array.from({ length: 1 + Math.floor(random() * 4) }, good);
      const i = Math.floor(random() * entries.length);
      const roll = random();
      if (roll < 0.6) (entries[i] as Record<string, unknown>)[pick(['role', 'path', 'sha256', 'bytes'])] = pick(values)();
      else if (roll < 0.7) delete (entries[i] as Record<string, unknown>)[pick(['role', 'path', 'sha256', 'bytes'])];
      else if (roll < 0.8) (entries[i] as Record<string, unknown>)[pick(['name', 'size', '__proto__x'])] = 'extra';
      else if (roll < 0.9) entries[i] = pick(values)();
      const fast = sampleFilesSchema.safeParse(entries);
      const plain = reference.safeParse(entries);
      expect(fast.success, `seed ${seed}, round ${round}: ${JSON.stringify(entries)}`).toBe(plain.success);
      expect(issuesOf(fast), `seed ${seed}, round ${round}`).toEqual(issuesOf(plain));
      if (fast.success) expect(fast.data).toEqual(plain.data);
    }
  });

  it('says which entry is wrong and why, in the words of the schema', () => {
    const ok = { role: 'image', path: 'images/1.png', sha256: 'a'.repeat(64), bytes: 400 };
    const r = sampleFilesSchema.safeParse([ok, { ...ok, sha256: 'A'.repeat(64) }, { ...ok, bytes: -1, name: 'x' }]);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['1.sha256', 'a SHA-256 in lower-case hex'],
      ['2.bytes', 'Too small: expected number to be >=0'],
      ['2', 'Unrecognized key: "name"'],
    ]);
    expect(isPlainSampleFile(ok)).toBe(true);
    expect(isPlainSampleFile(Object.assign(Object.create({ inherited: 1 }), ok))).toBe(true);
  });
});
