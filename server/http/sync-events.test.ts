import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullEventsResponse, PushEventsResponse, PushResult, WireEvent } from '../../shared/sync/sync-protocol.js';
import type { SqlDriver } from '../db/sql-driver.js';
import { pullEvents } from '../store/pull-events.js';
import { pushEvents } from '../store/push-events.js';
import { findUser } from '../store/accounts.js';
import { useTestDatabase } from '../test-support/postgres.js';
import type { TestServer } from '../test-support/sync-fixtures.js';
import { api, approveEvent, datasetEvent, datasetMetadata, flagEvent, startTestServer, unapproveEvent } from '../test-support/sync-fixtures.js';

describe('push and pull of change events (PostgreSQL)', () => {
  const db = useTestDatabase();
  let server: TestServer;
  let ana: string; // curator on laptop-a
  let ben: string; // curator on laptop-b
  let tom: string; // technician

  beforeAll(async () => {
    server = await startTestServer(db().driver);
    ana = await server.userToken('ana', 'curator', 'laptop-a');
    ben = await server.userToken('ben', 'curator', 'laptop-b');
    tom = await server.userToken('tom', 'technician', 'lab-pc');
  });
  afterAll(() => server.close());

  const push = async (token: string, events: WireEvent[]): Promise<PushResult[]> => {
    const res = await api(server.url, 'POST', '/events', token, { events });
    expect(res.status).toBe(200);
    return (res.body as PushEventsResponse).results;
  };
  const pullAll = async (token: string, after = 0, limit = 1000): Promise<PullEventsResponse> => {
    const res = await api(server.url, 'GET', `/events?after=${after}&limit=${limit}`, token);
    expect(res.status).toBe(200);
    return res.body as PullEventsResponse;
  };
  const count = async (sql: string, params: unknown[] = []) => (await db().driver.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;

  it('applies events in order, and pulls them back in server order with the revision each produced', async () => {
    const a1 = flagEvent({ sampleId: 'p-1', device: 'laptop-a' });
    const a2 = flagEvent({ sampleId: 'p-1', device: 'laptop-a', serverBase: 1, after: { scheme: 'L20', code: '4', comment: 'bubbles' } });
    const a3 = flagEvent({ sampleId: 'p-2', device: 'laptop-a' });
    const results = await push(ana, [a1, a2, a3]);
    expect(results.map((r) => [r.id, r.status, r.serverRevision])).toEqual([
      [a1.id, 'applied', 1],
      [a2.id, 'applied', 2],
      [a3.id, 'applied', 1],
    ]);
    expect(results[1]!.serverSeq).toBeGreaterThan(results[0]!.serverSeq!);
    expect(results[2]!.serverSeq).toBeGreaterThan(results[1]!.serverSeq!);

    const after = results[0]!.serverSeq! - 1;
    const page1 = await pullAll(ben, after, 2);
    expect(page1.events.map((e) => [e.event.id, e.serverRevision])).toEqual([
      [a1.id, 1],
      [a2.id, 2],
    ]);
    expect(page1.more).toBe(true);
    expect(page1.last).toBe(results[1]!.serverSeq);
    const page2 = await pullAll(ben, page1.last, 2);
    expect(page2.events.map((e) => e.event.id)).toEqual([a3.id]);
    expect(page2.last).toBe(results[2]!.serverSeq);
    // The pulled event is the event as sent, serverBase included.
    expect(page1.events[1]!.event).toEqual(a2);
    const empty = await pullAll(ben, page2.last);
    expect(empty).toEqual({ events: [], last: page2.last, more: false });
    // A page also stops at its byte budget, with at least one event in it.
    const sizes = await db().driver.query<{ bytes: number }>('SELECT octet_length(event::text) AS bytes FROM events WHERE server_seq > $1 ORDER BY server_seq LIMIT 3', [after]);
    const byBytes = await pullEvents(db().driver, after, 100, sizes[0]!.bytes + sizes[1]!.bytes + sizes[2]!.bytes - 1);
    expect([byBytes.events.length, byBytes.more, byBytes.last]).toEqual([2, true, results[1]!.serverSeq]);
    expect((await pullEvents(db().driver, after, 100, 1)).events.map((e) => e.event.id)).toEqual([a1.id]);

    const flags = await db().driver.query('SELECT sample_id, group_name, scheme, code, comment, event_id FROM sample_flags WHERE sample_id = $1', ['p-1']);
    expect(flags).toEqual([{ sample_id: 'p-1', group_name: null, scheme: 'L20', code: '4', comment: 'bubbles', event_id: a2.id }]);
  });

  it('applies an event once by its id: a repeat (same batch, next batch, out of order) is a duplicate with its original position', async () => {
    const e1 = flagEvent({ sampleId: 'i-1' });
    const e2 = flagEvent({ sampleId: 'i-2' });
    const e3 = flagEvent({ sampleId: 'i-3' });
    const first = await push(ana, [e1, e2, e1, e3]);
    expect(first.map((r) => r.status)).toEqual(['applied', 'applied', 'duplicate', 'applied']);
    expect(first[2]).toEqual({ id: e1.id, status: 'duplicate', serverSeq: first[0]!.serverSeq, serverRevision: 1 });
    // A lost response: the client sends the batch again, in another order, with e3 rebased on a later revision.
    const again = await push(ana, [e3 && { ...e3, serverBase: 5 }, e2, e1]);
    expect(again).toEqual([
      { id: e3.id, status: 'duplicate', serverSeq: first[3]!.serverSeq, serverRevision: 1 },
      { id: e2.id, status: 'duplicate', serverSeq: first[1]!.serverSeq, serverRevision: 1 },
      { id: e1.id, status: 'duplicate', serverSeq: first[0]!.serverSeq, serverRevision: 1 },
    ]);
    expect(await count("events WHERE event->'target'->>'sampleId' LIKE 'i-%'")).toBe(3);
    const state = await db().driver.query<{ revision: number }>("SELECT revision FROM target_state WHERE sample_id LIKE 'i-%'");
    expect(state.map((s) => s.revision)).toEqual([1, 1, 1]);

    // The same id with other content is refused, never applied.
    const reused = await push(ana, [{ ...e1, after: { scheme: 'L20', code: '1', comment: null } }]);
    expect(reused[0]).toMatchObject({ status: 'refused', reason: expect.stringMatching(/already received with different content/) });
  });

  it('detects conflicts per target: the same flag from two devices conflicts once; different groups of one sample do not', async () => {
    const anaFlag = flagEvent({ sampleId: 'c-1', device: 'laptop-a', actor: 'ana', actorName: 'Ana', after: { scheme: 'L20', code: '3', comment: 'doublets' } });
    const benFlag = flagEvent({ sampleId: 'c-1', device: 'laptop-b', actor: 'ben', actorName: 'Ben', after: { scheme: 'L20', code: '4', comment: 'clogged' } });
    const anaGroup = flagEvent({ sampleId: 'c-1', group: 'Synecho', device: 'laptop-a', actor: 'ana' });
    const benGroup = flagEvent({ sampleId: 'c-1', group: 'Picoeuk', device: 'laptop-b', actor: 'ben' });
    const a = await push(ana, [anaFlag, anaGroup]);
    const b = await push(ben, [benFlag, benGroup]);
    expect(a.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(b.map((r) => r.status)).toEqual(['conflict', 'applied']);
    expect(b[0]).toEqual({
      id: benFlag.id,
      status: 'conflict',
      current: { value: { scheme: 'L20', code: '3', comment: 'doublets' }, revision: 1, eventId: anaFlag.id, actor: 'ana', actorName: 'Ana', device: 'laptop-a', at: anaFlag.at },
    });
    // The conflicting event is not logged and changed nothing.
    expect(await count('events WHERE event_id = $1', [benFlag.id])).toBe(0);
    expect((await db().driver.query("SELECT code FROM sample_flags WHERE sample_id = 'c-1' AND group_name IS NULL"))[0]).toEqual({ code: '3' });

    // Ben chooses his version: the same event, rebased on what he was shown, is applied.
    const mine = await push(ben, [{ ...benFlag, serverBase: 1 }]);
    expect(mine[0]).toMatchObject({ status: 'applied', serverRevision: 2 });
    // Ana's device, not having heard of it, changes the flag again: conflict with Ben's version.
    const stale = await push(ana, [flagEvent({ sampleId: 'c-1', device: 'laptop-a', serverBase: 1 })]);
    expect(stale[0]).toMatchObject({ status: 'conflict', current: { revision: 2, eventId: benFlag.id, device: 'laptop-b', actor: 'ben' } });
  });

  it("lets a device queue several changes to one target against the revision it last heard, but not past another device's change", async () => {
    const first = flagEvent({ sampleId: 'q-1', device: 'laptop-a' });
    const second = flagEvent({ sampleId: 'q-1', device: 'laptop-a', after: { scheme: 'L20', code: '4', comment: null } });
    const third = flagEvent({ sampleId: 'q-1', device: 'laptop-a', after: { scheme: 'L20', code: '2', comment: null } });
    const r = await push(ana, [first, second, third]);
    expect(r.map((x) => [x.status, x.serverRevision])).toEqual([
      ['applied', 1],
      ['applied', 2],
      ['applied', 3],
    ]);
    const benChange = flagEvent({ sampleId: 'q-1', device: 'laptop-b', serverBase: 3 });
    expect((await push(ben, [benChange]))[0]!.status).toBe('applied');
    const late = flagEvent({ sampleId: 'q-1', device: 'laptop-a', serverBase: 3 });
    expect((await push(ana, [late]))[0]).toMatchObject({ status: 'conflict', current: { revision: 4, device: 'laptop-b' } });
    // A base past what the server holds (restored from an older backup) is a conflict with what it holds…
    const ahead = flagEvent({ sampleId: 'q-1', device: 'laptop-b', serverBase: 9 });
    expect((await push(ben, [ahead]))[0]).toMatchObject({ status: 'conflict', current: { revision: 4, eventId: benChange.id } });
    // …but a target it has never held has no version to lose: applied.
    const unknown = flagEvent({ sampleId: 'q-2', device: 'laptop-a', serverBase: 7 });
    expect((await push(ana, [unknown]))[0]).toMatchObject({ status: 'applied', serverRevision: 1 });
  });

  it('keeps a superseded event in the log without applying it, and pulls it with its resolution', async () => {
    const anaFlag = flagEvent({ sampleId: 's-1', device: 'laptop-a' });
    const benFlag = flagEvent({ sampleId: 's-1', device: 'laptop-b', after: { scheme: 'L20', code: '4', comment: null } });
    await push(ana, [anaFlag]);
    expect((await push(ben, [benFlag]))[0]!.status).toBe('conflict');
    // Ben chose Ana's version: his event goes to the audit as superseded.
    const r = await push(ben, [{ ...benFlag, resolution: 'superseded' }]);
    expect(r[0]).toEqual({ id: benFlag.id, status: 'superseded', serverSeq: expect.any(Number) });
    const state = await db().driver.query<{ revision: number; value: unknown; last_event_id: string }>("SELECT revision, value, last_event_id FROM target_state WHERE sample_id = 's-1'");
    expect(state).toEqual([{ revision: 1, value: { scheme: 'L20', code: '3', comment: null }, last_event_id: anaFlag.id }]);
    const pulled = await pullAll(ana, r[0]!.serverSeq! - 1, 1);
    expect(pulled.events[0]).toEqual({ serverSeq: r[0]!.serverSeq, serverRevision: 1, event: { ...benFlag, resolution: 'superseded' } });
    // Sent again: still superseded, at the same place, not applied.
    expect((await push(ben, [{ ...benFlag, resolution: 'superseded' }]))[0]).toEqual({ id: benFlag.id, status: 'superseded', serverSeq: r[0]!.serverSeq });
    expect(await db().driver.query("SELECT revision FROM target_state WHERE sample_id = 's-1'")).toEqual([{ revision: 1 }]);
  });

  it('refuses, in plain words, events a role may not push or whose target or value is malformed, and goes on with the rest', async () => {
    const somlit = flagEvent({
      action: 'somlit-save',
      target: { sampleId: null, kind: 'somlit-entry', entryId: 'sola-2024-05-02' },
      after: { site: '10', date: '2024-05-02', time: '09:00:00', tideCoefficient: null, tide: null, depthLevel: 'S', depth: 1 },
    });
    const flag = flagEvent({ sampleId: 'r-1' });
    const approve = approveEvent('r-1');
    const tech = await push(tom, [flag, somlit, approve]);
    expect(tech.map((r) => r.status)).toEqual(['refused', 'applied', 'refused']);
    expect(tech[0]!.reason).toBe('the role "technician" of tom may not flag');
    expect(tech[2]!.reason).toBe('the role "technician" of tom may not approve');
    expect(await count("events WHERE event->'target'->>'sampleId' = 'r-1'")).toBe(0);

    const bad = await push(ana, [
      flagEvent({ target: { sampleId: 'r-2', kind: 'value-flag' } }),
      flagEvent({ sampleId: 'r-2', after: { scheme: 'L20', code: 'Z', comment: null } }),
      approveEvent('r-2', { after: { state: 'accepted', approved: null } }),
      flagEvent({ action: 'save-dataset', target: { sampleId: null, kind: 'dataset' }, after: { metadata: {}, sampleIds: [] } }),
      flagEvent({ sampleId: 'r-2', reason: 'nul \u0000 inside' }),
      { ...somlit, id: `${somlit.id}-ana` },
      flagEvent({ sampleId: 'r-2' }),
    ]);
    expect(bad.map((r) => r.status)).toEqual(['refused', 'refused', 'refused', 'refused', 'refused', 'refused', 'applied']);
    expect(bad[0]!.reason).toBe('a value-flag event names its group (target.group)');
    expect(bad[1]!.reason).toBe('after.code: not a code of that flag scheme (for a flag event)');
    expect(bad[2]!.reason).toMatch(/^after\.state: .* \(for a review event\)$/);
    expect(bad[3]!.reason).toBe('a dataset event names its dataset (target.datasetId)');
    expect(bad[4]!.reason).toMatch(/U\+0000/);
    expect(bad[5]!.reason).toBe('the role "curator" of ana may not somlit save');
  });

  it('keeps the projections in step: reviews, datasets (and their samples), gate template versions; null clears', async () => {
    const d = db().driver;
    const approve = approveEvent('v-1', { actorName: 'Ana' });
    const dataset = datasetEvent('ds-v', datasetMetadata('LS'), ['v-1', 'v-2']);
    const tpl1 = flagEvent({ action: 'save-template', target: { sampleId: null, kind: 'template', templateId: 'tpl-v' }, after: { template: { id: 'tpl-v', name: 'SOLA', gates: [] } } });
    const tpl2 = flagEvent({ action: 'save-template', target: { sampleId: null, kind: 'template', templateId: 'tpl-v' }, serverBase: 1, after: { template: { id: 'tpl-v', name: 'SOLA v2', gates: [] } } });
    expect((await push(ana, [approve, dataset, tpl1, tpl2])).map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(await d.query("SELECT state, approved, actor_name FROM sample_reviews WHERE sample_id = 'v-1'")).toEqual([
      { state: 'approved', approved: { importVersion: 1, flag: null, valueFlags: {}, counts: {} }, actor_name: 'Ana' },
    ]);
    expect(await d.query("SELECT version, title, access_restriction FROM datasets WHERE dataset_id = 'ds-v'")).toEqual([{ version: 1, title: 'SOLA CytoSense 2024', access_restriction: 'LS' }]);
    expect(await d.query("SELECT sample_id FROM dataset_samples WHERE dataset_id = 'ds-v' ORDER BY sample_id")).toEqual([{ sample_id: 'v-1' }, { sample_id: 'v-2' }]);
    expect(await d.query("SELECT version, value->'template'->>'name' AS name FROM gate_template_versions WHERE template_id = 'tpl-v' ORDER BY version")).toEqual([
      { version: 1, name: 'SOLA' },
      { version: 2, name: 'SOLA v2' },
    ]);
    expect(await d.query("SELECT version FROM gate_templates WHERE template_id = 'tpl-v'")).toEqual([{ version: 2 }]);

    const withdraw = unapproveEvent('v-1', { serverBase: 1 });
    const dropDataset = datasetEvent('ds-v', {}, [], { serverBase: 1, after: null, action: 'undo' });
    const flag = flagEvent({ sampleId: 'v-1' });
    const unflag = flagEvent({ sampleId: 'v-1', serverBase: 1, after: null, action: 'undo' });
    expect((await push(ana, [withdraw, dropDataset, flag, unflag])).map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(await d.query("SELECT state FROM sample_reviews WHERE sample_id = 'v-1'")).toEqual([{ state: 'needs-attention' }]);
    expect(await d.query("SELECT * FROM datasets WHERE dataset_id = 'ds-v'")).toEqual([]);
    expect(await d.query("SELECT * FROM dataset_samples WHERE dataset_id = 'ds-v'")).toEqual([]);
    expect(await d.query("SELECT * FROM sample_flags WHERE sample_id = 'v-1'")).toEqual([]);
    expect(await d.query("SELECT revision, value FROM target_state WHERE sample_id = 'v-1' AND kind = 'flag'")).toEqual([{ revision: 2, value: null }]);
  });

  it('writes a batch in one transaction: a failure inside it leaves no trace of any of its events, and the batch sent again applies once', async () => {
    const d = db().driver;
    const [token] = await d.query<{ id: number }>("SELECT t.id FROM device_tokens t JOIN users u ON u.id = t.user_id WHERE u.name = 'ana'");
    const caller = { ...(await findUser(d, 'ana'))!, tokenId: token!.id, device: 'laptop-a' };
    // A driver whose review projection fails, as a full disk in the middle of a batch would.
    const failing: SqlDriver = {
      ...d,
      transaction: (fn) =>
        d.transaction((tx) =>
          fn({
            query: (sql, params) => (sql.includes('INSERT INTO sample_reviews') ? Promise.reject(new Error('disk full')) : tx.query(sql, params)),
          }),
        ),
    };
    const ok = flagEvent({ sampleId: 'x-1' });
    const crashing = approveEvent('x-1');
    await expect(pushEvents(failing, caller, [ok, crashing])).rejects.toThrow('disk full');
    expect(await count('events WHERE event_id = ANY($1::text[])', [[ok.id, crashing.id]])).toBe(0);
    expect(await count("target_state WHERE sample_id = 'x-1'")).toBe(0);
    expect(await count("sample_flags WHERE sample_id = 'x-1'")).toBe(0);
    // Sent again once the disk is fine: applied, once.
    expect((await push(ana, [ok, crashing])).map((r) => r.status)).toEqual(['applied', 'applied']);
    expect((await push(ana, [ok, crashing])).map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
  });

  it('decides each event of a batch against what the events before it did: a chain of one device, a rival in the same batch, a cleared flag', async () => {
    const first = flagEvent({ sampleId: 'b-1', device: 'laptop-a' });
    const second = flagEvent({ sampleId: 'b-1', device: 'laptop-a', after: { scheme: 'L20', code: '4', comment: null } });
    const rival = flagEvent({ sampleId: 'b-1', device: 'laptop-b', after: { scheme: 'L20', code: '1', comment: null } });
    const cleared = flagEvent({ sampleId: 'b-2', after: null });
    const results = await push(ana, [first, second, rival, first, cleared]);
    expect(results.map((r) => [r.status, r.serverRevision])).toEqual([
      ['applied', 1],
      ['applied', 2],
      ['conflict', undefined],
      ['duplicate', 1],
      ['applied', 1],
    ]);
    expect(results[3]!.serverSeq).toBe(results[0]!.serverSeq);
    expect(results[2]!.current).toMatchObject({ revision: 2, eventId: second.id, device: 'laptop-a', value: second.after });
    expect(results[4]!.serverSeq).toBeGreaterThan(results[1]!.serverSeq!);
    // A cleared value is SQL NULL in the target's state, as an event one at a time left it.
    expect(await db().driver.query("SELECT revision, value IS NULL AS cleared FROM target_state WHERE sample_id = 'b-2'")).toEqual([{ revision: 1, cleared: true }]);
    expect(await db().driver.query("SELECT code FROM sample_flags WHERE sample_id = 'b-1'")).toEqual([{ code: '4' }]);
  });

  it('numbers events in commit order under concurrent pushes: one winner per base, no gap a puller could skip', async () => {
    const before = (await pullAll(ana, 0, 1000)).last;
    const devices = ['laptop-a', 'laptop-b'];
    const batches = devices.map((device, i) =>
      Array.from({ length: 40 }, (_, k) => flagEvent({ sampleId: `cc-${k % 10}`, device, after: { scheme: 'L20', code: String(1 + ((k + i) % 4)), comment: null } })),
    );
    const results = await Promise.all(batches.map((b, i) => push(i === 0 ? ana : ben, b)));
    const applied = results.flat().filter((r) => r.status === 'applied');
    // Per target (sample cc-k), base 0: the first event of the first device to get there wins, then only that device's own chain.
    const perTarget = await db().driver.query<{ sample_id: string; devices: number }>(
      "SELECT event->'target'->>'sampleId' AS sample_id, count(DISTINCT device)::int AS devices FROM events WHERE target_key LIKE 'cc-%' GROUP BY 1",
    );
    expect(perTarget.every((r) => r.devices === 1)).toBe(true);
    const pulled = await pullAll(ana, before, 1000);
    const seqs = pulled.events.map((e) => e.serverSeq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs.filter((s) => applied.some((a) => a.serverSeq === s))).size).toBe(applied.length);
    expect(results.flat().filter((r) => r.status === 'conflict').length + applied.length).toBe(80);
  });
});
