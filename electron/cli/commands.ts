/** The commands of the cytocurator CLI. Each is a few lines over the service; output formatting stays here. */
import type { ParseArgsConfig } from 'node:util';
import type { AppStatus, SamplePage } from '../../shared/api/contract.js';
import { dispatch } from '../../shared/api/dispatch.js';
import type { CurationErrorData } from '../../shared/api/errors.js';
import type { SampleDetail } from '../../shared/model/sample.js';
import type { CurationService } from '../service/curation-service.js';
import { UsageError } from './cli-io.js';
import type { CliIo } from './cli-io.js';
import { deploymentCommand } from './deployment-command.js';
import { flagMappingCommand } from './flag-mapping-command.js';
import { importCommand } from './import-command.js';
import { inspectCommand } from './inspect-command.js';
import { setsCommand } from './sets-command.js';
import { abundancesCommand, gatesCommand } from './gates-command.js';
import { datasetCommand, exportCommand, validateCommand } from './publication-commands.js';
import { vocabCommand } from './vocab-command.js';
import { approveCommand, auditCommand, commentCommand, flagCommand, redoCommand, undoCommand } from './review-commands.js';
import { startCommand } from './start-command.js';
import { loginCommand, syncCommand } from './sync-commands.js';
import { somlitCommand } from './somlit-command.js';
import { backupCommand, restoreCommand, verifyCommand } from './backup-commands.js';

export interface CommandContext {
  io: CliIo;
  json: boolean;
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  root: string;
  libraryDir: string;
  service: () => CurationService;
}

export interface CommandOutcome {
  result: unknown;
  /** Human-readable output (without --json). */
  text?: string;
  /** Per-item failures: the command still did the valid part; exit status 1. */
  errors?: CurationErrorData[];
  /** Exit status 1 although `errors` is empty (the result carries its own errors, e.g. an import report). */
  failed?: boolean;
}

export interface Command {
  summary: string;
  args: string;
  help: string;
  options?: ParseArgsConfig['options'];
  run(ctx: CommandContext): Promise<CommandOutcome>;
}

function intOption(ctx: CommandContext, name: string, fallback: number): number {
  const raw = ctx.values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number, got "${String(raw)}"`);
  return n;
}

function noPositionals(ctx: CommandContext, command: string): void {
  if (ctx.positionals.length > 0) throw new UsageError(`${command} takes no arguments, got "${ctx.positionals.join(' ')}"`);
}

const cell = (v: unknown): string => (v === null || v === undefined ? '-' : String(v));

export const commands: Record<string, Command> = {
  status: {
    summary: 'show the library, its sample count and the sync server state',
    args: '',
    help: 'Usage: cytocurator status [--library DIR] [--json]\n\nShows the library path and kind, its sample count, and whether the sync server is reachable.',
    async run(ctx) {
      noPositionals(ctx, 'status');
      const service = ctx.service();
      await service.checkServer({});
      const status = (await dispatch(service, 'getStatus', {})) as AppStatus;
      const l = status.library;
      return {
        result: status,
        text: [
          `CytoCurator ${status.version}`,
          `library: ${l.path} (${l.name}${l.kind === 'demo' ? ', DEMO' : ''}${l.readOnly ? ', read-only' : ''})`,
          `samples: ${l.sampleCount}`,
          `sync server: ${status.server.detail}`,
        ].join('\n'),
      };
    },
  },

  samples: {
    summary: 'list the samples of the library (id, time, name, events)',
    args: '',
    help: 'Usage: cytocurator samples [--offset N] [--limit N] [--sort FIELD[:desc]] [--search TEXT] [--review STATE] [--flag CODE] [--library DIR] [--json]\n\nFIELD: startedAt, name, deployment, station, eventCount, volumeMicrolitres, importedAt, reviewState, flag.\nSTATE: unreviewed, approved, needs-attention. CODE: an L20 code, or none.',
    options: { offset: { type: 'string' }, limit: { type: 'string' }, sort: { type: 'string' }, search: { type: 'string' }, review: { type: 'string', multiple: true }, flag: { type: 'string', multiple: true } },
    async run(ctx) {
      noPositionals(ctx, 'samples');
      const sort = typeof ctx.values.sort === 'string' ? [ctx.values.sort] : [];
      const request = {
        offset: intOption(ctx, 'offset', 0),
        limit: intOption(ctx, 'limit', 100),
        sort: sort.map((s) => {
          const [field, dir] = s.split(':');
          return { field, direction: dir === 'desc' ? 'desc' : 'asc' };
        }),
        ...(typeof ctx.values.search === 'string' ? { search: ctx.values.search } : {}),
        ...(Array.isArray(ctx.values.review) ? { reviewStates: ctx.values.review } : {}),
        ...(Array.isArray(ctx.values.flag) ? { flags: ctx.values.flag } : {}),
      };
      const page = (await dispatch(ctx.service(), 'listSamples', request)) as SamplePage;
      const lines = page.rows.map((s) =>
        [s.id, cell(s.startedAt), s.name, cell(s.station), String(s.eventCount), s.flag ? `flag ${s.flag.code}` : 'no flag', s.reviewState, cell(s.comment)].join('\t'),
      );
      const shown = page.rows.length ? `${page.offset + 1}–${page.offset + page.rows.length}` : '0';
      // measurementStart names the UTC start as the import report does.
      const samples = page.rows.map((s) => ({ ...s, measurementStart: s.startedAt, flag: s.flag?.code ?? null, flagScheme: s.flag?.scheme ?? null }));
      return { result: { total: page.total, offset: page.offset, samples }, text: [...lines, `(${shown} of ${page.total} samples)`].join('\n') };
    },
  },

  sample: {
    summary: 'show one sample, its metadata and its stored files',
    args: '<id>',
    help: 'Usage: cytocurator sample <id> [--library DIR] [--json]\n\n<id> is the stable sample id printed by import and by `cytocurator samples`.',
    async run(ctx) {
      const [id, ...rest] = ctx.positionals;
      if (!id || rest.length) throw new UsageError('sample takes exactly one sample id');
      const s = (await dispatch(ctx.service(), 'getSample', { id })) as SampleDetail;
      const text = [
        `${s.id}  ${s.name}`,
        `time (UTC): ${cell(s.startedAt)}   duration: ${cell(s.durationSeconds)} s`,
        `station: ${cell(s.station)}   deployment: ${cell(s.deployment)}   position: ${cell(s.latitude)}, ${cell(s.longitude)}   depth: ${cell(s.depthMetres)} m`,
        `instrument: ${cell(s.instrument)}   volume: ${cell(s.volumeMicrolitres)} µL   events: ${s.eventCount}   images: ${s.imageCount}`,
        `time as written: ${cell(s.startedAtSource)}${s.timeZoneAssumed ? '   (time zone assumed UTC: assign a deployment)' : ''}${s.partial ? '   PARTIAL (only set exports)' : ''}`,
        `columns (${s.columns.length}): ${s.columns.join(', ')}`,
        ...(s.sets.length ? [`sets: ${s.sets.map((x) => `${x.name} (${x.events})`).join(', ')}`] : []),
        `sources (import version ${cell(s.importVersion)}):`,
        ...s.provenance.map((f) => `  ${f.role.padEnd(16)}${f.sha256.slice(0, 12)}  ${f.sizeBytes} B  ${f.sourcePath}`),
        ...(s.issues.length ? [`issues (${s.issues.length}):`, ...s.issues.slice(0, 20).map((i) => `  ${i.severity}: ${i.file ?? ''}${i.line ? `:${i.line}` : ''} ${i.message}`)] : []),
      ].join('\n');
      return { result: s, text };
    },
  },

  import: importCommand,
  inspect: inspectCommand,
  flag: flagCommand,
  approve: approveCommand,
  comment: commentCommand,
  undo: undoCommand,
  redo: redoCommand,
  audit: auditCommand,
  'flag-mapping': flagMappingCommand,
  sets: setsCommand,
  gates: gatesCommand,
  dataset: datasetCommand,
  export: exportCommand,
  validate: validateCommand,
  vocab: vocabCommand,
  abundances: abundancesCommand,
  deployment: deploymentCommand,
  start: startCommand,
  login: loginCommand,
  sync: syncCommand,
  somlit: somlitCommand,
  backup: backupCommand,
  verify: verifyCommand,
  restore: restoreCommand,
};
