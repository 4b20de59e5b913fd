import type { Migration } from './migration.js';

/**
 * Samples, their stored files (paths relative to the library's files/ folder, never absolute, so the library
 * can be moved) with SHA-256 provenance, and the verbatim metadata read from the source files.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'samples',
  up(db) {
    db.exec(`
      CREATE TABLE samples (
        id                 TEXT PRIMARY KEY NOT NULL,
        name               TEXT NOT NULL,
        source             TEXT NOT NULL CHECK (source IN ('cytosense', 'fcs')),
        started_at         TEXT,
        duration_s         REAL,
        instrument         TEXT,
        deployment         TEXT,
        station            TEXT,
        latitude           REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
        longitude          REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
        depth_m            REAL,
        volume_ul          REAL CHECK (volume_ul IS NULL OR volume_ul >= 0),
        event_count        INTEGER NOT NULL DEFAULT 0 CHECK (event_count >= 0),
        image_count        INTEGER NOT NULL DEFAULT 0 CHECK (image_count >= 0),
        imported_at        TEXT NOT NULL
      ) STRICT;
      CREATE INDEX samples_started_at ON samples (started_at, id);
      CREATE INDEX samples_name ON samples (name, id);
      CREATE INDEX samples_deployment ON samples (deployment, started_at);
      CREATE INDEX samples_station ON samples (station, started_at);

      CREATE TABLE sample_files (
        sample_id   TEXT NOT NULL REFERENCES samples (id) ON DELETE CASCADE,
        path        TEXT NOT NULL,
        role        TEXT NOT NULL,
        size_bytes  INTEGER NOT NULL CHECK (size_bytes >= 0),
        sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
        PRIMARY KEY (sample_id, path)
      ) STRICT;
      CREATE INDEX sample_files_sha256 ON sample_files (sha256);

      CREATE TABLE sample_metadata (
        sample_id  TEXT NOT NULL REFERENCES samples (id) ON DELETE CASCADE,
        key        TEXT NOT NULL,
        value      TEXT NOT NULL,
        PRIMARY KEY (sample_id, key)
      ) STRICT;
    `);
  },
};
