import type { Migration } from './migration.js';
import { runStatements } from './migration.js';

/**
 * A sample's files are read from its record (`samples.record -> 'files'`, which every stored record holds) through a
 * view with the columns the table had, instead of a row written per file: a sync of 1,000 samples with 100 images
 * each wrote 100,000 rows with two indexes, most of what the database spent on the samples. The record was already
 * checked file by file (shared/sync/sample-files-schema.ts) before it is stored.
 *
 * Records of 100 images are 15 kB of JSON; where the server has lz4 (PostgreSQL 14+ built with it) it compresses
 * them, at a third of pglz's time; where it has not (PGlite) they are stored uncompressed (pglz in WebAssembly cost
 * a third of storing them).
 */
export const migration0008: Migration = {
  version: 8,
  name: 'sample-files-view',
  up: (tx) =>
    runStatements(tx, [
      'DROP TABLE sample_files',
      `CREATE VIEW sample_files AS
         SELECT s.id AS sample_id, f.role, f.path, f.sha256, f.bytes
         FROM samples s CROSS JOIN LATERAL jsonb_to_recordset(s.record -> 'files') AS f (role text, path text, sha256 text, bytes bigint)`,
      `DO $$ BEGIN
         ALTER TABLE samples ALTER COLUMN record SET COMPRESSION lz4;
       EXCEPTION WHEN feature_not_supported THEN
         ALTER TABLE samples ALTER COLUMN record SET STORAGE EXTERNAL;
       END $$`,
    ]),
};
