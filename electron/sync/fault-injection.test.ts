import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { faultSeed, seededRandom, startFaultProxy } from '../../e2e/support/fault-proxy.js';
import type { FaultProxy } from '../../e2e/support/fault-proxy.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { login } from './login.js';
import { startFakeServer } from './test-support/fake-sync-server.js';
import { prepareScenario, scenarioCurator, syncUntilDone } from './test-support/fault-scenario.js';
import { openLibrary } from './test-support/sync-library.js';

const tempDir = useTempDirs();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});


describe('sync over a faulty link (in-memory server)', () => {
  it('gets 300 approved samples with images through drops, delays, duplicates, cuts and a server restart, each once', async ({ onTestFailed }) => {
    const seed = faultSeed();
    onTestFailed(() => console.error(`fault-injection seed ${seed}: replay with SYNC_FAULT_SEED=${seed}`));
    const started = Date.now();
    const random = seededRandom(seed ^ 0x5eed);

    const srv = await startFakeServer();
    let restarting: Promise<void> | null = null;
    cleanup.push(async () => {
      await restarting;
      await srv.stop();
    });
    // The server dies at a request drawn from the seed, and comes back 300 ms later over the same state.
    const killAt = 40 + Math.floor(random() * 400);
    let killed = 0;
    const proxy: FaultProxy = await startFaultProxy({
      target: () => ({ host: '127.0.0.1', port: srv.port }),
      seed,
      maxFaults: 400,
      maxDelayMs: 60,
      stallMs: 3000,
      onRequest: (n) => {
        if (n === killAt && restarting === null) {
          killed++;
          restarting = srv.stop().then(() => new Promise<void>((r) => setTimeout(r, 300))).then(() => srv.start());
        }
      },
    });
    cleanup.push(() => proxy.close());

    const lib = openLibrary(tempDir());
    cleanup.push(async () => lib.close());
    const { approved } = prepareScenario(lib, seed);
    await login(lib.db, { serverUrl: srv.url, user: 'ana', password: 'pw-ana', device: scenarioCurator.device });
    // From here on every request goes through the faulty link.
    lib.db.prepare('UPDATE sync_state SET server_url = ?').run(proxy.url);
    const runs = await syncUntilDone(lib, random, { runs: 60, ms: 100_000 });
    const last = runs.at(-1)!;
    expect(last.errors).toEqual([]);
    expect(killed).toBe(1);
    const injected = proxy.stats['drop-request'] + proxy.stats['drop-response'] + proxy.stats.duplicate + proxy.stats['cut-request'] + proxy.stats['cut-response'] + proxy.stats.stall;
    expect(injected).toBeGreaterThan(20);
    expect(proxy.stats['drop-response'] + proxy.stats['cut-response']).toBeGreaterThan(0);

    // The client: nothing left to send, nothing parked, no conflict, every file sent.
    expect(lib.db.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL').pluck().get()).toBe(0);
    expect(lib.db.prepare("SELECT count(*) FROM sync_files WHERE status <> 'sent'").pluck().get()).toBe(0);
    expect(lib.db.prepare('SELECT count(*) FROM sync_conflicts').pluck().get()).toBe(0);

    // The server: exactly the approved samples, each stored once; every change event once; every image, whole.
    expect([...srv.state.samples.keys()].sort()).toEqual([...approved].sort());
    expect([...srv.state.samples.values()].every((s) => s.stores === 1)).toBe(true);
    const localIds = lib.db.prepare('SELECT id FROM change_events ORDER BY seq').pluck().all() as string[];
    const serverIds = srv.state.log.map((e) => e.event.id);
    expect(new Set(serverIds).size).toBe(serverIds.length);
    expect([...serverIds].sort()).toEqual([...localIds].sort());
    const images = lib.db.prepare('SELECT p.path, p.sha256 FROM particle_images p JOIN imports i ON i.id = p.import_id JOIN samples s ON s.id = i.sample_id WHERE s.review_state = ?').all('approved') as { path: string; sha256: string }[];
    expect(images).toHaveLength(900);
    for (const im of images) {
      const f = srv.state.files.get(im.sha256);
      expect(f?.complete, im.path).toBe(true);
      const bytes = Buffer.concat(f!.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(im.sha256);
      expect(bytes.equals(fs.readFileSync(path.join(lib.filesDir, im.path)))).toBe(true);
    }
    // Only approved samples' files travelled.
    expect(srv.state.files.size).toBe(900);
    expect(Date.now() - started).toBeLessThan(120_000);
  }, 150_000);
});
