/**
 * A fresh PostgreSQL database for the server tests. `TEST_DATABASE_URL` set (CI starts PostgreSQL and sets it):
 * a new schema in that database per call. Otherwise a throwaway cluster is started once per test file with
 * `initdb`/`pg_ctl` from /usr/lib/postgresql/<version>/bin on a free port on 127.0.0.1 (as the `postgres` user
 * when the tests run as root), and stopped when the file's tests end. Neither available: the tests fail, saying so.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { migrate } from '../db/migrate.js';
import type { Migration } from '../db/migrations/migration.js';
import { createPgDriver } from '../db/pg-driver.js';
import type { SqlDriver } from '../db/sql-driver.js';

interface Cluster {
  url: string;
  stop(): void;
}

let cluster: Promise<Cluster> | null = null;

export const NO_POSTGRES =
  'No PostgreSQL for the server tests: set TEST_DATABASE_URL to a database the tests may create schemas in ' +
  '(CI starts PostgreSQL and sets it), or install PostgreSQL so that initdb and pg_ctl are under /usr/lib/postgresql/<version>/bin.';

function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const bin = path.join(root, v, 'bin');
    if (fs.existsSync(path.join(bin, 'initdb')) && fs.existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root: then the cluster belongs to the `postgres` system user. */
function runAs(): { uid: number; gid: number } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error(`${NO_POSTGRES} (running as root, and there is no "postgres" user to run the cluster as)`);
  }
}

async function startCluster(): Promise<Cluster> {
  const bin = postgresBin();
  if (!bin) throw new Error(NO_POSTGRES);
  const user = runAs();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cytocurator-pg-'));
  if (user) fs.chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(path.join(bin, cmd), args, { encoding: 'utf8', ...(user ?? {}), env: { ...process.env, LC_ALL: 'C' } });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.error?.message ?? ''}${r.stderr || r.stdout}`);
  };
  run('initdb', ['-D', data, '-U', 'cytocurator', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '30', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`, 'start']);
      break;
    } catch (err) {
      // Another process took the port between picking it and starting: pick again.
      if (attempt >= 3) throw err;
    }
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    spawnSync(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], { ...(user ?? {}) });
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  return { url: `postgres://cytocurator@127.0.0.1:${port}/postgres`, stop };
}

async function baseUrl(): Promise<string> {
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given) {
    // pg reads anything that is not an absolute URL relative to postgres://base, which fails far away as
    // "ENOTFOUND base": say here what is wrong with the variable instead.
    if (!/^postgres(ql)?:\/\/\S+$/.test(given)) {
      throw new Error(`TEST_DATABASE_URL is not a postgres:// URL on one line: ${JSON.stringify(given.slice(0, 200))}`);
    }
    return given;
  }
  cluster ??= startCluster();
  return (await cluster).url;
}

/** Stops this file's throwaway cluster (no-op with TEST_DATABASE_URL). */
export async function stopCluster(): Promise<void> {
  if (!cluster) return;
  const c = await cluster.catch(() => null);
  cluster = null;
  c?.stop();
}

export interface TestDatabase {
  driver: SqlDriver;
  /** A connection string whose search_path is this database's schema (for DATABASE_URL in CLI tests). */
  url: string;
  schema: string;
  drop(): Promise<void>;
}

/** A new, empty schema; `migrations` (all by default, [] for none) applied. */
export async function freshDatabase(migrations?: readonly Migration[]): Promise<TestDatabase> {
  const base = await baseUrl();
  const schema = `cc_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = createPgDriver({ connectionString: base, max: 1 });
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.close();
  }
  const u = new URL(base);
  u.searchParams.set('options', `${u.searchParams.get('options') ?? ''} -c search_path=${schema}`.trim());
  const url = u.toString();
  const driver = createPgDriver({ connectionString: url, max: 5 });
  if (migrations === undefined) await migrate(driver);
  else if (migrations.length > 0) await migrate(driver, migrations);
  return {
    driver,
    url,
    schema,
    async drop() {
      await driver.close();
      const a = createPgDriver({ connectionString: base, max: 1 });
      try {
        await a.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await a.close();
      }
    },
  };
}

/**
 * Registers beforeAll/afterAll for a test file or describe block: a fresh migrated database before, dropped (and
 * the throwaway cluster stopped) after. Returns a getter for it.
 */
export function useTestDatabase(migrations?: readonly Migration[]): () => TestDatabase {
  let db: TestDatabase | null = null;
  beforeAll(async () => {
    db = await freshDatabase(migrations);
  }, 30_000);
  afterAll(async () => {
    await db?.drop();
    await stopCluster();
  }, 30_000);
  return () => {
    if (!db) throw new Error('the test database is not ready (useTestDatabase registers beforeAll)');
    return db;
  };
}
