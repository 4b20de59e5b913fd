import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileBatchResponse } from '../../shared/sync/sync-protocol.js';
import { MAX_BATCH_BYTES, MAX_BATCH_HEADER_BYTES, SYNC_API, frameFileBatch } from '../../shared/sync/sync-protocol.js';
import { BINARY_FILE_BATCH_TYPE, frameBinaryFileBatch } from '../../shared/sync/binary-file-batch.js';
import { FileStore, fileStoragePath } from '../store/file-store.js';
import { useTestDatabase } from '../test-support/postgres.js';
import type { TestServer } from '../test-support/sync-fixtures.js';
import { api, rawRequest, startTestServer } from '../test-support/sync-fixtures.js';

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
/** Distinct small "images": a label and some filler, so every test run has its own hashes. */
const image = (label: string, bytes = 500) => Buffer.concat([Buffer.from(`${label}-${crypto.randomUUID()}:`), Buffer.alloc(bytes, label.charCodeAt(0))]);

/** Frames a batch by hand, with any header (to send what a client should not). */
function frame(header: unknown, ...files: Buffer[]): Buffer {
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([length, json, ...files]);
}

describe('batch upload of small files (PostgreSQL)', () => {
  const db = useTestDatabase();
  let server: TestServer;
  let token: string;
  let readerToken: string;

  beforeAll(async () => {
    server = await startTestServer(db().driver);
    token = await server.userToken('ana', 'technician');
    readerToken = await server.userToken('rita', 'reader');
  });
  afterAll(() => server.close());

  const post = (body: Buffer, o: { token?: string; type?: string; chunked?: boolean } = {}) =>
    rawRequest(server.url, 'POST', `${SYNC_API}/files/batch`, { Authorization: `Bearer ${o.token ?? token}`, 'Content-Type': o.type ?? 'application/octet-stream', ...(o.chunked ? {} : { 'Content-Length': body.length }) }, body, o.chunked);
  const batch = (files: Buffer[]) => Buffer.from(frameFileBatch(files.map((b) => ({ sha256: sha256(b), bytes: b }))));
  /** A file's bytes as the server holds them (null: not held), read the way the server reads them. */
  const stored = (sha: string) => new FileStore(db().driver, server.dataDir).read(sha);
  /** Where a chunked upload of this file keeps its bytes. */
  const ownFolder = (sha: string) => path.join(server.dataDir, 'files', sha.slice(0, 2));
  /** What the server records of these files: held (in a pack or a file of their own), or an upload under way. */
  const fileRows = (hashes: string[]) =>
    db().driver.query<{ sha256: string; size: number; complete: boolean; storage_path: string; pack_offset: number | null }>(
      `SELECT sha256, size, true AS complete, storage_path, pack_offset FROM stored_files WHERE sha256 = ANY($1::text[])
       UNION ALL SELECT sha256, size, false, storage_path, NULL FROM files WHERE NOT complete AND sha256 = ANY($1::text[]) ORDER BY sha256`,
      [hashes],
    );

  it('stores several files in one pack, with a row each, and answers exists for them afterwards', async () => {
    const files = [image('a', 300), image('b', 0), image('c', 1000), image('d', 70_000), image('e', 20)];
    files.push(files[1]!); // a file listed twice is stored once
    const hashes = files.map(sha256);
    const res = await post(batch(files));
    expect(res.status).toBe(200);
    expect((JSON.parse(res.body) as FileBatchResponse).results).toEqual(hashes.map((h, i) => ({ sha256: h, status: i === 5 ? 'exists' : 'stored' })));
    for (const [i, b] of files.entries()) expect((await stored(hashes[i]!))?.equals(b), `file ${i}`).toBe(true);
    // One pack holding the five files back to back, in the order sent; nothing left beside it.
    const rows = await fileRows(hashes);
    const pack = rows[0]!.storage_path;
    expect(pack).toMatch(/^packs\/[0-9a-f]{2}\/[0-9a-f]{32}\.pack$/);
    expect(rows.map((r) => ({ ...r, storage_path: r.storage_path === pack }))).toEqual(
      files
        .slice(0, 5)
        .map((b, i) => ({ sha256: hashes[i], size: b.length, complete: true, storage_path: true, pack_offset: files.slice(0, i).reduce((n, f) => n + f.length, 0) }))
        .sort((x, y) => x.sha256!.localeCompare(y.sha256!)),
    );
    expect(fs.statSync(path.join(server.dataDir, pack)).size).toBe(files.slice(0, 5).reduce((n, f) => n + f.length, 0));
    expect(fs.readdirSync(path.dirname(path.join(server.dataDir, pack))).filter((n) => !n.endsWith('.pack'))).toEqual([]);
    // A single-file status agrees.
    expect((await api(server.url, 'GET', `/files/${hashes[2]}`, token)).body).toEqual({ sha256: hashes[2], received: files[2]!.length, complete: true });

    // Sent again (the answer was lost), with one new file: the known ones answer exists.
    const more = image('f', 10);
    const again = await post(batch([files[0]!, more, files[3]!]));
    expect(JSON.parse(again.body)).toEqual({
      results: [
        { sha256: hashes[0], status: 'exists' },
        { sha256: sha256(more), status: 'stored' },
        { sha256: hashes[3], status: 'exists' },
      ],
    });
    // A batch of files the server has already leaves no pack behind (its bytes were written, then removed).
    const packs = () => fs.readdirSync(path.join(server.dataDir, 'packs'), { recursive: true }).filter((n) => String(n).endsWith('.pack')).length;
    expect(packs()).toBe(2);
    const known = await post(batch([files[0]!, more]));
    expect(JSON.parse(known.body)).toEqual({ results: [{ sha256: hashes[0], status: 'exists' }, { sha256: sha256(more), status: 'exists' }] });
    expect(packs()).toBe(2);
    expect(await db().driver.query('SELECT count(*)::int AS n FROM packs')).toEqual([{ n: 2 }]);
    expect((await stored(sha256(more)))?.equals(more)).toBe(true);
  });

  it('refuses a file whose bytes do not match its hash, alone, and completes an unfinished chunked upload', async () => {
    const good = image('g', 400);
    const claimed = image('h', 400);
    const corrupted = Buffer.from(claimed);
    corrupted[100] = corrupted[100]! ^ 0xff;
    // A chunked upload of `good` stopped half-way.
    const half = await rawRequest(server.url, 'PUT', `${SYNC_API}/files/${sha256(good)}?offset=0&size=${good.length}`, { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' }, good.subarray(0, 200));
    expect(half.status).toBe(200);

    const body = Buffer.from(frameFileBatch([{ sha256: sha256(claimed), bytes: corrupted }, { sha256: sha256(good), bytes: good }]));
    const res = await post(body);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      results: [
        { sha256: sha256(claimed), status: 'refused', reason: "the file's bytes do not match its SHA-256; it was discarded" },
        { sha256: sha256(good), status: 'stored' },
      ],
    });
    expect(await stored(sha256(claimed))).toBe(null);
    expect(await fileRows([sha256(claimed)])).toEqual([]);
    expect(await fileRows([sha256(good)])).toEqual([expect.objectContaining({ complete: true, pack_offset: 0, storage_path: expect.stringMatching(/^packs\//) })]);
    // The half-done upload's bytes are gone; the file is read from its pack.
    expect(fs.readdirSync(ownFolder(sha256(good))).filter((n) => n.startsWith(sha256(good)))).toEqual([]);
    expect((await stored(sha256(good)))?.equals(good)).toBe(true);
    expect((await api(server.url, 'GET', `/files/${sha256(good)}`, token)).body).toEqual({ sha256: sha256(good), received: good.length, complete: true });
    // A later chunk of the old upload is told the file is complete.
    const late = await rawRequest(server.url, 'PUT', `${SYNC_API}/files/${sha256(good)}?offset=200&size=${good.length}`, { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' }, good.subarray(200));
    expect([late.status, JSON.parse(late.body)]).toEqual([200, { sha256: sha256(good), received: good.length, complete: true }]);
  });

  it('answers exists for a file completed by a chunked upload, and stores it once', async () => {
    const chunked = image('c', 300);
    const fresh = image('n', 300);
    const put = await rawRequest(server.url, 'PUT', `${SYNC_API}/files/${sha256(chunked)}?offset=0&size=${chunked.length}`, { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' }, chunked);
    expect(JSON.parse(put.body)).toEqual({ sha256: sha256(chunked), received: chunked.length, complete: true });
    const res = await post(batch([chunked, fresh]));
    expect(JSON.parse(res.body)).toEqual({ results: [{ sha256: sha256(chunked), status: 'exists' }, { sha256: sha256(fresh), status: 'stored' }] });
    expect(await fileRows([sha256(chunked)])).toEqual([expect.objectContaining({ complete: true, pack_offset: null, storage_path: fileStoragePath(sha256(chunked)) })]);
    expect(await fileRows([sha256(fresh)])).toEqual([expect.objectContaining({ complete: true, pack_offset: chunked.length, storage_path: expect.stringMatching(/^packs\//) })]);
    expect((await stored(sha256(chunked)))?.equals(chunked)).toBe(true);
  });

  it('refuses a reader (403), a wrong content type (415) and a missing token (401), storing nothing', async () => {
    const f = image('r');
    const reader = await post(batch([f]), { token: readerToken });
    expect([reader.status, JSON.parse(reader.body).error]).toEqual([403, 'the role "reader" of rita may only read']);
    expect((await post(batch([f]), { type: 'application/json' })).status).toBe(415);
    const anonymous = await rawRequest(server.url, 'POST', `${SYNC_API}/files/batch`, { 'Content-Type': 'application/octet-stream' }, batch([f]));
    expect(anonymous.status).toBe(401);
    expect(await fileRows([sha256(f)])).toEqual([]);
    expect(await stored(sha256(f))).toBe(null);
  });

  it('refuses batches over the limits with 413, on the declared length and while streaming', async () => {
    // 9 files of 1 MiB: 9 MiB of files, over MAX_BATCH_BYTES (8 MiB).
    const big = Array.from({ length: 9 }, (_, i) => Buffer.alloc(1024 * 1024, i + 1));
    expect(big.reduce((n, b) => n + b.length, 0)).toBeGreaterThan(MAX_BATCH_BYTES);
    const body = batch(big);
    const declared = await post(body);
    expect([declared.status, JSON.parse(declared.body).field]).toEqual([413, 'body']);
    // Without a Content-Length: the header's total refuses it as soon as the header is in.
    const streamed = await post(body, { chunked: true });
    expect([streamed.status, JSON.parse(streamed.body).error]).toEqual([413, `the batch's files total ${9 * 1024 * 1024} bytes, more than ${MAX_BATCH_BYTES}; send fewer at a time`]);
    // A header length over MAX_BATCH_HEADER_BYTES.
    const head = Buffer.alloc(8);
    head.writeUInt32BE(MAX_BATCH_HEADER_BYTES + 1);
    const header = await post(head, { chunked: true });
    expect([header.status, JSON.parse(header.body).error]).toEqual([413, `the batch header is ${MAX_BATCH_HEADER_BYTES + 1} bytes, more than ${MAX_BATCH_HEADER_BYTES}`]);
    // A file over 1 MiB belongs to the chunked PUT.
    const large = Buffer.alloc(1024 * 1024 + 1, 7);
    const one = await post(batch([large]));
    expect([one.status, JSON.parse(one.body).field]).toEqual([400, 'files.0.size']);
    expect(await fileRows(big.map(sha256).concat(sha256(large)))).toEqual([]);
  });

  it('refuses malformed framing with 400, naming what is wrong', async () => {
    const f = image('m', 100);
    expect(f.length).toBe(139); // "m-" + a 36-character UUID + ":" + 100 filler bytes
    const h = sha256(f);
    // With a Content-Length, a body of the wrong length is refused as soon as the header is in; without, once it ends.
    const cases: [string, Buffer, string | RegExp][] = [
      ['empty body', Buffer.alloc(0), 'the body is too short for a batch (a 4-byte big-endian header length, the header, the files)'],
      ['two bytes', Buffer.from([0, 0]), 'the body is too short for a batch (a 4-byte big-endian header length, the header, the files)'],
      ['zero-length header', Buffer.from([0, 0, 0, 0]), 'the batch header is empty (the body starts with a 4-byte big-endian header length)'],
      ['cut inside the header', frame({ files: [{ sha256: h, size: 100 }] }).subarray(0, 20), 'the body ends inside the batch header'],
      ['header not JSON', Buffer.concat([Buffer.from([0, 0, 0, 5]), Buffer.from('{"fil')]), 'the batch header is not valid JSON'],
      ['files missing', frame({}), 'files: Invalid input: expected array, received undefined'],
      ['no files', frame({ files: [] }), 'files: Too small: expected array to have >=1 items'],
      ['unknown key', frame({ files: [{ sha256: h, size: 100, name: 'x.png' }] }, f), 'files.0: Unrecognized key: "name"'],
      ['negative size', frame({ files: [{ sha256: h, size: -1 }] }), 'files.0.size: Too small: expected number to be >=0'],
      // 243 = 4 + the 100-byte header {"files":[{"sha256":"…64…","size":139}]} + the 139-byte file.
      ['bytes missing', frame({ files: [{ sha256: h, size: f.length }] }, f.subarray(0, 60)), /^the body (is 164 bytes but|ends after 164 bytes;) its header announces 243$/],
      ['bytes beyond the files', frame({ files: [{ sha256: h, size: f.length }] }, f, Buffer.from('extra')), /^the body is (248 bytes but its header announces 243|longer than the 1 files its header announces \(243 bytes\))$/],
      ['binary junk', crypto.randomBytes(64), ''],
    ];
    for (const [name, body, message] of cases) {
      for (const chunked of [false, true]) {
        const res = await post(body, { chunked });
        const answer = JSON.parse(res.body) as { error: string };
        // Junk may read as a huge header length (413) or a short body (400): never stored, never a crash.
        if (name === 'binary junk') expect([400, 413], name).toContain(res.status);
        else {
          expect(res.status, `${name} (chunked: ${chunked})`).toBe(400);
          expect(answer.error, name).toMatch(message);
        }
      }
    }
    expect(await fileRows([h])).toEqual([]);
  });

  it('takes the binary form: stores what it lacks, answers with the positions held already and refused, and refuses bad framing', async () => {
    const files = [image('s', 300), image('t', 0), image('u', 2000)];
    const hashes = files.map(sha256);
    const binary = (parts: { sha256: string; bytes: Buffer }[]) => Buffer.from(frameBinaryFileBatch(parts));
    const postBinary = (body: Buffer, chunked = false) => post(body, { type: BINARY_FILE_BATCH_TYPE, chunked });
    // One of them is held already (sent in the JSON form).
    expect((await post(batch([files[1]!]))).status).toBe(200);
    const corrupted = Buffer.from(files[2]!);
    corrupted[5] = corrupted[5]! ^ 1;
    const res = await postBinary(binary([{ sha256: hashes[0]!, bytes: files[0]! }, { sha256: hashes[1]!, bytes: files[1]! }, { sha256: hashes[2]!, bytes: corrupted }]));
    expect([res.status, JSON.parse(res.body)]).toEqual([200, { files: 3, exists: [1], refused: [{ index: 2, reason: "the file's bytes do not match its SHA-256; it was discarded" }] }]);
    expect((await stored(hashes[0]!))?.equals(files[0]!)).toBe(true);
    expect(await stored(hashes[2]!)).toBe(null);
    const again = await postBinary(binary([{ sha256: hashes[2]!, bytes: files[2]! }, { sha256: hashes[0]!, bytes: files[0]! }]));
    expect(JSON.parse(again.body)).toEqual({ files: 2, exists: [1], refused: [] });
    expect((await stored(hashes[2]!))?.equals(files[2]!)).toBe(true);

    const f = image('v', 100);
    const h = sha256(f);
    const good = binary([{ sha256: h, bytes: f }]);
    const count = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
    const oversize = Buffer.from(good.subarray(0, 40));
    oversize.writeUInt32BE(2 * 1024 * 1024, 36);
    const cases: [string, Buffer, number, string | RegExp][] = [
      ['two bytes', Buffer.from([0, 0]), 400, 'the body is too short for a batch (a 4-byte big-endian count of files, the header, the files)'],
      ['no files', count(0), 400, 'the batch is empty (the body starts with a 4-byte big-endian count of files, at least 1)'],
      ['too many files', count(1001), 413, 'the batch announces 1001 files, more than 1000; send fewer at a time'],
      ['cut inside the header', good.subarray(0, 30), 400, 'the body ends inside the batch header'],
      ['a file too large', oversize, 400, /^files\.0\.size: at most 1048576 bytes in a batch/],
      // 40 = 4 + one 36-byte entry; the file is 139 bytes.
      ['bytes missing', good.subarray(0, 100), 400, /^the body (is 100 bytes but|ends after 100 bytes;) its header announces 179$/],
      ['bytes beyond the files', Buffer.concat([good, Buffer.from('x')]), 400, /^the body is (180 bytes but its header announces 179|longer than the 1 files its header announces \(179 bytes\))$/],
    ];
    for (const [name, body, status, message] of cases) {
      for (const chunked of [false, true]) {
        const r = await postBinary(body, chunked);
        expect(r.status, `${name} (chunked: ${chunked})`).toBe(status);
        expect((JSON.parse(r.body) as { error: string }).error, name).toMatch(message);
      }
    }
    expect(await fileRows([h])).toEqual([]);
    // The wrong type names both forms.
    const wrong = await post(good, { type: 'text/plain' });
    expect([wrong.status, JSON.parse(wrong.body).error]).toEqual([415, `the body must be sent as application/octet-stream or ${BINARY_FILE_BATCH_TYPE}, not text/plain`]);
  });

  it('refuses hashes that try to name a path, and writes nothing outside its files folder', async () => {
    const f = image('p', 50);
    const tricks = ['../../../etc/passwd', `../${sha256(f)}`, sha256(f).toUpperCase(), `${sha256(f).slice(0, 63)}/`, `${sha256(f)}.bin`, `%2e%2e%2f${sha256(f).slice(9)}`, '', `${sha256(f)}\u0000`];
    for (const trick of tricks) {
      const res = await post(frame({ files: [{ sha256: trick, size: f.length }] }, f));
      expect([res.status, JSON.parse(res.body).field], JSON.stringify(trick)).toEqual([400, 'files.0.sha256']);
    }
    // Only the files and packs folders exist in the data folder, with no stray names in them.
    expect(fs.readdirSync(server.dataDir).filter((n) => n !== 'files' && n !== 'packs')).toEqual([]);
    for (const [folder, name] of [['files', /^[0-9a-f]{64}\.(bin|part)$/], ['packs', /^[0-9a-f]{32}\.pack$/]] as const) {
      if (!fs.existsSync(path.join(server.dataDir, folder))) continue;
      for (const dir of fs.readdirSync(path.join(server.dataDir, folder))) {
        expect(dir).toMatch(/^[0-9a-f]{2}$/);
        for (const n of fs.readdirSync(path.join(server.dataDir, folder, dir))) expect(n).toMatch(name);
      }
    }
  });
});
