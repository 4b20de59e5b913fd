import type { Migration } from './migration.js';

/**
 * Sync with the institute server (electron/sync). The library keeps its own sync state: the server, the device
 * token (a secret: never printed or logged), the pull cursor and the last outcome; the server revision last seen
 * per target (the `serverBase` of the next event); per outbox row whether it reached the server, or why it waits
 * (parked: a conflict or a refusal — never dropped); conflicts with both versions and the user's choice; others'
 * events held back while a local change to the same target waits; the approved sample records pushed (by content
 * hash, so unchanged ones are not resent); and the file queue (chunked, resumable, deferrable by rule).
 */
export const migration0007: Migration = {
  version: 7,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE sync_state (
        id               INTEGER PRIMARY KEY CHECK (id = 1),
        server_url       TEXT,
        user_name        TEXT,
        role             TEXT,
        device           TEXT,
        -- Secret. Read only to authenticate; never printed, logged or returned by a status.
        device_token     TEXT,
        -- Server log position of the last pulled event.
        pull_cursor      INTEGER NOT NULL DEFAULT 0 CHECK (pull_cursor >= 0),
        last_contact_at  TEXT,
        -- 1 when the last request reached the server, 0 when it did not.
        online           INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1)),
        last_sync_at     TEXT,
        last_sync_result TEXT,
        last_error       TEXT,
        -- JSON deferral rules for the file queue (shared/sync/file-rules.ts).
        file_rules       TEXT
      ) STRICT;
      INSERT INTO sync_state (id) VALUES (1);

      CREATE TABLE sync_targets (
        target_key       TEXT PRIMARY KEY NOT NULL,
        server_revision  INTEGER NOT NULL CHECK (server_revision >= 0)
      ) STRICT, WITHOUT ROWID;

      ALTER TABLE outbox ADD COLUMN server_seq INTEGER;
      ALTER TABLE outbox ADD COLUMN server_revision INTEGER;
      ALTER TABLE outbox ADD COLUMN parked TEXT CHECK (parked IN ('conflict', 'refused'));
      ALTER TABLE outbox ADD COLUMN parked_reason TEXT;
      ALTER TABLE outbox ADD COLUMN parked_at TEXT;
      -- superseded: the author chose the other version of a conflict; pushed so the server's log holds it too.
      ALTER TABLE outbox ADD COLUMN resolution TEXT CHECK (resolution IN ('superseded'));
      ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;
      CREATE INDEX outbox_unsent ON outbox (seq) WHERE sent_at IS NULL;

      CREATE TABLE sync_conflicts (
        id                INTEGER PRIMARY KEY,
        target_key        TEXT NOT NULL,
        sample_id         TEXT,
        target_kind       TEXT NOT NULL,
        target_group      TEXT,
        object_id         TEXT,
        -- The local event the server did not take (the first of this library's waiting events on the target).
        local_seq         INTEGER NOT NULL REFERENCES change_events (seq),
        local_event_id    TEXT NOT NULL,
        server_value_json TEXT,
        server_revision   INTEGER NOT NULL CHECK (server_revision >= 0),
        server_event_id   TEXT NOT NULL,
        server_actor      TEXT NOT NULL,
        server_actor_name TEXT,
        server_device     TEXT NOT NULL,
        server_at         TEXT NOT NULL,
        detected_at       TEXT NOT NULL,
        detected_by       TEXT NOT NULL CHECK (detected_by IN ('push', 'pull')),
        status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
        resolution        TEXT CHECK (resolution IN ('mine', 'theirs')),
        -- This library's value when the choice was made.
        mine_value_json   TEXT,
        resolved_at       TEXT,
        resolved_by       TEXT,
        -- mine: the new event that restores this library's value on the server.
        resolution_event_id TEXT,
        CHECK ((status = 'open') = (resolution IS NULL))
      ) STRICT;
      -- At most one open conflict per target: later news about the same target updates it.
      CREATE UNIQUE INDEX sync_conflicts_open ON sync_conflicts (target_key) WHERE status = 'open';

      CREATE TABLE sync_held_events (
        event_id         TEXT PRIMARY KEY NOT NULL,
        server_seq       INTEGER NOT NULL UNIQUE,
        server_revision  INTEGER NOT NULL CHECK (server_revision >= 0),
        target_key       TEXT NOT NULL,
        -- The event as pulled (shared/sync/sync-protocol.ts WireEvent).
        event_json       TEXT NOT NULL,
        -- conflict: a local change to the target waits; unsupported: this version cannot apply it (detail says why).
        reason           TEXT NOT NULL CHECK (reason IN ('conflict', 'unsupported')),
        detail           TEXT,
        held_at          TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sync_held_target ON sync_held_events (target_key, server_seq);

      CREATE TABLE sync_samples (
        sample_id        TEXT PRIMARY KEY NOT NULL REFERENCES samples (id) ON DELETE CASCADE,
        import_version   INTEGER NOT NULL CHECK (import_version >= 1),
        -- SHA-256 of the record as pushed (canonical JSON): an unchanged record is not sent again.
        record_sha256    TEXT NOT NULL CHECK (length(record_sha256) = 64),
        status           TEXT NOT NULL CHECK (status IN ('stored', 'unchanged', 'refused')),
        reason           TEXT,
        pushed_at        TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sync_files (
        id               INTEGER PRIMARY KEY,
        sha256           TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
        -- Relative to the library's files/ folder.
        path             TEXT NOT NULL,
        role             TEXT NOT NULL,
        size_bytes       INTEGER NOT NULL CHECK (size_bytes >= 0),
        -- What the server had acknowledged last (the server's own count decides where an upload resumes).
        bytes_sent       INTEGER NOT NULL DEFAULT 0 CHECK (bytes_sent >= 0),
        status           TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'deferred', 'sent', 'failed')),
        deferred_rule    TEXT,
        attempts         INTEGER NOT NULL DEFAULT 0,
        last_error       TEXT,
        next_attempt_at  TEXT,
        queued_at        TEXT NOT NULL,
        sent_at          TEXT
      ) STRICT;
      CREATE INDEX sync_files_status ON sync_files (status, id);
    `);
  },
};
