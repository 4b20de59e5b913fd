import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFaultProxy } from '../../e2e/support/fault-proxy.js';
import { planApprove } from '../../shared/model/change-event.js';
import { approvalSnapshot } from '../library/change-store.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { uploadFiles } from './file-queue.js';
import { login } from './login.js';
import { makeRetrier, sleep } from './retry.js';
import { runSync } from './run-sync.js';
import { SyncClient } from './sync-client.js';
import { deviceToken } from './sync-state.js';
import { startFakeServer } from './test-support/fake-sync-server.js';
import { act, curator, openLibrary, seedSamples } from './test-support/sync-library.js';

const tempDir = useTempDirs();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const fast = { backoff: { baseMs: 5, maxMs: 20 }, timeoutMs: 2000 };
const ana = curator('Ana');

/** 3 approved samples with 5 images of 300 B each, and (optionally) a source export per sample. */
async function setup(o: { sourceBytes?: number } = {}) {
  const srv = await startFakeServer();
  cleanup.push(() => srv.stop());
  const lib = openLibrary(tempDir());
  cleanup.push(async () => lib.close());
  const ids = seedSamples(lib, { count: 3, imagesPerSample: 5, imageBytes: 300, ...(o.sourceBytes ? { sourceRole: 'pulses', sourceBytes: o.sourceBytes } : {}) });
  await login(lib.db, { serverUrl: srv.url, user: 'ana', password: 'pw-ana', device: ana.device });
  act(lib.db, ana, (l, c) => planApprove(l, ids, (id) => approvalSnapshot(lib.db, id), null, c));
  return { srv, lib, ids };
}

/**
 * Every file of the library (images, stored source exports) is on the server, whole, and nothing waits: no file in
 * sync_files but sent ones, no record with files pending (small files go by the file lane, not sync_files).
 */
function expectAllOnServer(lib: ReturnType<typeof openLibrary>, files: Map<string, { bytes: Buffer[]; complete: boolean }>, count: number): void {
  const rows = lib.db
    .prepare('SELECT path, sha256 FROM particle_images UNION ALL SELECT stored_path AS path, sha256 FROM import_files WHERE stored_path IS NOT NULL')
    .all() as { path: string; sha256: string }[];
  expect(rows).toHaveLength(count);
  expect(lib.db.prepare("SELECT path, status FROM sync_files WHERE status <> 'sent'").all()).toEqual([]);
  expect(lib.db.prepare('SELECT sample_id FROM sync_samples WHERE files_pending = 1').all()).toEqual([]);
  for (const r of rows) {
    const f = files.get(r.sha256);
    expect(f?.complete, r.path).toBe(true);
    const bytes = Buffer.concat(f!.bytes);
    expect(bytes.equals(fs.readFileSync(path.join(lib.filesDir, r.path))), r.path).toBe(true);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(r.sha256);
  }
}

describe('small files in batches', () => {
  it('sends the small files in one batch request and a large one in chunks', async () => {
    // 1.5 MB source exports: over MAX_BATCH_FILE_BYTES (1 MiB), so they go by PUT.
    const { srv, lib } = await setup({ sourceBytes: 1_500_000 });
    const r = await runSync(lib.db, lib.filesDir, { ...fast, chunkBytes: 1024 * 1024 });
    expect(r.errors).toEqual([]);
    expect(r.files).toEqual({ sent: 18, remaining: 0, deferred: 0, failed: 0 });
    // 15 images in one request; 3 sources × 2 chunks of at most 1 MiB.
    expect(srv.state.requests.get('POST files/batch')).toBe(1);
    expect(srv.state.requests.get('PUT files')).toBe(6);
    expectAllOnServer(lib, srv.state.files, 18);
  });

  it('sends the JSON-header form to a server from before the binary one (it answers 415), each file once', async () => {
    const { srv, lib } = await setup();
    srv.binaryBatches = false;
    const r = await runSync(lib.db, lib.filesDir, fast);
    expect(r.errors).toEqual([]);
    expect(r.files).toEqual({ sent: 15, remaining: 0, deferred: 0, failed: 0 });
    // The binary batch refused (415), then the same 15 files in the older form.
    expect(srv.state.requests.get('POST files/batch')).toBe(2);
    expectAllOnServer(lib, srv.state.files, 15);
  });

  it('cuts batches by count and by bytes', async () => {
    const { srv, lib } = await setup();
    expect((await runSync(lib.db, lib.filesDir, { ...fast, maxFiles: 0 })).files).toMatchObject({ remaining: 15 });
    const client = new SyncClient({ serverUrl: srv.url, token: deviceToken(lib.db) });
    cleanup.push(async () => client.close());
    const retry = makeRetrier({ backoff: fast.backoff, tries: 2, random: () => 0.5, sleep });
    const options = { rules: null, network: { hostnames: [], addresses: [] }, maxFiles: 100, deadline: Date.now() + 60_000, backoff: fast.backoff, random: () => 0.5, concurrency: 1 };

    // 4 files a batch: 4 + 4 + 4 + 3, and maxFiles stops after 10 (the third batch takes only 2).
    const first = await uploadFiles(lib.db, lib.filesDir, client, retry, { ...options, batchFiles: 4, maxFiles: 10 });
    expect(first).toMatchObject({ sent: 10, remaining: 5, failed: 0, errors: [] });
    expect(srv.state.requests.get('POST files/batch')).toBe(3);
    // 700 bytes a batch: two 300-byte images each, so the 5 left take 3 requests.
    const second = await uploadFiles(lib.db, lib.filesDir, client, retry, { ...options, batchBytes: 700 });
    expect(second).toMatchObject({ sent: 5, remaining: 0, failed: 0, errors: [] });
    expect(srv.state.requests.get('POST files/batch')).toBe(6);
    expect(srv.state.requests.get('PUT files')).toBeUndefined();
    expectAllOnServer(lib, srv.state.files, 15);
  });

  it('takes into the run the files queued while it runs (records still being answered), until told nothing more comes', async () => {
    const { srv, lib } = await setup();
    expect((await runSync(lib.db, lib.filesDir, { ...fast, maxFiles: 0 })).files).toMatchObject({ remaining: 15 });
    // Hold back all but the first 5 queued files, as if their records had not been answered yet.
    const held = lib.db.prepare('SELECT * FROM sync_files WHERE id > (SELECT min(id) + 4 FROM sync_files) ORDER BY id').all() as Record<string, unknown>[];
    lib.db.prepare('DELETE FROM sync_files WHERE id > (SELECT min(id) + 4 FROM sync_files)').run();
    const client = new SyncClient({ serverUrl: srv.url, token: deviceToken(lib.db) });
    cleanup.push(async () => client.close());
    const retry = makeRetrier({ backoff: fast.backoff, tries: 2, random: () => 0.5, sleep });
    let recordsDone!: () => void;
    const until = new Promise<void>((r) => (recordsDone = r));
    const run = uploadFiles(lib.db, lib.filesDir, client, retry, {
      rules: null,
      network: { hostnames: [], addresses: [] },
      maxFiles: 100,
      deadline: Date.now() + 60_000,
      backoff: fast.backoff,
      random: () => 0.5,
      concurrency: 2,
      batchFiles: 4,
      until,
    });
    // The first 5 go; the run waits for more instead of ending.
    for (let i = 0; i < 200 && srv.state.files.size < 5; i++) await sleep(10);
    expect(srv.state.files.size).toBe(5);
    const insert = lib.db.prepare('INSERT INTO sync_files (id, sha256, path, role, size_bytes, queued_at) VALUES (@id, @sha256, @path, @role, @size_bytes, @queued_at)');
    for (const row of held.slice(0, 6)) insert.run(row);
    for (let i = 0; i < 200 && srv.state.files.size < 11; i++) await sleep(10);
    expect(srv.state.files.size).toBe(11);
    // The last ones are queued just before the records are done: the run's last look finds them.
    for (const row of held.slice(6)) insert.run(row);
    recordsDone();
    expect(await run).toMatchObject({ sent: 15, remaining: 0, failed: 0, errors: [] });
    expectAllOnServer(lib, srv.state.files, 15);
  });

  it('sends a batch cut mid-way again, and one whose answer was lost, each file stored once', async () => {
    const { srv, lib } = await setup();
    let batches = 0;
    const proxy = await startFaultProxy({
      target: () => ({ host: '127.0.0.1', port: srv.port }),
      seed: 1,
      decide: (n, req) => {
        if (!req.url.endsWith('/files/batch')) return null;
        batches++;
        return batches === 1 ? 'cut-request' : batches === 2 ? 'drop-response' : null;
      },
    });
    cleanup.push(() => proxy.close());
    lib.db.prepare('UPDATE sync_state SET server_url = ?').run(proxy.url);
    const r = await runSync(lib.db, lib.filesDir, fast);
    expect(r.errors).toEqual([]);
    expect(r.files).toEqual({ sent: 15, remaining: 0, deferred: 0, failed: 0 });
    // Cut mid-body (the server saw its headers, stored nothing), stored but the answer lost, then sent again and
    // answered `exists` for all 15.
    expect(batches).toBe(3);
    expect(srv.state.requests.get('POST files/batch')).toBe(3);
    expectAllOnServer(lib, srv.state.files, 15);
  });

  it('parks a file refused in a batch alone, and falls back to one request per file on a server without batches', async () => {
    const { srv, lib } = await setup();
    const paths = lib.db.prepare('SELECT path FROM particle_images ORDER BY import_id, particle_id').pluck().all() as string[];
    expect((await runSync(lib.db, lib.filesDir, { ...fast, maxFiles: 0 })).files).toMatchObject({ remaining: 15 });
    const changed = path.join(lib.filesDir, paths[3]!);
    const bytes = fs.readFileSync(changed);
    fs.writeFileSync(changed, Buffer.from(bytes.map((b) => b ^ 1)));
    const r = await runSync(lib.db, lib.filesDir, fast);
    expect(r.files).toEqual({ sent: 14, remaining: 0, deferred: 0, failed: 1 });
    expect(r.errors).toEqual([`${paths[3]}: refused by the server: the file does not match its SHA-256; it was discarded`]);
    expect(srv.state.requests.get('POST files/batch')).toBe(1);

    // Restored, and the server now lacks the batch endpoint (405): the file goes by PUT.
    fs.writeFileSync(changed, bytes);
    lib.db.prepare("UPDATE sync_files SET status = 'queued' WHERE status = 'failed'").run();
    srv.batchUploads = false;
    const r2 = await runSync(lib.db, lib.filesDir, fast);
    expect(r2).toMatchObject({ errors: [], files: { sent: 1, remaining: 0, failed: 0 } });
    expect(srv.state.requests.get('POST files/batch')).toBe(2);
    expect(srv.state.requests.get('PUT files')).toBe(1);
    expectAllOnServer(lib, srv.state.files, 15);
  });
});
