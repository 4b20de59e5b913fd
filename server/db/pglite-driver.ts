import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { SqlDriver, SqlExecutor } from './sql-driver.js';

/**
 * Embedded PostgreSQL (PGlite, WebAssembly) in a data folder: the default when no DATABASE_URL is given. PGlite has
 * one connection, so every statement and every transaction goes through one promise queue: a statement issued
 * while a transaction runs waits for it instead of landing inside it. BEGIN, COMMIT and ROLLBACK go by the simple
 * protocol (`exec`): one trip into PostgreSQL instead of the parse, describe and bind steps of `query`.
 */
export async function createPgliteDriver(dataDir: string | null): Promise<SqlDriver> {
  if (dataDir !== null) fs.mkdirSync(dataDir, { recursive: true });
  const db = new PGlite(dataDir ?? undefined);
  await db.waitReady;
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const run = async <T>(sql: string, params?: readonly unknown[]): Promise<T[]> => {
    const result = await db.query<T>(sql, params as unknown[] | undefined);
    return result.rows;
  };
  let closed = false;
  return {
    kind: 'pglite',
    query: (sql, params) => serialised(() => run(sql, params)),
    transaction: (fn) =>
      serialised(async () => {
        const tx: SqlExecutor = { query: (sql, params) => run(sql, params) };
        await db.exec('BEGIN');
        try {
          const result = await fn(tx);
          await db.exec('COMMIT');
          return result;
        } catch (err) {
          await db.exec('ROLLBACK');
          throw err;
        }
      }),
    close: () =>
      serialised(async () => {
        if (closed) return;
        closed = true;
        await db.close();
      }),
  };
}
