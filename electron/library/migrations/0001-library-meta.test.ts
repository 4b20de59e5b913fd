import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { migration0001 } from './0001-library-meta.js';

describe('migration 0001 library-meta', () => {
  it('creates library_meta with a library id, kind and creation time', () => {
    const db = new Database(':memory:');
    expect(migrate(db, [migration0001])).toBe(1);
    const rows = Object.fromEntries(
      (db.prepare('SELECT key, value FROM library_meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]),
    );
    expect(rows.library_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(rows.kind).toBe('user');
    expect(Date.parse(rows.created_at ?? '')).not.toBeNaN();
    // Keys are unique: a second identity row cannot sneak in.
    expect(() => db.prepare("INSERT INTO library_meta VALUES ('library_id', 'x')").run()).toThrow(/UNIQUE/);
  });
});
