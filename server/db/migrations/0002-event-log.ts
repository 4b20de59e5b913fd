import type { Migration } from './migration.js';
import { runStatements } from './migration.js';

/**
 * The append-only log of every change event received (applied or superseded), and the current state of every
 * target (keyed by `targetKey()`), with who set it. Conflicting and refused events are answered, not logged: the
 * client keeps them and may send them again (same id) once the user has chosen.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'event-log',
  up: (tx) =>
    runStatements(tx, [
      `CREATE TABLE events (
        server_seq  bigserial PRIMARY KEY,
        event_id    text NOT NULL UNIQUE,
        target_key  text NOT NULL,
        device      text NOT NULL,
        status      text NOT NULL CHECK (status IN ('applied', 'superseded')),
        -- The target's revision after this event (a superseded event leaves it as it was).
        revision    integer NOT NULL CHECK (revision >= 0),
        event       jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        user_id     bigint NOT NULL REFERENCES users (id),
        token_id    bigint REFERENCES device_tokens (id)
      )`,
      // Two applied events can never produce the same revision of a target, whatever the concurrency.
      "CREATE UNIQUE INDEX events_target_revision ON events (target_key, revision) WHERE status = 'applied'",
      `CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'the event log is append-only';
        END
      $$`,
      'CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_append_only()',
      'CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION events_append_only()',
      `CREATE TABLE target_state (
        target_key      text PRIMARY KEY,
        kind            text NOT NULL,
        sample_id       text,
        target_group    text,
        template_id     text,
        dataset_id      text,
        entry_id        text,
        revision        integer NOT NULL CHECK (revision >= 1),
        value           jsonb,
        last_event_id   text NOT NULL REFERENCES events (event_id),
        last_actor      text NOT NULL,
        last_actor_name text,
        last_device     text NOT NULL,
        last_at         text NOT NULL
      )`,
      'CREATE INDEX target_state_sample ON target_state (sample_id)',
    ]),
};
