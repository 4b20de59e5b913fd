import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { migrations } from './index.js';

describe('migration 0004 imports', () => {
  it('adds import versions whose content hash is unique per sample, cascading from the sample', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 3));
    db.prepare("INSERT INTO samples (id, name, source, imported_at) VALUES ('cs-1', 'a', 'cytosense', 'now')").run();
    migrate(db, migrations.slice(0, 4));
    expect(db.prepare('SELECT partial, time_zone_assumed FROM samples').get()).toEqual({ partial: 0, time_zone_assumed: 0 });
    const insert = db.prepare(
      "INSERT INTO imports (sample_id, version, kind, content_sha256, importer_version, imported_at, event_count) VALUES ('cs-1', ?, 'cytoclus', ?, '0.1.0', 'now', 10)",
    );
    const importId = insert.run(1, 'a'.repeat(64)).lastInsertRowid;
    expect(() => insert.run(2, 'a'.repeat(64))).toThrow(/UNIQUE/); // same content again is not a new version
    expect(() => insert.run(1, 'b'.repeat(64))).toThrow(/UNIQUE/);
    db.prepare("INSERT INTO event_columns VALUES (?, 0, 'FWS Total', 'FWS', 'Total', 'fws|total', 'x.f32')").run(importId);
    db.prepare("INSERT INTO sample_sets VALUES (?, 'All Imaged Particles', 817, 'y.u32')").run(importId);
    db.prepare("INSERT INTO particle_images VALUES (?, 63, 1, 'i.jpg', 'h', 10, 10, NULL)").run(importId);
    db.prepare("INSERT INTO import_issues (import_id, severity, file, line, message) VALUES (?, 'error', 'f.csv', 42, 'x')").run(importId);
    db.prepare("DELETE FROM samples").run();
    for (const t of ['imports', 'event_columns', 'sample_sets', 'particle_images', 'import_issues']) {
      expect(db.prepare(`SELECT count(*) FROM ${t}`).pluck().get(), t).toBe(0);
    }
  });
});
