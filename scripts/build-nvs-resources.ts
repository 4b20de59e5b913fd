/**
 * Converts the NVS vocabulary extracts of the real fixtures (Octopus flat XML, ../shared/fixtures/real/octopus/vocab,
 * see PROVENANCE-seadatanet.md §1) into the compact JSON the product ships: resources/vocabularies/nvs/<C>.json,
 * one file per collection with every term, plus index.json (collection, version, date, title, source, term count).
 * The fixtures are the source; the product ships only the JSON (origin and terms: resources/vocabularies/NOTICE.md).
 *
 * Refuses to write anything when a file has a format issue, or when its version, date or title disagree with the
 * collection list of the same snapshot (vocabularies.xml).
 *
 *   npx tsx scripts/build-nvs-resources.ts
 */
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { indexEntry, serialiseCollection, serialiseIndex } from '../shared/publication/vocabulary/collection-json.js';
import { normaliseNvsDate } from '../shared/publication/vocabulary/nvs-collection.js';
import { parseOctopusVocabulary } from '../shared/publication/vocabulary/parse-octopus-vocabulary.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const vocabFixtureDir = path.resolve(root, '..', 'shared', 'fixtures', 'real', 'octopus', 'vocab');
export const nvsResourceDir = path.join(root, 'resources', 'vocabularies', 'nvs');

/** The collections the product bundles (formats-seadatanet.md §6). */
export const bundledCollections = ['C17', 'L05', 'L06', 'L07', 'L08', 'L20', 'L22', 'L23', 'P02', 'P06'] as const;

/** The Octopus snapshot the extracts were copied from (PROVENANCE-seadatanet.md §1). */
const octopusCommit = '6b68186782f7c50d1c278521341ff5105dd33131';
const octopusPath = 'resources/externalResources/BODCVocabularies';

/** vocabularies.xml: `<vocabulary list="SDN:L22:749:" version="749" date="…" title="…"/>` per collection. */
function collectionList(xml: string): Map<string, { version: string; date: string; title: string }> {
  const attr = (tag: string, name: string): string => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? '';
  const out = new Map<string, { version: string; date: string; title: string }>();
  for (const m of xml.matchAll(/<vocabulary\b[^>]*>/g)) {
    const list = /^SDN:([A-Z][A-Z0-9]{2}):/.exec(attr(m[0], 'list'));
    const unescape = (s: string) => s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    if (list) out.set(list[1] as string, { version: attr(m[0], 'version'), date: normaliseNvsDate(attr(m[0], 'date')) ?? '', title: unescape(attr(m[0], 'title')) });
  }
  return out;
}

/** The resource files (name → content) built from the fixtures; throws on any problem. */
export function buildNvsResources(fixtureDir = vocabFixtureDir): Map<string, string> {
  const names = readdirSync(fixtureDir);
  const listed = collectionList(readFileSync(path.join(fixtureDir, 'vocabularies.xml'), 'utf8'));
  const files = new Map<string, string>();
  const entries = [];
  const problems: string[] = [];
  for (const collection of bundledCollections) {
    const matches = names.filter((n) => new RegExp(`^SDN\\.${collection}\\.\\d+\\.\\.xml$`).test(n));
    if (matches.length !== 1) {
      problems.push(`${collection}: expected one SDN.${collection}.<version>..xml in ${fixtureDir}, found ${matches.length}`);
      continue;
    }
    const file = matches[0] as string;
    const { vocabulary, issues } = parseOctopusVocabulary(new Uint8Array(readFileSync(path.join(fixtureDir, file))));
    for (const i of issues) problems.push(`${file}${i.line ? `:${i.line}` : ''}: ${i.field ? `${i.field}: ` : ''}${i.message}`);
    const expected = listed.get(collection);
    if (!expected) problems.push(`${collection}: not in vocabularies.xml`);
    else {
      for (const key of ['version', 'date', 'title'] as const) {
        if (expected[key] !== vocabulary[key]) problems.push(`${file}: ${key} "${vocabulary[key]}" but vocabularies.xml says "${expected[key]}"`);
      }
    }
    vocabulary.origin = `NVS collection ${collection} version ${vocabulary.version} (NERC Vocabulary Server, BODC), extract ${file} of the Octopus repository github.com/seadatanet/octopus@${octopusCommit.slice(0, 12)} (${octopusPath})`;
    files.set(`${collection}.json`, serialiseCollection(vocabulary));
    entries.push(indexEntry(vocabulary));
  }
  if (problems.length) throw new Error(`NVS resources not built:\n  ${problems.join('\n  ')}`);
  files.set('index.json', serialiseIndex(entries));
  return files;
}

function writeResources(): void {
  const files = buildNvsResources();
  mkdirSync(nvsResourceDir, { recursive: true });
  // Files of collections no longer bundled go; nothing else in the folder is touched.
  for (const name of readdirSync(nvsResourceDir)) {
    if (/^[A-Z][A-Z0-9]{2}\.json$/.test(name) && !files.has(name)) unlinkSync(path.join(nvsResourceDir, name));
  }
  for (const [name, content] of files) writeFileSync(path.join(nvsResourceDir, name), content);
  console.log(`wrote ${files.size} files to ${path.relative(root, nvsResourceDir)}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeResources();
}
