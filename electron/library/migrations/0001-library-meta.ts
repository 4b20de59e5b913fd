import { randomUUID } from 'node:crypto';
import type { Migration } from './migration.js';

/**
 * Library identity and settings. The library id travels with the folder (the folder stays valid when moved),
 * and identifies this library to the sync server later.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'library-meta',
  up(db) {
    db.exec(`
      CREATE TABLE library_meta (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
      ) STRICT;
    `);
    const insert = db.prepare('INSERT INTO library_meta (key, value) VALUES (?, ?)');
    insert.run('library_id', randomUUID());
    insert.run('created_at', new Date().toISOString());
    insert.run('kind', 'user');
    insert.run('name', 'My library');
  },
};
