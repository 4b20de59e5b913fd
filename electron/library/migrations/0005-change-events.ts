import type { Migration } from './migration.js';

/**
 * Curation decisions as an append-only log of change events, the current state of every target derived from it,
 * and the outbox the sync client will push. The samples table carries a copy of each sample's flag, review state,
 * reviewer and comment so the sample table can sort and filter on them; it is written in the same transaction.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'change-events',
  up(db) {
    db.exec(`
      CREATE TABLE curators (
        id          TEXT PRIMARY KEY NOT NULL,
        name        TEXT NOT NULL,
        first_seen  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE change_events (
        seq            INTEGER PRIMARY KEY,
        id             TEXT NOT NULL UNIQUE,
        changeset      TEXT NOT NULL,
        actor          TEXT NOT NULL,
        device         TEXT NOT NULL,
        action         TEXT NOT NULL CHECK (action IN ('flag', 'approve', 'mark-attention', 'comment', 'undo', 'redo')),
        sample_id      TEXT NOT NULL,
        target_kind    TEXT NOT NULL CHECK (target_kind IN ('flag', 'value-flag', 'review', 'comment')),
        target_group   TEXT,
        base_revision  INTEGER NOT NULL CHECK (base_revision >= 0),
        before_json    TEXT,
        after_json     TEXT,
        reason         TEXT,
        at             TEXT NOT NULL,
        undoes         TEXT
      ) STRICT;
      CREATE INDEX change_events_sample ON change_events (sample_id, seq);
      CREATE INDEX change_events_changeset ON change_events (changeset, seq);
      -- The log is append-only: no event is ever changed or removed.
      CREATE TRIGGER change_events_no_update BEFORE UPDATE ON change_events BEGIN SELECT RAISE(ABORT, 'change events are append-only'); END;
      CREATE TRIGGER change_events_no_delete BEFORE DELETE ON change_events BEGIN SELECT RAISE(ABORT, 'change events are append-only'); END;

      CREATE TABLE target_state (
        target_key   TEXT PRIMARY KEY NOT NULL,
        sample_id    TEXT NOT NULL,
        target_kind  TEXT NOT NULL,
        target_group TEXT,
        value_json   TEXT,
        revision     INTEGER NOT NULL CHECK (revision >= 1),
        last_seq     INTEGER NOT NULL REFERENCES change_events (seq)
      ) STRICT;
      CREATE INDEX target_state_sample ON target_state (sample_id);

      CREATE TABLE outbox (
        seq        INTEGER PRIMARY KEY REFERENCES change_events (seq),
        queued_at  TEXT NOT NULL,
        sent_at    TEXT,
        attempts   INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
      ) STRICT;
      CREATE INDEX outbox_pending ON outbox (sent_at, seq);

      ALTER TABLE samples ADD COLUMN flag_scheme TEXT;
      ALTER TABLE samples ADD COLUMN flag_code TEXT;
      ALTER TABLE samples ADD COLUMN review_state TEXT NOT NULL DEFAULT 'unreviewed'
        CHECK (review_state IN ('unreviewed', 'approved', 'needs-attention'));
      ALTER TABLE samples ADD COLUMN reviewer TEXT;
      ALTER TABLE samples ADD COLUMN comment TEXT;
      CREATE INDEX samples_review ON samples (review_state, started_at);
      CREATE INDEX samples_flag ON samples (flag_code, started_at);
    `);
  },
};
