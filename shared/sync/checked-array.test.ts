import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { seededRandom } from '../random/seeded-random.js';
import { pushSamplesResponseSchema } from './response-schemas.js';
import { MAX_BATCH_FILE_BYTES, MAX_BATCH_FILES, fileBatchHeaderFileSchema, fileBatchHeaderSchema, fileBatchResponseSchema, fileBatchResultSchema, sha256Schema } from './sync-protocol.js';

const issuesOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; code: string; message: string }[] } }) => (r.success ? [] : r.error!.issues.map((i) => `${i.path.join('.')}:${i.code}:${i.message}`));

/** Entries near the edges of what each schema takes: right ones, each field wrong in turn, extra and missing keys. */
function fuzz(
  name: string,
  fast: z.ZodType<unknown>,
  reference: z.ZodType<unknown>,
  wrap: (entries: unknown[]) => unknown,
  good: (random: () => number) => Record<string, unknown>,
  fields: readonly string[],
  values: readonly unknown[],
) {
  it(`${name}: accepts and refuses exactly what the per-entry schema does, with the same issues and output (seeded)`, () => {
    const seed = Number(process.env.TEST_SEED ?? Date.now() % 1_000_000);
    console.log(`${name}: seed ${seed} (TEST_SEED=${seed} replays it)`);
    const random = seededRandom(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    for (let round = 0; round < 2000; round++) {
      const entries: unknown[] = Array.from({ length: Math.floor(random() * 4) }, () => good(random));
      const i = Math.floor(random() * Math.max(1, entries.length));
      const roll = random();
      if (entries.length > 0 && (fields.length === 0 || roll >= 0.7)) {
        if (roll < 0.85) entries[i] = pick(values);
      } else if (entries.length > 0) {
        if (roll < 0.5) (entries[i] as Record<string, unknown>)[pick(fields)] = pick(values);
        else if (roll < 0.6) delete (entries[i] as Record<string, unknown>)[pick(fields)];
        else (entries[i] as Record<string, unknown>)[pick(['name', 'bytes', 'extra'])] = 'x';
      }
      const a = fast.safeParse(wrap(entries));
      const b = reference.safeParse(wrap(entries));
      expect(a.success, `seed ${seed}, round ${round}: ${JSON.stringify(entries)}`).toBe(b.success);
      expect(issuesOf(a), `seed ${seed}, round ${round}`).toEqual(issuesOf(b));
      if (a.success) expect(a.data, `seed ${seed}, round ${round}`).toEqual(b.data);
    }
  });
}

const hex = (random: () => number) => Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');
const common = ['a'.repeat(64), 'A'.repeat(64), 'a'.repeat(63), `${'a'.repeat(63)}\n`, 0, -1, 1.5, 400, null, undefined, true, [], {}, 'stored', 'lost', 'x'.repeat(10_001)];

describe('checked arrays', () => {
  fuzz(
    'batch header',
    fileBatchHeaderSchema,
    z.object({ files: z.array(fileBatchHeaderFileSchema).min(1).max(MAX_BATCH_FILES) }).strict(),
    (files) => ({ files }),
    (random) => ({ sha256: hex(random), size: Math.floor(random() * 5000) }),
    ['sha256', 'size'],
    [...common, MAX_BATCH_FILE_BYTES, MAX_BATCH_FILE_BYTES + 1, Number.NaN],
  );
  fuzz(
    'batch answer',
    fileBatchResponseSchema,
    z.object({ results: z.array(fileBatchResultSchema).max(MAX_BATCH_FILES) }),
    (results) => ({ results }),
    (random) => (random() < 0.5 ? { sha256: hex(random), status: 'stored' } : { sha256: hex(random), status: 'refused', reason: 'the bytes do not match' }),
    ['sha256', 'status', 'reason'],
    common,
  );
  fuzz(
    'missing files of a record answer',
    pushSamplesResponseSchema,
    z.object({
      results: z.array(z.object({ id: z.string().min(1).max(128), status: z.enum(['stored', 'unchanged', 'refused']), reason: z.string().max(10_000).optional(), missingFiles: z.array(sha256Schema) })),
    }),
    (missing) => ({ results: [{ id: 'cs-1', status: 'stored', missingFiles: missing }] }),
    (random) => hex(random) as unknown as Record<string, unknown>,
    [],
    common,
  );
});
