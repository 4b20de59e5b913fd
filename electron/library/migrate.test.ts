import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from './migrate.js';
import { latestSchemaVersion, migrations } from './migrations/index.js';

describe('migrate', () => {
  it('numbers migrations 1..n and applies them all once', () => {
    migrations.forEach((m, i) => expect(m.version).toBe(i + 1));
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(latestSchemaVersion);
    expect(migrate(db)).toBe(latestSchemaVersion); // idempotent
  });

  it('rolls back a failing migration whole and keeps the version', () => {
    const db = new Database(':memory:');
    const bad = {
      version: 1,
      name: 'bad',
      up(d: Database.Database) {
        d.exec('CREATE TABLE half (x)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [bad])).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
  });

  it('refuses a library from a newer CytoCurator', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${latestSchemaVersion + 1}`);
    expect(() => migrate(db)).toThrow(/newer than this CytoCurator/);
  });

  it('refuses misnumbered migrations', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'x', up: () => undefined }])).toThrow(/expected 1/);
  });
});
