import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CurationError } from '../../shared/api/errors.js';
import { readCollection, readIndex } from '../../shared/publication/vocabulary/collection-json.js';
import type { NvsCollection } from '../../shared/publication/vocabulary/nvs-collection.js';
import { parseOctopusVocabulary } from '../../shared/publication/vocabulary/parse-octopus-vocabulary.js';
import { toNvsJsonLd } from '../../shared/publication/vocabulary/test-support/nvs-json-ld.js';
import { readRealFixture } from '../test-support/real-fixtures.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { nvsCollectionJsonLdUrl, recoverInterruptedUpdate, updateVocabularies } from './nvs-update.js';
import { clearNvsVocabularyCache, listVocabulary, nvsLibraryDir } from './nvs-vocabularies.js';

const tempDir = useTempDirs();

const fixtureFiles: Record<string, string> = {
  C17: 'SDN.C17.1155..xml',
  L05: 'SDN.L05.92..xml',
  L06: 'SDN.L06.18..xml',
  L07: 'SDN.L07.3..xml',
  L08: 'SDN.L08.5..xml',
  L20: 'SDN.L20.8..xml',
  L22: 'SDN.L22.749..xml',
  L23: 'SDN.L23.10..xml',
  P02: 'SDN.P02.127..xml',
  P06: 'SDN.P06.146..xml',
};
const fixture = (c: string): NvsCollection => parseOctopusVocabulary(readRealFixture(`octopus/vocab/${fixtureFiles[c]!}`)).vocabulary;
/** The fixture collection as a later NVS version would serve it. */
function nextVersion(c: string, change: (v: NvsCollection) => NvsCollection = (v) => v): NvsCollection {
  const v = fixture(c);
  return change({ ...v, version: String(Number(v.version) + 1), date: '2026-01-15T02:00:01' });
}

type Behaviour =
  | { kind: 'json'; body: string }
  | { kind: 'status'; status: number }
  | { kind: 'hang' }
  | { kind: 'hang-body'; start: string };

/** A stand-in NVS on 127.0.0.1 (loopback only): serves /collection/<C>/current/ as told, records the requests. */
async function standInNvs(routes: Record<string, Behaviour>) {
  const requests: { url: string; accept: string | undefined }[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ url: req.url ?? '', accept: req.headers.accept });
    const m = /^\/collection\/([A-Z0-9]{3})\/current\/\?/.exec(req.url ?? '');
    const route = m ? routes[m[1]!] : undefined;
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    } else if (route.kind === 'json') {
      res.writeHead(200, { 'content-type': 'application/ld+json' }).end(route.body);
    } else if (route.kind === 'status') {
      res.writeHead(route.status, { 'content-type': 'text/html' }).end(`<html><body>${route.status}</body></html>`);
    } else if (route.kind === 'hang-body') {
      res.writeHead(200, { 'content-type': 'application/ld+json' });
      res.write(route.start); // …and never ends
    }
    // 'hang': no answer at all
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests };
}

const servers: http.Server[] = [];
afterEach(async () => {
  clearNvsVocabularyCache();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

const json = (v: NvsCollection, style: 'prefixed' | 'terms' | 'expanded' = 'prefixed'): Behaviour => ({ kind: 'json', body: toNvsJsonLd(v, { style }) });
const now = () => new Date('2026-02-01T10:00:00.000Z');

const library = (): string => tempDir();

/** Everything below <library>/vocabularies, as relative paths with sizes (to prove nothing changed). */
function snapshot(lib: string): Record<string, string> {
  const root = path.join(lib, 'vocabularies');
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(root, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return out;
}

describe('updateVocabularies against a local stand-in NVS', () => {
  it('fetches, checks and installs new versions; the library copies are used afterwards', async () => {
    const l22 = nextVersion('L22', (v) => ({ ...v, terms: [...v.terms, { code: 'TOOL9999', urn: 'SDN:L22::TOOL9999', label: 'Imaginary imaging flow cytometer' }] }));
    const nvs = await standInNvs({ L20: json(nextVersion('L20'), 'terms'), L22: json(l22), P06: json(nextVersion('P06'), 'expanded') });
    const lib = library();
    const report = await updateVocabularies({ libraryDir: lib, baseUrl: `${nvs.url}/`, collections: ['L20', 'l22', 'P06'], now });
    expect(report).toEqual({
      baseUrl: nvs.url,
      directory: nvsLibraryDir(lib),
      written: true,
      results: [
        { collection: 'L20', status: 'updated', version: '9', previousVersion: '8', terms: 13 },
        { collection: 'L22', status: 'updated', version: '750', previousVersion: '749', terms: 2230 },
        { collection: 'P06', status: 'updated', version: '147', previousVersion: '146', terms: 398 },
      ],
    });
    // What was asked: the JSON-LD of the NVS profile.
    expect(nvs.requests.map((r) => r.url).sort()).toEqual(['L20', 'L22', 'P06'].map((c) => `/collection/${c}/current/?_profile=nvs&_mediatype=application/ld+json`));
    expect(nvs.requests.every((r) => r.accept === 'application/ld+json')).toBe(true);
    expect(nvsCollectionJsonLdUrl('https://vocab.nerc.ac.uk/', 'L22')).toBe('https://vocab.nerc.ac.uk/collection/L22/current/?_profile=nvs&_mediatype=application/ld+json');

    // The files, and nothing else (no staging folder, no lock).
    expect(Object.keys(snapshot(lib)).sort()).toEqual(['nvs/L20.json', 'nvs/L22.json', 'nvs/P06.json', 'nvs/index.json'].map((p) => p.replace('/', path.sep)));
    const written = readCollection(fs.readFileSync(path.join(nvsLibraryDir(lib), 'L22.json'), 'utf8'));
    expect(written).toMatchObject({ collection: 'L22', version: '750', date: '2026-01-15T02:00:01', title: 'SeaVoX Device Catalogue' });
    expect(written.origin).toBe(`NVS collection L22 version 750 from ${nvs.url}/collection/L22/current/?_profile=nvs&_mediatype=application/ld+json, retrieved 2026-02-01T10:00:00.000Z`);
    expect(readIndex(fs.readFileSync(path.join(nvsLibraryDir(lib), 'index.json'), 'utf8')).map((e) => [e.collection, e.version, e.terms])).toEqual([
      ['L20', '9', 13],
      ['L22', '750', 2230],
      ['P06', '147', 398],
    ]);
    const listing = listVocabulary({ libraryDir: lib }, 'L22', 'imaginary');
    expect(listing).toMatchObject({ source: 'updated', version: '750', total: 1 });
    expect(listVocabulary({ libraryDir: lib }, 'L05')).toMatchObject({ source: 'bundled', version: '92' });
  });

  it('without a collection list, asks for every bundled collection; the same versions are "unchanged" and nothing is written', async () => {
    const routes = Object.fromEntries(Object.keys(fixtureFiles).map((c) => [c, json(fixture(c))]));
    const nvs = await standInNvs(routes);
    const lib = library();
    const report = await updateVocabularies({ libraryDir: lib, baseUrl: nvs.url });
    expect(report.written).toBe(false);
    expect(report.results.map((r) => [r.collection, r.status, r.version])).toEqual(Object.keys(fixtureFiles).map((c) => [c, 'unchanged', fixture(c).version]));
    expect(report.results.find((r) => r.collection === 'C17')?.terms).toBe(8000);
    expect(nvs.requests).toHaveLength(10);
    expect(fs.existsSync(nvsLibraryDir(lib))).toBe(false);
  });

  it('an older version on the server is not installed', async () => {
    const l08 = fixture('L08');
    const nvs = await standInNvs({ L08: json({ ...l08, version: '4' }) });
    const report = await updateVocabularies({ libraryDir: library(), baseUrl: nvs.url, collections: ['L08'] });
    expect(report.results).toEqual([
      { collection: 'L08', status: 'unchanged', version: '5', previousVersion: '5', terms: 14, reason: 'the server offers version 4, older than 5 in use; 5 is kept' },
    ]);
  });

  const l22Json = toNvsJsonLd(nextVersion('L22'));
  it.each([
    ['a server error', { kind: 'status', status: 500 } as Behaviour, /^the server answered HTTP 500 Internal Server Error for http:\/\/127\.0\.0\.1:\d+\/collection\/L22\/current\/\?_profile=nvs&_mediatype=application\/ld\+json$/],
    ['a missing collection (404)', { kind: 'status', status: 404 } as Behaviour, /^the server answered HTTP 404 Not Found/],
    ['a garbage body', { kind: 'json', body: '<html><body>Maintenance</body></html>' } as Behaviour, /^unusable answer from .*: not an NVS JSON-LD document: not JSON .* it starts with "<html><body>Maintenance/],
    ['a cut-off body', { kind: 'json', body: l22Json.slice(0, l22Json.length >> 1) } as Behaviour, /^unusable answer from .*: not an NVS JSON-LD document: not JSON/],
    ['no answer (timeout)', { kind: 'hang' } as Behaviour, /^no complete answer from .* within 0\.3 s \(timed out\)$/],
    ['a body that stops coming (timeout)', { kind: 'hang-body', start: l22Json.slice(0, 1000) } as Behaviour, /within 0\.3 s \(timed out\)$/],
    [
      'a collection missing a relied-upon code',
      json(nextVersion('L22', (v) => ({ ...v, terms: v.terms.filter((t) => t.code !== 'TOOL1209') }))),
      /^version 750 refused: missing code CytoCurator relies on: TOOL1209$/,
    ],
    ['another collection under this address', json(nextVersion('L05')), /^version 93 refused: the document describes collection L05, not L22; no current terms; missing code CytoCurator relies on: TOOL1209$/],
    [
      'a far smaller list',
      json(nextVersion('L22', (v) => ({ ...v, terms: v.terms.filter((t, i) => t.code === 'TOOL1209' || i % 3 === 0) }))),
      /^version 750 refused: only \d+ current terms where version 749 has 2229: the response looks truncated$/,
    ],
  ])('%s: the collection fails and nothing is written', async (_name, behaviour, reason) => {
    const nvs = await standInNvs({ L22: behaviour });
    const lib = library();
    const report = await updateVocabularies({ libraryDir: lib, baseUrl: nvs.url, collections: ['L22'], timeoutMs: 300 });
    expect(report.written).toBe(false);
    expect(report.results).toHaveLength(1);
    expect(report.results[0]).toMatchObject({ collection: 'L22', status: 'failed', previousVersion: '749' });
    expect(report.results[0]!.reason).toMatch(reason);
    expect(snapshot(lib)).toEqual({});
    expect(listVocabulary({ libraryDir: lib }, 'L22')).toMatchObject({ source: 'bundled', version: '749' });
  });

  it('a server that is not there: the reason names the address', async () => {
    const nvs = await standInNvs({});
    const [server] = servers.splice(0);
    server!.closeAllConnections();
    await new Promise((resolve) => server!.close(resolve)); // the port is now closed
    const report = await updateVocabularies({ libraryDir: library(), baseUrl: nvs.url, collections: ['L20'] });
    expect(report.results[0]).toMatchObject({ status: 'failed', version: null });
    expect(report.results[0]!.reason).toMatch(/^cannot reach http:\/\/127\.0\.0\.1:\d+\/collection\/L20\/current\/.*: ECONNREFUSED$/);
  });

  it('a response larger than allowed is refused', async () => {
    const nvs = await standInNvs({ L20: json(nextVersion('L20')) });
    const report = await updateVocabularies({ libraryDir: library(), baseUrl: nvs.url, collections: ['L20'], maxBytes: 2000 });
    expect(report.results[0]!.reason).toMatch(/more than the 2000 (bytes )?accepted/);
  });

  it('all or nothing: one failure keeps every previous file, the good collections are reported as not installed', async () => {
    const lib = library();
    // A previous update left L20 version 9.
    const first = await standInNvs({ L20: json(nextVersion('L20')) });
    expect((await updateVocabularies({ libraryDir: lib, baseUrl: first.url, collections: ['L20'] })).written).toBe(true);
    const before = snapshot(lib);

    const l20v10 = { ...nextVersion('L20'), version: '10' };
    const nvs = await standInNvs({ L20: json(l20v10), L22: { kind: 'status', status: 503 }, P06: json(nextVersion('P06')) });
    const report = await updateVocabularies({ libraryDir: lib, baseUrl: nvs.url, collections: ['L20', 'L22', 'P06'] });
    expect(report.written).toBe(false);
    expect(report.results).toEqual([
      {
        collection: 'L20',
        status: 'failed',
        version: '10',
        previousVersion: '9',
        reason: 'version 10 was fetched but not installed, because L22 failed (the set is replaced whole or not at all); 9 stays in use',
      },
      { collection: 'L22', status: 'failed', version: null, previousVersion: '749', reason: expect.stringMatching(/^the server answered HTTP 503/) },
      {
        collection: 'P06',
        status: 'failed',
        version: '147',
        previousVersion: '146',
        reason: 'version 147 was fetched but not installed, because L22 failed (the set is replaced whole or not at all); 146 stays in use',
      },
    ]);
    expect(snapshot(lib)).toEqual(before);
    expect(listVocabulary({ libraryDir: lib }, 'L20').version).toBe('9');
  });

  it('a later update of other collections keeps the library’s earlier updates', async () => {
    const lib = library();
    const nvs = await standInNvs({ L20: json(nextVersion('L20')), P06: json(nextVersion('P06')) });
    await updateVocabularies({ libraryDir: lib, baseUrl: nvs.url, collections: ['L20'] });
    const l20Before = fs.readFileSync(path.join(nvsLibraryDir(lib), 'L20.json'), 'utf8');
    const report = await updateVocabularies({ libraryDir: lib, baseUrl: nvs.url, collections: ['P06'] });
    expect(report.results.map((r) => r.status)).toEqual(['updated']);
    expect(fs.readFileSync(path.join(nvsLibraryDir(lib), 'L20.json'), 'utf8')).toBe(l20Before);
    expect(readIndex(fs.readFileSync(path.join(nvsLibraryDir(lib), 'index.json'), 'utf8')).map((e) => `${e.collection} ${e.version}`)).toEqual(['L20 9', 'P06 147']);
  });

  it('can be cancelled', async () => {
    const nvs = await standInNvs({ L20: { kind: 'hang' } });
    const controller = new AbortController();
    const running = updateVocabularies({ libraryDir: library(), baseUrl: nvs.url, collections: ['L20'], signal: controller.signal });
    while (nvs.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    expect((await running).results[0]).toMatchObject({ status: 'failed', reason: 'cancelled' });
    const aborted = new AbortController();
    aborted.abort();
    expect((await updateVocabularies({ libraryDir: library(), baseUrl: nvs.url, collections: ['L20'], signal: aborted.signal })).results[0]!.reason).toBe('cancelled');
  });
});

describe('interrupted updates, locks and bad options', () => {
  it('puts back a set left aside by an update interrupted between its renames, and clears staging leftovers', () => {
    const lib = library();
    const root = path.join(lib, 'vocabularies');
    fs.mkdirSync(path.join(root, '.nvs-old-123-abcd'), { recursive: true });
    fs.writeFileSync(path.join(root, '.nvs-old-123-abcd', 'L20.json'), 'previous');
    fs.mkdirSync(path.join(root, '.nvs-staging-123-abcd'));
    fs.writeFileSync(path.join(root, '.nvs-staging-123-abcd', 'L20.json'), 'half');
    recoverInterruptedUpdate(lib);
    expect(snapshot(lib)).toEqual({ [path.join('nvs', 'L20.json')]: 'previous' });
  });

  it('refuses to run beside another update of the same library', async () => {
    const lib = library();
    fs.mkdirSync(path.join(lib, 'vocabularies'));
    fs.writeFileSync(path.join(lib, 'vocabularies', '.nvs-update.lock'), '1 now');
    await expect(updateVocabularies({ libraryDir: lib, collections: ['L20'], fetch: () => Promise.reject(new Error('not called')) })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/another vocabulary update is running/),
    });
    // A lock left by a crash long ago is taken over.
    const old = new Date(Date.now() - 3_600_000);
    fs.utimesSync(path.join(lib, 'vocabularies', '.nvs-update.lock'), old, old);
    const nvs = await standInNvs({ L20: json(fixture('L20')) });
    expect((await updateVocabularies({ libraryDir: lib, baseUrl: nvs.url, collections: ['L20'] })).results[0]!.status).toBe('unchanged');
    expect(fs.existsSync(path.join(lib, 'vocabularies', '.nvs-update.lock'))).toBe(false);
  });

  it.each([
    [{ baseUrl: 'ftp://vocab.nerc.ac.uk' }, 'invalid-request', /must be http\(s\)/],
    [{ baseUrl: 'vocab.nerc.ac.uk' }, 'invalid-request', /is not a web address/],
    [{ collections: ['L22', 'P6'] }, 'invalid-request', /not NVS collection ids: P6/],
    [{ collections: [' '] }, 'invalid-request', /no collection to update/],
    [{ libraryDir: '/nonexistent/cytocurator-library' }, 'not-found', /library folder not found/],
  ])('refuses %j', async (options, code, message) => {
    const fetch = () => Promise.reject(new Error('must not be called'));
    const run = updateVocabularies({ libraryDir: library(), fetch, ...options });
    await expect(run).rejects.toBeInstanceOf(CurationError);
    await expect(run).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
  });
});
