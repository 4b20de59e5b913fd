/**
 * `cytocurator vocab list|update`: the NVS vocabularies used for publishing — what is in use (bundled with the
 * product or updated in the library), a search over one collection, and a refresh from the NERC Vocabulary Server.
 * Works on the files only; the library database is not opened.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CurationError } from '../../shared/api/errors.js';
import { defaultLibraryDir, demoLibraryDir, resourcesDir } from '../common/app-paths.js';
import { DEFAULT_NVS_URL, DEFAULT_TIMEOUT_MS, updateVocabularies } from '../publication/nvs-update.js';
import { listVocabulary, vocabularyStatus } from '../publication/nvs-vocabularies.js';
import type { NvsVocabularyDirs } from '../publication/nvs-vocabularies.js';
import { UsageError } from './cli-io.js';
import type { Command, CommandContext, CommandOutcome } from './commands.js';
import { textOption as text } from './option-values.js';

function positiveNumber(ctx: CommandContext, name: string, fallback: number): number {
  const v = text(ctx, name);
  if (v === null) return fallback;
  const n = Number(v.replace(',', '.'));
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number, got "${v}"`);
  return n;
}

function dirs(ctx: CommandContext): NvsVocabularyDirs {
  return { libraryDir: ctx.libraryDir, resourcesDir: resourcesDir(ctx.root) };
}

async function list(ctx: CommandContext, args: string[]): Promise<CommandOutcome> {
  if (args.length > 1) throw new UsageError('vocab list takes at most one COLLECTION');
  const search = text(ctx, 'search');
  const [collection] = args;
  if (!collection) {
    if (search !== null) throw new UsageError('--search needs a COLLECTION (e.g. vocab list L22 --search cytosense)');
    const status = vocabularyStatus(dirs(ctx));
    const lines = status.map((s) =>
      [s.collection, `v${s.version || '?'}`, s.date.slice(0, 10) || '-', s.source, String(s.terms).padStart(5), s.title].join('\t') + (s.problem ? `\n\t(${s.problem})` : ''),
    );
    return { result: { collections: status }, text: [...lines, '(vocab list COLLECTION [--search TEXT] lists terms; vocab update refreshes them from NVS)'].join('\n') };
  }
  const limit = Math.floor(positiveNumber(ctx, 'limit', search === null ? 100 : 20));
  const listing = listVocabulary(dirs(ctx), collection, search ?? '', limit, { includeDeprecated: ctx.values.deprecated === true });
  const lines = listing.terms.map((t) => [t.code, t.label, t.shortLabel ?? '', t.deprecated ? 'DEPRECATED' : ''].join('\t').trimEnd());
  const shown = listing.terms.length < listing.total ? `${listing.terms.length} of ${listing.total}` : `${listing.total}`;
  const what = search === null ? 'terms' : `terms matching "${search}"`;
  return {
    result: listing,
    text: [
      `${listing.collection} ${listing.title}, version ${listing.version} (${listing.date.slice(0, 10)}), ${listing.source}`,
      ...(listing.problem ? [`(${listing.problem})`] : []),
      ...lines,
      `(${shown} ${what})`,
    ].join('\n'),
  };
}

async function update(ctx: CommandContext, args: string[]): Promise<CommandOutcome> {
  if (args.length) throw new UsageError('vocab update takes no arguments (choose collections with --collections L22,P06)');
  const libraryDir = path.resolve(ctx.libraryDir);
  if (libraryDir === path.resolve(demoLibraryDir(ctx.io.env))) {
    throw new CurationError({ code: 'read-only', message: 'the Demo library is read-only: update the vocabularies of your own library' });
  }
  // The default library may not exist yet on a fresh install; any other folder must.
  if (libraryDir === path.resolve(defaultLibraryDir(ctx.io.env))) fs.mkdirSync(libraryDir, { recursive: true });
  const collections = text(ctx, 'collections');
  const timeoutMs = Math.round(positiveNumber(ctx, 'timeout', DEFAULT_TIMEOUT_MS / 1000) * 1000);
  const report = await updateVocabularies({
    libraryDir,
    baseUrl: text(ctx, 'url') ?? DEFAULT_NVS_URL,
    ...(collections !== null ? { collections: collections.split(',') } : {}),
    resourcesDir: resourcesDir(ctx.root),
    timeoutMs,
  });
  const lines = report.results.map((r) => {
    const version = r.status === 'updated' ? `v${r.previousVersion ?? '-'} → v${r.version}` : `v${r.version ?? r.previousVersion ?? '?'}`;
    return [`${r.collection}\t${r.status}\t${version}${r.reason ? `\t${r.reason}` : ''}`, ...(r.warnings ?? []).map((w) => `\twarning: ${w}`)].join('\n');
  });
  const failed = report.results.some((r) => r.status === 'failed');
  const summary = report.written
    ? `written to ${report.directory}`
    : failed
      ? 'nothing written: the vocabularies in use are unchanged'
      : 'nothing to write: the vocabularies in use are current';
  return { result: report, text: [...lines, summary].join('\n'), failed };
}

export const vocabCommand: Command = {
  summary: 'list or update the NVS vocabularies used for publishing (L22, P06, L20, …)',
  args: 'list|update',
  help: [
    'Usage:',
    '  cytocurator vocab list [--library DIR] [--json]',
    '        every collection: version in use, date, bundled or updated, term count',
    '  cytocurator vocab list COLLECTION [--search TEXT] [--limit N] [--deprecated] [--library DIR] [--json]',
    '        the terms of one collection (e.g. L22), or those whose code or label matches TEXT',
    '        (case and accents ignored, best matches first); --deprecated includes withdrawn terms',
    '  cytocurator vocab update [--url BASE] [--collections L22,P06,...] [--timeout SECONDS] [--library DIR] [--json]',
    '        fetches the current versions from the NERC Vocabulary Server (default https://vocab.nerc.ac.uk)',
    '        into the library (vocabularies/nvs). The set is replaced whole or not at all: if one collection',
    '        fails (offline, server error, a code CytoCurator relies on is missing), nothing is written.',
    '',
    'The product bundles NVS collections C17, L05, L06, L07, L08, L20, L22, L23, P02 and P06 (see',
    'resources/vocabularies/NOTICE.md); the library\'s updated copy is used when it is at least as new.',
  ].join('\n'),
  options: {
    search: { type: 'string' },
    limit: { type: 'string' },
    deprecated: { type: 'boolean' },
    url: { type: 'string' },
    collections: { type: 'string' },
    timeout: { type: 'string' },
  },
  async run(ctx) {
    const [sub, ...args] = ctx.positionals;
    if (sub === 'list') return list(ctx, args);
    if (sub === 'update') return update(ctx, args);
    throw new UsageError(`vocab needs a subcommand: list or update${sub ? ` (got "${sub}")` : ''}`);
  },
};
