import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { migrations } from './index.js';

describe('migration 0005 change-events', () => {
  it('adds an append-only event log, target state, outbox, and review columns defaulting to unreviewed', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 4));
    db.prepare("INSERT INTO samples (id, name, source, imported_at) VALUES ('cs-1', 'a', 'cytosense', 'now')").run();
    migrate(db, migrations.slice(0, 5));
    expect(db.prepare('SELECT review_state, flag_code FROM samples').get()).toEqual({ review_state: 'unreviewed', flag_code: null });
    const seq = db
      .prepare(
        "INSERT INTO change_events (id, changeset, actor, device, action, sample_id, target_kind, base_revision, after_json, at) VALUES ('e1', 'c1', 'u', 'd', 'flag', 'cs-1', 'flag', 0, '{}', 'now')",
      )
      .run().lastInsertRowid;
    db.prepare("INSERT INTO outbox (seq, queued_at) VALUES (?, 'now')").run(seq);
    expect(() => db.prepare("UPDATE change_events SET reason = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM change_events').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE samples SET review_state = 'done'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO change_events (id, changeset, actor, device, action, sample_id, target_kind, base_revision, at) VALUES ('e2', 'c', 'u', 'd', 'delete', 'cs-1', 'flag', 0, 'now')").run()).toThrow(/CHECK/);
  });
});
