import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { PullEventsResponse, PushEventsResponse } from '../../shared/sync/sync-protocol.js';
import { SYNC_API } from '../../shared/sync/sync-protocol.js';
import { runCli } from '../cli.js';
import { createErddapPublisher } from '../erddap/publication-hook.js';
import { TEST_PASSWORD, api, approveEvent, datasetEvent, datasetMetadata, flagEvent, rawRequest, sampleRecord, startTestServer } from '../test-support/sync-fixtures.js';
import { migrate } from './migrate.js';
import { migrations } from './migrations/index.js';
import { createPgliteDriver } from './pglite-driver.js';

/**
 * The embedded default: the same schema and server on PGlite, smaller than the PostgreSQL suite. One data folder
 * throughout (creating a PGlite database takes seconds; reopening it, a fraction).
 */
describe('embedded PGlite database (smoke test)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cytocurator-pglite-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('migrates, serves push/pull/conflicts/files, and serialises its transactions', async () => {
    const db = await createPgliteDriver(path.join(dataDir, 'pglite'));
    try {
      expect((await migrate(db)).to).toBe(migrations.length);
      // No lz4 in PGlite: sample records are stored uncompressed (migration 0008).
      expect(await db.query("SELECT attstorage FROM pg_attribute WHERE attrelid = 'samples'::regclass AND attname = 'record'")).toEqual([{ attstorage: 'e' }]);
      const erddapDir = path.join(dataDir, 'erddap');
      const publisher = createErddapPublisher(db, { dir: erddapDir, fileDirForErddap: erddapDir, flagDir: null, flagUrl: null, flagKeys: {} });
      const server = await startTestServer(db, publisher);
      try {
        const ana = await server.userToken('ana', 'curator', 'laptop-a');
        const ben = await server.userToken('ben', 'curator', 'laptop-b');
        const a = flagEvent({ sampleId: 'cs-1', device: 'laptop-a' });
        const b = flagEvent({ sampleId: 'cs-1', device: 'laptop-b' });
        const g = flagEvent({ sampleId: 'cs-1', group: 'Synecho', device: 'laptop-b' });
        const r1 = (await api(server.url, 'POST', '/events', ana, { events: [a, a] })).body as PushEventsResponse;
        const r2 = (await api(server.url, 'POST', '/events', ben, { events: [b, g] })).body as PushEventsResponse;
        expect([...r1.results, ...r2.results].map((r) => r.status)).toEqual(['applied', 'duplicate', 'conflict', 'applied']);
        const pulled = (await api(server.url, 'GET', '/events?after=0', ben)).body as PullEventsResponse;
        expect(pulled.events.map((e) => [e.event.id, e.serverRevision])).toEqual([
          [a.id, 1],
          [g.id, 1],
        ]);
        expect((await api(server.url, 'POST', '/samples', ana, { samples: [sampleRecord('cs-1')] })).status).toBe(200);
        const bytes = crypto.randomBytes(5000);
        const sha = crypto.createHash('sha256').update(bytes).digest('hex');
        const headers = { Authorization: `Bearer ${ana}`, 'Content-Type': 'application/octet-stream' };
        expect((await rawRequest(server.url, 'PUT', `${SYNC_API}/files/${sha}?offset=0&size=5000`, headers, bytes.subarray(0, 2000))).status).toBe(200);
        expect((await rawRequest(server.url, 'PUT', `${SYNC_API}/files/${sha}?offset=2000&size=5000`, headers, bytes.subarray(2000))).status).toBe(200);
        expect((await api(server.url, 'GET', `/files/${sha}`, ben)).body).toEqual({ sha256: sha, received: 5000, complete: true });
        // The publication hook reads its snapshot in a transaction of its own.
        const published = (await api(server.url, 'POST', '/events', ana, { events: [datasetEvent('smoke', datasetMetadata('LS'), ['cs-1']), approveEvent('cs-1')] })).body as PushEventsResponse;
        expect(published.results.map((r) => r.status)).toEqual(['applied', 'applied']);
        await publisher.settled();
        expect(fs.readFileSync(path.join(erddapDir, 'data', 'smoke', 'smoke.csv'), 'utf8').split('\n')[1]).toMatch(/^2024-05-02T10:30:00\.000Z,42\.4883,3\.145,3,SOLA,cs-1,/);
      } finally {
        await server.close();
      }

      await db.query('CREATE TABLE counter (n integer NOT NULL)');
      await db.query('INSERT INTO counter VALUES (0)');
      const bump = () =>
        db.transaction(async (tx) => {
          const [row] = await tx.query<{ n: number }>('SELECT n FROM counter');
          await new Promise((r) => setTimeout(r, 5));
          await tx.query('UPDATE counter SET n = $1', [row!.n + 1]);
        });
      const failing = db.transaction(async (tx) => {
        await tx.query('UPDATE counter SET n = n + 100');
        throw new Error('changed my mind');
      });
      // A plain statement issued while transactions run waits its turn and sees only committed data.
      const results = await Promise.allSettled([bump(), failing, db.query<{ n: number }>('SELECT n FROM counter'), bump(), bump()]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
      expect((results[2] as PromiseFulfilledResult<{ n: number }[]>).value).toEqual([{ n: 1 }]);
      expect(await db.query('SELECT n FROM counter')).toEqual([{ n: 3 }]);
    } finally {
      await db.close();
    }
  }, 20_000);

  it('is what the command line uses without DATABASE_URL: the same data folder, kept across restarts', async () => {
    const io = (out: string[]) => ({ env: { CYTOCURATOR_SERVER_DATA: dataDir }, cwd: os.tmpdir(), stdin: Readable.from([Buffer.from('')]), out: (l: string) => out.push(l), err: (l: string) => out.push(l) });
    const added: string[] = [];
    expect(await runCli(['user', 'add', 'root', '--role', 'admin', '--password', 'a long passphrase'], io(added))).toBe(0);
    expect(added).toEqual(['added root (admin)']);
    const out: string[] = [];
    const stop = new AbortController();
    let port = 0;
    const serving = runCli(['serve', '--port', '0'], { ...io(out), stop: stop.signal, onListening: (p) => (port = p) });
    await expect.poll(() => port, { timeout: 10_000 }).toBeGreaterThan(0);
    // ana was added by the first test, through the server, before the restart.
    const login = await api(`http://127.0.0.1:${port}`, 'POST', '/login', null, { user: 'ana', password: TEST_PASSWORD, device: 'smoke' });
    expect(login.status).toBe(200);
    const pulled = (await api(`http://127.0.0.1:${port}`, 'GET', '/events?after=0', (login.body as { token: string }).token)).body as PullEventsResponse;
    expect(pulled.events).toHaveLength(4);
    stop.abort();
    expect(await serving).toBe(0);
    expect(out).toContain(`database: embedded PGlite in ${dataDir}; files in ${dataDir}`);
    expect(fs.existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
  }, 20_000);
});
