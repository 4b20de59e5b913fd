import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileStatus, PushSamplesResponse, SampleRecord } from '../../shared/sync/sync-protocol.js';
import { SYNC_API } from '../../shared/sync/sync-protocol.js';
import { useTestDatabase } from '../test-support/postgres.js';
import type { TestServer } from '../test-support/sync-fixtures.js';
import { api, rawRequest, sampleRecord, startTestServer } from '../test-support/sync-fixtures.js';

/** Deterministic bytes from a seed (mulberry32), so a failing run can be replayed with SYNC_TEST_SEED. */
function seededBytes(seed: number, length: number): Buffer {
  let a = seed >>> 0;
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

describe('sample records and resumable file uploads (PostgreSQL)', () => {
  const db = useTestDatabase();
  let server: TestServer;
  let token: string;
  const seed = Number(process.env.SYNC_TEST_SEED ?? Date.now() % 2 ** 31);

  beforeAll(async () => {
    console.log(`samples-files.test.ts: seed ${seed} (replay with SYNC_TEST_SEED=${seed})`);
    server = await startTestServer(db().driver);
    token = await server.userToken('ana', 'curator');
  });
  afterAll(() => server.close());

  const pushSamples = async (samples: SampleRecord[]) => {
    const res = await api(server.url, 'POST', '/samples', token, { samples });
    expect(res.status).toBe(200);
    return (res.body as PushSamplesResponse).results;
  };
  const put = (sha: string, offset: number, size: number, chunk: Buffer) =>
    rawRequest(server.url, 'PUT', `${SYNC_API}/files/${sha}?offset=${offset}&size=${size}`, { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' }, chunk);
  const status = async (sha: string) => (await api(server.url, 'GET', `/files/${sha}`, token)).body as FileStatus;

  it('stores sample records by id and import version, with their abundances and the files they still need', async () => {
    const image = Buffer.from('an image');
    const record = sampleRecord('cs-10', { files: [{ role: 'image', path: 'images/../../etc/passwd', sha256: sha256(image), bytes: image.length }] });
    expect(await pushSamples([record])).toEqual([{ id: 'cs-10', status: 'stored', missingFiles: [sha256(image)] }]);
    expect(await pushSamples([record])).toEqual([{ id: 'cs-10', status: 'unchanged', missingFiles: [sha256(image)] }]);
    expect(
      await db().driver.query("SELECT set_name, group_name, events, abundance_per_ml, template, template_version, flag FROM sample_abundances WHERE sample_id = 'cs-10' ORDER BY set_name"),
    ).toEqual([
      { set_name: 'Picoeuk', group_name: 'Picoeukaryotes', events: 300, abundance_per_ml: 3000.5, template: 'tpl-1', template_version: 2, flag: '2' },
      { set_name: 'Synecho', group_name: 'Synechococcus', events: 1500, abundance_per_ml: 15000, template: 'tpl-1', template_version: 2, flag: null },
    ]);
    // The client's path is kept as text only.
    expect(await db().driver.query("SELECT path FROM sample_files WHERE sample_id = 'cs-10'")).toEqual([{ path: 'images/../../etc/passwd' }]);

    // New abundances after a template change (same import): replaced.
    const regated = { ...record, abundances: [{ ...record.abundances[0]!, abundancePerMl: 16000, templateVersion: 3 }] };
    expect((await pushSamples([regated]))[0]!.status).toBe('stored');
    expect(await db().driver.query("SELECT set_name, abundance_per_ml FROM sample_abundances WHERE sample_id = 'cs-10'")).toEqual([{ set_name: 'Synecho', abundance_per_ml: 16000 }]);
    // A newer import replaces it; an older one is then refused, in plain words.
    expect((await pushSamples([{ ...regated, importVersion: 2, name: 'reimported.cyz' }]))[0]!.status).toBe('stored');
    expect((await pushSamples([record]))[0]).toEqual({ id: 'cs-10', status: 'refused', reason: 'the server holds import 2 of sample cs-10, newer than this import 1', missingFiles: [] });
    expect(await db().driver.query("SELECT import_version, name FROM samples WHERE id = 'cs-10'")).toEqual([{ import_version: 2, name: 'reimported.cyz' }]);

    const twice = sampleRecord('cs-11', { abundances: [sampleRecord('x').abundances[0]!, sampleRecord('x').abundances[0]!] });
    const [refused, stored] = await pushSamples([twice, sampleRecord('cs-12')]);
    expect(refused).toMatchObject({ status: 'refused', reason: 'set "Synecho" appears twice in the abundances of sample cs-11' });
    expect(stored).toMatchObject({ id: 'cs-12', status: 'stored', missingFiles: [] });

    // Once the file is uploaded the sample needs nothing more.
    expect((await put(sha256(image), 0, image.length, image)).status).toBe(200);
    expect((await pushSamples([{ ...regated, importVersion: 2, name: 'reimported.cyz' }]))[0]).toEqual({ id: 'cs-10', status: 'unchanged', missingFiles: [] });
  });

  it('names the missing files by their positions in the record when asked (?missing=indexes), the first entry of each hash', async () => {
    const [a, b, c] = ['one', 'two', 'three'].map((t) => Buffer.from(`${t}-${crypto.randomUUID()}`));
    const file = (path: string, bytes: Buffer) => ({ role: 'image', path, sha256: sha256(bytes), bytes: bytes.length });
    // c is held already; a is listed twice.
    expect((await put(sha256(c!), 0, c!.length, c!)).status).toBe(200);
    const record = sampleRecord('cs-20', { files: [file('a.png', a!), file('c.png', c!), file('b.png', b!), file('a-again.png', a!)] });
    const byIndex = async (samples: SampleRecord[], query = '?missing=indexes') => {
      const res = await api(server.url, 'POST', `/samples${query}`, token, { samples });
      return [res.status, res.body];
    };
    expect(await byIndex([record])).toEqual([200, { results: [{ id: 'cs-20', status: 'stored', missingFileIndexes: [0, 2] }] }]);
    // The default, and a server from before the query, name them by hash.
    expect(await byIndex([record], '?missing=hashes')).toEqual([200, { results: [{ id: 'cs-20', status: 'unchanged', missingFiles: [sha256(a!), sha256(b!)] }] }]);
    expect((await pushSamples([record]))[0]).toEqual({ id: 'cs-20', status: 'unchanged', missingFiles: [sha256(a!), sha256(b!)] });
    // A refused record names none.
    expect(await byIndex([{ ...record, importVersion: 0 } as SampleRecord, { ...record, id: 'cs-21', abundances: [record.abundances[0]!, record.abundances[0]!] }])).toEqual([
      400,
      expect.objectContaining({ field: 'samples.0.importVersion' }),
    ]);
    expect(await byIndex([{ ...record, id: 'cs-21', abundances: [record.abundances[0]!, record.abundances[0]!] }])).toEqual([
      200,
      { results: [{ id: 'cs-21', status: 'refused', reason: `set "${record.abundances[0]!.set}" appears twice in the abundances of sample cs-21`, missingFileIndexes: [] }] },
    ]);
    const wrong = await api(server.url, 'POST', '/samples?missing=paths', token, { samples: [record] });
    expect([wrong.status, (wrong.body as { field: string }).field]).toEqual([400, 'missing']);
  });

  it('judges each record of one request against those before it, and writes them all in a few statements', async () => {
    const a1 = sampleRecord('cs-20');
    const a2 = sampleRecord('cs-20', { importVersion: 2, name: 'again.cyz' });
    const b = sampleRecord('cs-21', { files: [{ role: 'image', path: 'images/1.png', sha256: 'e'.repeat(64), bytes: 5 }] });
    const results = await pushSamples([a1, b, a2, a1, a2]);
    expect(results.map((r) => [r.id, r.status, r.reason ?? null, r.missingFiles])).toEqual([
      ['cs-20', 'stored', null, []],
      ['cs-21', 'stored', null, ['e'.repeat(64)]],
      ['cs-20', 'stored', null, []],
      ['cs-20', 'refused', 'the server holds import 2 of sample cs-20, newer than this import 1', []],
      ['cs-20', 'unchanged', null, []],
    ]);
    expect(await db().driver.query("SELECT id, import_version, name FROM samples WHERE id IN ('cs-20', 'cs-21') ORDER BY id")).toEqual([
      { id: 'cs-20', import_version: 2, name: 'again.cyz' },
      { id: 'cs-21', import_version: 1, name: 'cs-21.cyz' },
    ]);
    expect(await db().driver.query("SELECT count(*)::int AS n FROM sample_abundances WHERE sample_id = 'cs-20'")).toEqual([{ n: a2.abundances.length }]);
  });

  it('uploads a file in chunks that resume where a cut connection stopped, and stores it under its hash only', async () => {
    const file = seededBytes(seed, 1_300_000 + (seed % 1000));
    const sha = sha256(file);
    const chunk = 256 * 1024;
    expect(await status(sha)).toEqual({ sha256: sha, received: 0, complete: false });

    // Half the chunks arrive.
    let offset = 0;
    while (offset < file.length / 2) {
      const res = await put(sha, offset, file.length, file.subarray(offset, offset + chunk));
      expect(res.status).toBe(200);
      offset = (JSON.parse(res.body) as FileStatus).received;
    }
    // The next one is cut mid-body: the server keeps nothing of it.
    await cutUpload(server.url, token, sha, offset, file.length, file.subarray(offset, offset + chunk));
    await new Promise((r) => setTimeout(r, 100));
    expect(await status(sha)).toEqual({ sha256: sha, received: offset, complete: false });

    // A client that lost track and starts over is told where to resume.
    const stale = await put(sha, 0, file.length, file.subarray(0, chunk));
    expect(stale.status).toBe(409);
    expect(JSON.parse(stale.body)).toMatchObject({ sha256: sha, received: offset, complete: false, field: 'offset' });

    // Resume from what the server has.
    offset = (await status(sha)).received;
    while (offset < file.length) {
      const res = await put(sha, offset, file.length, file.subarray(offset, offset + chunk));
      expect(res.status).toBe(200);
      offset = (JSON.parse(res.body) as FileStatus).received;
    }
    expect(await status(sha)).toEqual({ sha256: sha, received: file.length, complete: true });
    const stored = path.join(server.dataDir, 'files', sha.slice(0, 2), `${sha}.bin`);
    expect(sha256(fs.readFileSync(stored))).toBe(sha);
    expect(fs.readdirSync(path.dirname(stored)).filter((n) => n.startsWith(sha))).toEqual([`${sha}.bin`]);
    expect(await db().driver.query('SELECT storage_path, size, complete FROM files WHERE sha256 = $1', [sha])).toEqual([
      { storage_path: `files/${sha.slice(0, 2)}/${sha}.bin`, size: file.length, complete: true },
    ]);
    // Sending the last chunk again (its answer was lost) is harmless.
    const again = await put(sha, file.length - 10, file.length, file.subarray(file.length - 10));
    expect([again.status, JSON.parse(again.body)]).toEqual([200, { sha256: sha, received: file.length, complete: true }]);
  });

  it('refuses a file whose bytes do not match its hash (422), keeping nothing, and lets it start over', async () => {
    const real = seededBytes(seed + 1, 300_000);
    const claimed = sha256(real);
    const corrupted = Buffer.from(real);
    corrupted[123_456] = corrupted[123_456]! ^ 0xff;
    expect((await put(claimed, 0, real.length, corrupted.subarray(0, 200_000))).status).toBe(200);
    const last = await put(claimed, 200_000, real.length, corrupted.subarray(200_000));
    expect(last.status).toBe(422);
    expect(JSON.parse(last.body)).toMatchObject({ sha256: claimed, received: 0, complete: false, field: 'sha256' });
    const dir = path.join(server.dataDir, 'files', claimed.slice(0, 2));
    // (Another test's file may share the folder when its hash starts alike.)
    expect((fs.existsSync(dir) ? fs.readdirSync(dir) : []).filter((n) => n.startsWith(claimed))).toEqual([]);
    expect(await status(claimed)).toEqual({ sha256: claimed, received: 0, complete: false });
    // The right bytes then go through.
    expect((await put(claimed, 0, real.length, real)).status).toBe(200);
    expect(await status(claimed)).toMatchObject({ complete: true });
  });

  it('checks offsets, sizes and chunk bounds, takes empty files, and serialises two uploads of the same file', async () => {
    const bytes = seededBytes(seed + 2, 1000);
    const sha = sha256(bytes);
    expect((await put(sha, 0, 1000, bytes.subarray(0, 400))).status).toBe(200);
    const resized = await put(sha, 400, 2000, bytes.subarray(400));
    expect([resized.status, JSON.parse(resized.body).error]).toEqual([400, "size: this file's upload was started with size 1000, not 2000"]);
    const past = await put(sha, 400, 1000, Buffer.alloc(700));
    expect([past.status, JSON.parse(past.body).field]).toEqual([400, 'body']);
    const missing = await rawRequest(server.url, 'PUT', `${SYNC_API}/files/${sha}?size=1000`, { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' }, Buffer.alloc(1));
    expect([missing.status, JSON.parse(missing.body).field]).toEqual([400, 'offset']);
    expect(await status(sha)).toEqual({ sha256: sha, received: 400, complete: false });

    const empty = sha256(Buffer.alloc(0));
    expect(JSON.parse((await put(empty, 0, 0, Buffer.alloc(0))).body)).toEqual({ sha256: empty, received: 0, complete: true });

    // Two devices send the same next chunk at once: one is appended, the other told to resume.
    const [a, b] = await Promise.all([put(sha, 400, 1000, bytes.subarray(400, 700)), put(sha, 400, 1000, bytes.subarray(400, 700))]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(await status(sha)).toEqual({ sha256: sha, received: 700, complete: false });
  });
});

/** Sends the headers and half the body of a chunk, then drops the connection. */
function cutUpload(base: string, token: string, sha: string, offset: number, size: number, chunk: Buffer): Promise<void> {
  const u = new URL(base);
  return new Promise((resolve) => {
    const req = http.request({
      host: u.hostname,
      port: u.port,
      method: 'PUT',
      path: `${SYNC_API}/files/${sha}?offset=${offset}&size=${size}`,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream', 'Content-Length': chunk.length },
    });
    req.on('error', () => resolve());
    req.write(chunk.subarray(0, chunk.length >> 1), () => {
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
  });
}
