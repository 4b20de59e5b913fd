import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { migrations } from './index.js';

describe('migration 0007 sync', () => {
  it('adds sync state, keeps existing outbox rows unsent, and checks what sync writes', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 6));
    db.prepare("INSERT INTO samples (id, name, source, imported_at) VALUES ('cs-1', 'a', 'cytosense', 'now')").run();
    const seq = Number(
      db
        .prepare("INSERT INTO change_events (id, changeset, actor, device, action, sample_id, target_kind, base_revision, after_json, at) VALUES ('e1', 'c1', 'u', 'd', 'flag', 'cs-1', 'flag', 0, '{}', 'now')")
        .run().lastInsertRowid,
    );
    db.prepare("INSERT INTO outbox (seq, queued_at) VALUES (?, 'now')").run(seq);

    expect(migrate(db, migrations.slice(0, 7))).toBe(7);
    // One state row, nothing configured, cursor at the start.
    expect(db.prepare('SELECT id, server_url, device_token, pull_cursor, online FROM sync_state').all()).toEqual([{ id: 1, server_url: null, device_token: null, pull_cursor: 0, online: 0 }]);
    expect(() => db.prepare('INSERT INTO sync_state (id) VALUES (2)').run()).toThrow(/CHECK/);
    // The queued event is still waiting, with no sync marks.
    expect(db.prepare('SELECT seq, sent_at, server_seq, parked, resolution FROM outbox').get()).toEqual({ seq, sent_at: null, server_seq: null, parked: null, resolution: null });
    expect(() => db.prepare("UPDATE outbox SET parked = 'lost'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE outbox SET resolution = 'mine'").run()).toThrow(/CHECK/);

    // One open conflict per target; a resolved one names its resolution.
    const conflict = db.prepare(
      `INSERT INTO sync_conflicts (target_key, sample_id, target_kind, local_seq, local_event_id, server_revision, server_event_id, server_actor, server_device, server_at, detected_at, detected_by)
       VALUES ('k', 'cs-1', 'flag', ?, 'e1', 1, 'r1', 'eva', 'dev', 'now', 'now', 'push')`,
    );
    const id = conflict.run(seq).lastInsertRowid;
    expect(() => conflict.run(seq)).toThrow(/UNIQUE/);
    expect(() => db.prepare("UPDATE sync_conflicts SET status = 'resolved' WHERE id = ?").run(id)).toThrow(/CHECK/);
    db.prepare("UPDATE sync_conflicts SET status = 'resolved', resolution = 'theirs' WHERE id = ?").run(id);
    conflict.run(seq);
    expect(() => db.prepare("INSERT INTO sync_conflicts (target_key, target_kind, local_seq, local_event_id, server_revision, server_event_id, server_actor, server_device, server_at, detected_at, detected_by) VALUES ('k2', 'flag', 999, 'x', 1, 'r', 'a', 'd', 'n', 'n', 'push')").run()).toThrow(/FOREIGN KEY/);

    // Files by hash once; pushed sample records go with their sample.
    const file = db.prepare("INSERT INTO sync_files (sha256, path, role, size_bytes, queued_at) VALUES (?, 'samples/cs-1/v1/images/a.jpg', 'image', 10, 'now')");
    file.run('a'.repeat(64));
    expect(() => file.run('a'.repeat(64))).toThrow(/UNIQUE/);
    expect(() => file.run('short')).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE sync_files SET status = 'lost'").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO sync_samples (sample_id, import_version, record_sha256, status, pushed_at) VALUES ('cs-1', 1, ?, 'stored', 'now')").run('b'.repeat(64));
    expect(() => db.prepare("INSERT INTO sync_samples (sample_id, import_version, record_sha256, status, pushed_at) VALUES ('nope', 1, ?, 'stored', 'now')").run('b'.repeat(64))).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM sync_conflicts').run();
    db.prepare('DELETE FROM outbox').run();
    db.prepare('DELETE FROM target_state').run();
    db.exec('DROP TRIGGER change_events_no_delete');
    db.prepare('DELETE FROM change_events').run();
    db.prepare("DELETE FROM samples WHERE id = 'cs-1'").run();
    expect(db.prepare('SELECT count(*) FROM sync_samples').pluck().get()).toBe(0);

    // Held events are unique by id and by server position.
    const hold = db.prepare("INSERT INTO sync_held_events (event_id, server_seq, server_revision, target_key, event_json, reason, held_at) VALUES (?, ?, 1, 'k', '{}', ?, 'now')");
    hold.run('r1', 5, 'conflict');
    expect(() => hold.run('r2', 5, 'conflict')).toThrow(/UNIQUE/);
    expect(() => hold.run('r3', 6, 'later')).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
