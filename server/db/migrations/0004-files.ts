import type { Migration } from './migration.js';
import { runStatements } from './migration.js';

/**
 * Files (images, source exports) by content hash. `received` is how many bytes are on disk, so a cut upload resumes
 * there; `complete` is set only once the bytes match the hash. The storage path is derived from the hash alone.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'files',
  up: (tx) =>
    runStatements(tx, [
      `CREATE TABLE files (
        sha256       text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size         bigint NOT NULL CHECK (size >= 0),
        received     bigint NOT NULL DEFAULT 0 CHECK (received >= 0 AND received <= size),
        complete     boolean NOT NULL DEFAULT false,
        storage_path text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        user_id      bigint REFERENCES users (id),
        CHECK (NOT complete OR received = size)
      )`,
    ]),
};
