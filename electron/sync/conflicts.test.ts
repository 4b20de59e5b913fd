import { afterEach, describe, expect, it } from 'vitest';
import { planFlag } from '../../shared/model/change-event.js';
import { sampleAudit } from '../library/change-store.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { listConflicts, resolveConflict } from './conflicts.js';
import { login } from './login.js';
import { runSync } from './run-sync.js';
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
const ben = curator('Ben');

const flag = (code: string) => ({ scheme: 'L20' as const, code });

/** Two libraries of the same samples, both logged in, both in sync; then each edits offline. */
async function twoClients() {
  const srv = await startFakeServer({ ana: { password: 'pw-ana', role: 'curator' }, ben: { password: 'pw-ben', role: 'curator' } });
  servers.push(srv);
  const a = openLibrary(tempDir());
  const b = openLibrary(tempDir());
  const ids = seedSamples(a, { count: 2, imagesPerSample: 1 });
  seedSamples(b, { count: 2, imagesPerSample: 1 });
  await login(a.db, { serverUrl: srv.url, user: 'ana', password: 'pw-ana', device: ana.device });
  await login(b.db, { serverUrl: srv.url, user: 'ben', password: 'pw-ben', device: ben.device });
  const s = ids[0]!;
  // Offline: both flag the sample itself (same target), and each flags a different group's value (different targets).
  act(a.db, ana, (l, c) => planFlag(l, { sampleIds: [s], flag: flag('3'), comment: 'bubbles' }, c));
  act(a.db, ana, (l, c) => planFlag(l, { sampleIds: [s], flag: flag('2'), comment: null, group: 'Synechococcus' }, c));
  act(b.db, ben, (l, c) => planFlag(l, { sampleIds: [s], flag: flag('4'), comment: 'clogged' }, c));
  act(b.db, ben, (l, c) => planFlag(l, { sampleIds: [s], flag: flag('1'), comment: null, group: 'Picoeukaryotes' }, c));
  return { srv, a, b, s, ids };
}

describe('conflicts between two libraries', () => {
  it('raises exactly one conflict, for the same flag, with both versions; "theirs" keeps both in the audits and the server log', async () => {
    const { srv, a, b, s } = await twoClients();
    const ra = await runSync(a.db, a.filesDir, fast);
    expect(ra).toMatchObject({ pushed: 2, conflicts: 0 });
    const rb = await runSync(b.db, b.filesDir, fast);
    // Ben's group flag went; his sample flag met Ana's: one conflict, his event parked, Ana's events pulled.
    expect(rb).toMatchObject({ pushed: 1, parked: 1, conflicts: 1, remaining: 0 });
    expect(rb.errors).toEqual([]);
    const open = listConflicts(b.db);
    expect(open).toHaveLength(1);
    const c = open[0]!;
    expect(c).toMatchObject({
      target: { sampleId: s, kind: 'flag' },
      label: `the flag of sample ${s}`,
      mine: { summary: 'L20 4', actorName: 'Ben', value: { code: '4', comment: 'clogged' } },
      theirs: { summary: 'L20 3', actorName: 'Ana', actor: ana.id, value: { code: '3', comment: 'bubbles' }, revision: 1 },
      detectedBy: 'push',
      status: 'open',
      ready: true,
    });
    // Unrelated events flowed: Ana's group flag is applied at Ben's, and Ben's group flag is on the server.
    expect(b.db.prepare("SELECT count(*) FROM target_state WHERE sample_id = ? AND target_kind = 'value-flag'").pluck().get(s)).toBe(2);
    expect(srv.state.log.map((e) => e.event.target.group ?? e.event.target.kind)).toEqual(['flag', 'Synechococcus', 'Picoeukaryotes']);
    // Until the choice, Ben's library keeps his value.
    expect(b.db.prepare('SELECT flag_code FROM samples WHERE id = ?').pluck().get(s)).toBe('4');

    // Ana's sync meanwhile: no conflict at her side (the server took hers), she gets Ben's group flag.
    const ra2 = await runSync(a.db, a.filesDir, fast);
    expect(ra2).toMatchObject({ conflicts: 0, pulled: 1 });

    const resolved = resolveConflict(b.db, c.id, 'theirs', ben);
    expect(resolved).toMatchObject({ choice: 'theirs', applied: 1, superseded: 1, eventId: null });
    expect(b.db.prepare('SELECT flag_code FROM samples WHERE id = ?').pluck().get(s)).toBe('3');
    expect(listConflicts(b.db)).toEqual([]);
    expect(listConflicts(b.db, { all: true })[0]).toMatchObject({ status: 'resolved', resolution: 'theirs', resolvedBy: 'Ben', mine: { summary: 'L20 4' } });
    const rb2 = await runSync(b.db, b.filesDir, fast);
    expect(rb2).toMatchObject({ pushed: 1, parked: 0, conflicts: 0, remaining: 0 });
    // The server's log holds Ben's version, superseded; its value stays Ana's.
    expect(srv.state.log.at(-1)).toMatchObject({ superseded: true, event: { resolution: 'superseded', after: { code: '4' } } });
    // Both versions in Ben's audit: his own, then Ana's applied on top.
    const flags = sampleAudit(b.db, s).filter((e) => e.target.kind === 'flag');
    expect(flags.map((e) => [e.actorName, (e.after as { code: string }).code])).toEqual([
      ['Ben', '4'],
      ['Ana', '3'],
    ]);
    // Ana pulls nothing that changes her flag (the superseded event is not applied).
    await runSync(a.db, a.filesDir, fast);
    expect(a.db.prepare('SELECT flag_code FROM samples WHERE id = ?').pluck().get(s)).toBe('3');
    a.close();
    b.close();
  });

  it('"mine" applies the server version, then restores mine on top of it with a reason, and the other library follows', async () => {
    const { srv, a, b, s } = await twoClients();
    await runSync(a.db, a.filesDir, fast);
    await runSync(b.db, b.filesDir, fast);
    const [c] = listConflicts(b.db);
    const resolved = resolveConflict(b.db, c!.id, 'mine', ben);
    expect(resolved).toMatchObject({ choice: 'mine', applied: 1, superseded: 1 });
    expect(resolved.eventId).toEqual(expect.any(String));
    expect(b.db.prepare('SELECT flag_code FROM samples WHERE id = ?').pluck().get(s)).toBe('4');
    const rb = await runSync(b.db, b.filesDir, fast);
    expect(rb).toMatchObject({ pushed: 2, conflicts: 0, remaining: 0, parked: 0 });
    // Superseded original, then the restoring event made against revision 1.
    expect(srv.state.log.slice(-2).map((e) => [e.superseded, e.event.serverBase, (e.event.after as { code: string }).code, e.event.reason])).toEqual([
      [true, 1, '4', 'clogged'],
      [false, 1, '4', "conflict resolved: kept L20 4 over Ana's L20 3"],
    ]);
    const flags = sampleAudit(b.db, s).filter((e) => e.target.kind === 'flag');
    expect(flags.map((e) => [e.actorName, (e.after as { code: string }).code])).toEqual([
      ['Ben', '4'],
      ['Ana', '3'],
      ['Ben', '4'],
    ]);
    const ra = await runSync(a.db, a.filesDir, fast);
    expect(ra.conflicts).toBe(0);
    expect(a.db.prepare('SELECT flag_code FROM samples WHERE id = ?').pluck().get(s)).toBe('4');
    expect(sampleAudit(a.db, s).filter((e) => e.target.kind === 'flag').map((e) => [e.actorName, (e.after as { code: string }).code])).toEqual([
      ['Ana', '3'],
      ['Ben', '4'],
    ]);
    a.close();
    b.close();
  });

  it('detects a conflict at pull when a local change waits, holds the server event, and later local edits wait behind it', async () => {
    const { a, b, s } = await twoClients();
    await runSync(a.db, a.filesDir, fast);
    // Ben's push fails (server refuses his events for now) but his pull works: the conflict is found at pull.
    const srv = servers[0]!;
    srv.intercept = (route) => (route === 'POST events' ? 503 : null);
    const rb = await runSync(b.db, b.filesDir, { ...fast, tries: 1 });
    expect(rb.errors[0]).toMatch(/^sending changes: the server answered 503/);
    expect(rb.conflicts).toBe(1);
    expect(listConflicts(b.db)[0]).toMatchObject({ detectedBy: 'pull', ready: true, theirs: { summary: 'L20 3' } });
    // The run stops at a server fault; the next run (server fine again) pushes and pulls.
    srv.intercept = null;
    // Before pushing, Ben edits the same flag again: it waits behind his first.
    act(b.db, ben, (l, c) => planFlag(l, { sampleIds: [s], flag: flag('9'), comment: 'missing' }, c));
    const rb2 = await runSync(b.db, b.filesDir, fast);
    expect(rb2).toMatchObject({ conflicts: 1, parked: 1, remaining: 1 });
    const [c] = listConflicts(b.db);
    expect(c).toMatchObject({ mine: { summary: 'L20 9' }, theirs: { summary: 'L20 3' }, ready: true });
    const r = resolveConflict(b.db, c!.id, 'theirs', ben);
    expect(r.superseded).toBe(2);
    const rb3 = await runSync(b.db, b.filesDir, fast);
    expect(rb3).toMatchObject({ pushed: 2, remaining: 0, parked: 0, conflicts: 0 });
    a.close();
    b.close();
  });

  it('refuses to resolve before the server version arrived or twice, and settles identical versions without asking', async () => {
    const { a, b, s } = await twoClients();
    expect(() => resolveConflict(b.db, 99, 'mine', ben)).toThrow(/no conflict 99/);
    await runSync(a.db, a.filesDir, fast);
    // Ben's push meets Ana's version but his pull fails: the conflict is known, the server's event not yet here.
    servers[0]!.intercept = (route) => (route === 'GET events' ? 503 : null);
    const first = await runSync(b.db, b.filesDir, { ...fast, tries: 1 });
    expect(first.errors).toEqual([expect.stringMatching(/^receiving changes: the server answered 503/)]);
    const [c] = listConflicts(b.db);
    expect(c).toMatchObject({ detectedBy: 'push', ready: false });
    expect(() => resolveConflict(b.db, c!.id, 'theirs', ben)).toThrow(/has not arrived yet: sync once more/);
    servers[0]!.intercept = null;
    await runSync(b.db, b.filesDir, fast);
    expect(listConflicts(b.db)[0]).toMatchObject({ id: c!.id, ready: true });
    resolveConflict(b.db, c!.id, 'theirs', ben);
    expect(() => resolveConflict(b.db, c!.id, 'mine', ben)).toThrow(/already resolved/);
    // Both set the same value offline: recorded, then settled as "theirs" with nothing lost.
    act(a.db, ana, (l, c2) => planFlag(l, { sampleIds: [s], flag: flag('1'), comment: null }, c2));
    await runSync(b.db, b.filesDir, fast);
    act(b.db, ben, (l, c2) => planFlag(l, { sampleIds: [s], flag: flag('1'), comment: null }, c2));
    await runSync(a.db, a.filesDir, fast);
    const rb = await runSync(b.db, b.filesDir, fast);
    expect(rb.conflicts).toBe(0);
    expect(listConflicts(b.db, { all: true }).at(-1)).toMatchObject({ status: 'resolved', resolution: 'theirs', resolvedBy: 'automatic: both versions were the same' });
    a.close();
    b.close();
  });
});
