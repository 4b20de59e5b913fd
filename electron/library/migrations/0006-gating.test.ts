import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { migrations } from './index.js';

describe('migration 0006 gating', () => {
  it('keeps every change event, its state and outbox row, widens the log to gating actions, and adds abundances', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 5));
    db.prepare("INSERT INTO samples (id, name, source, imported_at) VALUES ('cs-1', 'a', 'cytosense', 'now')").run();
    const seq = db
      .prepare("INSERT INTO change_events (id, changeset, actor, device, action, sample_id, target_kind, base_revision, after_json, at) VALUES ('e1', 'c1', 'u', 'd', 'flag', 'cs-1', 'flag', 0, '{\"code\":\"1\"}', 'now')")
      .run().lastInsertRowid;
    db.prepare("INSERT INTO target_state (target_key, sample_id, target_kind, value_json, revision, last_seq) VALUES (?, 'cs-1', 'flag', '{\"code\":\"1\"}', 1, ?)").run('cs-1\u0000flag', seq);
    db.prepare("INSERT INTO outbox (seq, queued_at) VALUES (?, 'now')").run(seq);

    migrate(db, migrations.slice(0, 6));
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT seq, id, sample_id, object_id FROM change_events').all()).toEqual([{ seq: Number(seq), id: 'e1', sample_id: 'cs-1', object_id: null }]);
    expect(db.prepare('SELECT target_key, revision, last_seq FROM target_state').all()).toEqual([{ target_key: 'cs-1\u0000flag', revision: 1, last_seq: Number(seq) }]);
    expect(db.prepare('SELECT seq FROM outbox').pluck().all()).toEqual([Number(seq)]);
    expect(db.pragma('foreign_key_check')).toEqual([]);

    // Template versions have no sample; sample-level gating events must have one.
    db.prepare(
      "INSERT INTO change_events (id, changeset, actor, device, action, sample_id, target_kind, object_id, base_revision, at) VALUES ('e2', 'c2', 'u', 'd', 'save-template', NULL, 'template', 't_1', 0, 'now')",
    ).run();
    expect(() =>
      db.prepare("INSERT INTO change_events (id, changeset, actor, device, action, sample_id, target_kind, base_revision, at) VALUES ('e3', 'c3', 'u', 'd', 'flag', NULL, 'flag', 0, 'now')").run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO change_events (id, changeset, actor, device, action, sample_id, target_kind, base_revision, at) VALUES ('e4', 'c4', 'u', 'd', 'override-gate', 'cs-1', 'gate-override', 0, 'now')").run(),
    ).toThrow(/CHECK/);
    // Unknown actions and kinds are refused by reference (a later migration adds a kind with one INSERT).
    expect(() =>
      db.prepare("INSERT INTO change_events (id, changeset, actor, device, action, sample_id, target_kind, base_revision, at) VALUES ('e5', 'c5', 'u', 'd', 'delete', 'cs-1', 'flag', 0, 'now')").run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.prepare("INSERT INTO change_events (id, changeset, actor, device, action, sample_id, target_kind, base_revision, at) VALUES ('e6', 'c6', 'u', 'd', 'flag', 'cs-1', 'colour', 0, 'now')").run(),
    ).toThrow(/FOREIGN KEY/);
    // Still append-only after the rebuild.
    expect(() => db.prepare("UPDATE change_events SET reason = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM change_events').run()).toThrow(/append-only/);

    // sample_groups: CytoClus sets until the sample has abundances, then the template's sets.
    db.prepare("INSERT INTO imports (id, sample_id, version, kind, content_sha256, importer_version, imported_at, event_count) VALUES (1, 'cs-1', 1, 'cytoclus', ?, 't', 'now', 10)").run('a'.repeat(64));
    db.prepare("UPDATE samples SET current_import_id = 1, volume_ul = 2 WHERE id = 'cs-1'").run();
    db.prepare("INSERT INTO sample_sets (import_id, name, event_count, members_path) VALUES (1, 'Synecho', 6, 'x')").run();
    expect(db.prepare('SELECT name, events, abundance_per_ml, source FROM sample_groups').all()).toEqual([{ name: 'Synecho', events: 6, abundance_per_ml: 3000, source: 'cytoclus' }]);
    db.prepare(
      "INSERT INTO abundances (sample_id, set_id, set_name, position, template_id, template_version, overrides_json, import_id, events, abundance_per_ml, means_json) VALUES ('cs-1', 's1', 'OraPicoProk', 0, 't_1', 1, '{}', 1, 5, 2500, '{}')",
    ).run();
    expect(db.prepare('SELECT name, events, abundance_per_ml, source FROM sample_groups').all()).toEqual([{ name: 'OraPicoProk', events: 5, abundance_per_ml: 2500, source: 'template' }]);
  });
});
