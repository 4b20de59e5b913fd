import type { SqlExecutor } from '../sql-driver.js';

/** A numbered schema step, applied once in its own transaction and recorded in `schema_migrations`. */
export interface Migration {
  version: number;
  name: string;
  up(tx: SqlExecutor): Promise<void>;
}

/** Runs DDL statements one by one (PGlite's extended protocol takes one statement per query). */
export async function runStatements(tx: SqlExecutor, statements: readonly string[]): Promise<void> {
  for (const sql of statements) await tx.query(sql);
}
