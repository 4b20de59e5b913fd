import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { migrations } from './index.js';

describe('migration 0003 deployments', () => {
  it('adds deployments and links samples, keeping existing samples', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 2));
    db.prepare("INSERT INTO samples (id, name, source, imported_at) VALUES ('cs-1', 'a', 'cytosense', 'now')").run();
    migrate(db, migrations.slice(0, 3));
    expect(db.prepare('SELECT deployment_id FROM samples').pluck().get()).toBeNull();
    const id = db
      .prepare("INSERT INTO deployments (name, time_zone, created_at) VALUES ('SOLEMIO 2026', 'Europe/Paris', 'now')")
      .run().lastInsertRowid;
    db.prepare('UPDATE samples SET deployment_id = ?').run(id);
    expect(() => db.prepare("INSERT INTO deployments (name, created_at) VALUES ('SOLEMIO 2026', 'now')").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("UPDATE deployments SET latitude = 95").run()).toThrow(/CHECK/);
    db.prepare('DELETE FROM deployments').run();
    expect(db.prepare('SELECT deployment_id FROM samples').pluck().get()).toBeNull(); // ON DELETE SET NULL
  });
});
