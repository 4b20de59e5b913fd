import { afterEach, describe, expect, it } from 'vitest';
import { startFaultProxy } from '../../e2e/support/fault-proxy.js';
import { planFlag, targetKey } from '../../shared/model/change-event.js';
import type { WireEvent } from '../../shared/sync/sync-protocol.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { login } from './login.js';
import { runSync, syncStatus } from './run-sync.js';
import { SyncClient } from './sync-client.js';
import { startFakeServer } from './test-support/fake-sync-server.js';
import { act, curator, openLibrary, seedSamples } from './test-support/sync-library.js';

const tempDir = useTempDirs();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const fast = { backoff: { baseMs: 5, maxMs: 20 }, timeoutMs: 2000 };
const ana = curator('Ana');

let n = 0;
function wire(partial: Partial<WireEvent> & Pick<WireEvent, 'action' | 'target' | 'after'>): WireEvent {
  n++;
  return { id: `remote-${n}`, changeset: `remote-cs-${n}`, actor: 'curator-Eva', actorName: 'Eva', device: 'eva-desktop', serverBase: 0, before: null, reason: null, at: '2026-05-20T10:00:00.000Z', undoes: null, ...partial };
}

async function setup() {
  const srv = await startFakeServer({ ana: { password: 'pw-ana', role: 'curator' }, eva: { password: 'pw-eva', role: 'admin' } });
  cleanup.push(() => srv.stop());
  const lib = openLibrary(tempDir());
  cleanup.push(async () => lib.close());
  const ids = seedSamples(lib, { count: 2, imagesPerSample: 1 });
  await login(lib.db, { serverUrl: srv.url, user: 'ana', password: 'pw-ana', device: ana.device });
  const eva = new SyncClient({ serverUrl: srv.url, token: srv.issueToken('eva') });
  cleanup.push(async () => eva.close());
  return { srv, lib, ids, eva };
}

describe('pulling what others changed', () => {
  it('recomputes the abundances of the samples a pulled gating event affects', async () => {
    const { lib, ids, eva } = await setup();
    const s = ids[0]!;
    const results = await eva.pushEvents([
      wire({ action: 'apply-template', target: { sampleId: s, kind: 'template-assignment' }, after: { templateId: 't_1' } }),
      wire({ action: 'set-volume', target: { sampleId: ids[1]!, kind: 'volume' }, after: { volume: { method: 'instrument', dilutionFactor: 2 } } }),
      wire({ action: 'flag', target: { sampleId: ids[1]!, kind: 'flag' }, after: { scheme: 'L20', code: '3', comment: null } }),
    ]);
    expect(results.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const recomputed: string[] = [];
    const r = await runSync(lib.db, lib.filesDir, { ...fast, recompute: (id) => recomputed.push(id) });
    expect(r).toMatchObject({ pulled: 3, errors: [] });
    expect(recomputed.sort()).toEqual([s, ids[1]!].sort());
    // A new version of the template recomputes every local sample that uses it.
    recomputed.length = 0;
    await eva.pushEvents([wire({ action: 'save-template', target: { sampleId: null, kind: 'template', templateId: 't_1' }, after: { template: { id: 't_1', name: 'OSU', version: 1, gates: [], sets: [] } } })]);
    await runSync(lib.db, lib.filesDir, { ...fast, recompute: (id) => recomputed.push(id) });
    expect(recomputed).toEqual([s]);
    expect(lib.db.prepare('SELECT revision, object_id FROM target_state WHERE target_key = ?').get(targetKey({ sampleId: null, kind: 'template', templateId: 't_1' }))).toEqual({ revision: 1, object_id: 't_1' });
    // A recompute that fails is reported; the events stay applied.
    await eva.pushEvents([wire({ action: 'set-volume', target: { sampleId: s, kind: 'volume' }, after: { volume: { method: 'instrument', dilutionFactor: 3 } } })]);
    const bad = await runSync(lib.db, lib.filesDir, {
      ...fast,
      recompute: () => {
        throw new Error('no listmode');
      },
    });
    expect(bad.errors).toEqual([`abundances of sample ${s} were not recomputed: no listmode`]);
    expect(lib.db.prepare("SELECT count(*) FROM change_events WHERE target_kind = 'volume'").pluck().get()).toBe(2);
  });

  it('holds an event this version cannot apply (an unknown action), with the reason, and applies the others', async () => {
    const { lib, ids, eva } = await setup();
    await eva.pushEvents([
      wire({ action: 'measure-moon', target: { sampleId: null, kind: 'moon-phase', entryId: 'e1' }, after: { value: 1 } }),
      wire({ action: 'flag', target: { sampleId: ids[0]!, kind: 'flag' }, after: { scheme: 'L20', code: '3', comment: null } }),
    ]);
    const r = await runSync(lib.db, lib.filesDir, fast);
    expect(r).toMatchObject({ pulled: 2, errors: [] });
    expect(lib.db.prepare('SELECT reason, detail FROM sync_held_events').all()).toEqual([
      { reason: 'unsupported', detail: 'this version of CytoCurator does not know action "measure-moon"; update CytoCurator' },
    ]);
    expect(lib.db.prepare('SELECT flag_code FROM samples WHERE id = ?').pluck().get(ids[0])).toBe('3');
    expect(syncStatus(lib.db)).toMatchObject({ unsupported: 1 });
    expect(lib.db.prepare('SELECT pull_cursor FROM sync_state').pluck().get()).toBe(2);
  });

  it('loses nothing and applies nothing twice when the push answer is lost: the pull or the next push confirms it', async () => {
    const { srv, lib, ids } = await setup();
    let drop = true;
    const proxy = await startFaultProxy({ target: () => ({ host: '127.0.0.1', port: srv.port }), seed: 7, decide: (_n, req) => (drop && req.method === 'POST' && req.url.endsWith('/events') ? 'drop-response' : null) });
    cleanup.push(() => proxy.close());
    lib.db.prepare('UPDATE sync_state SET server_url = ?').run(proxy.url);
    act(lib.db, ana, (l, c) => planFlag(l, { sampleIds: [ids[0]!], flag: { scheme: 'L20', code: '3' }, comment: null }, c));
    const r = await runSync(lib.db, lib.filesDir, { ...fast, tries: 1 });
    expect(r).toMatchObject({ pushed: 0, remaining: 1, online: false });
    expect(srv.state.log).toHaveLength(1);
    // The next push is answered 503 but the pull works: the pulled event is recognised as ours and marked sent.
    drop = false;
    srv.intercept = (route) => (route === 'POST events' ? 503 : null);
    const r2 = await runSync(lib.db, lib.filesDir, { ...fast, tries: 1 });
    expect(r2).toMatchObject({ pushed: 0, pulled: 0, remaining: 0 });
    expect(lib.db.prepare('SELECT server_seq, server_revision FROM outbox').get()).toEqual({ server_seq: 1, server_revision: 1 });
    expect(lib.db.prepare('SELECT count(*) FROM change_events').pluck().get()).toBe(1);
    // A second event of the same target, after a lost answer again, is confirmed by the push itself (duplicate).
    srv.intercept = null;
    drop = true;
    act(lib.db, ana, (l, c) => planFlag(l, { sampleIds: [ids[0]!], flag: { scheme: 'L20', code: '4' }, comment: null }, c));
    await runSync(lib.db, lib.filesDir, { ...fast, tries: 1 });
    drop = false;
    const r3 = await runSync(lib.db, lib.filesDir, fast);
    expect(r3).toMatchObject({ pushed: 1, remaining: 0, conflicts: 0 });
    expect(srv.state.log.map((e) => [e.serverRevision, e.event.serverBase])).toEqual([
      [1, 0],
      [2, 1],
    ]);
  });
});
