/**
 * The institute's sync server (server/) for the client's integration tests: on a fresh PostgreSQL schema
 * (server/test-support/postgres.ts: TEST_DATABASE_URL in CI, else a throwaway cluster) or on PGlite in a folder.
 * `process: true` runs it as a child process (`server/cli.ts serve`), so it can be killed with SIGKILL mid-sync and
 * started again on the same port over the same database, as a crashed server would be.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '../../../shared/sync/sync-protocol.js';
import { migrate } from '../../../server/db/migrate.js';
import { createPgliteDriver } from '../../../server/db/pglite-driver.js';
import type { SqlDriver } from '../../../server/db/sql-driver.js';
import { createSyncServer } from '../../../server/http/sync-server.js';
import type { SyncServer } from '../../../server/http/sync-server.js';
import { addUser, setRole } from '../../../server/store/accounts.js';
import { freshDatabase, stopCluster } from '../../../server/test-support/postgres.js';
import { projectRoot } from '../../common/app-paths.js';

export interface RealServer {
  url: string;
  port: number;
  db: SqlDriver;
  dataDir: string;
  kind: 'postgres' | 'pglite';
  addUser(name: string, role: Role, password: string): Promise<void>;
  setRole(name: string, role: Role): Promise<void>;
  /** Kills the server (SIGKILL for a child process; every connection cut in process). The database stays. */
  kill(): Promise<void>;
  /** Starts it again on the same port over the same database. */
  start(): Promise<void>;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Stops the throwaway PostgreSQL cluster of this test file (call in afterAll; nothing with TEST_DATABASE_URL). */
export const stopPostgres = stopCluster;

export async function startRealServer(options: { database: 'postgres' | 'pglite'; process?: boolean }): Promise<RealServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cytocurator-sync-server-'));
  let db: SqlDriver;
  let databaseUrl: string | null = null;
  let dropDatabase: () => Promise<void> = async () => undefined;
  if (options.database === 'postgres') {
    const fresh = await freshDatabase();
    db = fresh.driver;
    databaseUrl = fresh.url;
    dropDatabase = () => fresh.drop();
  } else {
    db = await createPgliteDriver(path.join(dataDir, 'pglite'));
    await migrate(db);
  }
  const port = await freePort();
  let inProcess: SyncServer | null = null;
  let child: ChildProcess | null = null;
  let log = '';

  const start = async (): Promise<void> => {
    if (!options.process) {
      inProcess = createSyncServer({ db, dataDir });
      await inProcess.listen(port, '127.0.0.1');
      return;
    }
    if (!databaseUrl) throw new Error('a server process needs PostgreSQL (PGlite in a folder has one writer)');
    const root = projectRoot();
    const proc = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'cli.ts'), 'serve', '--port', String(port), '--host', '127.0.0.1'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, CYTOCURATOR_SERVER_DATA: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the sync server did not start within 60 s:\n${log}`)), 60_000);
      const onData = (d: Buffer) => {
        log = (log + d.toString()).slice(-20_000);
        if (/listening on /.test(log)) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout?.on('data', onData);
      proc.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the sync server exited (${code}) before listening:\n${log}`));
      });
    });
    log = '';
  };

  const kill = async (): Promise<void> => {
    if (inProcess) {
      const s = inProcess;
      inProcess = null;
      await s.close();
    }
    if (child) {
      const c = child;
      child = null;
      if (c.exitCode === null) {
        await new Promise<void>((resolve) => {
          c.once('exit', () => resolve());
          c.kill('SIGKILL');
        });
      }
    }
  };

  await start();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    db,
    dataDir,
    kind: options.database,
    addUser: async (name, role, password) => {
      await addUser(db, name, role, password);
    },
    setRole: (name, role) => setRole(db, name, role),
    kill,
    start,
    close: async () => {
      await kill();
      if (options.database === 'postgres') await dropDatabase();
      else await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
