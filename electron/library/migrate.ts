import type { Database } from 'better-sqlite3';
import { CurationError } from '../../shared/api/errors.js';
import type { Migration } from './migrations/migration.js';
import { migrations as allMigrations } from './migrations/index.js';

/**
 * Applies pending migrations, each in its own transaction, recording progress in PRAGMA user_version.
 * A library written by a newer CytoCurator is refused rather than guessed at.
 */
export function migrate(db: Database, migrations: readonly Migration[] = allMigrations): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new CurationError({
      code: 'invalid-input',
      file: db.name,
      message: `library schema version ${current} is newer than this CytoCurator understands (${migrations.length}); update CytoCurator`,
    });
  }
  for (const m of migrations.slice(current)) {
    // PRAGMA foreign_keys has no effect inside a transaction, so it is switched around it.
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
    if (m.rebuildsTables) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        m.up(db);
        if (m.rebuildsTables) {
          const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
          if (broken.length) throw new Error(`migration ${m.name} left ${broken.length} broken references (${broken[0]!.table} → ${broken[0]!.parent})`);
        }
        db.pragma(`user_version = ${m.version}`);
      })();
    } finally {
      if (m.rebuildsTables) db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
    }
  }
  return db.pragma('user_version', { simple: true }) as number;
}
