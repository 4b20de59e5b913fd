import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { migration0008 } from './0008-somlit.js';
import { migrations } from './index.js';

const insert = (kind: string, action: string, sampleId: string | null, objectId: string | null) =>
  `INSERT INTO change_events (id, changeset, actor, device, action, sample_id, target_kind, target_group, object_id, base_revision, after_json, at)
   VALUES ('${kind}-${action}-${String(sampleId)}-${String(objectId)}', 'c', 'u', 'd', '${action}', ${sampleId === null ? 'NULL' : `'${sampleId}'`}, '${kind}', 'T', ${objectId === null ? 'NULL' : `'${objectId}'`}, 0, '{}', 'now')`;

describe('migration 0008 somlit', () => {
  it('is registered after 0007 and lets SOMLIT entries and values into the change log, library-wide with their entry', () => {
    expect(migrations.findIndex((m) => m === migration0008)).toBe(7);
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 7));
    db.prepare("INSERT INTO samples (id, name, source, imported_at) VALUES ('cs-1', 'a', 'cytosense', 'now')").run();
    // Before: the kinds and actions are unknown
    expect(() => db.prepare(insert('somlit-value', 'somlit-save', null, 'se_1')).run()).toThrow(/FOREIGN KEY/);

    migrate(db, migrations.slice(0, 8));
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    expect(db.prepare("SELECT kind, library_wide, needs_object FROM change_target_kinds WHERE kind LIKE 'somlit-%' ORDER BY kind").all()).toEqual([
      { kind: 'somlit-entry', library_wide: 1, needs_object: 1 },
      { kind: 'somlit-value', library_wide: 1, needs_object: 1 },
    ]);
    expect(db.prepare("SELECT action FROM change_actions WHERE action LIKE 'somlit-%' ORDER BY action").pluck().all()).toEqual([
      'somlit-delete',
      'somlit-import',
      'somlit-link-cytometry',
      'somlit-save',
    ]);
    for (const action of ['somlit-save', 'somlit-delete', 'somlit-import', 'somlit-link-cytometry']) db.prepare(insert('somlit-value', action, null, 'se_1')).run();
    db.prepare(insert('somlit-entry', 'somlit-save', null, 'se_1')).run();
    // Library-wide: no sample; and the entry must be named
    expect(() => db.prepare(insert('somlit-value', 'somlit-save', 'cs-1', 'se_2')).run()).toThrow(/CHECK/);
    expect(() => db.prepare(insert('somlit-entry', 'somlit-save', null, null)).run()).toThrow(/CHECK/);
    // Applying it again (a library that got it before registration) changes nothing
    migration0008.up(db);
    expect(db.prepare("SELECT count(*) FROM change_target_kinds WHERE kind LIKE 'somlit-%'").pluck().get()).toBe(2);
  });
});
