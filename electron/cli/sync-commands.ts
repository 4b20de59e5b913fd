/**
 * `cytocurator login` and `cytocurator sync`: connect a library to the institute server and run a sync from the
 * command line, over the same functions the workstation uses (electron/sync). The password is read from standard
 * input (hidden when typed at a terminal) and never stored; the device token the server gives is kept in the
 * library and never printed.
 */
import type { CurationErrorData } from '../../shared/api/errors.js';
import { userDataDir } from '../common/app-paths.js';
import { loadOrCreateProfile } from '../common/curator-profile.js';
import { openLibraryDatabase } from '../library/library-database.js';
import type { LibraryDatabase } from '../library/library-database.js';
import { EventStore } from '../library/event-store.js';
import { recomputeSample } from '../service/gating.js';
import { groupVocabularyFile, loadGroupVocabulary } from '../service/group-vocabulary-file.js';
import { listConflicts, resolveConflict } from '../sync/conflicts.js';
import type { ConflictView } from '../sync/conflicts.js';
import { login } from '../sync/login.js';
import { retryRefused } from '../sync/outbox-queue.js';
import { runSync, syncStatus } from '../sync/run-sync.js';
import type { RunSyncOptions, SyncRunResult } from '../sync/run-sync.js';
import { retryFailedFiles, setSyncFileRules } from '../sync/sync-settings.js';
import { UsageError } from './cli-io.js';
import type { Command, CommandContext, CommandOutcome } from './commands.js';
import { textOption as text } from './option-values.js';

export interface SyncCommandDeps {
  /** Reads the password: from standard input, or a hidden prompt at a terminal. */
  readPassword?: (prompt: string, fromStdin: boolean) => Promise<string>;
  /** Extra sync options (tests: a faster backoff). */
  syncOptions?: RunSyncOptions;
}

/** Reads the first line of standard input, or prompts without echo when standard input is a terminal. */
export async function readPasswordFromStdin(prompt: string, fromStdin: boolean): Promise<string> {
  const stdin = process.stdin;
  if (stdin.isTTY && !fromStdin) {
    process.stderr.write(prompt);
    return new Promise<string>((resolve, reject) => {
      let typed = '';
      stdin.setRawMode(true);
      stdin.resume();
      stdin.setEncoding('utf8');
      const done = (err: Error | null) => {
        stdin.setRawMode(false);
        stdin.pause();
        stdin.off('data', onData);
        process.stderr.write('\n');
        if (err) reject(err);
        else resolve(typed);
      };
      const onData = (chunk: string) => {
        for (const ch of chunk) {
          if (ch === '\r' || ch === '\n') return done(null);
          if (ch === '\u0003') return done(new UsageError('login cancelled'));
          if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
          else typed += ch;
        }
      };
      stdin.on('data', onData);
    });
  }
  const chunks: Buffer[] = [];
  for await (const c of stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

function withLibrary<T>(ctx: CommandContext, fn: (lib: LibraryDatabase) => Promise<T>): Promise<T> {
  const lib = openLibraryDatabase(ctx.libraryDir);
  return fn(lib).finally(() => lib.close());
}

/** Recomputes abundances after pulled gating events, as the service does. */
function recomputer(lib: LibraryDatabase): (sampleId: string) => void {
  let vocabulary: ReturnType<typeof loadGroupVocabulary> | null = null;
  const store = new EventStore(lib.db, lib.filesDir);
  return (sampleId) => {
    vocabulary ??= loadGroupVocabulary(groupVocabularyFile(lib.dir));
    const v = vocabulary;
    recomputeSample({ db: lib.db, store, standardGroup: (name) => v.standardName(name) }, sampleId);
  };
}

/** Sync problems as CLI errors (exit status 1, one line each on stderr). */
function asErrors(messages: readonly string[]): CurationErrorData[] {
  return messages.map((message) => ({
    code: /log in again|not connected/.test(message) ? 'unauthorized' : /refused by the server/.test(message) ? 'forbidden' : /conflict/.test(message) ? 'conflict' : 'internal',
    message,
  }));
}

function runText(r: SyncRunResult): string {
  return [
    `${r.online ? 'online' : 'offline'}: pushed ${r.pushed}, pulled ${r.pulled}, parked ${r.parked}, conflicts ${r.conflicts}, remaining ${r.remaining}`,
    `samples: ${r.samples.stored} stored, ${r.samples.unchanged} unchanged, ${r.samples.refused} refused`,
    `files: ${r.files.sent} sent, ${r.files.remaining} waiting, ${r.files.deferred} deferred, ${r.files.failed} failed`,
    ...(r.conflicts ? [`${r.conflicts} conflict(s) to settle: cytocurator sync conflicts`] : []),
  ].join('\n');
}

function conflictText(c: ConflictView): string {
  const who = (s: { actorName: string | null; actor: string }) => s.actorName ?? s.actor;
  return `#${c.id}  ${c.label}: mine ${c.mine.summary} (${who(c.mine)}, ${c.mine.at}) vs theirs ${c.theirs.summary} (${who(c.theirs)} on ${c.theirs.device}, ${c.theirs.at})${c.ready ? '' : '  [sync once more before choosing]'}${c.status === 'resolved' ? `  → kept ${c.resolution} (${c.resolvedBy ?? ''})` : ''}`;
}

export function makeSyncCommands(deps: SyncCommandDeps = {}): { login: Command; sync: Command } {
  const readPassword = deps.readPassword ?? readPasswordFromStdin;

  const loginCommand: Command = {
    summary: 'connect the library to the sync server (keeps a device token in the library)',
    args: '',
    help: [
      'Usage: cytocurator login --server URL --user NAME [--password-stdin] [--library DIR] [--json]',
      '',
      'Asks the server for a device token with your user name and password and keeps the token in the library',
      '(never printed). The password is read from standard input: typed without echo at a terminal, or the first',
      'line of what is piped in (--password-stdin reads standard input even at a terminal).',
    ].join('\n'),
    options: { server: { type: 'string' }, user: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    async run(ctx) {
      if (ctx.positionals.length) throw new UsageError(`login takes no arguments, got "${ctx.positionals.join(' ')}"`);
      const server = text(ctx, 'server');
      const user = text(ctx, 'user');
      if (!server || !user) throw new UsageError('login needs --server URL and --user NAME');
      const password = await readPassword(`Password for ${user} at ${server}: `, ctx.values['password-stdin'] === true);
      if (!password) throw new UsageError('no password given (type it, or pipe it in with --password-stdin)');
      const device = loadOrCreateProfile(userDataDir(ctx.io.env)).device;
      const r = await withLibrary(ctx, (lib) => login(lib.db, { serverUrl: server, user, password, device }));
      return { result: r, text: `logged in to ${r.serverUrl} as ${r.user} (${r.role}) from ${r.device}; the device token is kept in the library` };
    },
  };

  const syncCommand: Command = {
    summary: 'sync with the server (or: status, conflicts, resolve, retry, rules)',
    args: '[status|conflicts|resolve ID mine|theirs|retry|rules JSON|none]',
    help: [
      'Usage: cytocurator sync [--library DIR] [--json]      push changes, approved samples and files; pull the others\'',
      '       cytocurator sync status                       online/offline, what waits, conflicts, parked items',
      '       cytocurator sync conflicts [--all]            conflicts with both versions and who made them',
      '       cytocurator sync resolve ID mine|theirs       keep your version, or the server\'s (both stay in the audit)',
      '       cytocurator sync retry                        put refused events and failed files back in the queue',
      '       cytocurator sync rules JSON|none              file deferral rules, e.g.',
      '                                                     \'{"deferRoles":["listmode","pulses"],"unlessHostMatches":"institute.example"}\'',
      '',
      'Exit status 1 when something could not be sent or was refused (the rest is done and reported).',
    ].join('\n'),
    options: { all: { type: 'boolean' } },
    async run(ctx): Promise<CommandOutcome> {
      const [sub, ...args] = ctx.positionals;
      return withLibrary(ctx, async (lib) => {
        if (sub === undefined) {
          const r = await runSync(lib.db, lib.filesDir, { recompute: recomputer(lib), ...(deps.syncOptions ?? {}) });
          const { errors, ...result } = r;
          return { result, text: runText(r), errors: asErrors(errors) };
        }
        if (sub === 'status') {
          if (args.length) throw new UsageError('sync status takes no arguments');
          const s = syncStatus(lib.db);
          const lines = [
            s.configured ? `server: ${s.serverUrl} as ${s.user ?? '?'} (${s.role ?? '?'}), ${s.online ? 'online' : 'offline'}${s.lastContactAt ? `, last contact ${s.lastContactAt}` : ''}` : 'not connected to a sync server (cytocurator login --server URL --user NAME)',
            `last sync: ${s.lastSyncAt ?? 'never'}${s.lastError ? ` (${s.lastError})` : ''}`,
            `waiting: ${s.waiting.events} change(s), ${s.waiting.samples} sample(s), ${s.waiting.files} file(s), ${s.waiting.deferredFiles} deferred file(s)`,
            `conflicts: ${s.openConflicts}; parked: ${s.parked.refused} refused change(s), ${s.parked.failedFiles} failed file(s), ${s.parked.refusedSamples} refused sample(s)`,
            ...s.refusals.map((r) => `  refused: ${r.reason}`),
          ];
          return { result: s, text: lines.join('\n') };
        }
        if (sub === 'conflicts') {
          if (args.length) throw new UsageError('sync conflicts takes no arguments');
          const conflicts = listConflicts(lib.db, { all: ctx.values.all === true });
          return { result: { conflicts }, text: conflicts.length ? conflicts.map(conflictText).join('\n') : 'no conflicts' };
        }
        if (sub === 'resolve') {
          const [id, choice, ...rest] = args;
          if (!id || !/^\d+$/.test(id) || (choice !== 'mine' && choice !== 'theirs') || rest.length) throw new UsageError('sync resolve takes a conflict ID and mine or theirs');
          const curator = loadOrCreateProfile(userDataDir(ctx.io.env));
          const r = resolveConflict(lib.db, Number(id), choice, curator, { recompute: recomputer(lib) });
          return {
            result: r,
            text: `conflict #${id}: kept ${choice === 'mine' ? 'your version' : "the server's version"}; ${r.superseded} local change(s) marked superseded${r.eventId ? ', your version goes to the server at the next sync' : ''}`,
            errors: asErrors(r.errors),
          };
        }
        if (sub === 'retry') {
          if (args.length) throw new UsageError('sync retry takes no arguments');
          const events = retryRefused(lib.db);
          const files = retryFailedFiles(lib.db);
          return { result: { events, files }, text: `${events} refused change(s) and ${files} failed file(s) back in the queue` };
        }
        if (sub === 'rules') {
          const [rules, ...rest] = args;
          if (rules === undefined || rest.length) throw new UsageError('sync rules takes one JSON rule, or none');
          const saved = setSyncFileRules(lib.db, rules === 'none' ? null : rules);
          return { result: { rules: saved }, text: saved ? `files of role ${saved.deferRoles.join(', ')} wait for the institute network` : 'no file is deferred' };
        }
        throw new UsageError(`unknown sync subcommand "${sub}" (status, conflicts, resolve, retry, rules)`);
      });
    },
  };
  return { login: loginCommand, sync: syncCommand };
}

const defaults = makeSyncCommands();
export const loginCommand = defaults.login;
export const syncCommand = defaults.sync;
