/**
 * `cytocurator somlit import FILE` and `cytocurator somlit export --type hydro|piconano …`: SOMLIT extraction
 * files in and out of the library, over the same operations as the workstation's SOMLIT view.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ResponseOf } from '../../shared/api/contract.js';
import { dispatch } from '../../shared/api/dispatch.js';
import { UsageError } from './cli-io.js';
import type { Command, CommandContext, CommandOutcome } from './commands.js';
import { textOption as text } from './option-values.js';

function dateOption(ctx: CommandContext, name: string): string | null {
  const v = text(ctx, name);
  if (v === null) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) throw new UsageError(`--${name} must be a date like 2026-05-14, got "${v}"`);
  return v;
}

async function run(ctx: CommandContext): Promise<CommandOutcome> {
  const [sub, ...args] = ctx.positionals;
  if (sub === 'import') {
    const [file, ...rest] = args;
    if (!file || rest.length) throw new UsageError('somlit import takes exactly one FILE');
    const r = (await dispatch(ctx.service(), 'somlitImport', { path: path.resolve(file), dryRun: ctx.values['dry-run'] === true })) as ResponseOf<'somlitImport'>;
    const lines = [
      `${r.dryRun ? 'would import' : 'imported'} ${path.basename(r.file)} (${r.type ?? 'unknown type'}): ${r.rows - r.rejected} of ${r.rows} row(s), ${r.created} new entr${r.created === 1 ? 'y' : 'ies'}, ${r.updated} updated, ${r.values} value(s) changed`,
      ...(r.changeset ? [`changeset ${r.changeset} (undo: cytocurator undo ${r.changeset})`] : []),
      ...r.warnings.map((w) => `  note: ${w.line !== undefined ? `line ${w.line}: ` : ''}${w.field ? `${w.field}: ` : ''}${w.message}`),
      ...r.errors.map((e) => `  error: ${e.line !== undefined ? `line ${e.line}: ` : ''}${e.field ? `${e.field}: ` : ''}${e.message}`),
    ];
    return { result: r, text: lines.join('\n'), failed: r.errors.length > 0 };
  }
  if (sub === 'export') {
    if (args.length) throw new UsageError('somlit export takes no arguments (use --type, --site, --from, --to and --out)');
    const type = text(ctx, 'type');
    if (type !== 'hydro' && type !== 'piconano') throw new UsageError(`somlit export needs --type hydro or --type piconano${type ? `, got "${type}"` : ''}`);
    const out = text(ctx, 'out');
    if (!out) throw new UsageError('somlit export needs --out FILE (or a folder, to name the file the SOMLIT way)');
    const from = dateOption(ctx, 'from');
    const to = dateOption(ctx, 'to');
    const resolved = path.resolve(out);
    const isFolder = out.endsWith('/') || out.endsWith(path.sep) || fs.statSync(resolved, { throwIfNoEntry: false })?.isDirectory() === true;
    const r = (await dispatch(ctx.service(), 'somlitExport', {
      type,
      site: text(ctx, 'site'),
      from,
      to,
      ...(isFolder ? { outDir: resolved } : { outPath: resolved }),
    })) as ResponseOf<'somlitExport'>;
    const lines = [`wrote ${r.file}: ${r.rows} row(s), ${r.bytes} bytes, sha256 ${r.sha256}`, ...r.skipped.map((s) => `  skipped entry ${s.entryId}: ${s.reason}`)];
    return { result: r, text: lines.join('\n') };
  }
  throw new UsageError(`somlit needs a subcommand: import or export (got "${sub ?? ''}")`);
}

export const somlitCommand: Command = {
  summary: 'SOMLIT extraction files: import lab entries, export per type (hydro, piconano)',
  args: 'import FILE | export --type T --out FILE',
  help: [
    'Usage:',
    '  cytocurator somlit import FILE [--dry-run] [--json]',
    '      A Somlit_Extraction_<hydro|piconano>_….csv file. Rows with errors are left out and reported by line and',
    '      column (exit status 1); the other rows are imported as one changeset (undo it with cytocurator undo).',
    '  cytocurator somlit export --type hydro|piconano [--site ID] [--from DATE] [--to DATE] --out FILE|FOLDER/ [--json]',
    '      Entries of the site and dates (inclusive, yyyy-mm-dd) with at least one value of that type. A folder',
    '      gets the SOMLIT file name (Somlit_Extraction_<type>_<yyyymmdd>_<hhmmss>_<hash>.csv).',
  ].join('\n'),
  options: {
    'dry-run': { type: 'boolean' },
    type: { type: 'string' },
    site: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
  },
  run,
};
