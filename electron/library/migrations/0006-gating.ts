import type { Migration } from './migration.js';

/**
 * Gating decisions join the change-event log: template versions (library-wide, so an event may have no sample),
 * template assignments, per-sample gate overrides, volume methods and trigger-rule confirmations. SQLite cannot
 * widen a CHECK constraint in place, so change_events and target_state are rebuilt (rows, ids and sequence numbers
 * kept; the append-only triggers recreated). Abundances are a projection: recomputed from the events and the
 * sample's columns whenever their inputs change, each row naming the template version and overrides that produced it.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'gating',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      CREATE TABLE change_actions (action TEXT PRIMARY KEY NOT NULL) STRICT, WITHOUT ROWID;
      INSERT INTO change_actions (action) VALUES ('flag'), ('approve'), ('mark-attention'), ('comment'), ('undo'), ('redo'),
        ('save-template'), ('apply-template'), ('override-gate'), ('set-volume'), ('confirm-trigger'), ('save-dataset');
      CREATE TABLE change_target_kinds (
        kind TEXT PRIMARY KEY NOT NULL,
        -- 1 for library-wide targets (no sample): a template, a dataset.
        library_wide INTEGER NOT NULL CHECK (library_wide IN (0, 1)),
        -- 1 when the event must name the library-wide object it concerns (object_id).
        needs_object INTEGER NOT NULL CHECK (needs_object IN (0, 1))
      ) STRICT, WITHOUT ROWID;
      INSERT INTO change_target_kinds (kind, library_wide, needs_object) VALUES ('flag', 0, 0), ('value-flag', 0, 0), ('review', 0, 0),
        ('comment', 0, 0), ('template', 1, 1), ('template-assignment', 0, 0), ('gate-override', 0, 1), ('volume', 0, 0),
        ('trigger-confirmation', 0, 0), ('dataset', 1, 1);

      DROP TRIGGER change_events_no_update;
      DROP TRIGGER change_events_no_delete;
      CREATE TABLE change_events_v6 (
        seq            INTEGER PRIMARY KEY,
        id             TEXT NOT NULL UNIQUE,
        changeset      TEXT NOT NULL,
        actor          TEXT NOT NULL,
        device         TEXT NOT NULL,
        action         TEXT NOT NULL REFERENCES change_actions (action),
        sample_id      TEXT,
        target_kind    TEXT NOT NULL REFERENCES change_target_kinds (kind),
        target_group   TEXT,
        -- The library-wide object concerned: a template (template, gate-override) or a dataset.
        object_id      TEXT,
        base_revision  INTEGER NOT NULL CHECK (base_revision >= 0),
        before_json    TEXT,
        after_json     TEXT,
        reason         TEXT,
        at             TEXT NOT NULL,
        undoes         TEXT
      ) STRICT;
      INSERT INTO change_events_v6 (seq, id, changeset, actor, device, action, sample_id, target_kind, target_group, object_id,
          base_revision, before_json, after_json, reason, at, undoes)
        SELECT seq, id, changeset, actor, device, action, sample_id, target_kind, target_group, NULL,
          base_revision, before_json, after_json, reason, at, undoes FROM change_events;
      DROP TABLE change_events;
      ALTER TABLE change_events_v6 RENAME TO change_events;
      CREATE INDEX change_events_sample ON change_events (sample_id, seq);
      CREATE INDEX change_events_changeset ON change_events (changeset, seq);
      CREATE INDEX change_events_object ON change_events (object_id, seq) WHERE object_id IS NOT NULL;
      CREATE TRIGGER change_events_no_update BEFORE UPDATE ON change_events BEGIN SELECT RAISE(ABORT, 'change events are append-only'); END;
      CREATE TRIGGER change_events_no_delete BEFORE DELETE ON change_events BEGIN SELECT RAISE(ABORT, 'change events are append-only'); END;
      -- What a kind of target needs, from its row in change_target_kinds (so a later kind brings its own rule).
      CREATE TRIGGER change_events_target_shape BEFORE INSERT ON change_events
        WHEN (NEW.sample_id IS NULL) != (SELECT library_wide FROM change_target_kinds WHERE kind = NEW.target_kind)
          OR (NEW.object_id IS NULL AND (SELECT needs_object FROM change_target_kinds WHERE kind = NEW.target_kind) = 1)
        BEGIN SELECT RAISE(ABORT, 'CHECK: a change event names a sample exactly when its target is per sample, and its object when the kind needs one'); END;

      CREATE TABLE target_state_v6 (
        target_key   TEXT PRIMARY KEY NOT NULL,
        sample_id    TEXT,
        target_kind  TEXT NOT NULL,
        target_group TEXT,
        object_id    TEXT,
        value_json   TEXT,
        revision     INTEGER NOT NULL CHECK (revision >= 1),
        last_seq     INTEGER NOT NULL REFERENCES change_events (seq)
      ) STRICT;
      INSERT INTO target_state_v6 (target_key, sample_id, target_kind, target_group, object_id, value_json, revision, last_seq)
        SELECT target_key, sample_id, target_kind, target_group, NULL, value_json, revision, last_seq FROM target_state;
      DROP TABLE target_state;
      ALTER TABLE target_state_v6 RENAME TO target_state;
      CREATE INDEX target_state_sample ON target_state (sample_id);
      CREATE INDEX target_state_kind ON target_state (target_kind, object_id);

      CREATE TABLE abundances (
        sample_id         TEXT NOT NULL REFERENCES samples (id) ON DELETE CASCADE,
        set_id            TEXT NOT NULL,
        set_name          TEXT NOT NULL,
        group_name        TEXT,
        position          INTEGER NOT NULL,
        template_id       TEXT NOT NULL,
        template_version  INTEGER NOT NULL CHECK (template_version >= 1),
        -- {"gateId": revision} of this sample's overrides in effect.
        overrides_json    TEXT NOT NULL,
        import_id         INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
        -- Null when the template could not be applied (a column missing): the note says why.
        events            INTEGER CHECK (events IS NULL OR events >= 0),
        volume_ul         REAL,
        volume_method     TEXT,
        dilution          REAL NOT NULL DEFAULT 1 CHECK (dilution >= 1),
        abundance_per_ml  REAL,
        means_json        TEXT NOT NULL,
        normalised_json   TEXT,
        flag              TEXT,
        note              TEXT,
        PRIMARY KEY (sample_id, set_id)
      ) STRICT;
      CREATE INDEX abundances_set ON abundances (set_name, sample_id);

      -- A sample's groups: its gate template's sets once it has one, else the sets CytoClus exported with it.
      CREATE VIEW sample_groups AS
        SELECT a.sample_id, a.set_name AS name, a.position, a.events, a.abundance_per_ml, 'template' AS source FROM abundances a
        UNION ALL
        SELECT s.id, g.name, 0, g.event_count,
          CASE WHEN s.partial = 1 OR s.volume_ul IS NULL OR s.volume_ul = 0 THEN NULL ELSE g.event_count * 1000.0 / s.volume_ul END,
          'cytoclus'
        FROM samples s JOIN sample_sets g ON g.import_id = s.current_import_id
        WHERE NOT EXISTS (SELECT 1 FROM abundances a WHERE a.sample_id = s.id);
    `);
  },
};
