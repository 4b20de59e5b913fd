import type { Migration } from './migration.js';
import { runStatements } from './migration.js';

/**
 * One table per kind of change, derived from the log (and, for samples, from the records the workstations send):
 * what a query or the publication hook reads without replaying events. Flags and reviews need no sample row —
 * decisions may arrive before the sample's record does.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'projections',
  up: (tx) =>
    runStatements(tx, [
      `CREATE TABLE samples (
        id             text PRIMARY KEY,
        import_version integer NOT NULL CHECK (import_version >= 1),
        name           text NOT NULL,
        source         text NOT NULL CHECK (source IN ('cytosense', 'fcs')),
        started_at     text,
        latitude       double precision,
        longitude      double precision,
        depth_m        double precision,
        volume_ul      double precision,
        deployment     text,
        station        text,
        instrument     text,
        event_count    bigint NOT NULL,
        metadata       jsonb NOT NULL,
        record         jsonb NOT NULL,
        stored_at      timestamptz NOT NULL DEFAULT now(),
        stored_by      bigint REFERENCES users (id)
      )`,
      `CREATE TABLE sample_abundances (
        sample_id        text NOT NULL REFERENCES samples (id) ON DELETE CASCADE,
        set_name         text NOT NULL,
        group_name       text,
        events           bigint,
        abundance_per_ml double precision,
        template         text NOT NULL,
        template_version integer NOT NULL,
        flag             text,
        PRIMARY KEY (sample_id, set_name)
      )`,
      `CREATE TABLE sample_files (
        sample_id text NOT NULL REFERENCES samples (id) ON DELETE CASCADE,
        role      text NOT NULL,
        -- The path as the workstation named it: kept as text for display, never used to build a file path.
        path      text NOT NULL,
        sha256    text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        bytes     bigint NOT NULL CHECK (bytes >= 0)
      )`,
      'CREATE INDEX sample_files_sample ON sample_files (sample_id)',
      'CREATE INDEX sample_files_sha256 ON sample_files (sha256)',
      `CREATE TABLE sample_flags (
        target_key text PRIMARY KEY,
        sample_id  text NOT NULL,
        -- Null: the sample's own flag; otherwise the group (set) whose value is flagged.
        group_name text,
        scheme     text NOT NULL,
        code       text NOT NULL,
        comment    text,
        event_id   text NOT NULL,
        actor      text NOT NULL,
        at         text NOT NULL
      )`,
      'CREATE INDEX sample_flags_sample ON sample_flags (sample_id)',
      `CREATE TABLE sample_reviews (
        sample_id  text PRIMARY KEY,
        state      text NOT NULL CHECK (state IN ('unreviewed', 'approved', 'needs-attention')),
        approved   jsonb,
        event_id   text NOT NULL,
        actor      text NOT NULL,
        actor_name text,
        at         text NOT NULL
      )`,
      'CREATE INDEX sample_reviews_state ON sample_reviews (state)',
      `CREATE TABLE gate_templates (
        template_id text PRIMARY KEY,
        version     integer NOT NULL CHECK (version >= 1),
        value       jsonb,
        event_id    text NOT NULL,
        actor       text NOT NULL,
        at          text NOT NULL
      )`,
      `CREATE TABLE gate_template_versions (
        template_id text NOT NULL,
        version     integer NOT NULL CHECK (version >= 1),
        value       jsonb,
        event_id    text NOT NULL,
        actor       text NOT NULL,
        at          text NOT NULL,
        PRIMARY KEY (template_id, version)
      )`,
      `CREATE TABLE datasets (
        dataset_id         text PRIMARY KEY,
        version            integer NOT NULL CHECK (version >= 1),
        title              text,
        -- L08 code as given in the metadata (null when absent: treated as not public).
        access_restriction text,
        metadata           jsonb NOT NULL,
        event_id           text NOT NULL,
        actor              text NOT NULL,
        at                 text NOT NULL
      )`,
      `CREATE TABLE dataset_samples (
        dataset_id text NOT NULL REFERENCES datasets (dataset_id) ON DELETE CASCADE,
        sample_id  text NOT NULL,
        PRIMARY KEY (dataset_id, sample_id)
      )`,
      'CREATE INDEX dataset_samples_sample ON dataset_samples (sample_id)',
    ]),
};
