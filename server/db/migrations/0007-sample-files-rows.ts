import type { Migration } from './migration.js';
import { runStatements } from './migration.js';

/**
 * A sample record lists every image of the sample: a sync of 1,000 samples writes 100,000 `sample_files` rows and
 * as many `files` rows, and two per-row checks cost as much as the inserts themselves:
 * - the foreign key from `sample_files` to `samples` goes: the rows are written only with their sample, in the same
 *   transaction (server/store/push-samples.ts), and the server never deletes a sample;
 * - the hash checks stay as strict (64 lower-case hex digits) without a regular expression, which PGlite runs at
 *   ~10 µs a row: the length, lower case, and `decode(…, 'hex')`, which refuses any other character.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'sample-files-rows',
  up: (tx) =>
    runStatements(tx, [
      'ALTER TABLE sample_files DROP CONSTRAINT IF EXISTS sample_files_sample_id_fkey',
      ...['sample_files', 'files'].flatMap((table) => [
        `ALTER TABLE ${table} DROP CONSTRAINT ${table}_sha256_check`,
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_sha256_check CHECK (length(sha256) = 64 AND sha256 = lower(sha256) AND decode(sha256, 'hex') IS NOT NULL)`,
      ]),
    ]),
};
