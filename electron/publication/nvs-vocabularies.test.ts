import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildNvsResources, bundledCollections, nvsResourceDir } from '../../scripts/build-nvs-resources.js';
import { CurationError } from '../../shared/api/errors.js';
import { readCollection, serialiseCollection } from '../../shared/publication/vocabulary/collection-json.js';
import type { NvsCollection } from '../../shared/publication/vocabulary/nvs-collection.js';
import { readRealFixture } from '../test-support/real-fixtures.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { bundledNvsDir, clearNvsVocabularyCache, findNvsTerm, listVocabulary, loadNvsCollection, nvsLibraryDir, vocabularyStatus } from './nvs-vocabularies.js';

const tempDir = useTempDirs();
afterEach(() => clearNvsVocabularyCache());

const bundled = (c: string): NvsCollection => readCollection(fs.readFileSync(path.join(bundledNvsDir(), `${c}.json`), 'utf8'));

/** Writes a collection file into a library, as an update would. */
function putInLibrary(lib: string, c: NvsCollection | string, name?: string): string {
  const dir = nvsLibraryDir(lib);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name ?? `${typeof c === 'string' ? 'X' : c.collection}.json`);
  fs.writeFileSync(file, typeof c === 'string' ? c : serialiseCollection(c));
  return file;
}

function expectError(fn: () => unknown, code: string, message: RegExp): void {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(CurationError);
  expect((thrown as CurationError).code).toBe(code);
  expect((thrown as CurationError).message).toMatch(message);
}

describe('bundled resources', () => {
  it('are the conversion of the fixture extracts (rerun scripts/build-nvs-resources.ts if this fails)', () => {
    const built = buildNvsResources();
    expect([...built.keys()].sort()).toEqual([...bundledCollections.map((c) => `${c}.json`), 'index.json'].sort());
    for (const [name, content] of built) expect(fs.readFileSync(path.join(nvsResourceDir, name), 'utf8'), name).toBe(content);
  });

  it('list every collection with the version of the fixture snapshot (vocabularies.xml)', () => {
    const xml = new TextDecoder().decode(readRealFixture('octopus/vocab/vocabularies.xml'));
    const listed = new Map([...xml.matchAll(/list="SDN:(\w+):(\d+):"/g)].map((m) => [m[1]!, m[2]!]));
    const status = vocabularyStatus({ libraryDir: null });
    expect(status.map((s) => s.collection)).toEqual([...bundledCollections]);
    for (const s of status) {
      expect(s).toMatchObject({ source: 'bundled', version: listed.get(s.collection), bundledVersion: listed.get(s.collection) });
      expect(s.origin).toMatch(new RegExp(`^NVS collection ${s.collection} version ${s.version} .*SDN\\.${s.collection}\\.${s.version}\\.\\.xml of the Octopus repository`));
    }
    // Term counts: the number of <element> in each extract.
    const l22 = new TextDecoder().decode(readRealFixture('octopus/vocab/SDN.L22.749..xml'));
    expect(status.find((s) => s.collection === 'L22')?.terms).toBe((l22.match(/<element\b/g) ?? []).length);
    expect(status.find((s) => s.collection === 'C17')?.terms).toBe(8000);
  });
});

describe('listVocabulary', () => {
  it('searches the bundled L22 and L20', () => {
    const l22 = listVocabulary({ libraryDir: null }, 'L22', 'cytosense', 5);
    expect(l22).toMatchObject({ collection: 'L22', version: '749', date: '2025-04-12T02:00:01', title: 'SeaVoX Device Catalogue', source: 'bundled', total: 1 });
    expect(l22.terms[0]).toMatchObject({ code: 'TOOL1209', urn: 'SDN:L22::TOOL1209', label: 'CytoBuoy CytoSense flow cytometer' });
    const l20 = listVocabulary({ libraryDir: null }, 'l20');
    expect(l20.total).toBe(13);
    expect(l20.terms.map((t) => t.code)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'Q']);
    const limited = listVocabulary({ libraryDir: null }, 'P06', 'per', 3);
    expect(limited.terms).toHaveLength(3);
    expect(limited.total).toBeGreaterThan(3);
  });

  it('finds single terms (for the publication checks)', () => {
    expect(findNvsTerm({ libraryDir: null }, 'P06', 'SDN:P06::UCML')).toMatchObject({ label: 'Number per millilitre', shortLabel: '#/ml' });
    expect(findNvsTerm({ libraryDir: null }, 'L05', 'LAB99')).toBeNull();
  });

  it('refuses an invalid id, and a collection neither bundled nor updated', () => {
    expectError(() => listVocabulary({ libraryDir: null }, 'L2'), 'invalid-request', /"L2" is not an NVS collection id/);
    expectError(() => listVocabulary({ libraryDir: tempDir() }, 'F02'), 'not-found', /F02 is neither bundled nor in the library \(run: cytocurator vocab update --collections F02\)/);
  });
});

describe('library copies', () => {
  it('a newer or equal library version is used; an older one is not', () => {
    const lib = tempDir();
    const l20 = bundled('L20');
    putInLibrary(lib, { ...l20, version: '9', origin: 'test update', terms: l20.terms.filter((t) => t.code !== 'B') });
    const used = listVocabulary({ libraryDir: lib }, 'L20');
    expect(used).toMatchObject({ version: '9', source: 'updated', origin: 'test update', total: 12 });
    putInLibrary(lib, { ...l20, version: '7' });
    expect(listVocabulary({ libraryDir: lib }, 'L20')).toMatchObject({ version: '8', source: 'bundled', total: 13 });
    putInLibrary(lib, { ...l20, origin: 'same version' });
    expect(listVocabulary({ libraryDir: lib }, 'L20')).toMatchObject({ version: '8', source: 'updated', origin: 'same version' });
  });

  it('a damaged library copy falls back to the bundled list and says so', () => {
    const lib = tempDir();
    const file = putInLibrary(lib, '{"format": "cytocurator/nvs-collection", "formatVersion": 1, "coll', 'L22.json');
    const listing = listVocabulary({ libraryDir: lib }, 'L22', 'TOOL1209');
    expect(listing).toMatchObject({ source: 'bundled', version: '749', total: 1 });
    expect(listing.problem).toContain(`the updated copy ${file} is unreadable`);
    const status = vocabularyStatus({ libraryDir: lib }).find((s) => s.collection === 'L22');
    expect(status).toMatchObject({ source: 'bundled', problem: expect.stringContaining('unreadable') });
    // A file holding another collection under this name is refused the same way.
    putInLibrary(lib, { ...bundled('L05'), version: '999' }, 'L06.json');
    expect(loadNvsCollection({ libraryDir: lib }, 'L06')).toMatchObject({ source: 'bundled', problem: expect.stringContaining('it holds collection L05') });
  });

  it('a collection only in the library (e.g. F02 fetched by an update) is listed and searchable', () => {
    const lib = tempDir();
    putInLibrary(lib, {
      collection: 'F02',
      version: '8',
      date: '2022-11-14T02:00:07',
      title: 'Marine Microbial Flow Cytometry Standardised Group Names',
      terms: [{ code: 'X1', urn: 'SDN:F02::X1', label: 'OraPicoProk' }],
    });
    const status = vocabularyStatus({ libraryDir: lib });
    expect(status.map((s) => s.collection)).toEqual(['C17', 'F02', 'L05', 'L06', 'L07', 'L08', 'L20', 'L22', 'L23', 'P02', 'P06']);
    expect(status.find((s) => s.collection === 'F02')).toMatchObject({ source: 'updated', version: '8', bundledVersion: null, terms: 1 });
    expect(listVocabulary({ libraryDir: lib }, 'F02', 'orapico').terms.map((t) => t.code)).toEqual(['X1']);
    // Damaged and only in the library: the status says why, listing it is an error naming the file.
    putInLibrary(lib, 'not json', 'F02.json');
    expect(vocabularyStatus({ libraryDir: lib }).find((s) => s.collection === 'F02')).toMatchObject({ version: '', problem: expect.stringMatching(/not a CytoCurator NVS collection file/) });
    expectError(() => listVocabulary({ libraryDir: lib }, 'F02'), 'invalid-input', /not a CytoCurator NVS collection file/);
  });

  it('a replaced file is read again (cache keyed on size and time)', () => {
    const lib = tempDir();
    const l08 = bundled('L08');
    const file = putInLibrary(lib, { ...l08, version: '6' });
    expect(listVocabulary({ libraryDir: lib }, 'L08').version).toBe('6');
    fs.writeFileSync(file, serialiseCollection({ ...l08, version: '17', terms: l08.terms.slice(0, 3) }));
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(file, later, later);
    expect(listVocabulary({ libraryDir: lib }, 'L08')).toMatchObject({ version: '17', total: 3 });
  });
});
