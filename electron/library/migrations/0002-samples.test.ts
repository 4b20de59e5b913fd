import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { migration0001 } from './0001-library-meta.js';
import { migration0002 } from './0002-samples.js';

function migrated() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, [migration0001, migration0002]);
  return db;
}

const insertSample = `INSERT INTO samples (id, name, source, event_count, imported_at) VALUES (?, ?, ?, ?, '2026-01-01T00:00:00Z')`;

describe('migration 0002 samples', () => {
  it('upgrades a version-1 library without touching its meta', () => {
    const db = new Database(':memory:');
    migrate(db, [migration0001]);
    const id = db.prepare("SELECT value FROM library_meta WHERE key = 'library_id'").pluck().get();
    expect(migrate(db, [migration0001, migration0002])).toBe(2);
    expect(db.prepare("SELECT value FROM library_meta WHERE key = 'library_id'").pluck().get()).toBe(id);
  });

  it('checks source, counts and coordinates', () => {
    const db = migrated();
    db.prepare(insertSample).run('cs-1', 'a', 'cytosense', 10);
    expect(() => db.prepare(insertSample).run('cs-2', 'b', 'flowcam', 1)).toThrow(/CHECK/);
    expect(() => db.prepare(insertSample).run('cs-3', 'c', 'fcs', -1)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE samples SET latitude = 91 WHERE id = 'cs-1'").run()).toThrow(/CHECK/);
  });

  it('deletes files and metadata with their sample, and refuses orphans', () => {
    const db = migrated();
    db.prepare(insertSample).run('cs-1', 'a', 'cytosense', 10);
    db.prepare("INSERT INTO sample_files VALUES ('cs-1', 'samples/cs-1/a.csv', 'listmode', 3, ?)").run('0'.repeat(64));
    db.prepare("INSERT INTO sample_metadata VALUES ('cs-1', 'Instrument', 'x')").run();
    expect(() => db.prepare("INSERT INTO sample_files VALUES ('nope', 'p', 'info', 1, ?)").run('0'.repeat(64))).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO sample_files VALUES ('cs-1', 'p', 'info', 1, 'short')").run()).toThrow(/CHECK/);
    db.prepare("DELETE FROM samples WHERE id = 'cs-1'").run();
    expect(db.prepare('SELECT count(*) FROM sample_files').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM sample_metadata').pluck().get()).toBe(0);
  });
});
