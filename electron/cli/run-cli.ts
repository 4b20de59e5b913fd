/**
 * The cytocurator command line: each command is a few lines over the same service the UI uses.
 * Contract (every later command keeps it): --library DIR and --json everywhere; with --json exactly one JSON
 * document on stdout ({ ok, result?, errors? }); exit 0 done, 1 invalid input or partial failure (the valid
 * part is still done and reported), 2 usage error.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { formatError, toErrorData } from '../../shared/api/errors.js';
import type { CurationErrorData } from '../../shared/api/errors.js';
import { defaultLibraryDir, demoLibraryDir, projectRoot, resourcesDir } from '../common/app-paths.js';
import { createCurationService } from '../service/curation-service.js';
import type { CurationService } from '../service/curation-service.js';
import { exitCodes, UsageError } from './cli-io.js';
import type { CliIo, ExitCode } from './cli-io.js';
import { commands } from './commands.js';
import type { CommandContext } from './commands.js';
import { packageVersion } from './package-info.js';

const globalOptions = {
  library: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const satisfies ParseArgsConfig['options'];

/**
 * The one JSON document of --json: the command's result object with an `errors` array beside its fields
 * (e.g. import prints {"samples": [...], "errors": [...], "skipped": [...]}); a result that is not an object
 * goes under "result". Errors the result already carries are kept.
 */
export function jsonDocument(result: unknown, errors: readonly CurationErrorData[]): string {
  let doc: Record<string, unknown>;
  if (result !== null && typeof result === 'object' && !Array.isArray(result)) {
    const own = (result as { errors?: unknown }).errors;
    doc = { ...(result as Record<string, unknown>), errors: [...(Array.isArray(own) ? own : []), ...errors] };
  } else {
    doc = result === undefined ? { errors: [...errors] } : { result, errors: [...errors] };
  }
  return `${JSON.stringify(doc)}\n`;
}

export function helpText(): string {
  const lines = [
    'cytocurator — curation of marine flow-cytometry data (CytoSense, FCS)',
    '',
    'Usage: cytocurator <command> [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${`${name} ${c.args}`.padEnd(34)}${c.summary}`),
    '',
    'Options for every command:',
    '  --library DIR                     library folder (default: your default library)',
    '  --json                            print one JSON document on stdout; diagnostics go to stderr',
    '  -h, --help                        this help',
    '  -v, --version                     print the version',
    '',
    'Exit status: 0 done; 1 some input was invalid or part of the work failed; 2 usage error.',
  ];
  return `${lines.join('\n')}\n`;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const commandName = argv[0] && !argv[0].startsWith('-') ? argv[0] : undefined;
  const command = commandName ? commands[commandName] : undefined;
  const wantsJson = argv.includes('--json');

  const usage = (problem: string | CurationErrorData): ExitCode => {
    const error: CurationErrorData = typeof problem === 'string' ? { code: 'invalid-request', message: problem } : problem;
    if (wantsJson) io.stdout(jsonDocument(undefined, [error]));
    io.stderr(`cytocurator: ${formatError(error)}\nRun 'cytocurator --help' for usage.\n`);
    return exitCodes.usage;
  };

  let parsed;
  try {
    parsed = parseArgs({
      args: commandName ? argv.slice(1) : [...argv],
      options: { ...globalOptions, ...(command?.options ?? {}) },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    return usage((err as Error).message);
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;

  if (values.version) {
    const version = packageVersion();
    io.stdout(wantsJson ? jsonDocument({ version }, []) : `${version}\n`);
    return exitCodes.ok;
  }
  if (values.help || !commandName) {
    if (!commandName && !values.help) return usage('no command given');
    io.stdout(command ? `${command.help}\n` : helpText());
    return exitCodes.ok;
  }
  if (!command) return usage(`unknown command: ${commandName}`);

  const root = projectRoot();
  let service: CurationService | undefined;
  const libraryDir = typeof values.library === 'string' ? values.library : defaultLibraryDir(io.env);
  const ctx: CommandContext = {
    io,
    json: Boolean(values.json),
    values,
    positionals: parsed.positionals,
    root,
    libraryDir,
    service: () => {
      service ??= createCurationService({
        version: packageVersion(root),
        defaultLibraryDir: defaultLibraryDir(io.env),
        demoSourceDir: path.join(resourcesDir(root), 'demo'),
        demoLibraryDir: demoLibraryDir(io.env),
        openLibraryDir: libraryDir,
        serverUrl: io.env.CYTOCURATOR_SERVER_URL ?? null,
      });
      return service;
    },
  };

  try {
    const outcome = await command.run(ctx);
    const errors = outcome.errors ?? [];
    if (ctx.json) io.stdout(jsonDocument(outcome.result, errors));
    else if (outcome.text !== undefined) io.stdout(outcome.text.endsWith('\n') ? outcome.text : `${outcome.text}\n`);
    for (const e of errors) io.stderr(`cytocurator: ${formatError(e)}\n`);
    return errors.length || outcome.failed ? exitCodes.failed : exitCodes.ok;
  } catch (err) {
    if (err instanceof UsageError) return usage(err.message);
    const error: CurationErrorData = toErrorData(err);
    if (error.code === 'invalid-request' || error.code === 'unknown-operation') return usage(error);
    if (ctx.json) io.stdout(jsonDocument(undefined, [error]));
    io.stderr(`cytocurator: ${formatError(error)}\n`);
    return exitCodes.failed;
  } finally {
    await service?.close();
  }
}
