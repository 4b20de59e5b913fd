// Syncing 1,000 approved samples with 100 small images each to a local server (the issue's goal: at most 2× one bulk
// HTTP upload of the same bytes in the same run). The sync pays for the change events, the sample records and the
// files (small ones many to a request, by SHA-256, into a pack per request on the server); the baseline sends every
// image's bytes, read from the library's files, as one PUT to a plain sink. Server and sink each run as their own
// process on the loopback, as they would for real. SYNC_BENCH_SAMPLES / SYNC_BENCH_IMAGES change the size (preparing
// the library's 100,000 image files takes most of the run), SYNC_BENCH_ROUNDS how many rounds; the output says what
// ran.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { planApprove } from '../shared/model/change-event.js';
import { approvalSnapshot } from '../electron/library/change-store.js';
import { login } from '../electron/sync/login.js';
import { runSync } from '../electron/sync/run-sync.js';
import { startFakeServer } from '../electron/sync/test-support/fake-sync-server.js';
import { createPgDriver } from '../server/db/pg-driver.js';
import { act, curator, openLibrary, seedSamples } from '../electron/sync/test-support/sync-library.js';
import type { BenchResult } from './measure.js';
import { median } from './measure.js';

interface BenchServer {
  url: string;
  kind: string;
  /** The server process's id (null: in this process). */
  pid: number | null;
  stop(): Promise<void>;
}

/** CPU seconds used so far: by a process (/proc/<pid>/stat), or by the whole machine (/proc/stat); null off Linux. */
function cpuSeconds(pid: number | 'machine'): number | null {
  try {
    const tick = 100; // USER_HZ on Linux
    if (pid === 'machine') {
      const [, user, nice, system, , , irq, softirq] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
      return (user! + nice! + system! + irq! + softirq!) / tick;
    }
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ').map(Number);
    return (fields[11]! + fields[12]!) / tick; // utime, stime
  } catch {
    return null;
  }
}

/** CPU seconds used so far by the PostgreSQL processes running on this machine (null: none, or not Linux). */
function postgresCpuSeconds(): number | null {
  try {
    let total = 0;
    let found = false;
    for (const pid of fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
      try {
        if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
        total += cpuSeconds(Number(pid)) ?? 0;
        found = true;
      } catch {
        // the process ended meanwhile
      }
    }
    return found ? total : null;
  } catch {
    return null;
  }
}

const PASSWORD = 'correct horse battery';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs a Node script (TypeScript through tsx) as its own process; resolves with it once `ready` matches a line it prints. */
function startProcess(args: readonly string[], env: NodeJS.ProcessEnv, ready: RegExp, input?: string, nodeFlags: readonly string[] = []): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = out.match(ready);
      if (m) resolve({ child, match: m });
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before it was ready:\n${out}${err}`)));
    child.stdin.end(input ?? '');
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A new schema in the PostgreSQL database at `url`, for this run alone: its URL, and how to drop it. */
async function freshSchema(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `bench_sync_${process.pid}_${Date.now()}`;
  const admin = createPgDriver({ connectionString: url, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: u.toString(),
    drop: async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}

/**
 * The institute server as it runs (`npm run server`): its own process, on PGlite in a temporary data folder, or on
 * the PostgreSQL database SYNC_BENCH_DATABASE_URL names (a new schema); SYNC_BENCH_SERVER=memory: the in-memory
 * protocol server of the tests, in this process.
 */
async function startServer(dir: string): Promise<BenchServer> {
  if (process.env.SYNC_BENCH_SERVER === 'memory') {
    const srv = await startFakeServer({ ana: { password: PASSWORD, role: 'curator' } });
    return { url: srv.url, kind: 'in-memory protocol server (electron/sync/test-support), in this process', pid: null, stop: () => srv.stop() };
  }
  const given = process.env.SYNC_BENCH_DATABASE_URL?.trim();
  const schema = given ? await freshSchema(given) : null;
  const env = { CYTOCURATOR_SERVER_DATA: dir, DATABASE_URL: schema?.url ?? '' };
  if (!schema) delete (env as { DATABASE_URL?: string }).DATABASE_URL;
  const add = await startProcess(['server/cli.ts', 'user', 'add', 'ana', '--role', 'curator', '--password-stdin'], env, /added|created|ana/i, `${PASSWORD}\n`);
  await new Promise<void>((r) => (add.child.exitCode !== null ? r() : add.child.once('exit', () => r())));
  // SYNC_BENCH_PROFILE=<folder>: the server writes a CPU profile there when it stops.
  const profile = process.env.SYNC_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.SYNC_BENCH_PROFILE)}`] : [];
  const { child, match } = await startProcess(['server/cli.ts', 'serve', '--port', '0', '--host', '127.0.0.1'], env, /listening on (http:\/\/127\.0\.0\.1:\d+)/, undefined, profile);
  return {
    url: match[1]!,
    pid: child.pid ?? null,
    kind: `server/ (npm run server) in its own process, on ${schema ? 'PostgreSQL (SYNC_BENCH_DATABASE_URL, a new schema)' : 'PGlite'}`,
    stop: async () => {
      await stopProcess(child);
      await schema?.drop();
    },
  };
}

/** SYNC_BENCH_PROFILE: a CPU profile of this process during the sync alone (not the library's preparation). */
async function startClientProfile(): Promise<{ stop(file: string): Promise<void> }> {
  const session = new inspector.Session();
  session.connect();
  const post = <T>(method: string): Promise<T> => new Promise((resolve, reject) => session.post(method, (err, res) => (err ? reject(err) : resolve(res as T))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    stop: async (file) => {
      const { profile } = await post<{ profile: unknown }>('Profiler.stop');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

/** The sink of the bulk upload, in its own process like the server: takes one upload and writes it to a file. */
const SINK = `
const fs = require('node:fs'); const http = require('node:http');
const sink = http.createServer((req, res) => { const file = fs.createWriteStream(process.env.OUT); req.pipe(file); file.on('finish', () => res.end('{"ok":true}')); });
sink.listen(0, '127.0.0.1', () => console.log('sink on ' + sink.address().port));`;

/** One PUT of every image's bytes, read from the library's files as the sync reads them: the floor of moving these bytes over HTTP. */
async function bulkUpload(files: readonly string[], dir: string): Promise<{ ms: number; bytes: number }> {
  const child = spawn(process.execPath, ['-e', SINK], { env: { ...process.env, OUT: path.join(dir, 'bulk.bin') }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      const m = d.match(/sink on (\d+)/);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`the bulk sink exited with ${code}`)));
  });
  const t0 = performance.now();
  let bytes = 0;
  await new Promise<void>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'PUT', path: '/bulk', headers: { 'content-type': 'application/octet-stream' } }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    let i = 0;
    const pump = () => {
      while (i < files.length) {
        const b = fs.readFileSync(files[i++] as string);
        bytes += b.length;
        if (!req.write(b)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
  const ms = performance.now() - t0;
  await stopProcess(child);
  return { ms, bytes };
}

/** One round's numbers: a fresh library and a fresh server, one sync, the bulk upload before and after it. */
interface SyncRound {
  files: number;
  bytes: number;
  seededMs: number;
  serverKind: string;
  pushed: number;
  stored: number;
  syncMs: number;
  bulkMs: number;
  cpu: { workstation: number; server: number | null; postgres: number | null; machine: number | null };
}

async function syncRound(samples: number, images: number, round: number): Promise<SyncRound> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cytocurator-bench-sync-'));
  const lib = openLibrary(path.join(home, 'library'));
  const t0 = performance.now();
  const ids = seedSamples(lib, { count: samples, imagesPerSample: images, imageBytes: 400, seed: 2026 });
  const who = curator('Bench');
  for (let i = 0; i < ids.length; i += 200) {
    const batch = ids.slice(i, i + 200);
    act(lib.db, who, (l, c) => planApprove(l, batch, (id) => approvalSnapshot(lib.db, id), null, c));
  }
  const seededMs = performance.now() - t0;
  const serverDir = path.join(home, 'server');
  fs.mkdirSync(serverDir);
  const server = await startServer(serverDir);
  try {
    await login(lib.db, { serverUrl: server.url, user: 'ana', password: PASSWORD, device: who.device });
    const files = (lib.db.prepare('SELECT path FROM particle_images ORDER BY import_id, particle_id').pluck().all() as string[]).map((p) => path.join(lib.filesDir, p));
    const bulk = await bulkUpload(files, home);
    // One run, as `cytocurator sync` does it: events, then the sample records with their files alongside (files start
    // as soon as the server answers which it lacks).
    const profiler = process.env.SYNC_BENCH_PROFILE && round === 0 ? await startClientProfile() : null;
    const cpu0 = { client: process.cpuUsage(), server: server.pid === null ? null : cpuSeconds(server.pid), machine: cpuSeconds('machine'), postgres: process.env.SYNC_BENCH_DATABASE_URL?.trim() ? postgresCpuSeconds() : null };
    const s0 = performance.now();
    const r = await runSync(lib.db, lib.filesDir, { fileTimeMs: 3_600_000, fileConcurrency: 8 });
    const syncMs = performance.now() - s0;
    const clientCpu = process.cpuUsage(cpu0.client);
    const serverCpu = server.pid === null || cpu0.server === null ? null : cpuSeconds(server.pid)! - cpu0.server;
    const machineCpu = cpu0.machine === null ? null : cpuSeconds('machine')! - cpu0.machine;
    const postgresCpu = cpu0.postgres === null ? null : (postgresCpuSeconds() ?? cpu0.postgres) - cpu0.postgres;
    if (profiler) await profiler.stop(path.resolve(process.env.SYNC_BENCH_PROFILE!, 'client-sync.cpuprofile'));
    const bulk2 = await bulkUpload(files, home);
    if (r.errors.length || r.files.sent !== files.length) throw new Error(`sync incomplete: ${r.files.sent}/${files.length} files, ${r.errors.slice(0, 3).join('; ')}`);
    return {
      files: files.length,
      bytes: bulk.bytes,
      seededMs,
      serverKind: server.kind,
      pushed: r.pushed,
      stored: r.samples.stored,
      syncMs,
      bulkMs: Math.min(bulk.ms, bulk2.ms),
      cpu: { workstation: (clientCpu.user + clientCpu.system) / 1e6, server: serverCpu, postgres: postgresCpu, machine: machineCpu },
    };
  } finally {
    await server.stop();
    lib.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/**
 * SYNC_BENCH_ROUNDS rounds (default 3), each with a fresh library and server: one run on this machine varies by a
 * tenth either way, so the ratio reported is the median of the rounds, with their range.
 */
export async function benchSync(
  samples = Number(process.env.SYNC_BENCH_SAMPLES ?? 1000),
  images = Number(process.env.SYNC_BENCH_IMAGES ?? 100),
  rounds = Math.max(1, Math.floor(Number(process.env.SYNC_BENCH_ROUNDS ?? 3)) || 1),
): Promise<BenchResult> {
  const done: SyncRound[] = [];
  for (let i = 0; i < rounds; i++) done.push(await syncRound(samples, images, i));
  const first = done[0]!;
  const s = (x: number | null) => (x === null ? '?' : `${x.toFixed(2)} s`);
  const scaled = samples !== 1000 || images !== 100 ? ` (not the issue's 1,000 × 100: SYNC_BENCH_SAMPLES/SYNC_BENCH_IMAGES are set)` : '';
  const lines = [
    `${samples} samples × ${images} images of 400 B = ${first.files} files, ${(first.bytes / 1e6).toFixed(1)} MB${scaled}; library prepared in ${(first.seededMs / 1000).toFixed(1)} s`,
    `server: ${first.serverKind}`,
  ];
  done.forEach((r, i) => {
    // Where the time goes: CPU seconds of this process (the workstation), the server's, and the machine's (with the
    // database server's, when it runs here), against the cores there are.
    lines.push(
      `round ${i + 1}: sync ${(r.syncMs / 1000).toFixed(2)} s for ${r.pushed} events, ${r.stored} sample records and ${r.files} files; bulk upload ${(r.bulkMs / 1000).toFixed(2)} s; ratio ${(r.syncMs / r.bulkMs).toFixed(2)}×`,
      `  CPU during the sync: workstation ${s(r.cpu.workstation)}, server ${s(r.cpu.server)},${r.cpu.postgres === null ? '' : ` PostgreSQL here ${s(r.cpu.postgres)},`} whole machine ${s(r.cpu.machine)} (${os.availableParallelism()} cores × ${(r.syncMs / 1000).toFixed(2)} s = ${((os.availableParallelism() * r.syncMs) / 1000).toFixed(1)} s available)`,
    );
  });
  const ratios = done.map((r) => r.syncMs / r.bulkMs);
  const ratio = median(ratios);
  lines.push(`sync: median ${(median(done.map((r) => r.syncMs)) / 1000).toFixed(2)} s; one bulk HTTP upload of the same bytes: median ${(median(done.map((r) => r.bulkMs)) / 1000).toFixed(2)} s`);
  lines.push(
    `ratio: ${ratio.toFixed(1)}× (median of ${rounds} round${rounds === 1 ? '' : 's'}${rounds > 1 ? `, ${Math.min(...ratios).toFixed(1)}–${Math.max(...ratios).toFixed(1)}×` : ''}; goal ≤ 2×${ratio <= 2 ? '' : '; not met'})`,
  );
  return { name: 'sync of approved samples with images to a local server vs one bulk upload', lines };
}
