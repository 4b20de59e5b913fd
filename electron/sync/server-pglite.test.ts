// Smoke test of the client against the institute server on its embedded default (PGlite in a folder).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planApprove, planFlag } from '../../shared/model/change-event.js';
import { approvalSnapshot } from '../library/change-store.js';
import { FileStore } from '../../server/store/file-store.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { login } from './login.js';
import { runSync, syncStatus } from './run-sync.js';
import { startRealServer } from './test-support/real-server.js';
import { act, curator, openLibrary, seedSamples } from './test-support/sync-library.js';

const tempDir = useTempDirs();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
}, 60_000);

const PASSWORD = 'correct horse battery';
const fast = { backoff: { baseMs: 5, maxMs: 50 }, timeoutMs: 5000 };

describe('sync with the institute server on PGlite (smoke)', () => {
  it('pushes changes, an approved sample and its files in chunks; another library pulls the changes', async () => {
    const srv = await startRealServer({ database: 'pglite' });
    cleanup.push(() => srv.close());
    await srv.addUser('ana', 'curator', PASSWORD);
    await srv.addUser('ben', 'curator', PASSWORD);
    const ana = curator('Ana');
    const a = openLibrary(tempDir());
    const b = openLibrary(tempDir());
    cleanup.push(async () => {
      a.close();
      b.close();
    });
    const ids = seedSamples(a, { count: 2, imagesPerSample: 2, imageBytes: 5000, sourceRole: 'pulses', sourceBytes: 9000 });
    seedSamples(b, { count: 2, imagesPerSample: 2, imageBytes: 5000 });
    await login(a.db, { serverUrl: srv.url, user: 'ana', password: PASSWORD, device: ana.device });
    await login(b.db, { serverUrl: srv.url, user: 'ben', password: PASSWORD, device: 'ben-laptop' });
    act(a.db, ana, (l, c) => planFlag(l, { sampleIds: [ids[1]!], flag: { scheme: 'L20', code: '4' }, comment: 'clogged' }, c));
    act(a.db, ana, (l, c) => planApprove(l, [ids[0]!], (id) => approvalSnapshot(a.db, id), 'looks fine', c));

    const r = await runSync(a.db, a.filesDir, { ...fast, chunkBytes: 4096 });
    expect(r).toMatchObject({ pushed: 2, errors: [], samples: { stored: 1 }, files: { sent: 3, remaining: 0, failed: 0 } });
    const stored = await srv.db.query<{ sha256: string; size: number; storage_path: string }>('SELECT sha256, size::int AS size, storage_path FROM stored_files ORDER BY size');
    expect(stored.map((f) => f.size)).toEqual([5000, 5000, 9000]);
    const pulses = a.db.prepare("SELECT stored_path FROM import_files WHERE role = 'pulses' AND import_id = (SELECT current_import_id FROM samples WHERE id = ?)").pluck().get(ids[0]) as string;
    // The source export came in chunks (a file of its own), the images in a batch (a pack): both read back whole.
    expect(stored[2]!.storage_path).toMatch(/^files\//);
    expect((await new FileStore(srv.db, srv.dataDir).read(stored[2]!.sha256))?.equals(fs.readFileSync(path.join(a.filesDir, pulses)))).toBe(true);
    expect((await srv.db.query<{ id: string }>('SELECT id FROM samples')).map((s) => s.id)).toEqual([ids[0]]);

    const rb = await runSync(b.db, b.filesDir, fast);
    expect(rb).toMatchObject({ pulled: 2, pushed: 0, conflicts: 0, errors: [] });
    expect(b.db.prepare('SELECT id, flag_code, review_state, reviewer FROM samples ORDER BY id').all()).toEqual([
      { id: ids[0], flag_code: null, review_state: 'approved', reviewer: 'Ana' },
      { id: ids[1], flag_code: '4', review_state: 'unreviewed', reviewer: null },
    ]);
    expect(syncStatus(b.db)).toMatchObject({ online: true, waiting: { events: 0 }, openConflicts: 0, parked: { refused: 0 } });
    expect(await runSync(a.db, a.filesDir, fast)).toMatchObject({ pushed: 0, pulled: 0, samples: { stored: 0, unchanged: 0 }, files: { sent: 0 } });
  }, 60_000);
});
