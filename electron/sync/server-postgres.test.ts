// The client against the institute server (server/) on PostgreSQL: the main sync tests. CI starts
// PostgreSQL and sets TEST_DATABASE_URL; elsewhere server/test-support/postgres.ts starts a throwaway cluster.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { faultSeed, seededRandom, startFaultProxy } from '../../e2e/support/fault-proxy.js';
import { planComment, planFlag } from '../../shared/model/change-event.js';
import { sampleAudit } from '../library/change-store.js';
import { FileStore } from '../../server/store/file-store.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { listConflicts, resolveConflict } from './conflicts.js';
import { login } from './login.js';
import { retryRefused } from './outbox-queue.js';
import { runSync } from './run-sync.js';
import { prepareScenario, scenarioCurator, syncUntilDone } from './test-support/fault-scenario.js';
import { startRealServer, stopPostgres } from './test-support/real-server.js';
import type { RealServer } from './test-support/real-server.js';
import { act, curator, openLibrary, seedSamples } from './test-support/sync-library.js';

const tempDir = useTempDirs();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
}, 60_000);
afterAll(() => stopPostgres(), 60_000);

const PASSWORD = 'correct horse battery';
const fast = { backoff: { baseMs: 5, maxMs: 50 }, timeoutMs: 5000 };
const flag = (code: string) => ({ scheme: 'L20' as const, code });

async function server(o: { process?: boolean } = {}): Promise<RealServer> {
  const s = await startRealServer({ database: 'postgres', ...o });
  cleanup.push(() => s.close());
  return s;
}

function library() {
  const lib = openLibrary(tempDir());
  cleanup.push(async () => lib.close());
  return lib;
}

describe('sync with the institute server on PostgreSQL', () => {
  it('gets 300 approved samples with images through a faulty link and a killed server, each once, with every event', async ({ onTestFailed }) => {
    const seed = faultSeed();
    onTestFailed(() => console.error(`server fault-injection seed ${seed}: replay with SYNC_FAULT_SEED=${seed}`));
    const started = Date.now();
    const random = seededRandom(seed ^ 0x5eed);
    const srv = await server({ process: true });
    await srv.addUser('ana', 'curator', PASSWORD);
    const killAt = 40 + Math.floor(random() * 400);
    let restarted: Promise<void> | null = null;
    const proxy = await startFaultProxy({
      target: () => ({ host: '127.0.0.1', port: srv.port }),
      seed,
      maxFaults: 400,
      maxDelayMs: 60,
      stallMs: 3000,
      onRequest: (n) => {
        // SIGKILL mid-sync; back 500 ms later on the same port and database.
        if (n === killAt && restarted === null) restarted = srv.kill().then(() => new Promise<void>((r) => setTimeout(r, 500))).then(() => srv.start());
      },
    });
    cleanup.push(() => proxy.close());
    cleanup.push(async () => void (await restarted));

    const lib = library();
    const { approved } = prepareScenario(lib, seed);
    await login(lib.db, { serverUrl: srv.url, user: 'ana', password: PASSWORD, device: scenarioCurator.device });
    lib.db.prepare('UPDATE sync_state SET server_url = ?').run(proxy.url);
    const runs = await syncUntilDone(lib, random, { runs: 80, ms: 200_000 });
    await restarted;
    const last = runs.at(-1)!;
    expect(last.errors).toEqual([]);
    expect(restarted).not.toBeNull();
    expect(proxy.stats['drop-response'] + proxy.stats['cut-response'] + proxy.stats['cut-request'] + proxy.stats['drop-request']).toBeGreaterThan(10);

    expect(lib.db.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL').pluck().get()).toBe(0);
    expect(lib.db.prepare("SELECT count(*) FROM sync_files WHERE status <> 'sent'").pluck().get()).toBe(0);
    expect(lib.db.prepare('SELECT count(*) FROM sync_conflicts').pluck().get()).toBe(0);

    const serverSamples = (await srv.db.query<{ id: string }>('SELECT id FROM samples ORDER BY id')).map((r) => r.id);
    expect(serverSamples).toEqual([...approved].sort());
    const serverEvents = (await srv.db.query<{ event_id: string; status: string }>('SELECT event_id, status FROM events')).map((r) => r.event_id);
    const localEvents = lib.db.prepare('SELECT id FROM change_events').pluck().all() as string[];
    expect(new Set(serverEvents).size).toBe(serverEvents.length);
    expect([...serverEvents].sort()).toEqual([...localEvents].sort());
    // Each image held once (in a pack, or a file of its own), none left half-uploaded.
    const files = await srv.db.query<{ sha256: string; storage_path: string }>('SELECT sha256, storage_path FROM stored_files');
    expect(files).toHaveLength(900);
    expect(new Set(files.map((f) => f.sha256)).size).toBe(900);
    expect(await srv.db.query('SELECT sha256 FROM files WHERE NOT complete')).toEqual([]);
    const images = new Map(
      (lib.db.prepare("SELECT p.sha256, p.path FROM particle_images p JOIN imports i ON i.id = p.import_id JOIN samples s ON s.id = i.sample_id WHERE s.review_state = 'approved'").all() as { sha256: string; path: string }[]).map((r) => [r.sha256, r.path]),
    );
    const store = new FileStore(srv.db, srv.dataDir);
    for (const f of files) {
      const bytes = (await store.read(f.sha256))!;
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
      expect(bytes.equals(fs.readFileSync(path.join(lib.filesDir, images.get(f.sha256)!)))).toBe(true);
    }
    expect(Date.now() - started).toBeLessThan(240_000);
  }, 300_000);

  it('two libraries edit the same flag and different flags of one sample offline: exactly one conflict, settled by choice, both versions in the audit', async () => {
    const srv = await server();
    await srv.addUser('ana', 'curator', PASSWORD);
    await srv.addUser('ben', 'curator', PASSWORD);
    const ana = curator('Ana');
    const ben = curator('Ben');
    const a = library();
    const b = library();
    const [s] = seedSamples(a, { count: 1, imagesPerSample: 1 });
    seedSamples(b, { count: 1, imagesPerSample: 1 });
    await login(a.db, { serverUrl: srv.url, user: 'ana', password: PASSWORD, device: ana.device });
    await login(b.db, { serverUrl: srv.url, user: 'ben', password: PASSWORD, device: ben.device });
    act(a.db, ana, (l, c) => planFlag(l, { sampleIds: [s!], flag: flag('3'), comment: 'bubbles' }, c));
    act(a.db, ana, (l, c) => planFlag(l, { sampleIds: [s!], flag: flag('2'), comment: null, group: 'Synechococcus' }, c));
    act(b.db, ben, (l, c) => planFlag(l, { sampleIds: [s!], flag: flag('4'), comment: 'clogged' }, c));
    act(b.db, ben, (l, c) => planFlag(l, { sampleIds: [s!], flag: flag('1'), comment: null, group: 'Picoeukaryotes' }, c));

    expect(await runSync(a.db, a.filesDir, fast)).toMatchObject({ pushed: 2, conflicts: 0, errors: [] });
    const rb = await runSync(b.db, b.filesDir, fast);
    expect(rb).toMatchObject({ pushed: 1, parked: 1, conflicts: 1, errors: [] });
    const ra = await runSync(a.db, a.filesDir, fast);
    expect(ra).toMatchObject({ conflicts: 0, pulled: 1 });
    const conflicts = listConflicts(b.db);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ target: { sampleId: s, kind: 'flag' }, mine: { summary: 'L20 4', actorName: 'Ben' }, theirs: { summary: 'L20 3', actorName: 'Ana', device: ana.device }, ready: true });

    resolveConflict(b.db, conflicts[0]!.id, 'mine', ben);
    expect(await runSync(b.db, b.filesDir, fast)).toMatchObject({ pushed: 2, conflicts: 0, parked: 0, remaining: 0, errors: [] });
    expect(await runSync(a.db, a.filesDir, fast)).toMatchObject({ pulled: 1, conflicts: 0, errors: [] });
    for (const lib of [a, b]) expect(lib.db.prepare('SELECT flag_code FROM samples WHERE id = ?').pluck().get(s)).toBe('4');
    const bAudit = sampleAudit(b.db, s!).filter((e) => e.target.kind === 'flag').map((e) => [e.actorName, (e.after as { code: string }).code]);
    expect(bAudit).toEqual([
      ['Ben', '4'],
      ['Ana', '3'],
      ['Ben', '4'],
    ]);
    // The server's log holds both versions: Ana's, Ben's superseded original, and Ben's restoring event.
    const log = await srv.db.query<{ status: string; code: string; actor: string }>(
      "SELECT status, event->'after'->>'code' AS code, event->>'actorName' AS actor FROM events WHERE event->'target'->>'kind' = 'flag' ORDER BY server_seq",
    );
    expect(log).toEqual([
      { status: 'applied', code: '3', actor: 'Ana' },
      { status: 'superseded', code: '4', actor: 'Ben' },
      { status: 'applied', code: '4', actor: 'Ben' },
    ]);
    // Both value flags are at both libraries: different groups never conflict.
    for (const lib of [a, b]) expect(lib.db.prepare("SELECT count(*) FROM target_state WHERE target_kind = 'value-flag'").pluck().get()).toBe(2);
  }, 60_000);

  it('parks what a reader token or a revoked role pushes, with the reason, and later events still flow', async () => {
    const srv = await server();
    await srv.addUser('ana', 'curator', PASSWORD);
    await srv.addUser('rita', 'reader', PASSWORD);
    const ana = curator('Ana');
    const lib = library();
    const ids = seedSamples(lib, { count: 3, imagesPerSample: 1 });
    // A reader's token: the server refuses every change; nothing is dropped.
    await login(lib.db, { serverUrl: srv.url, user: 'rita', password: PASSWORD, device: ana.device });
    act(lib.db, ana, (l, c) => planFlag(l, { sampleIds: [ids[0]!], flag: flag('3'), comment: null }, c));
    const r = await runSync(lib.db, lib.filesDir, fast);
    expect(r).toMatchObject({ pushed: 0, parked: 1, remaining: 0 });
    expect(lib.db.prepare('SELECT parked, parked_reason FROM outbox').get()).toEqual({ parked: 'refused', parked_reason: 'refused by the server: the role "reader" of rita may only read' });

    // Logged in as a curator, put back in the queue: it goes. Then the role is revoked mid-way.
    await login(lib.db, { serverUrl: srv.url, user: 'ana', password: PASSWORD, device: ana.device });
    retryRefused(lib.db);
    expect(await runSync(lib.db, lib.filesDir, fast)).toMatchObject({ pushed: 1, parked: 0 });
    await srv.setRole('ana', 'technician');
    act(lib.db, ana, (l, c) => planComment(l, [ids[1]!], 'odd volume', c));
    const r2 = await runSync(lib.db, lib.filesDir, fast);
    expect(r2).toMatchObject({ pushed: 0, parked: 1 });
    expect(r2.errors).toContain('refused by the server: the role "technician" of ana may not comment');
    await srv.setRole('ana', 'curator');
    act(lib.db, ana, (l, c) => planFlag(l, { sampleIds: [ids[2]!], flag: flag('1'), comment: null }, c));
    const r3 = await runSync(lib.db, lib.filesDir, fast);
    expect(r3).toMatchObject({ pushed: 1, parked: 1, remaining: 0 });
    expect(retryRefused(lib.db)).toBe(1);
    expect(await runSync(lib.db, lib.filesDir, fast)).toMatchObject({ pushed: 1, parked: 0, remaining: 0 });
    expect((await srv.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events'))[0]!.n).toBe(3);
  }, 60_000);
});
