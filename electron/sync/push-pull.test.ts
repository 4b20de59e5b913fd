import { afterEach, describe, expect, it } from 'vitest';
import { planApprove, planComment, planFlag, targetKey } from '../../shared/model/change-event.js';
import { approvalSnapshot, sampleAudit } from '../library/change-store.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { login } from './login.js';
import { runSync, syncStatus } from './run-sync.js';
import type { FakeSyncServer } from './test-support/fake-sync-server.js';
import { startFakeServer } from './test-support/fake-sync-server.js';
import { act, curator, openLibrary, seedSamples } from './test-support/sync-library.js';

const tempDir = useTempDirs();
const servers: FakeSyncServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
});

async function server() {
  const s = await startFakeServer({ ana: { password: 'pw-ana', role: 'curator' }, ben: { password: 'pw-ben', role: 'curator' } });
  servers.push(s);
  return s;
}

const fast = { backoff: { baseMs: 5, maxMs: 20 }, timeoutMs: 2000 };
const ana = curator('Ana');
const ben = curator('Ben');

describe('push and pull', () => {
  it('pushes the outbox in order, records server revisions, and another library pulls and applies it', async () => {
    const srv = await server();
    const a = openLibrary(tempDir());
    const b = openLibrary(tempDir());
    const ids = seedSamples(a, { count: 3, imagesPerSample: 2 });
    seedSamples(b, { count: 3, imagesPerSample: 2 });
    await login(a.db, { serverUrl: `${srv.url}/`, user: 'ana', password: 'pw-ana', device: ana.device });
    await login(b.db, { serverUrl: srv.url, user: 'ben', password: 'pw-ben', device: ben.device });

    act(a.db, ana, (l, c) => planFlag(l, { sampleIds: [ids[0]!], flag: { scheme: 'L20', code: '3' }, comment: 'bubbles' }, c));
    act(a.db, ana, (l, c) => planFlag(l, { sampleIds: [ids[0]!], flag: { scheme: 'L20', code: '4' }, comment: 'bubbles, worse' }, c));
    act(a.db, ana, (l, c) => planComment(l, [ids[1]!], 'check the volume', c));
    act(a.db, ana, (l, c) => planApprove(l, [ids[2]!], (id) => approvalSnapshot(a.db, id), null, c));

    const r = await runSync(a.db, a.filesDir, fast);
    expect(r.errors).toEqual([]);
    // 4 events; the two flags of one target travel in two pushes (the second is made against the first).
    expect(r).toMatchObject({ pushed: 4, parked: 0, conflicts: 0, remaining: 0, online: true, samples: { stored: 1, unchanged: 0, refused: 0 } });
    expect(r.files).toEqual({ sent: 2, remaining: 0, deferred: 0, failed: 0 });
    expect(srv.state.log.map((e) => [e.event.action, e.event.serverBase, e.serverRevision])).toEqual([
      ['flag', 0, 1],
      ['comment', 0, 1],
      ['approve', 0, 1],
      ['flag', 1, 2],
    ]);
    expect(srv.state.requests.get('POST events')).toBe(2);
    expect(a.db.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL').pluck().get()).toBe(0);
    expect(a.db.prepare('SELECT server_revision FROM sync_targets WHERE target_key = ?').pluck().get(targetKey({ sampleId: ids[0]!, kind: 'flag' }))).toBe(2);
    // Only the approved sample's record and its two images went.
    expect([...srv.state.samples.keys()]).toEqual([ids[2]]);
    expect(srv.state.files.size).toBe(2);

    // A second sync sends nothing again.
    const again = await runSync(a.db, a.filesDir, fast);
    expect(again).toMatchObject({ pushed: 0, pulled: 0, samples: { stored: 0, unchanged: 0 }, files: { sent: 0 } });
    expect(srv.state.log.length).toBe(4);

    const rb = await runSync(b.db, b.filesDir, fast);
    expect(rb.errors).toEqual([]);
    expect(rb).toMatchObject({ pushed: 0, pulled: 4, conflicts: 0 });
    expect(rb.changedSamples.sort()).toEqual([...ids].sort());
    const s0 = b.db.prepare('SELECT flag_code, comment, review_state, reviewer FROM samples WHERE id = ?');
    expect(s0.get(ids[0])).toMatchObject({ flag_code: '4' });
    expect(s0.get(ids[1])).toMatchObject({ comment: 'check the volume' });
    expect(s0.get(ids[2])).toMatchObject({ review_state: 'approved', reviewer: 'Ana' });
    // The audit of B shows Ana's events under their own ids, and nothing was queued to go back.
    const audit = sampleAudit(b.db, ids[0]!);
    expect(audit.map((e) => [e.actorName, e.after && (e.after as { code: string }).code, e.baseRevision])).toEqual([
      ['Ana', '3', 0],
      ['Ana', '4', 1],
    ]);
    expect(b.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    expect(syncStatus(b.db)).toMatchObject({ configured: true, online: true, user: 'ben', role: 'curator', waiting: { events: 0 }, openConflicts: 0 });
    // B now flags on top of Ana's revision: no conflict, serverBase 2.
    act(b.db, ben, (l, c) => planFlag(l, { sampleIds: [ids[0]!], flag: { scheme: 'L20', code: '1' }, comment: null }, c));
    const rb2 = await runSync(b.db, b.filesDir, fast);
    expect(rb2).toMatchObject({ pushed: 1, conflicts: 0 });
    expect(srv.state.log.at(-1)).toMatchObject({ serverRevision: 3, event: { serverBase: 2, actorName: 'Ben' } });
    const ra2 = await runSync(a.db, a.filesDir, fast);
    expect(ra2).toMatchObject({ pulled: 1 });
    expect(a.db.prepare('SELECT flag_code FROM samples WHERE id = ?').pluck().get(ids[0])).toBe('1');
    a.close();
    b.close();
  });

  it('refuses to sync without a login, and reports an unreachable server as offline with everything kept', async () => {
    const srv = await server();
    const a = openLibrary(tempDir());
    const ids = seedSamples(a, { count: 1, imagesPerSample: 1 });
    await expect(runSync(a.db, a.filesDir, fast)).rejects.toThrow(/not connected to a sync server/);
    await login(a.db, { serverUrl: srv.url, user: 'ana', password: 'pw-ana', device: ana.device });
    await expect(login(a.db, { serverUrl: srv.url, user: 'ana', password: 'wrong', device: ana.device })).rejects.toThrow(/refused the login: wrong user name or password/);
    act(a.db, ana, (l, c) => planFlag(l, { sampleIds: ids, flag: { scheme: 'L20', code: '3' }, comment: null }, c));
    await srv.stop();
    const r = await runSync(a.db, a.filesDir, { ...fast, tries: 2 });
    expect(r.online).toBe(false);
    expect(r.pushed).toBe(0);
    expect(r.remaining).toBe(1);
    expect(r.errors[0]).toMatch(/^sending changes: the server refused the connection/);
    expect(a.db.prepare('SELECT attempts, last_error IS NOT NULL AS err, next_attempt_at IS NOT NULL AS later FROM outbox').get()).toEqual({ attempts: 1, err: 1, later: 1 });
    expect(syncStatus(a.db)).toMatchObject({ online: false, waiting: { events: 1 } });
    await srv.start();
    const r2 = await runSync(a.db, a.filesDir, fast);
    expect(r2).toMatchObject({ pushed: 1, remaining: 0, online: true });
    a.close();
  });
});
