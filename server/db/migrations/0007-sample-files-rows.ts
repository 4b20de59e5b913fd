import type { Migration } from './migration.js';
import { runStatements } from './migration.js';

/**
 * A sample record lists every image of the sample: a sync of 1,000 samples writes 100,000 `sample_files` rows, and
 * the per-row foreign-key check against `samples` cost as much as the insert itself. The rows are written only
 * with their sample, in the same statement set and transaction (server/store/push-samples.ts), and the server never
 * deletes a sample, so the key goes; the hash check stays.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'sample-files-rows',
  up: (tx) => runStatements(tx, ['ALTER TABLE sample_files DROP CONSTRAINT IF EXISTS sample_files_sample_id_fkey']),
};
