import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushEventsResponse, PushResult, WireEvent } from '../../shared/sync/sync-protocol.js';
import { useTestDatabase } from '../test-support/postgres.js';
import type { TestServer } from '../test-support/sync-fixtures.js';
import { api, newId } from '../test-support/sync-fixtures.js';
import { startTestServer } from '../test-support/sync-fixtures.js';

/** A SOMLIT event as the workstation sends it (shared/somlit: library-wide target naming its entry). */
function somlitEvent(kind: 'somlit-entry' | 'somlit-value', entryId: string, after: unknown, over: Partial<WireEvent> & { group?: string } = {}): WireEvent {
  const { group, ...rest } = over;
  return {
    id: newId(),
    changeset: newId('c'),
    actor: 'tom-id',
    actorName: 'Tom',
    device: 'lab-pc',
    action: 'somlit-save',
    target: { sampleId: null, kind, entryId, ...(group ? { group } : {}) },
    serverBase: 0,
    before: null,
    after,
    reason: null,
    at: '2026-11-29T10:00:00.000Z',
    undoes: null,
    ...rest,
  };
}

describe('SOMLIT projection (PostgreSQL)', () => {
  const db = useTestDatabase();
  let server: TestServer;
  let tom: string;
  let ana: string;
  beforeAll(async () => {
    server = await startTestServer(db().driver);
    tom = await server.userToken('tom', 'technician', 'lab-pc');
    ana = await server.userToken('ana', 'curator', 'laptop-a');
  });
  afterAll(() => server.close());

  const push = async (token: string, events: WireEvent[]): Promise<PushResult[]> => {
    const res = await api(server.url, 'POST', '/events', token, { events });
    expect(res.status).toBe(200);
    return (res.body as PushEventsResponse).results;
  };

  it("keeps one row per sampling and one value per parameter from the technicians' events; a deletion removes both", async () => {
    const entry = { site: '11', date: '2026-11-24', time: '09:30:00', tideCoefficient: 72, tide: 'PM', depthLevel: 'S', depth: 1 };
    const results = await push(tom, [
      somlitEvent('somlit-entry', 'se_1', entry),
      somlitEvent('somlit-value', 'se_1', { value: 14.2, code: '2', comment: null, source: null }, { group: 'T' }),
      somlitEvent('somlit-value', 'se_1', { value: 0.05, code: '0', comment: 'below detection', source: { kind: 'file', file: 'x.csv', line: 5 } }, { group: 'NO2' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(await db().driver.query('SELECT entry_id, site, sampled_on, sampled_at, depth_level, depth_m FROM somlit_entries')).toEqual([
      { entry_id: 'se_1', site: '11', sampled_on: '2026-11-24', sampled_at: '09:30:00', depth_level: 'S', depth_m: 1 },
    ]);
    expect(await db().driver.query('SELECT parameter, value, code, comment FROM somlit_values ORDER BY parameter')).toEqual([
      { parameter: 'NO2', value: 0.05, code: '0', comment: 'below detection' },
      { parameter: 'T', value: 14.2, code: '2', comment: null },
    ]);

    // An edit of one value; a curator may not touch SOMLIT entries; a malformed code is refused.
    expect((await push(tom, [somlitEvent('somlit-value', 'se_1', { value: 14.4, code: '2', comment: null, source: null }, { group: 'T', serverBase: 1 })]))[0]!.status).toBe('applied');
    expect((await push(ana, [somlitEvent('somlit-value', 'se_1', { value: 99, code: '2', comment: null, source: null }, { group: 'T', serverBase: 2, device: 'laptop-a' })]))[0]).toMatchObject({ status: 'refused' });
    expect((await push(tom, [somlitEvent('somlit-value', 'se_1', { value: 1, code: 'X', comment: null, source: null }, { group: 'PH' })]))[0]).toMatchObject({ status: 'refused' });
    expect(await db().driver.query("SELECT value FROM somlit_values WHERE parameter = 'T'")).toEqual([{ value: 14.4 }]);

    // Deleting the entry (one changeset: the row and its values set to null).
    const changeset = newId('c');
    expect(
      (
        await push(tom, [
          somlitEvent('somlit-entry', 'se_1', null, { serverBase: 1, changeset, action: 'somlit-delete' }),
          somlitEvent('somlit-value', 'se_1', null, { group: 'NO2', serverBase: 1, changeset, action: 'somlit-delete' }),
        ])
      ).map((r) => r.status),
    ).toEqual(['applied', 'applied']);
    expect(await db().driver.query('SELECT * FROM somlit_entries')).toEqual([]);
    expect(await db().driver.query('SELECT * FROM somlit_values')).toEqual([]);
  });
});
