import type { Migration } from './migration.js';

/**
 * Import versions and what each brought: the sample's event columns (Float32 files in files/), CytoClus set
 * memberships, particle images, GPS tracks, and the problems found. A new export of the same measurement adds an
 * import version to the same sample; identical content is recognised by its content hash and changes nothing.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'imports',
  up(db) {
    db.exec(`
      ALTER TABLE samples ADD COLUMN instrument_serial TEXT;
      -- Measurement start exactly as the source wrote it (no offset), kept beside the UTC started_at.
      ALTER TABLE samples ADD COLUMN started_at_source TEXT;
      -- 1 when no offset and no deployment zone were known and the source time was taken as UTC.
      ALTER TABLE samples ADD COLUMN time_zone_assumed INTEGER NOT NULL DEFAULT 0 CHECK (time_zone_assumed IN (0, 1));
      -- 1 when only set exports exist: the events are the union of the exported sets, not Default (all).
      ALTER TABLE samples ADD COLUMN partial INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1));
      ALTER TABLE samples ADD COLUMN current_import_id INTEGER;

      CREATE TABLE imports (
        id               INTEGER PRIMARY KEY,
        sample_id        TEXT NOT NULL REFERENCES samples (id) ON DELETE CASCADE,
        version          INTEGER NOT NULL CHECK (version >= 1),
        kind             TEXT NOT NULL CHECK (kind IN ('cytoclus', 'fcs', 'cyz2json', 'demo')),
        content_sha256   TEXT NOT NULL CHECK (length(content_sha256) = 64),
        importer_version TEXT NOT NULL,
        imported_at      TEXT NOT NULL,
        -- Folder the files were imported from, as given (provenance only; never used to find stored files).
        source_root      TEXT,
        event_count      INTEGER NOT NULL CHECK (event_count >= 0),
        UNIQUE (sample_id, version),
        UNIQUE (sample_id, content_sha256)
      ) STRICT;

      CREATE TABLE import_files (
        import_id   INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
        source_path TEXT NOT NULL,
        stored_path TEXT,
        role        TEXT NOT NULL,
        size_bytes  INTEGER NOT NULL CHECK (size_bytes >= 0),
        sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
        PRIMARY KEY (import_id, source_path)
      ) STRICT;

      CREATE TABLE event_columns (
        import_id  INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
        position   INTEGER NOT NULL CHECK (position >= 0),
        header     TEXT NOT NULL,
        channel    TEXT,
        parameter  TEXT,
        -- Case- and wording-insensitive channel + parameter key, for matching gates and axes across exports.
        key        TEXT NOT NULL,
        -- Little-endian Float32, one value per event, under files/.
        path       TEXT NOT NULL,
        PRIMARY KEY (import_id, position)
      ) STRICT;

      CREATE TABLE sample_sets (
        import_id    INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
        name         TEXT NOT NULL,
        event_count  INTEGER NOT NULL CHECK (event_count >= 0),
        -- Little-endian Uint32 particle ids of the set's members (CytoClus's own membership), under files/.
        members_path TEXT NOT NULL,
        PRIMARY KEY (import_id, name)
      ) STRICT;

      CREATE TABLE particle_images (
        import_id    INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
        particle_id  INTEGER NOT NULL CHECK (particle_id >= 0),
        cropped      INTEGER NOT NULL CHECK (cropped IN (0, 1)),
        path         TEXT NOT NULL,
        sha256       TEXT NOT NULL,
        width        INTEGER,
        height       INTEGER,
        taken_at     TEXT,
        PRIMARY KEY (import_id, particle_id, cropped)
      ) STRICT;

      CREATE TABLE import_issues (
        id          INTEGER PRIMARY KEY,
        import_id   INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
        severity    TEXT NOT NULL CHECK (severity IN ('warning', 'error')),
        file        TEXT,
        line        INTEGER,
        field       TEXT,
        message     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX import_issues_import ON import_issues (import_id);

      CREATE TABLE gps_tracks (
        id          INTEGER PRIMARY KEY,
        sha256      TEXT NOT NULL UNIQUE,
        source_path TEXT NOT NULL,
        deployment_id INTEGER REFERENCES deployments (id) ON DELETE SET NULL,
        imported_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE gps_points (
        track_id  INTEGER NOT NULL REFERENCES gps_tracks (id) ON DELETE CASCADE,
        time      TEXT NOT NULL,
        latitude  REAL NOT NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude REAL NOT NULL CHECK (longitude BETWEEN -180 AND 180),
        PRIMARY KEY (track_id, time)
      ) STRICT;
      CREATE INDEX gps_points_time ON gps_points (time);
    `);
  },
};
