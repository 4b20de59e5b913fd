import type { SqlDriver } from './sql-driver.js';
import type { Migration } from './migrations/migration.js';
import { migrations as allMigrations } from './migrations/index.js';

/** Advisory lock key held while migrating, so two servers starting at once do not both apply a step. */
const MIGRATION_LOCK = 0x43430001;

export interface MigrationReport {
  from: number;
  to: number;
  applied: string[];
}

/**
 * Applies the pending migrations in order, each in its own transaction together with its `schema_migrations` row.
 * A database migrated by a newer server (a version this one does not know) is refused rather than guessed at.
 */
export async function migrate(db: SqlDriver, migrations: readonly Migration[] = allMigrations): Promise<MigrationReport> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  // Under the lock too: two concurrent CREATE TABLE IF NOT EXISTS can still collide in PostgreSQL.
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  });
  const from = await schemaVersion(db);
  if (from > migrations.length) throw newerSchema(from, migrations.length);
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations WHERE version = $1', [m.version]);
      if (rows.length > 0) return false;
      await m.up(tx);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) applied.push(`${String(m.version).padStart(4, '0')}-${m.name}`);
  }
  const to = await schemaVersion(db);
  if (to > migrations.length) throw newerSchema(to, migrations.length);
  return { from, to, applied };
}

export async function schemaVersion(db: SqlDriver): Promise<number> {
  const rows = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return rows[0]?.v ?? 0;
}

function newerSchema(version: number, known: number): Error {
  return new Error(`the database schema is at version ${version}, newer than this server understands (${known}); update the server`);
}
