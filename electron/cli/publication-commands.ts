/**
 * `cytocurator dataset create|show|list`, `cytocurator export` and `cytocurator validate`: SeaDataNet publication
 * from the command line, over the same operations as the workstation's Publish view.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ResponseOf } from '../../shared/api/contract.js';
import { dispatch } from '../../shared/api/dispatch.js';
import { CurationError } from '../../shared/api/errors.js';
import type { DatasetView, ExportReport, ValidationReport } from '../../shared/api/publication-contract.js';
import { UsageError } from './cli-io.js';
import type { Command, CommandContext, CommandOutcome } from './commands.js';
import { textOption as text } from './option-values.js';

function samplesOption(raw: string | null): 'all' | 'approved' | { ids: string[] } {
  if (raw === null) throw new UsageError('dataset create needs --samples all|approved|ID,ID…');
  if (raw === 'all' || raw === 'approved') return raw;
  const ids = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (!ids.length) throw new UsageError('--samples needs all, approved or a list of sample ids');
  return { ids };
}

function readMetadata(file: string): unknown {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CurationError({ code: 'not-found', file, message: `cannot read the metadata file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
  }
  try {
    return JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new CurationError({ code: 'invalid-input', file, message: `not JSON: ${(err as Error).message}` });
  }
}

function describeDataset(d: DatasetView): string {
  const lines = [
    `${d.id}  v${d.version}  ${d.title}`,
    `  ${d.samples} sample(s), ${d.approved} approved, ${d.units} unit(s): ${d.unitViews.map((u) => `${u.localCdiId} (${u.station.name}, ${u.approved}/${u.samples})`).join(', ')}`,
    `  groups: ${d.groups.map((g) => `${g.name}${g.p01 ? ` ${g.p01}` : ''}${g.unverified ? ' (unverified)' : ''}`).join(', ') || 'none'}`,
  ];
  if (d.missing.length) lines.push('  not publishable yet:', ...d.missing.map((m) => `    - ${m}`));
  else lines.push('  publishable');
  if (d.warnings.length) lines.push('  warnings:', ...d.warnings.map((w) => `    - ${w}`));
  return lines.join('\n');
}

async function datasetRun(ctx: CommandContext): Promise<CommandOutcome> {
  const [sub, ...args] = ctx.positionals;
  const service = ctx.service();
  if (sub === 'create') {
    if (args.length) throw new UsageError('dataset create takes no arguments (use --metadata and --samples)');
    const file = text(ctx, 'metadata');
    if (!file) throw new UsageError('dataset create needs --metadata FILE.json');
    const r = (await dispatch(service, 'createDataset', { metadata: readMetadata(path.resolve(file)) as never, samples: samplesOption(text(ctx, 'samples')) })) as ResponseOf<'createDataset'>;
    return { result: { id: r.id, version: r.version }, text: `created dataset ${r.id}` };
  }
  if (sub === 'update') {
    const [id, ...rest] = args;
    if (!id || rest.length) throw new UsageError('dataset update takes exactly one ID');
    const current = (await dispatch(service, 'getDataset', { id })) as DatasetView;
    const file = text(ctx, 'metadata');
    const samples = text(ctx, 'samples');
    const r = (await dispatch(service, 'updateDataset', {
      id,
      baseVersion: current.version,
      ...(file ? { metadata: readMetadata(path.resolve(file)) as never } : {}),
      ...(samples ? { samples: samplesOption(samples) } : {}),
    })) as ResponseOf<'updateDataset'>;
    return { result: r, text: r.changeset ? `dataset ${id} is now version ${r.version}` : 'nothing to change' };
  }
  if (sub === 'show') {
    const [id, ...rest] = args;
    if (!id || rest.length) throw new UsageError('dataset show takes exactly one ID');
    const d = (await dispatch(service, 'getDataset', { id })) as DatasetView;
    return { result: d, text: describeDataset(d) };
  }
  if (sub === 'list') {
    const r = (await dispatch(service, 'listDatasets', {})) as ResponseOf<'listDatasets'>;
    return { result: r, text: r.datasets.map((d) => `${d.id}  v${d.version}  ${d.publishable ? 'publishable' : 'incomplete '}  ${d.approved}/${d.samples}  ${d.title}`).join('\n') || 'no datasets' };
  }
  throw new UsageError(`dataset needs a subcommand: create, update, show or list (got "${sub ?? ''}")`);
}

export const datasetCommand: Command = {
  summary: 'publication datasets: create from a metadata file, update, show what is missing, list',
  args: 'create | update ID | show ID | list',
  help: [
    'Usage:',
    '  cytocurator dataset create --metadata FILE.json --samples all|approved|ID,ID… [--json]   → {"id":"d_…"}',
    '  cytocurator dataset update ID [--metadata FILE.json] [--samples …] [--json]',
    '  cytocurator dataset show ID [--json]      metadata, units, groups and what is missing before publishing',
    '  cytocurator dataset list [--json]',
    '',
    'The metadata file keys are listed in README.md (Publishing to SeaDataNet).',
  ].join('\n'),
  options: { metadata: { type: 'string' }, samples: { type: 'string' } },
  run: datasetRun,
};

export const exportCommand: Command = {
  summary: 'write the SeaDataNet files of a dataset (ODV, CDI XML, NetCDF), validated first',
  args: '',
  help: 'Usage: cytocurator export --format odv|cdi|netcdf|all --dataset ID --out DIR [--json]\n\nNothing is written unless every file passes validation; the report says what to fix.',
  options: { format: { type: 'string' }, dataset: { type: 'string' }, out: { type: 'string' } },
  async run(ctx) {
    if (ctx.positionals.length) throw new UsageError('export takes no arguments (use --format, --dataset, --out)');
    const format = text(ctx, 'format') ?? 'all';
    const formats = format === 'all' ? (['odv', 'cdi', 'netcdf'] as const) : format.split(',').map((f) => f.trim());
    const bad = formats.filter((f) => !['odv', 'cdi', 'netcdf'].includes(f));
    if (bad.length) throw new UsageError(`--format: "${bad.join(', ')}" is not odv, cdi, netcdf or all`);
    const id = text(ctx, 'dataset');
    const out = text(ctx, 'out');
    if (!id || !out) throw new UsageError('export needs --dataset ID and --out DIR');
    const r = (await dispatch(ctx.service(), 'exportDataset', { id, formats: formats as ('odv' | 'cdi' | 'netcdf')[], outDir: path.resolve(out) })) as ExportReport;
    const lines = r.written
      ? [`wrote ${r.files.length} file(s) to ${r.outDir}:`, ...r.files.map((f) => `  ${f.name}  ${f.bytes} bytes  ${f.sha256.slice(0, 12)}…`)]
      : ['nothing written:', ...r.refused.map((p) => `  - ${p}`)];
    if (r.unapproved.length) lines.push(`left out (not approved): ${r.unapproved.map((u) => u.name).join(', ')}`);
    if (r.warnings.length) lines.push('warnings:', ...r.warnings.map((w) => `  - ${w}`));
    return { result: r, text: lines.join('\n'), failed: !r.written };
  },
};

export const validateCommand: Command = {
  summary: 'validate a SeaDataNet ODV, CDI XML or NetCDF file offline',
  args: 'FILE',
  help: 'Usage: cytocurator validate FILE [--json]\n  → {"valid":bool,"format":"sdn-odv|cdi-xml|sdn-netcdf","errors":[{"line" or "path","rule","message"}],"skipped":[…]}; exit 1 when invalid',
  async run(ctx) {
    const [file, ...rest] = ctx.positionals;
    if (!file || rest.length) throw new UsageError('validate takes exactly one FILE');
    const r = (await dispatch(ctx.service(), 'validateFile', { path: path.resolve(file) })) as ValidationReport;
    const lines = [`${r.valid ? 'valid' : 'INVALID'} ${r.format}: ${file}`, ...r.errors.map((e) => `  ${e.line !== undefined ? `line ${e.line}` : (e.path ?? '')} [${e.rule}] ${e.message}`)];
    for (const w of r.warnings ?? []) lines.push(`  warning: ${w.line !== undefined ? `line ${w.line}` : (w.path ?? '')} [${w.rule}] ${w.message}`);
    if (r.skipped.length) lines.push(`  skipped: ${r.skipped.map((s) => s.rule).join(', ')}`);
    // The report's own "errors" are validation findings; the CLI's error array stays for failures to run.
    return { result: { valid: r.valid, format: r.format, errors: r.errors, skipped: r.skipped, warnings: r.warnings ?? [] }, text: lines.join('\n'), failed: !r.valid };
  },
};
