import type { Migration } from './migration.js';
import { runStatements } from './migration.js';

/**
 * Small files sent in a batch are stored together, one pack file per batch (`packs/ab/<random>.pack`): creating
 * one file per image cost the server a few hundred microseconds each, more than everything else about it. A packed
 * file's `storage_path` names its pack and `pack_offset` says where its `size` bytes start; a file uploaded in
 * chunks keeps a file of its own (`pack_offset` null).
 *
 * The foreign key from `files.user_id` to `users` goes: its per-row check was a third of the cost of recording a
 * batch of images, and the server never deletes a user (tokens are revoked, accounts stay for the audit).
 */
export const migration0006: Migration = {
  version: 6,
  name: 'file-packs',
  up: (tx) =>
    runStatements(tx, [
      'ALTER TABLE files ADD COLUMN pack_offset bigint CHECK (pack_offset >= 0)',
      "ALTER TABLE files ADD CONSTRAINT files_pack_check CHECK (pack_offset IS NULL OR (complete AND storage_path LIKE 'packs/%'))",
      'ALTER TABLE files DROP CONSTRAINT IF EXISTS files_user_id_fkey',
    ]),
};
