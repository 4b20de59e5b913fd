import { describe, expect, it } from 'vitest';
import { freshDatabase, useTestDatabase } from '../test-support/postgres.js';
import { migrate, schemaVersion } from './migrate.js';
import type { Migration } from './migrations/migration.js';
import { migrations } from './migrations/index.js';

describe('migrate (PostgreSQL)', () => {
  const db = useTestDatabase([]);

  it('applies every migration once, in order, recording each in schema_migrations', async () => {
    const d = db().driver;
    const first = await migrate(d);
    expect(first).toEqual({ from: 0, to: migrations.length, applied: ['0001-accounts', '0002-event-log', '0003-projections', '0004-files', '0005-somlit', '0006-file-packs', '0007-sample-files-rows', '0008-sample-files-view', '0009-packed-files'] });
    const again = await migrate(d);
    expect(again).toEqual({ from: migrations.length, to: migrations.length, applied: [] });
    const rows = await d.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => `${r.version}:${r.name}`)).toEqual(['1:accounts', '2:event-log', '3:projections', '4:files', '5:somlit', '6:file-packs', '7:sample-files-rows', '8:sample-files-view', '9:packed-files']);
  });

  it('rolls a failing migration back entirely and records nothing for it', async () => {
    const fresh = await freshDatabase([]);
    try {
      const broken: Migration = {
        version: 2,
        name: 'broken',
        async up(tx) {
          await tx.query('CREATE TABLE half_done (id integer)');
          await tx.query('SELECT no_such_function()');
        },
      };
      await expect(migrate(fresh.driver, [migrations[0]!, broken])).rejects.toThrow(/no_such_function/);
      expect(await schemaVersion(fresh.driver)).toBe(1);
      const tables = await fresh.driver.query<{ n: number }>("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'half_done'", [fresh.schema]);
      expect(tables[0]!.n).toBe(0);
    } finally {
      await fresh.drop();
    }
  });

  it('refuses a database migrated by a newer server, and misnumbered migrations', async () => {
    const fresh = await freshDatabase();
    try {
      await fresh.driver.query("INSERT INTO schema_migrations (version, name) VALUES (99, 'from-the-future')");
      await expect(migrate(fresh.driver)).rejects.toThrow(new RegExp(`schema is at version 99, newer than this server understands \\(${migrations.length}\\)`));
      await expect(migrate(fresh.driver, [migrations[1]!])).rejects.toThrow(/numbered 2, expected 1/);
    } finally {
      await fresh.drop();
    }
  });

  it('lets two servers migrate the same database at once without applying a step twice', async () => {
    const fresh = await freshDatabase([]);
    try {
      const [a, b] = await Promise.all([migrate(fresh.driver), migrate(fresh.driver)]);
      expect([...a.applied, ...b.applied].sort()).toEqual(migrations.map((m) => `${String(m.version).padStart(4, '0')}-${m.name}`));
      expect(await schemaVersion(fresh.driver)).toBe(migrations.length);
    } finally {
      await fresh.drop();
    }
  });
});
