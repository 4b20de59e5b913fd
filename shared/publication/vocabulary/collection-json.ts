/**
 * The compact JSON the product ships (resources/vocabularies/nvs/<C>.json) and an update writes into a library
 * (<library>/vocabularies/nvs/<C>.json):
 *
 *   {
 *     "format": "cytocurator/nvs-collection", "formatVersion": 1,
 *     "collection": "L20", "version": "8", "date": "2022-05-14T02:00:05", "title": "…", "origin": "…",
 *     "columns": ["code", "label", "shortLabel", "date", "deprecated", "group"],
 *     "terms": [
 *       ["0", "no quality control", "none", "2007-05-17T09:47:30"],
 *       …
 *     ]
 *   }
 *
 * One row per term and per line (readable diffs when a collection is refreshed), terms in code order, trailing
 * empty cells left out, null for an empty cell before a filled one. The URN is not stored: it is SDN:<C>::<code>.
 */
import { CurationError } from '../../api/errors.js';
import { isCollectionId, termUrn } from './nvs-collection.js';
import type { NvsCollection, NvsTerm } from './nvs-collection.js';

export const NVS_COLLECTION_FORMAT = 'cytocurator/nvs-collection';
export const NVS_INDEX_FORMAT = 'cytocurator/nvs-index';
const COLUMNS = ['code', 'label', 'shortLabel', 'date', 'deprecated', 'group'] as const;

type Cell = string | boolean | null;

function row(t: NvsTerm): Cell[] {
  const cells: Cell[] = [t.code, t.label, t.shortLabel ?? null, t.date ?? null, t.deprecated ? true : null, t.group ?? null];
  while (cells.length > 2 && cells[cells.length - 1] === null) cells.pop();
  return cells;
}

const byCode = (a: NvsTerm, b: NvsTerm): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

export function serialiseCollection(c: NvsCollection): string {
  const head = {
    format: NVS_COLLECTION_FORMAT,
    formatVersion: 1,
    collection: c.collection,
    version: c.version,
    date: c.date,
    title: c.title,
    ...(c.origin ? { origin: c.origin } : {}),
    columns: COLUMNS,
  };
  const lines = Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  const terms = [...c.terms].sort(byCode).map((t) => `    ${JSON.stringify(row(t))}`);
  return `{\n${lines.join('\n')}\n  "terms": [\n${terms.join(',\n')}\n  ]\n}\n`;
}

function invalid(message: string, field?: string): CurationError {
  return new CurationError({ code: 'invalid-input', message, ...(field ? { field } : {}) });
}

function parseJson(text: string, what: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw invalid(`not a ${what}: ${(err as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid(`not a ${what}: not a JSON object`);
  return raw as Record<string, unknown>;
}

function text(raw: Record<string, unknown>, key: string, what: string): string {
  const v = raw[key];
  if (typeof v !== 'string') throw invalid(`${what}: "${key}" must be text`, key);
  return v;
}

const optionalText = (cell: unknown): string | undefined => (typeof cell === 'string' && cell !== '' ? cell : undefined);

/** Reads the compact JSON back; anything else (or a damaged file) throws an invalid-input error naming the place. */
export function readCollection(json: string): NvsCollection {
  const what = 'CytoCurator NVS collection file';
  const raw = parseJson(json, what);
  if (raw.format !== NVS_COLLECTION_FORMAT) throw invalid(`not a ${what}: "format" is ${JSON.stringify(raw.format)}`, 'format');
  if (raw.formatVersion !== 1) throw invalid(`${what}: formatVersion ${JSON.stringify(raw.formatVersion)} is not supported (this version reads 1)`, 'formatVersion');
  const collection = text(raw, 'collection', what);
  if (!isCollectionId(collection)) throw invalid(`${what}: "${collection}" is not an NVS collection id`, 'collection');
  const columns = raw.columns;
  if (!Array.isArray(columns) || columns.length < 2 || columns[0] !== 'code' || columns[1] !== 'label') {
    throw invalid(`${what}: "columns" must start with "code", "label"`, 'columns');
  }
  const at = (name: string): number => columns.indexOf(name);
  const [iShort, iDate, iDeprecated, iGroup] = [at('shortLabel'), at('date'), at('deprecated'), at('group')];
  if (!Array.isArray(raw.terms)) throw invalid(`${what}: "terms" must be a list`, 'terms');
  const terms: NvsTerm[] = [];
  const seen = new Set<string>();
  raw.terms.forEach((cells: unknown, i: number) => {
    const field = `terms[${i}]`;
    if (!Array.isArray(cells)) throw invalid(`${what}: ${field} must be a list of cells`, field);
    const [code, label] = cells as unknown[];
    if (typeof code !== 'string' || code === '' || typeof label !== 'string' || label === '') {
      throw invalid(`${what}: ${field} needs a code and a label`, field);
    }
    if (seen.has(code)) throw invalid(`${what}: ${field}: code ${code} appears twice`, field);
    seen.add(code);
    const term: NvsTerm = { code, urn: termUrn(collection, code), label };
    const shortLabel = iShort >= 0 ? optionalText(cells[iShort]) : undefined;
    if (shortLabel) term.shortLabel = shortLabel;
    const date = iDate >= 0 ? optionalText(cells[iDate]) : undefined;
    if (date) term.date = date;
    if (iDeprecated >= 0 && cells[iDeprecated] === true) term.deprecated = true;
    const group = iGroup >= 0 ? optionalText(cells[iGroup]) : undefined;
    if (group) term.group = group;
    terms.push(term);
  });
  const origin = optionalText(raw.origin);
  return {
    collection,
    version: text(raw, 'version', what),
    date: text(raw, 'date', what),
    title: text(raw, 'title', what),
    ...(origin ? { origin } : {}),
    terms,
  };
}

/** One line of index.json: what a folder of collection files holds, without reading them all. */
export interface NvsIndexEntry {
  collection: string;
  version: string;
  date: string;
  title: string;
  /** Where the terms came from (the Octopus file, or the NVS address and retrieval time). */
  source: string;
  /** Number of terms in the file (deprecated ones included). */
  terms: number;
}

export function indexEntry(c: NvsCollection): NvsIndexEntry {
  return { collection: c.collection, version: c.version, date: c.date, title: c.title, source: c.origin ?? '', terms: c.terms.length };
}

export function serialiseIndex(entries: readonly NvsIndexEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.collection < b.collection ? -1 : 1));
  const lines = sorted.map((e) => `    ${JSON.stringify(e)}`);
  return `{\n  "format": ${JSON.stringify(NVS_INDEX_FORMAT)},\n  "formatVersion": 1,\n  "collections": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

export function readIndex(json: string): NvsIndexEntry[] {
  const what = 'CytoCurator NVS index file';
  const raw = parseJson(json, what);
  if (raw.format !== NVS_INDEX_FORMAT) throw invalid(`not a ${what}: "format" is ${JSON.stringify(raw.format)}`, 'format');
  if (raw.formatVersion !== 1) throw invalid(`${what}: formatVersion ${JSON.stringify(raw.formatVersion)} is not supported`, 'formatVersion');
  if (!Array.isArray(raw.collections)) throw invalid(`${what}: "collections" must be a list`, 'collections');
  return raw.collections.map((e: unknown, i: number) => {
    const field = `collections[${i}]`;
    if (typeof e !== 'object' || e === null) throw invalid(`${what}: ${field} must be an object`, field);
    const o = e as Record<string, unknown>;
    const collection = text(o, 'collection', `${what} ${field}`);
    if (!isCollectionId(collection)) throw invalid(`${what}: ${field}: "${collection}" is not an NVS collection id`, field);
    const terms = o.terms;
    if (typeof terms !== 'number' || !Number.isInteger(terms) || terms < 0) throw invalid(`${what}: ${field}: "terms" must be a count`, field);
    return {
      collection,
      version: text(o, 'version', `${what} ${field}`),
      date: text(o, 'date', `${what} ${field}`),
      title: text(o, 'title', `${what} ${field}`),
      source: text(o, 'source', `${what} ${field}`),
      terms,
    };
  });
}
