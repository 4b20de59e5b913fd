import { afterEach, describe, expect, it } from 'vitest';
import { planComment, planFlag } from '../../shared/model/change-event.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { login } from './login.js';
import { retryRefused } from './outbox-queue.js';
import { runSync, syncStatus } from './run-sync.js';
import type { FakeSyncServer } from './test-support/fake-sync-server.js';
import { startFakeServer } from './test-support/fake-sync-server.js';
import { act, curator, openLibrary, seedSamples } from './test-support/sync-library.js';

const tempDir = useTempDirs();
const servers: FakeSyncServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
});

const fast = { backoff: { baseMs: 5, maxMs: 20 }, timeoutMs: 2000 };
const ana = curator('Ana');
const flag = (code: string) => ({ scheme: 'L20' as const, code });

async function setup() {
  const srv = await startFakeServer({ ana: { password: 'pw-ana', role: 'curator' } });
  servers.push(srv);
  const lib = openLibrary(tempDir());
  const ids = seedSamples(lib, { count: 3, imagesPerSample: 1 });
  await login(lib.db, { serverUrl: srv.url, user: 'ana', password: 'pw-ana', device: ana.device });
  return { srv, lib, ids };
}

describe('refused events', () => {
  it('parks an event the server refuses (a revoked role) with the reason, and later events still flow', async () => {
    const { srv, lib, ids } = await setup();
    act(lib.db, ana, (l, c) => planFlag(l, { sampleIds: [ids[0]!], flag: flag('3'), comment: null }, c));
    expect(await runSync(lib.db, lib.filesDir, fast)).toMatchObject({ pushed: 1 });

    // The admin makes Ana a reader: her next events are refused one by one, with the reason.
    srv.state.accounts.get('ana')!.role = 'reader';
    act(lib.db, ana, (l, c) => planFlag(l, { sampleIds: [ids[0]!], flag: flag('4'), comment: null }, c));
    act(lib.db, ana, (l, c) => planComment(l, [ids[1]!], 'odd volume', c));
    const r = await runSync(lib.db, lib.filesDir, fast);
    expect(r).toMatchObject({ pushed: 0, parked: 2, remaining: 0, conflicts: 0 });
    expect(r.errors).toContain('refused by the server: ana is a reader and may not flag');
    const parked = lib.db.prepare('SELECT parked, parked_reason FROM outbox WHERE sent_at IS NULL ORDER BY seq').all();
    expect(parked).toEqual([
      { parked: 'refused', parked_reason: 'ana is a reader and may not flag' },
      { parked: 'refused', parked_reason: 'ana is a reader and may not comment' },
    ]);
    expect(syncStatus(lib.db)).toMatchObject({ parked: { refused: 2 }, refusals: [{ reason: 'ana is a reader and may not comment' }, { reason: 'ana is a reader and may not flag' }] });

    // The role is restored: a new event on another target flows at once; one on the refused target waits behind it.
    srv.state.accounts.get('ana')!.role = 'curator';
    act(lib.db, ana, (l, c) => planFlag(l, { sampleIds: [ids[2]!], flag: flag('1'), comment: null }, c));
    act(lib.db, ana, (l, c) => planFlag(l, { sampleIds: [ids[0]!], flag: flag('9'), comment: null }, c));
    const r2 = await runSync(lib.db, lib.filesDir, fast);
    expect(r2).toMatchObject({ pushed: 1, parked: 2, remaining: 1 });
    expect(srv.state.log.at(-1)!.event.target.sampleId).toBe(ids[2]);

    // Never dropped: put back in the queue, they all go, in order.
    expect(retryRefused(lib.db)).toBe(2);
    const r3 = await runSync(lib.db, lib.filesDir, fast);
    expect(r3).toMatchObject({ pushed: 3, parked: 0, remaining: 0 });
    expect(srv.state.log.slice(-3).map((e) => [e.event.action, e.serverRevision])).toEqual([
      ['flag', 2],
      ['comment', 1],
      ['flag', 3],
    ]);
    lib.close();
  });

  it('parks everything a reader token pushes when the server refuses the request as a whole (403)', async () => {
    const { srv, lib, ids } = await setup();
    srv.intercept = (route) => (route === 'POST events' ? 403 : null);
    act(lib.db, ana, (l, c) => planFlag(l, { sampleIds: ids, flag: flag('3'), comment: null }, c));
    const r = await runSync(lib.db, lib.filesDir, fast);
    expect(r).toMatchObject({ pushed: 0, parked: 3, remaining: 0 });
    expect(r.errors[0]).toBe('refused by the server: forced 403');
    lib.close();
  });

  it('finds the one event of a batch the server refuses as a whole (400), parks it with the reason, and sends the others', async () => {
    const { srv, lib, ids } = await setup();
    act(lib.db, ana, (l, c) => planFlag(l, { sampleIds: ids, flag: flag('3'), comment: null }, c));
    const bad = lib.db.prepare('SELECT id FROM change_events ORDER BY seq LIMIT 1 OFFSET 1').pluck().get() as string;
    srv.refuseBatch = (events) => (events.some((e) => e.id === bad) ? `event ${bad}: after.code is not a valid value` : null);
    const r = await runSync(lib.db, lib.filesDir, fast);
    expect(r).toMatchObject({ pushed: 2, parked: 1, remaining: 0 });
    expect(r.errors).toEqual([`refused by the server: event ${bad}: after.code is not a valid value`]);
    expect(srv.state.log.map((e) => e.event.target.sampleId)).toEqual([ids[0], ids[2]]);
    // 1 batch of 3 refused, halves of 2 (refused) and 1 (sent), then 1 and 1.
    expect(srv.state.requests.get('POST events')).toBe(5);
    lib.close();
  });

  it('parks an event that cannot be sent at all (a reason longer than the protocol allows) without asking the server', async () => {
    const { srv, lib, ids } = await setup();
    act(lib.db, ana, (l, c) => planFlag(l, { sampleIds: [ids[0]!], flag: flag('3'), comment: 'x'.repeat(5000) }, c));
    act(lib.db, ana, (l, c) => planFlag(l, { sampleIds: [ids[1]!], flag: flag('3'), comment: null }, c));
    const r = await runSync(lib.db, lib.filesDir, fast);
    expect(r).toMatchObject({ pushed: 1, parked: 1, remaining: 0 });
    expect(r.errors).toEqual([expect.stringMatching(/^the event cannot be sent: reason .*4000/)]);
    expect(srv.state.log.map((e) => e.event.target.sampleId)).toEqual([ids[1]]);
    lib.close();
  });
});
