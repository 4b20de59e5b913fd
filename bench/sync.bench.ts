// Syncing 1,000 approved samples with 100 small images each (the goal: at most 2× one bulk HTTP upload of the
// same bytes in the same run). The sync pays for the change events, the sample records, and one chunk request per
// image (files travel one by one by SHA-256, so a cut link costs at most a chunk); the baseline sends every image's
// bytes, read from the library's files, as one PUT to a plain sink server on the same loopback.
// By default 1,000 samples × 10 images: the server stores each file at a few ms (a database transaction, an fsync and
// a hash check per file), so the full 100,000 images take over ten minutes here. SYNC_BENCH_SAMPLES=1000
// SYNC_BENCH_IMAGES=100 runs the full size; the output says what ran.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { planApprove } from '../shared/model/change-event.js';
import { approvalSnapshot } from '../electron/library/change-store.js';
import { login } from '../electron/sync/login.js';
import { runSync } from '../electron/sync/run-sync.js';
import { startFakeServer } from '../electron/sync/test-support/fake-sync-server.js';
import { migrate } from '../server/db/migrate.js';
import { createPgliteDriver } from '../server/db/pglite-driver.js';
import { createSyncServer } from '../server/http/sync-server.js';
import { addUser } from '../server/store/accounts.js';
import { act, curator, openLibrary, seedSamples } from '../electron/sync/test-support/sync-library.js';
import type { BenchResult } from './measure.js';

interface BenchServer {
  url: string;
  kind: string;
  stop(): Promise<void>;
}

/** The institute server (server/) on PGlite in a temporary folder; SYNC_BENCH_SERVER=memory: the in-memory test server. */
async function startServer(dir: string): Promise<BenchServer> {
  if (process.env.SYNC_BENCH_SERVER === 'memory') {
    const srv = await startFakeServer({ ana: { password: PASSWORD, role: 'curator' } });
    return { url: srv.url, kind: 'in-memory protocol server (electron/sync/test-support)', stop: () => srv.stop() };
  }
  const db = await createPgliteDriver(path.join(dir, 'pglite'));
  await migrate(db);
  await addUser(db, 'ana', 'curator', PASSWORD);
  const server = createSyncServer({ db, dataDir: dir });
  const port = await server.listen(0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    kind: 'server/ (sync server) on PGlite, in this process',
    stop: async () => {
      await server.close();
      await db.close();
    },
  };
}

const PASSWORD = 'correct horse battery';

/** A sink that takes one upload and writes it to a file: the floor of moving these bytes over HTTP. */
async function bulkUpload(files: readonly string[], dir: string): Promise<{ ms: number; bytes: number }> {
  const out = path.join(dir, 'bulk.bin');
  const sink = http.createServer((req, res) => {
    const file = fs.createWriteStream(out);
    req.pipe(file);
    file.on('finish', () => res.end('{"ok":true}'));
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()));
  const port = (sink.address() as AddressInfo).port;
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
  await new Promise<void>((r) => sink.close(() => r()));
  return { ms, bytes };
}

export async function benchSync(samples = Number(process.env.SYNC_BENCH_SAMPLES ?? 1000), images = Number(process.env.SYNC_BENCH_IMAGES ?? 10)): Promise<BenchResult> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cytocurator-bench-sync-'));
  const lib = openLibrary(path.join(home, 'library'));
  const t0 = performance.now();
  const ids = seedSamples(lib, { count: samples, imagesPerSample: images, imageBytes: 400, seed: 2026 });
  const who = curator('Bench');
  for (let i = 0; i < ids.length; i += 200) {
    const batch = ids.slice(i, i + 200);
    act(lib.db, who, (l, c) => planApprove(l, batch, (id) => approvalSnapshot(lib.db, id), null, c));
  }
  const seeded = performance.now() - t0;
  const serverDir = path.join(home, 'server');
  fs.mkdirSync(serverDir);
  const server = await startServer(serverDir);
  const lines: string[] = [];
  try {
    await login(lib.db, { serverUrl: server.url, user: 'ana', password: PASSWORD, device: who.device });
    const files = (lib.db.prepare('SELECT path FROM particle_images ORDER BY import_id, particle_id').pluck().all() as string[]).map((p) => path.join(lib.filesDir, p));
    const bulk = await bulkUpload(files, home);
    // Two runs, timed together: the first sends the events and sample records (no files), the second the files.
    const s0 = performance.now();
    const first = await runSync(lib.db, lib.filesDir, { maxFiles: 0 });
    const recordsMs = performance.now() - s0;
    const r = await runSync(lib.db, lib.filesDir, { maxFiles: Number.MAX_SAFE_INTEGER, fileTimeMs: 3_600_000, fileConcurrency: 8 });
    const syncMs = performance.now() - s0;
    const filesMs = syncMs - recordsMs;
    const bulk2 = await bulkUpload(files, home);
    const bulkMs = Math.min(bulk.ms, bulk2.ms);
    if (first.errors.length || r.errors.length || r.files.sent !== files.length) throw new Error(`sync incomplete: ${r.files.sent}/${files.length} files, ${[...first.errors, ...r.errors].slice(0, 3).join('; ')}`);
    const scaled = samples !== 1000 || images !== 100 ? ` (scaled down from the issue's 1,000 × 100, which takes over ten minutes here; SYNC_BENCH_SAMPLES/SYNC_BENCH_IMAGES set the size)` : '';
    lines.push(`${samples} samples × ${images} images of 400 B = ${files.length} files, ${(bulk.bytes / 1e6).toFixed(1)} MB${scaled}; library prepared in ${(seeded / 1000).toFixed(1)} s`);
    lines.push(`server: ${server.kind}`);
    lines.push(`sync: ${(syncMs / 1000).toFixed(2)} s = ${first.pushed} events and ${first.samples.stored} sample records in ${(recordsMs / 1000).toFixed(2)} s + ${r.files.sent} files in ${(filesMs / 1000).toFixed(2)} s (${((files.length / filesMs) * 1000).toFixed(0)} files/s)`);
    lines.push(`one bulk HTTP upload of the same bytes: ${(bulkMs / 1000).toFixed(2)} s`);
    const ratio = syncMs / bulkMs;
    lines.push(`ratio: ${ratio.toFixed(1)}× (goal ≤ 2×${ratio <= 2 ? '' : '; not met'}); files alone ${(filesMs / bulkMs).toFixed(1)}×, events and sample records alone ${(recordsMs / bulkMs).toFixed(1)}×`);
  } finally {
    await server.stop();
    lib.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
  return { name: 'sync of approved samples with images to a local server vs one bulk upload', lines };
}
