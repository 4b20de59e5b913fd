/**
 * The NVS vocabularies the publication editor and checks use, offline: the collections bundled in
 * resources/vocabularies/nvs (built from the Octopus extracts, see NOTICE.md there), or the library's own newer
 * copy in <library>/vocabularies/nvs when `cytocurator vocab update` (nvs-update.ts) wrote one. Of the two, the
 * newer version wins, so a product upgrade with fresher bundled lists is not hidden by an old update.
 *
 * Files are read once and kept while their size and modification time stay the same (an update replaces them).
 */
import fs from 'node:fs';
import path from 'node:path';
import { CurationError } from '../../shared/api/errors.js';
import { readCollection, readIndex } from '../../shared/publication/vocabulary/collection-json.js';
import type { NvsIndexEntry } from '../../shared/publication/vocabulary/collection-json.js';
import { compareVersions, isCollectionId } from '../../shared/publication/vocabulary/nvs-collection.js';
import type { NvsCollection, NvsTerm } from '../../shared/publication/vocabulary/nvs-collection.js';
import { findTerm, searchTerms } from '../../shared/publication/vocabulary/search-terms.js';
import type { TermSearchOptions } from '../../shared/publication/vocabulary/search-terms.js';
import { resourcesDir as defaultResourcesDir } from '../common/app-paths.js';

export type VocabularySource = 'bundled' | 'updated';

export interface NvsVocabularyDirs {
  /** The open library (its vocabularies/nvs holds updated copies); null: bundled lists only. */
  libraryDir: string | null;
  /** The product's resources folder (default: <project root>/resources; packaged: <resourcesPath>/resources). */
  resourcesDir?: string;
}

export interface LoadedNvsCollection {
  vocabulary: NvsCollection;
  source: VocabularySource;
  file: string;
  /** Set when the library's copy could not be read and the bundled list is used instead. */
  problem?: string;
}

export interface VocabularyListing {
  collection: string;
  title: string;
  version: string;
  date: string;
  source: VocabularySource;
  origin: string;
  /** Matching terms before the limit. */
  total: number;
  terms: NvsTerm[];
  problem?: string;
}

export interface VocabularyStatusEntry {
  collection: string;
  title: string;
  version: string;
  date: string;
  source: VocabularySource;
  origin: string;
  terms: number;
  /** Version bundled with the product (null: the collection exists only as an update). */
  bundledVersion: string | null;
  problem?: string;
}

export function nvsLibraryDir(libraryDir: string): string {
  return path.join(libraryDir, 'vocabularies', 'nvs');
}

export function bundledNvsDir(resources = defaultResourcesDir()): string {
  return path.join(resources, 'vocabularies', 'nvs');
}

const COLLECTION_FILE = /^([A-Z][A-Z0-9]{2})\.json$/;

interface CacheEntry {
  mtimeMs: number;
  size: number;
  value: unknown;
}
const cache = new Map<string, CacheEntry>();

/** Forget every file read (tests; after replacing files by other means than an update). */
export function clearNvsVocabularyCache(): void {
  cache.clear();
}

function cached<T>(file: string, read: (text: string) => T): T {
  const stat = fs.statSync(file);
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.value as T;
  const value = read(fs.readFileSync(file, 'utf8'));
  cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, value });
  return value;
}

/** Reads a collection file; a damaged one is an invalid-input error naming the file. */
export function readCollectionFile(file: string): NvsCollection {
  try {
    return cached(file, readCollection);
  } catch (err) {
    const data = err instanceof CurationError ? err.toJSON() : { code: 'invalid-input' as const, message: (err as Error).message };
    throw new CurationError({ ...data, file });
  }
}

function bundledIndex(resources: string): NvsIndexEntry[] {
  const file = path.join(bundledNvsDir(resources), 'index.json');
  if (!fs.existsSync(file)) throw new Error(`NVS vocabularies not found: ${file} is missing (broken install)`);
  return cached(file, readIndex);
}

function resources(dirs: NvsVocabularyDirs): string {
  return dirs.resourcesDir ?? defaultResourcesDir();
}

function requireCollectionId(collection: string): string {
  const id = collection.trim().toUpperCase();
  if (!isCollectionId(id)) {
    throw new CurationError({ code: 'invalid-request', field: 'collection', message: `"${collection}" is not an NVS collection id (a letter and two letters or digits, e.g. L22)` });
  }
  return id;
}

/** The collection in use: the library's copy when it has one at least as new as the bundled one, else the bundled. */
export function loadNvsCollection(dirs: NvsVocabularyDirs, collection: string): LoadedNvsCollection {
  const id = requireCollectionId(collection);
  const res = resources(dirs);
  const bundledEntry = bundledIndex(res).find((e) => e.collection === id) ?? null;
  const bundledFile = path.join(bundledNvsDir(res), `${id}.json`);
  let problem: string | undefined;
  if (dirs.libraryDir) {
    const file = path.join(nvsLibraryDir(dirs.libraryDir), `${id}.json`);
    if (fs.existsSync(file)) {
      try {
        const vocabulary = readCollectionFile(file);
        if (vocabulary.collection !== id) throw new Error(`it holds collection ${vocabulary.collection}`);
        if (!bundledEntry || compareVersions(vocabulary.version, bundledEntry.version) >= 0) return { vocabulary, source: 'updated', file };
      } catch (err) {
        if (!bundledEntry) throw err;
        problem = `the updated copy ${file} is unreadable (${(err as Error).message}); the bundled version is used`;
      }
    }
  }
  if (!bundledEntry) {
    throw new CurationError({ code: 'not-found', field: 'collection', message: `NVS collection ${id} is neither bundled nor in the library (run: cytocurator vocab update --collections ${id})` });
  }
  const vocabulary = readCollectionFile(bundledFile);
  return { vocabulary, source: 'bundled', file: bundledFile, ...(problem ? { problem } : {}) };
}

/** Terms of a collection, optionally searched (code or label; see searchTerms), at most `limit` (default 50). */
export function listVocabulary(dirs: NvsVocabularyDirs, collection: string, query = '', limit = 50, options: TermSearchOptions = {}): VocabularyListing {
  const loaded = loadNvsCollection(dirs, collection);
  const v = loaded.vocabulary;
  const all = searchTerms(v, query, Number.MAX_SAFE_INTEGER, options);
  return {
    collection: v.collection,
    title: v.title,
    version: v.version,
    date: v.date,
    source: loaded.source,
    origin: v.origin ?? '',
    total: all.length,
    terms: all.slice(0, Math.max(0, limit)),
    ...(loaded.problem ? { problem: loaded.problem } : {}),
  };
}

/** One term by code, URN or NVS address, from the collection in use; null when it has none. */
export function findNvsTerm(dirs: NvsVocabularyDirs, collection: string, codeOrUrn: string): NvsTerm | null {
  return findTerm(loadNvsCollection(dirs, collection).vocabulary, codeOrUrn) ?? null;
}

/** Every collection available (bundled, or only in the library), with the version in use and where it comes from. */
export function vocabularyStatus(dirs: NvsVocabularyDirs): VocabularyStatusEntry[] {
  const index = bundledIndex(resources(dirs));
  const ids = new Set(index.map((e) => e.collection));
  if (dirs.libraryDir) {
    const dir = nvsLibraryDir(dirs.libraryDir);
    if (fs.existsSync(dir)) {
      for (const name of fs.readdirSync(dir)) if (COLLECTION_FILE.test(name)) ids.add(name.slice(0, 3));
    }
  }
  return [...ids].sort().map((id) => {
    const bundledVersion = index.find((e) => e.collection === id)?.version ?? null;
    try {
      const loaded = loadNvsCollection(dirs, id);
      const v = loaded.vocabulary;
      return {
        collection: id,
        title: v.title,
        version: v.version,
        date: v.date,
        source: loaded.source,
        origin: v.origin ?? '',
        terms: v.terms.length,
        bundledVersion,
        ...(loaded.problem ? { problem: loaded.problem } : {}),
      };
    } catch (err) {
      // Only a library-only collection gets here (a bundled one falls back to the bundled file).
      return { collection: id, title: '', version: '', date: '', source: 'updated' as const, origin: '', terms: 0, bundledVersion, problem: (err as Error).message };
    }
  });
}
