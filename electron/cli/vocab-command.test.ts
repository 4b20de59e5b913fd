import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NvsCollection } from '../../shared/publication/vocabulary/nvs-collection.js';
import { parseOctopusVocabulary } from '../../shared/publication/vocabulary/parse-octopus-vocabulary.js';
import { toNvsJsonLd } from '../../shared/publication/vocabulary/test-support/nvs-json-ld.js';
import { clearNvsVocabularyCache } from '../publication/nvs-vocabularies.js';
import { readRealFixture } from '../test-support/real-fixtures.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { commands } from './commands.js';
import { runCli } from './run-cli.js';
import { vocabCommand } from './vocab-command.js';

const tempDir = useTempDirs();

// Taken before the line below, which lets the other tests run through runCli whether or not commands.ts lists
// the command yet: only this test fails until it is registered.
const registered = commands.vocab;
commands.vocab ??= vocabCommand;

it('is registered as "cytocurator vocab" in commands.ts', () => {
  expect(registered).toBe(vocabCommand);
});

async function cli(argv: string[], home: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { CYTOCURATOR_HOME: home } });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as Record<string, any> };
}

const servers: http.Server[] = [];
afterEach(async () => {
  clearNvsVocabularyCache();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

/** A stand-in NVS on 127.0.0.1 serving the given JSON-LD bodies (or HTTP statuses) per collection. */
async function standInNvs(routes: Record<string, string | number>): Promise<string> {
  const server = http.createServer((req, res) => {
    const c = /^\/collection\/([A-Z0-9]{3})\/current\//.exec(req.url ?? '')?.[1];
    const route = c ? routes[c] : undefined;
    if (typeof route === 'string') res.writeHead(200, { 'content-type': 'application/ld+json' }).end(route);
    else res.writeHead(route ?? 404).end('error');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const fixture = (file: string): NvsCollection => parseOctopusVocabulary(readRealFixture(`octopus/vocab/${file}`)).vocabulary;

describe('cytocurator vocab list', () => {
  it('without a collection: every bundled collection, its version and source', async () => {
    const home = tempDir();
    const r = await cli(['vocab', 'list', '--json'], home);
    expect(r.code).toBe(0);
    const collections = r.json().collections as { collection: string; version: string; source: string; terms: number }[];
    expect(collections.map((c) => `${c.collection} ${c.version} ${c.source}`)).toEqual([
      'C17 1155 bundled',
      'L05 92 bundled',
      'L06 18 bundled',
      'L07 3 bundled',
      'L08 5 bundled',
      'L20 8 bundled',
      'L22 749 bundled',
      'L23 10 bundled',
      'P02 127 bundled',
      'P06 146 bundled',
    ]);
    expect(r.json().errors).toEqual([]);
    const text = await cli(['vocab', 'list'], home);
    expect(text.stdout).toContain('L22\tv749\t2025-04-12\tbundled\t 2229\tSeaVoX Device Catalogue');
    // Listing reads files only: no library database is created.
    expect(fs.existsSync(path.join(home, 'library'))).toBe(false);
  });

  it('one collection, searched', async () => {
    const home = tempDir();
    const r = await cli(['vocab', 'list', 'L22', '--search', 'CytoSense', '--json'], home);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ collection: 'L22', version: '749', source: 'bundled', total: 1, terms: [{ code: 'TOOL1209', label: 'CytoBuoy CytoSense flow cytometer' }] });
    const flags = await cli(['vocab', 'list', 'L20'], home);
    expect(flags.stdout.split('\n').slice(0, 3)).toEqual(['L20 SeaDataNet measurand qualifier flags, version 8 (2022-05-14), bundled', '0\tno quality control\tnone', '1\tgood value\tgood']);
    expect(flags.stdout).toContain('(13 terms)');
    const limited = await cli(['vocab', 'list', 'P06', '--search', 'per', '--limit', '2'], home);
    expect(limited.stdout).toMatch(/\(2 of \d+ terms matching "per"\)/);
  });

  it('errors: unknown collection (1), usage mistakes (2)', async () => {
    const home = tempDir();
    const missing = await cli(['vocab', 'list', 'F02', '--json'], home);
    expect(missing.code).toBe(1);
    expect(missing.json().errors[0]).toMatchObject({ code: 'not-found', message: expect.stringContaining('F02 is neither bundled nor in the library') });
    expect((await cli(['vocab'], home)).code).toBe(2);
    expect((await cli(['vocab', 'remove'], home)).code).toBe(2);
    expect((await cli(['vocab', 'list', 'L22', 'L20'], home)).code).toBe(2);
    expect((await cli(['vocab', 'list', '--search', 'x'], home)).code).toBe(2);
    expect((await cli(['vocab', 'list', 'L2'], home)).code).toBe(2);
    expect((await cli(['vocab', 'list', 'L22', '--limit', '-1'], home)).code).toBe(2);
  });
});

describe('cytocurator vocab update', () => {
  it('installs a newer version from the given server; vocab list then shows it as updated', async () => {
    const home = tempDir();
    const l20 = fixture('SDN.L20.8..xml');
    const url = await standInNvs({ L20: toNvsJsonLd({ ...l20, version: '9', date: '2026-01-15T02:00:01' }), P06: toNvsJsonLd(fixture('SDN.P06.146..xml')) });
    const r = await cli(['vocab', 'update', '--url', url, '--collections', 'L20,P06', '--json'], home);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({
      written: true,
      directory: path.join(home, 'library', 'vocabularies', 'nvs'),
      results: [
        { collection: 'L20', status: 'updated', version: '9', previousVersion: '8', terms: 13 },
        { collection: 'P06', status: 'unchanged', version: '146' },
      ],
      errors: [],
    });
    const listed = await cli(['vocab', 'list', 'L20', '--json'], home);
    expect(listed.json()).toMatchObject({ version: '9', source: 'updated', date: '2026-01-15T02:00:01' });
    const text = await cli(['vocab', 'update', '--url', url, '--collections', 'L20'], home);
    expect(text.stdout).toBe('L20\tunchanged\tv9\nnothing to write: the vocabularies in use are current\n');
  });

  it('a failing server: exit 1, the report says why, nothing changes', async () => {
    const home = tempDir();
    const url = await standInNvs({ L22: 500 });
    const r = await cli(['vocab', 'update', '--url', url, '--collections', 'L22', '--json'], home);
    expect(r.code).toBe(1);
    expect(r.json()).toMatchObject({ written: false, results: [{ collection: 'L22', status: 'failed', reason: expect.stringMatching(/HTTP 500/) }] });
    const text = await cli(['vocab', 'update', '--url', url, '--collections', 'L22', '--timeout', '5'], home);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^L22\tfailed\tv749\tthe server answered HTTP 500 .*\nnothing written: the vocabularies in use are unchanged\n$/);
    expect((await cli(['vocab', 'list', 'L22', '--json'], home)).json().source).toBe('bundled');
  });

  it('usage errors (2): bad address, bad collection id, bad timeout, arguments; the Demo library is read-only (1)', async () => {
    const home = tempDir();
    expect((await cli(['vocab', 'update', '--url', 'ftp://example.org'], home)).code).toBe(2);
    expect((await cli(['vocab', 'update', '--collections', 'L22,XX'], home)).code).toBe(2);
    expect((await cli(['vocab', 'update', '--timeout', 'soon'], home)).code).toBe(2);
    expect((await cli(['vocab', 'update', 'L22'], home)).code).toBe(2);
    const demo = await cli(['vocab', 'update', '--library', path.join(home, 'demo-library'), '--json'], home);
    expect(demo.code).toBe(1);
    expect(demo.json().errors[0]).toMatchObject({ code: 'read-only' });
    const missing = await cli(['vocab', 'update', '--library', path.join(home, 'nowhere'), '--collections', 'L20', '--json'], home);
    expect(missing.code).toBe(1);
    expect(missing.json().errors[0]).toMatchObject({ code: 'not-found', message: expect.stringContaining('library folder not found') });
  });
});
