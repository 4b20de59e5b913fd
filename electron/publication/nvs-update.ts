/**
 * Refreshes the NVS vocabularies of a library from the NERC Vocabulary Server, when online:
 * each collection is fetched as JSON-LD (`<base>/collection/<C>/current/?_profile=nvs&_mediatype=application/ld+json`),
 * parsed (shared/publication/vocabulary/parse-nvs-json-ld.ts) and checked (nvs-sanity.ts: the collection asked
 * for, a version, the codes CytoCurator writes, not suspiciously smaller than the list in use).
 *
 * The set is replaced whole or not at all: if any requested collection fails, nothing is written and every file
 * in use stays as it was. Otherwise the new set (new files plus the library's other updated files) is written to a
 * staging folder beside <library>/vocabularies/nvs and swapped in with two renames, so a reader sees the old set,
 * then (for an instant, or after a crash between the renames) the bundled lists, then the new set — never a
 * half-written file. A crash leftover is put back by the next update.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CurationError } from '../../shared/api/errors.js';
import { indexEntry, readCollection, serialiseCollection, serialiseIndex } from '../../shared/publication/vocabulary/collection-json.js';
import { compareVersions, isCollectionId } from '../../shared/publication/vocabulary/nvs-collection.js';
import type { NvsCollection } from '../../shared/publication/vocabulary/nvs-collection.js';
import { checkCollectionUpdate } from '../../shared/publication/vocabulary/nvs-sanity.js';
import { parseNvsJsonLd } from '../../shared/publication/vocabulary/parse-nvs-json-ld.js';
import { bundledNvsDir, loadNvsCollection, nvsLibraryDir } from './nvs-vocabularies.js';
import type { LoadedNvsCollection } from './nvs-vocabularies.js';
import { resourcesDir as defaultResourcesDir } from '../common/app-paths.js';

export const DEFAULT_NVS_URL = 'https://vocab.nerc.ac.uk';
/** Per collection, request and body together. C17 is several MB of JSON-LD on a slow ship link. */
export const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
/** A lock older than this was left by a crashed update. */
const STALE_LOCK_MS = 30 * 60_000;

export interface UpdateVocabulariesOptions {
  libraryDir: string;
  /** NVS address (default https://vocab.nerc.ac.uk); a mirror or a local stand-in in tests. */
  baseUrl?: string;
  /** Collection ids (default: every bundled collection). */
  collections?: readonly string[];
  fetch?: typeof globalThis.fetch;
  signal?: AbortSignal;
  /** Time allowed per collection (default 120 s). */
  timeoutMs?: number;
  /** Largest response accepted per collection (default 256 MB). */
  maxBytes?: number;
  resourcesDir?: string;
  /** Collections fetched at the same time (default 3). */
  concurrency?: number;
  now?: () => Date;
}

export type VocabularyUpdateStatus = 'updated' | 'unchanged' | 'failed';

export interface VocabularyUpdateResult {
  collection: string;
  status: VocabularyUpdateStatus;
  /** updated/unchanged: the version now in use; failed: the version the server offered, or null. */
  version: string | null;
  /** The version in use before the update (null: none). */
  previousVersion: string | null;
  /** Number of terms of the version now in use (updated/unchanged). */
  terms?: number;
  reason?: string;
  warnings?: string[];
}

export interface VocabularyUpdateReport {
  baseUrl: string;
  /** The library folder the collections were written to. */
  directory: string;
  /** True when a new set was written. */
  written: boolean;
  results: VocabularyUpdateResult[];
}

/** The address of a collection's JSON-LD on an NVS server. */
export function nvsCollectionJsonLdUrl(baseUrl: string, collection: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/collection/${collection}/current/?_profile=nvs&_mediatype=application/ld+json`;
}

function checkBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new CurationError({ code: 'invalid-request', field: 'url', message: `"${baseUrl}" is not a web address` });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CurationError({ code: 'invalid-request', field: 'url', message: `the NVS address must be http(s), got "${baseUrl}"` });
  }
  return baseUrl.replace(/\/+$/, '');
}

function requestedCollections(collections: readonly string[] | undefined, resources: string): string[] {
  const ids = collections?.map((c) => c.trim().toUpperCase()).filter((c) => c !== '');
  if (ids === undefined) {
    return fs
      .readdirSync(bundledNvsDir(resources))
      .filter((n) => /^[A-Z][A-Z0-9]{2}\.json$/.test(n))
      .map((n) => n.slice(0, 3))
      .sort();
  }
  const bad = ids.filter((c) => !isCollectionId(c));
  if (bad.length) throw new CurationError({ code: 'invalid-request', field: 'collections', message: `not NVS collection ids: ${bad.join(', ')} (e.g. L22, P06)` });
  if (ids.length === 0) throw new CurationError({ code: 'invalid-request', field: 'collections', message: 'no collection to update' });
  return [...new Set(ids)];
}

/** The body as text, refusing more than `maxBytes`. */
async function readBody(response: Response, maxBytes: number): Promise<string> {
  const length = Number(response.headers.get('content-length') ?? NaN);
  if (length > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`the response is ${length} bytes, more than the ${maxBytes} accepted`);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  let total = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new Error(`the response is more than the ${maxBytes} bytes accepted`);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** Why a fetch failed, in the user's words. */
function fetchFailure(err: unknown, url: string): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? (err as Error).message;
  return `cannot reach ${url}: ${detail}`;
}

interface Fetched {
  result: VocabularyUpdateResult;
  vocabulary?: NvsCollection;
}

async function fetchCollection(
  collection: string,
  inUse: LoadedNvsCollection | null,
  o: Required<Pick<UpdateVocabulariesOptions, 'fetch' | 'timeoutMs' | 'maxBytes' | 'now'>> & { baseUrl: string; signal?: AbortSignal },
): Promise<Fetched> {
  const previousVersion = inUse?.vocabulary.version ?? null;
  const failed = (reason: string, version: string | null = null): Fetched => ({ result: { collection, status: 'failed', version, previousVersion, reason } });
  if (o.signal?.aborted) return failed('cancelled');
  const url = nvsCollectionJsonLdUrl(o.baseUrl, collection);
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), o.timeoutMs);
  const signal = o.signal ? AbortSignal.any([o.signal, timeout.signal]) : timeout.signal;
  let text: string;
  try {
    const response = await o.fetch(url, { signal, headers: { accept: 'application/ld+json' }, redirect: 'follow' });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return failed(`the server answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} for ${url}`);
    }
    text = await readBody(response, o.maxBytes);
  } catch (err) {
    if (o.signal?.aborted) return failed('cancelled');
    if (timeout.signal.aborted) return failed(`no complete answer from ${url} within ${Math.round(o.timeoutMs / 100) / 10} s (timed out)`);
    return failed(fetchFailure(err, url));
  } finally {
    clearTimeout(timer);
  }

  let parsed;
  try {
    parsed = parseNvsJsonLd(text, collection);
  } catch (err) {
    return failed(`unusable answer from ${url}: ${(err as Error).message}`);
  }
  const vocabulary = parsed.vocabulary;
  const check = checkCollectionUpdate(vocabulary, collection, inUse?.vocabulary ?? null);
  // A document about another collection explains the rest (no terms, missing codes): say that first.
  const wrong = parsed.issues.find((i) => i.field === 'collection' && /describes collection/.test(i.message));
  if (wrong) check.problems.unshift(wrong.message);
  if (check.problems.length) return failed(`version ${vocabulary.version || '?'} refused: ${check.problems.join('; ')}`, vocabulary.version || null);
  const warnings = [...check.warnings];
  if (parsed.issues.length) {
    const shown = parsed.issues.slice(0, 5).map((i) => `${i.field ? `${i.field}: ` : ''}${i.message}`);
    warnings.push(`${parsed.issues.length} problem(s) in the answer, the concepts concerned were left out: ${shown.join('; ')}${parsed.issues.length > 5 ? '; …' : ''}`);
  }
  const extra = warnings.length ? { warnings } : {};
  if (inUse && previousVersion !== null) {
    const order = compareVersions(vocabulary.version, previousVersion);
    if (order === 0) return { result: { collection, status: 'unchanged', version: previousVersion, previousVersion, terms: inUse.vocabulary.terms.length, ...extra } };
    if (order < 0) {
      return {
        result: {
          collection,
          status: 'unchanged',
          version: previousVersion,
          previousVersion,
          terms: inUse.vocabulary.terms.length,
          reason: `the server offers version ${vocabulary.version}, older than ${previousVersion} in use; ${previousVersion} is kept`,
          ...extra,
        },
      };
    }
  }
  vocabulary.origin = `NVS collection ${collection} version ${vocabulary.version} from ${url}, retrieved ${o.now().toISOString()}`;
  return { result: { collection, status: 'updated', version: vocabulary.version, previousVersion, terms: vocabulary.terms.length, ...extra }, vocabulary };
}

async function inPool<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, items.length)) }, worker));
  return out;
}

/** Writes a file and flushes it to disk before it is renamed into place. */
function writeDurably(file: string, content: string): void {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

const COLLECTION_FILE = /^[A-Z][A-Z0-9]{2}\.json$/;

/** Puts back a set left aside by an update that stopped between its two renames, and removes staging leftovers. */
export function recoverInterruptedUpdate(libraryDir: string): void {
  const root = path.dirname(nvsLibraryDir(libraryDir));
  if (!fs.existsSync(root)) return;
  const live = nvsLibraryDir(libraryDir);
  const names = fs.readdirSync(root);
  const old = names.filter((n) => n.startsWith('.nvs-old-')).map((n) => path.join(root, n));
  if (!fs.existsSync(live) && old.length) {
    const newest = old.map((d) => ({ d, t: fs.statSync(d).mtimeMs })).sort((a, b) => b.t - a.t)[0];
    if (newest) fs.renameSync(newest.d, live);
  }
  for (const n of fs.readdirSync(root)) {
    if (n.startsWith('.nvs-old-') || n.startsWith('.nvs-staging-')) fs.rmSync(path.join(root, n), { recursive: true, force: true });
  }
}

/** Replaces <library>/vocabularies/nvs by the library's current files with `fresh` written over them. */
function writeSet(libraryDir: string, fresh: readonly NvsCollection[]): void {
  const live = nvsLibraryDir(libraryDir);
  const root = path.dirname(live);
  const token = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = path.join(root, `.nvs-staging-${token}`);
  const aside = path.join(root, `.nvs-old-${token}`);
  fs.mkdirSync(staging, { recursive: true });
  try {
    const replaced = new Set(fresh.map((v) => `${v.collection}.json`));
    const entries = fresh.map(indexEntry);
    if (fs.existsSync(live)) {
      for (const name of fs.readdirSync(live)) {
        if (!COLLECTION_FILE.test(name) || replaced.has(name)) continue;
        const content = fs.readFileSync(path.join(live, name), 'utf8');
        let kept: NvsCollection;
        try {
          kept = readCollection(content);
        } catch {
          continue; // a damaged earlier copy is dropped; the bundled list takes its place
        }
        writeDurably(path.join(staging, name), content);
        entries.push(indexEntry(kept));
      }
    }
    for (const v of fresh) writeDurably(path.join(staging, `${v.collection}.json`), serialiseCollection(v));
    writeDurably(path.join(staging, 'index.json'), serialiseIndex(entries));
    const hadLive = fs.existsSync(live);
    if (hadLive) fs.renameSync(live, aside);
    try {
      fs.renameSync(staging, live);
    } catch (err) {
      if (hadLive) fs.renameSync(aside, live);
      throw err;
    }
    fs.rmSync(aside, { recursive: true, force: true });
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Takes <library>/vocabularies/.nvs-update.lock, so two updates (window and CLI) do not interleave. */
function takeLock(libraryDir: string): () => void {
  const root = path.dirname(nvsLibraryDir(libraryDir));
  fs.mkdirSync(root, { recursive: true });
  const lock = path.join(root, '.nvs-update.lock');
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(lock, `${process.pid} ${new Date().toISOString()}\n`, { flag: 'wx' });
      return () => fs.rmSync(lock, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) {
        throw new CurationError({ code: 'conflict', message: `another vocabulary update is running for this library (${lock})` });
      }
      const age = Date.now() - fs.statSync(lock).mtimeMs;
      if (age < STALE_LOCK_MS) throw new CurationError({ code: 'conflict', message: `another vocabulary update is running for this library (lock ${lock})` });
      fs.rmSync(lock, { force: true });
    }
  }
}

/**
 * Fetches, checks and (all or nothing) installs the requested collections into the library. Network and content
 * problems are per-collection results, not exceptions; invalid options, a locked or missing library throw.
 */
export async function updateVocabularies(options: UpdateVocabulariesOptions): Promise<VocabularyUpdateReport> {
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_NVS_URL);
  const resources = options.resourcesDir ?? defaultResourcesDir();
  const collections = requestedCollections(options.collections, resources);
  const libraryDir = path.resolve(options.libraryDir);
  if (!fs.existsSync(libraryDir) || !fs.statSync(libraryDir).isDirectory()) {
    throw new CurationError({ code: 'not-found', field: 'library', message: `library folder not found: ${libraryDir}` });
  }
  const release = takeLock(libraryDir);
  try {
    recoverInterruptedUpdate(libraryDir);
    const dirs = { libraryDir, resourcesDir: resources };
    const inUse = (c: string): LoadedNvsCollection | null => {
      try {
        return loadNvsCollection(dirs, c);
      } catch {
        return null; // not bundled and never fetched: anything valid is new
      }
    };
    const fetched = await inPool(collections, options.concurrency ?? 3, (c) =>
      fetchCollection(c, inUse(c), {
        baseUrl,
        fetch: options.fetch ?? globalThis.fetch,
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
        now: options.now ?? (() => new Date()),
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    );
    const results = fetched.map((f) => f.result);
    const directory = nvsLibraryDir(libraryDir);
    const failed = results.filter((r) => r.status === 'failed').map((r) => r.collection);
    const fresh = fetched.flatMap((f) => (f.result.status === 'updated' && f.vocabulary ? [f.vocabulary] : []));
    if (failed.length) {
      // All or nothing: the collections that did come are not installed either.
      const blocked = results.map((r): VocabularyUpdateResult =>
        r.status === 'updated'
          ? { ...r, status: 'failed', version: r.version, terms: undefined, reason: `version ${r.version} was fetched but not installed, because ${failed.join(', ')} failed (the set is replaced whole or not at all); ${r.previousVersion ?? 'the bundled list'} stays in use` }
          : r,
      );
      return { baseUrl, directory, written: false, results: blocked.map(dropUndefined) };
    }
    if (fresh.length === 0) return { baseUrl, directory, written: false, results };
    try {
      writeSet(libraryDir, fresh);
    } catch (err) {
      const reason = `could not write ${directory}: ${(err as Error).message}; the previous files are kept`;
      return {
        baseUrl,
        directory,
        written: false,
        results: results.map((r) => (r.status === 'updated' ? dropUndefined({ ...r, status: 'failed', terms: undefined, reason }) : r)),
      };
    }
    return { baseUrl, directory, written: true, results };
  } finally {
    release();
  }
}

function dropUndefined(r: VocabularyUpdateResult): VocabularyUpdateResult {
  return Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as unknown as VocabularyUpdateResult;
}
