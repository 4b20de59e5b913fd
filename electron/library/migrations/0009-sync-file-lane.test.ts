import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { migration0009 } from './0009-sync-file-lane.js';
import { migrations } from './index.js';

describe('migration 0009 sync-file-lane', () => {
  it('adds image sizes (unknown for images already imported) and the pending-files mark of pushed records', () => {
    expect(migrations.findIndex((m) => m === migration0009)).toBe(8);
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 8));
    db.prepare("INSERT INTO samples (id, name, source, imported_at) VALUES ('cs-1', 'a', 'cytosense', 'now')").run();
    const importId = db.prepare("INSERT INTO imports (sample_id, version, kind, content_sha256, importer_version, imported_at, event_count) VALUES ('cs-1', 1, 'cytoclus', ?, 't', 'now', 1)").run('c'.repeat(64)).lastInsertRowid;
    db.prepare("INSERT INTO particle_images (import_id, particle_id, cropped, path, sha256) VALUES (?, 1, 1, 'a.jpg', 'h')").run(importId);
    db.prepare("INSERT INTO sync_samples (sample_id, import_version, record_sha256, status, pushed_at) VALUES ('cs-1', 1, ?, 'stored', 'now')").run('b'.repeat(64));

    expect(migrate(db, migrations.slice(0, 9))).toBe(9);
    expect(db.prepare('SELECT size_bytes FROM particle_images').pluck().get()).toBeNull();
    expect(db.prepare('SELECT files_pending FROM sync_samples').pluck().get()).toBe(0);
    db.prepare('UPDATE particle_images SET size_bytes = 400').run();
    expect(() => db.prepare('UPDATE particle_images SET size_bytes = -1').run()).toThrow(/CHECK/);
    db.prepare('UPDATE sync_samples SET files_pending = 1').run();
    expect(() => db.prepare('UPDATE sync_samples SET files_pending = 2').run()).toThrow(/CHECK/);
  });
});
