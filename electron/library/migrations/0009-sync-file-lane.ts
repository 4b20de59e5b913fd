import type { Migration } from './migration.js';

/**
 * A sync of 1,000 samples with 100 images each spent most of its client time on bookkeeping per image: a `stat`
 * per image for its size, and three writes per image in `sync_files` (queued, taken, sent).
 * - `particle_images.size_bytes`: the image's size, recorded at import (null for images imported before, whose
 *   size is read from disk when needed).
 * - `sync_samples.files_pending`: the server lacked some of this record's files and they are being sent in this
 *   run straight from memory, not through `sync_files`. The run clears it once each such file is sent or written
 *   to `sync_files` (failed, deferred, or not reached); a run that stopped before (a crash) leaves it set, and the
 *   next run sends the record again to learn which files the server still lacks.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'sync-file-lane',
  up(db) {
    db.exec(`
      ALTER TABLE particle_images ADD COLUMN size_bytes INTEGER CHECK (size_bytes >= 0);
      ALTER TABLE sync_samples ADD COLUMN files_pending INTEGER NOT NULL DEFAULT 0 CHECK (files_pending IN (0, 1));
    `);
  },
};
