/** `cytocurator import PATH... [--deployment NAME]`: files and folders into the library, with progress on stderr. */
import { randomUUID } from 'node:crypto';
import { dispatch } from '../../shared/api/dispatch.js';
import type { ImportReport } from '../../shared/api/import-report.js';
import { UsageError } from './cli-io.js';
import type { Command, CommandContext, CommandOutcome } from './commands.js';

function summary(r: ImportReport): string {
  const lines = r.samples.map((s) => {
    const time = s.measurementStart ? `${s.measurementStart}${s.timeZoneAssumed ? ' (zone assumed UTC)' : ''}` : 'time unknown';
    const images = s.images.linked || s.images.missing.length ? `, images ${s.images.linked} linked${s.images.missing.length ? `, ${s.images.missing.length} missing` : ''}` : '';
    return `${s.status.padEnd(12)}${s.id}  ${s.name}  ${time}  ${s.events} events${s.partial ? ' (partial)' : ''}${images}`;
  });
  for (const t of r.tracks) lines.push(`${t.status.padEnd(12)}GPS track ${t.file}: ${t.points} fixes ${t.from ?? ''} – ${t.to ?? ''}`);
  for (const s of r.skipped) lines.push(`skipped     ${s.file}: ${s.reason}`);
  if (r.warnings.length) lines.push(`${r.warnings.length} warning(s); --json lists them`);
  if (r.cancelled) lines.push('import cancelled: the samples listed above are stored, the rest were not started');
  return lines.join('\n') || 'nothing to import';
}

async function run(ctx: CommandContext): Promise<CommandOutcome> {
  if (ctx.positionals.length === 0) throw new UsageError('import needs at least one file or folder');
  const service = ctx.service();
  const job = randomUUID();
  const unsubscribe = service.onEvent((e) => {
    if (e.type === 'progress' && e.job === job) ctx.io.stderr(`[${e.done}/${e.total ?? '?'}] ${e.message}\n`);
  });
  const cancel = () => void service.cancelJob({ job });
  process.once('SIGINT', cancel);
  try {
    const deployment = typeof ctx.values.deployment === 'string' ? ctx.values.deployment : null;
    const report = (await dispatch(service, 'importFiles', { paths: ctx.positionals, deployment, job })) as ImportReport;
    // The report carries its own errors (bad rows, unreadable files); they make the exit status 1.
    return { result: report, text: summary(report), failed: report.errors.length > 0 || report.cancelled };
  } finally {
    process.removeListener('SIGINT', cancel);
    unsubscribe();
  }
}

export const importCommand: Command = {
  summary: 'import CytoClus exports, FCS, cyz2json and GPS logs (files or folders)',
  args: 'PATH...',
  help: [
    'Usage: cytocurator import PATH... [--deployment NAME] [--library DIR] [--json]',
    '',
    'Folders are scanned recursively; files are grouped into samples by their base name. Each sample is',
    'stored whole or not at all; a file that fails is reported and the others still import. Importing the',
    'same content again changes nothing; a new export of the same measurement becomes a new version.',
    '--deployment NAME assigns the imported samples to that deployment (see cytocurator deployment).',
    'Exit status 1 when any file or row was rejected (the rest is imported and reported).',
  ].join('\n'),
  options: { deployment: { type: 'string' } },
  run,
};
