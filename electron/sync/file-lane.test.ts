import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startFaultProxy } from '../../e2e/support/fault-proxy.js';
import { planApprove } from '../../shared/model/change-event.js';
import { approvalSnapshot } from '../library/change-store.js';
import { migrate } from '../library/migrate.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { FileLane } from './file-lane.js';
import { login } from './login.js';
import { sleep } from './retry.js';
import { runSync, syncStatus } from './run-sync.js';
import { startFakeServer } from './test-support/fake-sync-server.js';
import { act, curator, openLibrary, seedSamples } from './test-support/sync-library.js';

const tempDir = useTempDirs();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const fast = { backoff: { baseMs: 5, maxMs: 20 }, timeoutMs: 2000, tries: 2 };
const ana = curator('Ana');

/** Approved samples (by default 3, with 5 images of 300 B each). */
async function setup(size = { count: 3, imagesPerSample: 5, imageBytes: 300 }) {
  const srv = await startFakeServer();
  cleanup.push(() => srv.stop());
  const lib = openLibrary(tempDir());
  cleanup.push(async () => lib.close());
  const ids = seedSamples(lib, size);
  await login(lib.db, { serverUrl: srv.url, user: 'ana', password: 'pw-ana', device: ana.device });
  act(lib.db, ana, (l, c) => planApprove(l, ids, (id) => approvalSnapshot(lib.db, id), null, c));
  return { srv, lib, ids };
}

const pending = (db: Database.Database) => db.prepare('SELECT sample_id FROM sync_samples WHERE files_pending = 1 ORDER BY sample_id').pluck().all();
const completeOnServer = (files: Map<string, { complete: boolean }>) => [...files.values()].filter((f) => f.complete).length;

describe('the file lane (small files from the record push straight to the uploader)', () => {
  it('sends the images of new records without writing them to sync_files', async () => {
    const { srv, lib } = await setup();
    const r = await runSync(lib.db, lib.filesDir, fast);
    expect(r).toMatchObject({ errors: [], samples: { stored: 3 }, files: { sent: 15, remaining: 0, failed: 0 } });
    expect(completeOnServer(srv.state.files)).toBe(15);
    expect(lib.db.prepare('SELECT count(*) FROM sync_files').pluck().get()).toBe(0);
    expect(pending(lib.db)).toEqual([]);
  });

  it('takes the missing files by hash from a server from before positions, and stops on a position the record lacks', async () => {
    const { srv, lib } = await setup();
    srv.missingByIndex = false;
    const r = await runSync(lib.db, lib.filesDir, fast);
    expect(r).toMatchObject({ errors: [], samples: { stored: 3 }, files: { sent: 15, remaining: 0, failed: 0 } });
    expect(completeOnServer(srv.state.files)).toBe(15);

    const other = await setup();
    other.srv.sampleAnswer = (a) => ({ ...a, missingFileIndexes: [0, 5] });
    const bad = await runSync(other.lib.db, other.lib.filesDir, fast);
    expect(bad.errors.join('\n')).toMatch(/the server's answer names file 5 of sample cs-[0-9a-f]+, whose record lists 5/);
    // Nothing was taken from that answer: no record is remembered as pushed, no file was sent.
    expect(other.lib.db.prepare('SELECT count(*) FROM sync_samples').pluck().get()).toBe(0);
    expect(completeOnServer(other.srv.state.files)).toBe(0);
  });

  it('pushes the records of a run in growing batches (10, then 40, then up to 200) so files start early', async () => {
    const { srv, lib, ids } = await setup({ count: 60, imagesPerSample: 1, imageBytes: 100 });
    const r = await runSync(lib.db, lib.filesDir, fast);
    expect(r).toMatchObject({ errors: [], samples: { stored: 60 }, files: { sent: 60, remaining: 0 } });
    // 10 + 40 + the 10 left: one request of 60 would have kept the files waiting for all 60 records.
    expect(srv.state.requests.get('POST samples')).toBe(3);
    expect([...srv.state.samples.keys()].sort()).toEqual([...ids].sort());
  });

  it('writes the files a run did not reach to sync_files, clears the marks, and the next run sends them without pushing the records again', async () => {
    const { srv, lib } = await setup();
    const r = await runSync(lib.db, lib.filesDir, { ...fast, fileTimeMs: 0 });
    expect(r).toMatchObject({ errors: [], samples: { stored: 3 }, files: { sent: 0, remaining: 15 } });
    expect(pending(lib.db)).toEqual([]);
    expect(syncStatus(lib.db).waiting).toMatchObject({ samples: 0, files: 15 });
    const r2 = await runSync(lib.db, lib.filesDir, fast);
    expect(r2).toMatchObject({ errors: [], samples: { stored: 0, unchanged: 0 }, files: { sent: 15, remaining: 0 } });
    expect(srv.state.requests.get('POST samples')).toBe(1);
    expect(completeOnServer(srv.state.files)).toBe(15);
  });

  it('pushes a record left with files pending (a run killed mid-way) again, and sends what the server still lacks', async () => {
    const { srv, lib, ids } = await setup();
    await runSync(lib.db, lib.filesDir, fast);
    // As a killed run leaves it: the record remembered as pushed with files pending, two of them not on the server.
    const lost = (lib.db.prepare('SELECT sha256 FROM particle_images p JOIN samples s ON s.current_import_id = p.import_id WHERE s.id = ? ORDER BY particle_id LIMIT 2').pluck().all(ids[1]) as string[]);
    for (const h of lost) srv.state.files.delete(h);
    lib.db.prepare('UPDATE sync_samples SET files_pending = 1 WHERE sample_id = ?').run(ids[1]);
    expect(syncStatus(lib.db).waiting.samples).toBe(1);

    const r = await runSync(lib.db, lib.filesDir, fast);
    expect(r).toMatchObject({ errors: [], samples: { stored: 0, unchanged: 1 }, files: { sent: 2, remaining: 0 } });
    expect(lost.every((h) => srv.state.files.get(h)?.complete)).toBe(true);
    expect(pending(lib.db)).toEqual([]);
    expect(srv.state.requests.get('POST samples')).toBe(2);
  });

  it('writes the files of a batch that failed to sync_files to retry later (an image gone from disk stays out of its record)', async () => {
    const { srv, lib } = await setup();
    const paths = lib.db.prepare('SELECT path FROM particle_images ORDER BY import_id, particle_id').pluck().all() as string[];
    const { rmSync } = await import('node:fs');
    rmSync(`${lib.filesDir}/${paths[0]}`);
    // Every batch upload cut mid-body: the link fails for the files, not for the records.
    const proxy = await startFaultProxy({ target: () => ({ host: '127.0.0.1', port: srv.port }), seed: 3, decide: (_n, req) => (req.url.endsWith('/files/batch') ? 'cut-request' : null) });
    cleanup.push(() => proxy.close());
    lib.db.prepare('UPDATE sync_state SET server_url = ?').run(proxy.url);
    const r = await runSync(lib.db, lib.filesDir, fast);
    expect(r.samples).toMatchObject({ stored: 3 });
    expect(r.files.sent).toBe(0);
    // The image missing on disk was left out of its record when it was built (not queued at all).
    expect(r.errors).toContain(`sample ${lib.db.prepare('SELECT sample_id FROM imports WHERE id = (SELECT import_id FROM particle_images WHERE path = ?)').pluck().get(paths[0])}: ${paths[0]}: missing from the library's files`);
    const rows = lib.db.prepare('SELECT status, attempts, last_error IS NOT NULL AS why, next_attempt_at IS NOT NULL AS later FROM sync_files').all() as { status: string; attempts: number; why: number; later: number }[];
    expect(rows).toHaveLength(14);
    expect(rows.every((row) => row.status === 'queued' && row.attempts === 1 && row.why === 1 && row.later === 1)).toBe(true);
    expect(pending(lib.db)).toEqual([]);

    lib.db.prepare('UPDATE sync_state SET server_url = ?').run(srv.url);
    await sleep(60); // past the backoff
    const r2 = await runSync(lib.db, lib.filesDir, fast);
    // From sync_files; the incomplete record goes again (without the missing image) and its files are not sent twice.
    expect(r2).toMatchObject({ samples: { unchanged: 1 }, files: { sent: 14, remaining: 0, failed: 0 } });
    expect(completeOnServer(srv.state.files)).toBe(14);
  });
});

describe('FileLane', () => {
  it('sends a file two records share once, and clears each record once all its files are settled', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db);
    for (const id of ['a', 'b']) {
      db.prepare("INSERT INTO samples (id, name, source, imported_at) VALUES (?, ?, 'cytosense', 'now')").run(id, id);
      db.prepare("INSERT INTO sync_samples (sample_id, import_version, record_sha256, status, pushed_at, files_pending) VALUES (?, 1, ?, 'stored', 'now', 1)").run(id, 'f'.repeat(64));
    }
    const lane = new FileLane(db, (f) => f.size <= 1000);
    const file = (n: number, size = 10) => ({ sha256: String(n).repeat(64).slice(0, 64), path: `images/${n}.jpg`, role: 'image', size });
    expect(lane.offer('a', [file(1), file(2), file(3, 5000)])).toEqual([file(3, 5000)]);
    // b shares file 2 with a: it is not sent twice, and b has nothing of its own left.
    expect(lane.offer('b', [file(2)])).toEqual([]);
    lane.flush();
    expect(pending(db)).toEqual(['a']);
    const first = lane.take()!;
    lane.sent(first);
    lane.flush();
    expect(pending(db)).toEqual(['a']);
    expect(lane.size).toBe(1);
    lane.record(lane.take()!, { status: 'failed', attempts: 1, error: 'gone', nextAttemptAt: null });
    lane.flush();
    expect(pending(db)).toEqual([]);
    expect(db.prepare('SELECT path, status, last_error FROM sync_files').all()).toEqual([{ path: 'images/2.jpg', status: 'failed', last_error: 'gone' }]);
    expect(lane.take()).toBeUndefined();
  });
});
