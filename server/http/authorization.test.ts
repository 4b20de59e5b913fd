import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushEventsResponse, PushSamplesResponse, Role } from '../../shared/sync/sync-protocol.js';
import { MAX_CHUNK_BYTES, MAX_JSON_BODY_BYTES, SYNC_API } from '../../shared/sync/sync-protocol.js';
import { revokeToken, setRole } from '../store/accounts.js';
import { useTestDatabase } from '../test-support/postgres.js';
import type { TestServer } from '../test-support/sync-fixtures.js';
import { TEST_PASSWORD, api, approveEvent, flagEvent, rawRequest, sampleRecord, startTestServer } from '../test-support/sync-fixtures.js';

describe('authorization, limits and validation (PostgreSQL)', () => {
  const db = useTestDatabase();
  let server: TestServer;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    server = await startTestServer(db().driver);
    for (const role of ['admin', 'curator', 'technician', 'reader'] as const) tokens[role] = await server.userToken(`${role}-user`, role);
  });
  afterAll(() => server.close());

  /** Everything a refused request must leave as it was. */
  const snapshot = async () => {
    const d = db().driver;
    const tables = ['events', 'target_state', 'samples', 'sample_abundances', 'sample_flags', 'sample_reviews', 'datasets', 'files', 'users'];
    const counts: Record<string, unknown> = {};
    for (const t of tables) counts[t] = (await d.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`))[0]!.n;
    counts.roles = await d.query('SELECT name, role FROM users ORDER BY name');
    counts.fileTree = listTree(path.join(server.dataDir, 'files'));
    return counts;
  };
  const listTree = (dir: string): string[] => (fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).sort() : []);

  const eventsStatus = async (role: Role, event: ReturnType<typeof flagEvent>) => {
    const res = await api(server.url, 'POST', '/events', tokens[role], { events: [event] });
    return res.status === 200 ? (res.body as PushEventsResponse).results[0]!.status : res.status;
  };

  it('lets each role do what it should and nothing else', async () => {
    const somlit = () =>
      flagEvent({
        action: 'somlit-save',
        target: { sampleId: null, kind: 'somlit-value', entryId: crypto.randomUUID(), group: 'NH4' },
        after: { value: 0.1, code: '2', comment: null, source: null },
      });
    const matrix: Record<Role, Record<string, unknown>> = { admin: {}, curator: {}, technician: {}, reader: {} };
    for (const role of ['admin', 'curator', 'technician', 'reader'] as const) {
      const row = matrix[role];
      row.info = (await api(server.url, 'GET', '/info', tokens[role])).status;
      row.pull = (await api(server.url, 'GET', '/events?after=0', tokens[role])).status;
      row.flag = await eventsStatus(role, flagEvent({ sampleId: `m-${role}` }));
      row.approve = await eventsStatus(role, approveEvent(`m-${role}`));
      row.template = await eventsStatus(role, flagEvent({ action: 'save-template', target: { sampleId: null, kind: 'template', templateId: `t-${role}` }, after: { template: {} } }));
      row.somlit = await eventsStatus(role, somlit());
      const samples = await api(server.url, 'POST', '/samples', tokens[role], { samples: [sampleRecord(`m-${role}`)] });
      row.samples = samples.status === 200 ? (samples.body as PushSamplesResponse).results[0]!.status : samples.status;
      const bytes = Buffer.from(`file of ${role}`);
      const sha = crypto.createHash('sha256').update(bytes).digest('hex');
      row.fileStatus = (await api(server.url, 'GET', `/files/${sha}`, tokens[role])).status;
      row.filePut = (
        await rawRequest(server.url, 'PUT', `${SYNC_API}/files/${sha}?offset=0&size=${bytes.length}`, { Authorization: `Bearer ${tokens[role]}`, 'Content-Type': 'application/octet-stream' }, bytes)
      ).status;
    }
    expect(matrix).toEqual({
      admin: { info: 200, pull: 200, flag: 'applied', approve: 'applied', template: 'applied', somlit: 'applied', samples: 'stored', fileStatus: 200, filePut: 200 },
      curator: { info: 200, pull: 200, flag: 'applied', approve: 'applied', template: 'applied', somlit: 'refused', samples: 'stored', fileStatus: 200, filePut: 200 },
      technician: { info: 200, pull: 200, flag: 'refused', approve: 'refused', template: 'refused', somlit: 'applied', samples: 'stored', fileStatus: 200, filePut: 200 },
      reader: { info: 200, pull: 200, flag: 403, approve: 403, template: 403, somlit: 403, samples: 403, fileStatus: 200, filePut: 403 },
    });
    const info = await api(server.url, 'GET', '/info', tokens.technician);
    expect(info.body).toMatchObject({ api: 1, user: 'technician-user', role: 'technician' });
    // Nothing of the reader's reached the database.
    expect(await db().driver.query("SELECT * FROM samples WHERE id = 'm-reader'")).toEqual([]);
    expect(await db().driver.query("SELECT * FROM target_state WHERE sample_id = 'm-reader'")).toEqual([]);
  });

  it('refuses missing, malformed, unknown and revoked tokens with 401, and applies a role change at once', async () => {
    const before = await snapshot();
    const event = { events: [flagEvent({ sampleId: 't-1' })] };
    const attempts: [string, Record<string, string>][] = [
      ['no header', {}],
      ['empty bearer', { Authorization: 'Bearer ' }],
      ['basic auth', { Authorization: `Basic ${Buffer.from(`curator-user:${TEST_PASSWORD}`).toString('base64')}` }],
      ['garbage', { Authorization: 'Bearer not-a-token' }],
      ['unknown token', { Authorization: `Bearer cc1_${crypto.randomBytes(32).toString('base64url')}` }],
      ['altered token', { Authorization: `Bearer ${tokens.curator.slice(0, -1)}${tokens.curator.endsWith('A') ? 'B' : 'A'}` }],
    ];
    for (const [what, headers] of attempts) {
      const res = await fetch(`${server.url}${SYNC_API}/events`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(event) });
      expect([what, res.status]).toEqual([what, 401]);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="cytocurator"/);
      expect(((await res.json()) as { error: string }).error).toMatch(/device token/);
    }
    expect(await snapshot()).toEqual(before);

    // Revoked by the admin (token revoke), and by the device itself (logout).
    const spare = await server.userToken('spare', 'curator');
    const [row] = await db().driver.query<{ id: number }>("SELECT t.id FROM device_tokens t JOIN users u ON u.id = t.user_id WHERE u.name = 'spare'");
    expect((await api(server.url, 'GET', '/info', spare)).status).toBe(200);
    expect(await revokeToken(db().driver, row!.id)).toBe(true);
    expect((await api(server.url, 'POST', '/events', spare, event)).status).toBe(401);
    const res = await api(server.url, 'POST', '/login', null, { user: 'spare', password: TEST_PASSWORD, device: 'other' });
    const second = (res.body as { token: string }).token;
    expect((await api(server.url, 'POST', '/logout', second)).status).toBe(200);
    expect((await api(server.url, 'GET', '/info', second)).status).toBe(401);

    await setRole(db().driver, 'spare', 'reader');
    const third = (await api(server.url, 'POST', '/login', null, { user: 'spare', password: TEST_PASSWORD, device: 'third' })).body as { token: string; role: string };
    expect(third.role).toBe('reader');
    await setRole(db().driver, 'spare', 'curator');
    expect((await api(server.url, 'POST', '/events', third.token, { events: [flagEvent({ sampleId: 't-2' })] })).status).toBe(200);
    await setRole(db().driver, 'spare', 'reader');
    expect((await api(server.url, 'POST', '/events', third.token, { events: [flagEvent({ sampleId: 't-3' })] })).status).toBe(403);
    expect(await db().driver.query("SELECT * FROM target_state WHERE sample_id = 't-3'")).toEqual([]);
  });

  it('refuses wrong passwords (401, the same answer for an unknown user) and throttles guessing (429)', async () => {
    const wrong = await api(server.url, 'POST', '/login', null, { user: 'curator-user', password: 'wrong password', device: 'x' });
    const unknown = await api(server.url, 'POST', '/login', null, { user: 'nobody', password: 'wrong password', device: 'x' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body).toEqual(unknown.body);
    for (let i = 0; i < 9; i++) await api(server.url, 'POST', '/login', null, { user: 'nobody', password: `guess ${i}`, device: 'x' });
    const throttled = await api(server.url, 'POST', '/login', null, { user: 'nobody', password: 'guess 10', device: 'x' });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other users are not held back by it.
    expect((await api(server.url, 'POST', '/login', null, { user: 'curator-user', password: TEST_PASSWORD, device: 'y' })).status).toBe(200);
  });

  it('refuses oversized bodies with 413 (declared or streamed) and leaves the data as it was', async () => {
    const before = await snapshot();
    const auth = { Authorization: `Bearer ${tokens.curator}` };
    // A valid JSON document just over the limit.
    const pad = 'x'.repeat(MAX_JSON_BODY_BYTES);
    const big = Buffer.from(JSON.stringify({ events: [flagEvent({ sampleId: 'big', reason: pad.slice(0, 4000) })], pad }));
    const declared = await rawRequest(server.url, 'POST', `${SYNC_API}/events`, { ...auth, 'Content-Type': 'application/json', 'Content-Length': big.length }, big);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toEqual({ error: `the request body is larger than ${MAX_JSON_BODY_BYTES} bytes`, field: 'body' });
    const streamed = await rawRequest(server.url, 'POST', `${SYNC_API}/samples`, { ...auth, 'Content-Type': 'application/json' }, big, true);
    expect(streamed.status).toBe(413);
    const chunk = Buffer.alloc(MAX_CHUNK_BYTES + 1, 7);
    const sha = crypto.createHash('sha256').update(chunk).digest('hex');
    const put = await rawRequest(server.url, 'PUT', `${SYNC_API}/files/${sha}?offset=0&size=${chunk.length}`, { ...auth, 'Content-Type': 'application/octet-stream' }, chunk);
    expect(put.status).toBe(413);
    expect(await snapshot()).toEqual(before);
    // The server still answers after cutting those connections.
    expect((await api(server.url, 'GET', '/info', tokens.curator)).status).toBe(200);
  });

  it('refuses malformed payloads with 400 naming the field, 415 for a wrong content type, and leaves the data as it was', async () => {
    const before = await snapshot();
    const post = (route: string, body: string, type = 'application/json') =>
      rawRequest(server.url, 'POST', `${SYNC_API}${route}`, { Authorization: `Bearer ${tokens.curator}`, 'Content-Type': type }, Buffer.from(body));
    const cases: [string, string, number, string][] = [
      ['/events', '{"events": [', 400, 'body'],
      ['/events', '\u00ff\u00fe not utf-8', 400, 'body'],
      ['/events', JSON.stringify({ events: [] }), 400, 'events'],
      ['/events', JSON.stringify({ events: [{ ...flagEvent(), target: { sampleId: 'x', kind: '' } }] }), 400, 'events.0.target.kind'],
      ['/events', JSON.stringify({ events: [{ ...flagEvent(), serverBase: -1 }] }), 400, 'events.0.serverBase'],
      ['/events', JSON.stringify({ events: [{ ...flagEvent(), sneaky: true }] }), 400, 'events.0'],
      ['/events', JSON.stringify({ events: Array.from({ length: 501 }, () => flagEvent()) }), 400, 'events'],
      ['/events', JSON.stringify([flagEvent()]), 400, '(body)'],
      ['/samples', JSON.stringify({ samples: [{ ...sampleRecord('bad'), latitude: 91 }] }), 400, 'samples.0.latitude'],
      ['/samples', JSON.stringify({ samples: [{ ...sampleRecord('bad'), files: [{ role: 'image', path: 'a.jpg', sha256: 'ABC', bytes: 1 }] }] }), 400, 'samples.0.files.0.sha256'],
      ['/login', JSON.stringify({ user: 'curator-user', password: TEST_PASSWORD }), 400, 'device'],
      ['/login', JSON.stringify({ user: 'curator-user\u0000', password: TEST_PASSWORD, device: 'x' }), 400, 'body'],
    ];
    for (const [route, body, status, field] of cases) {
      const res = await post(route, body);
      expect([route, body.slice(0, 60), res.status, (JSON.parse(res.body) as { field?: string }).field]).toEqual([route, body.slice(0, 60), status, field]);
    }
    const wrongType = await post('/events', JSON.stringify({ events: [flagEvent()] }), 'text/plain');
    expect(wrongType.status).toBe(415);
    const invalid = JSON.parse((await post('/events', JSON.stringify({ events: [{ ...flagEvent(), serverBase: 'one' }] }))).body) as { error: string; issues: unknown[] };
    expect(invalid.error).toMatch(/^events\.0\.serverBase: /);
    expect(invalid.issues).toHaveLength(1);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 404 for unknown paths and 405 (with Allow) for a wrong method', async () => {
    const auth = { Authorization: `Bearer ${tokens.admin}` };
    expect((await rawRequest(server.url, 'GET', '/api/v2/events', auth)).status).toBe(404);
    expect((await rawRequest(server.url, 'GET', `${SYNC_API}/users`, auth)).status).toBe(404);
    expect((await rawRequest(server.url, 'GET', '/', {})).status).toBe(404);
    const del = await rawRequest(server.url, 'DELETE', `${SYNC_API}/events`, auth);
    expect(del.status).toBe(405);
    expect(del.headers.allow).toBe('POST, GET');
    expect((await rawRequest(server.url, 'GET', `${SYNC_API}/login`, {})).status).toBe(405);
    expect((await rawRequest(server.url, 'GET', `${SYNC_API}/events?after=-1`, auth)).status).toBe(400);
    expect((await rawRequest(server.url, 'GET', `${SYNC_API}/events?limit=5000`, auth)).status).toBe(400);
  });

  it('never lets a file hash become a path: traversal, encodings, upper case and wrong lengths are refused, nothing is written', async () => {
    const before = await snapshot();
    const auth = { Authorization: `Bearer ${tokens.curator}`, 'Content-Type': 'application/octet-stream' };
    const body = Buffer.from('payload');
    const good = crypto.createHash('sha256').update(body).digest('hex');
    const tricks: [string, number][] = [
      ['..', 400],
      ['..%2F..%2F..%2Fetc%2Fpasswd', 400],
      ['%2e%2e%2f%2e%2e%2fetc%2fpasswd', 400],
      ['../../../../etc/passwd', 404],
      [`../${good}`, 404],
      [`${good}/..`, 404],
      [good.toUpperCase(), 400],
      [good.slice(0, 63), 400],
      [`${good}0`, 400],
      [`${good.slice(0, 62)}%00`, 400],
      [`${good.slice(0, 60)}.bin`, 400],
      [`${good.slice(0, 63)}g`, 400],
      ['', 404],
    ];
    for (const [trick, status] of tricks) {
      const put = await rawRequest(server.url, 'PUT', `${SYNC_API}/files/${trick}?offset=0&size=${body.length}`, auth, body);
      const get = await rawRequest(server.url, 'GET', `${SYNC_API}/files/${trick}`, { Authorization: auth.Authorization });
      expect([trick, put.status, get.status]).toEqual([trick, status, status]);
      if (status === 400) expect(JSON.parse(put.body)).toMatchObject({ field: 'sha256' });
    }
    expect(await snapshot()).toEqual(before);
    expect(fs.existsSync(path.join(server.dataDir, '..', 'etc'))).toBe(false);
  });
});
