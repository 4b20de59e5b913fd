import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { faultSeed, seededRandom, startFaultProxy } from '../../e2e/support/fault-proxy.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { login } from './login.js';
import { runSync } from './run-sync.js';
import { startFakeServer } from './test-support/fake-sync-server.js';
import { prepareScenario, scenarioCurator } from './test-support/fault-scenario.js';
import { openLibrary } from './test-support/sync-library.js';

const tempDir = useTempDirs();
/** Events the library still has to send. */
const UNSENT = 'SELECT count(*) FROM outbox WHERE sent_at IS NULL';
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** Runs the sync child process and SIGKILLs it `afterMs` after it opened the library (or at the deadline). */
function syncUntilKilled(dir: string, afterMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'test-support', 'sync-child.ts'), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    const kill = () => child.kill('SIGKILL');
    child.stdout.on('data', (d: Buffer) => {
      lines += d.toString().split('\n').filter(Boolean).length;
      timer ??= setTimeout(kill, afterMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const deadline = setTimeout(kill, 20_000);
    child.on('exit', (code, signal) => {
      clearTimeout(deadline);
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') resolve(lines);
      else reject(new Error(`the sync process ended by itself (${code}): ${err.slice(-2000)}`));
    });
  });
}

describe('a workstation killed mid-sync', () => {
  it('loses nothing and applies nothing twice when its sync process is SIGKILLed at random moments', async ({ onTestFailed }) => {
    const seed = faultSeed();
    onTestFailed(() => console.error(`client-crash seed ${seed}: replay with SYNC_FAULT_SEED=${seed}`));
    const random = seededRandom(seed);
    const srv = await startFakeServer();
    cleanup.push(() => srv.stop());
    const dir = tempDir();
    const lib = openLibrary(dir);
    const { approved } = prepareScenario(lib, seed);
    await login(lib.db, { serverUrl: srv.url, user: 'ana', password: 'pw-ana', device: scenarioCurator.device });
    // A slow link (every request 2–12 ms late), so that a kill lands in the middle of the work.
    const proxy = await startFaultProxy({ target: () => ({ host: '127.0.0.1', port: srv.port }), seed, decide: () => 'delay', maxDelayMs: 10 });
    cleanup.push(() => proxy.close());
    lib.db.prepare('UPDATE sync_state SET server_url = ?').run(proxy.url);
    lib.close();

    // Killed 6 times, each a random 0.1–1.2 s into its syncing: in the middle of pushes, uploads, pulls or marks.
    const leftAfterKill: number[] = [];
    for (let k = 0; k < 6; k++) {
      await syncUntilKilled(dir, 100 + Math.floor(random() * 1100));
      const peek = openLibrary(dir);
      // Events not sent, and files the server does not hold yet (of the 900).
      leftAfterKill.push((peek.db.prepare(UNSENT).pluck().get() as number) + 900 - [...srv.state.files.values()].filter((f) => f.complete).length);
      peek.close();
    }
    console.log(`client-crash seed ${seed}: events and files left after each kill: ${leftAfterKill.join(', ')}`);
    // Most kills left work half done (else this test would prove nothing about crashes).
    expect(leftAfterKill.filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);

    const again = openLibrary(dir);
    cleanup.push(async () => again.close());
    let r = await runSync(again.db, again.filesDir, { backoff: { baseMs: 5, maxMs: 50 }, maxFiles: 100_000 });
    for (let i = 0; i < 5 && (r.remaining > 0 || r.files.remaining > 0 || r.samples.stored > 0); i++) r = await runSync(again.db, again.filesDir, { maxFiles: 100_000 });
    expect(r.errors).toEqual([]);
    expect(again.db.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL').pluck().get()).toBe(0);
    expect(again.db.prepare("SELECT count(*) FROM sync_files WHERE status <> 'sent'").pluck().get()).toBe(0);
    // No record is left waiting for files sent from memory by a killed run (file-lane.ts).
    expect(again.db.prepare('SELECT count(*) FROM sync_samples WHERE files_pending = 1').pluck().get()).toBe(0);
    expect([...srv.state.samples.keys()].sort()).toEqual([...approved].sort());
    const serverIds = srv.state.log.map((e) => e.event.id);
    expect(new Set(serverIds).size).toBe(serverIds.length);
    expect([...serverIds].sort()).toEqual((again.db.prepare('SELECT id FROM change_events').pluck().all() as string[]).sort());
    expect([...srv.state.files.values()].every((f) => f.complete)).toBe(true);
    expect(srv.state.files.size).toBe(900);
  }, 120_000);
});
