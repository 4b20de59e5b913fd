import path from 'node:path';
import { createPgDriver } from './pg-driver.js';
import { createPgliteDriver } from './pglite-driver.js';
import type { SqlDriver } from './sql-driver.js';

/** `DATABASE_URL` set: that PostgreSQL server. Otherwise PGlite in `<data folder>/pglite`. */
export async function openDatabase(env: NodeJS.ProcessEnv, dataDir: string): Promise<SqlDriver> {
  const url = env.DATABASE_URL?.trim();
  if (url) return createPgDriver(url);
  return createPgliteDriver(path.join(dataDir, 'pglite'));
}

/** The server's data folder: `CYTOCURATOR_SERVER_DATA`, else `./server-data`. */
export function serverDataDir(env: NodeJS.ProcessEnv, cwd = process.cwd()): string {
  return path.resolve(cwd, env.CYTOCURATOR_SERVER_DATA?.trim() || 'server-data');
}
