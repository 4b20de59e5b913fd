import type { Migration } from './migration.js';

/**
 * Deployments: where and how an instrument was measuring (a fixed station, or a ship), with the instrument
 * clock's time zone. Samples are assigned to one at import by rule (folder, instrument serial, time range) or by
 * hand; times are converted to UTC with its zone, positions come from it (or from a ship's GPS track).
 */
export const migration0003: Migration = {
  version: 3,
  name: 'deployments',
  up(db) {
    db.exec(`
      CREATE TABLE deployments (
        id                INTEGER PRIMARY KEY,
        name              TEXT NOT NULL UNIQUE,
        instrument        TEXT,
        instrument_serial TEXT,
        station           TEXT,
        ship              TEXT,
        latitude          REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
        longitude         REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
        sampling_depth_m  REAL,
        bottom_depth_m    REAL,
        -- IANA zone ("Europe/Paris") or fixed offset ("+01:00") of the instrument clock; NULL = unknown.
        time_zone         TEXT,
        somlit_site_id    TEXT,
        -- Assignment rule: every non-NULL part must match (folder prefix, serial, time range in UTC).
        rule_folder       TEXT,
        rule_serial       TEXT,
        rule_from         TEXT,
        rule_to           TEXT,
        created_at        TEXT NOT NULL
      ) STRICT;

      ALTER TABLE samples ADD COLUMN deployment_id INTEGER REFERENCES deployments (id) ON DELETE SET NULL;
      CREATE INDEX samples_deployment_id ON samples (deployment_id, started_at);
    `);
  },
};
