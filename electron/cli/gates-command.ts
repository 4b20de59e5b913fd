/**
 * `cytocurator gates import|apply|list|show|export` and `cytocurator abundances`: gate templates and the
 * abundances they produce, over the same operations as the workstation.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ActionResult, ResponseOf } from '../../shared/api/contract.js';
import { dispatch } from '../../shared/api/dispatch.js';
import type { AbundanceRecord } from '../../shared/api/gating-contract.js';
import { UsageError } from './cli-io.js';
import type { Command, CommandContext, CommandOutcome } from './commands.js';
import { selectionOption } from './selection-option.js';
import { textOption as text } from './option-values.js';

function version(ctx: CommandContext): number | undefined {
  const v = text(ctx, 'version');
  if (v === null) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--version must be a whole number ≥ 1, got "${v}"`);
  return n;
}

async function run(ctx: CommandContext): Promise<CommandOutcome> {
  const [sub, ...args] = ctx.positionals;
  const service = ctx.service();
  if (sub === 'import') {
    const [file, ...rest] = args;
    if (!file || rest.length) throw new UsageError('gates import takes exactly one FILE');
    const r = (await dispatch(service, 'importGateTemplate', {
      path: path.resolve(file),
      ...(text(ctx, 'name') ? { name: text(ctx, 'name') as string } : {}),
      ...(text(ctx, 'sample') ? { sampleId: text(ctx, 'sample') as string } : {}),
      ...(text(ctx, 'template') ? { templateId: text(ctx, 'template') as string } : {}),
    })) as ResponseOf<'importGateTemplate'>;
    const lines = [`template ${r.template.id} version ${r.template.version}: ${r.template.sets.length} set(s) ${r.template.sets.join(', ')} (${r.format})`];
    if (r.unmatchedAxes.length) lines.push(`axes matching no column: ${r.unmatchedAxes.join(', ')}`);
    for (const i of r.issues) lines.push(`  ${i.set ? `${i.set}: ` : ''}${i.message}`);
    return { result: r, text: lines.join('\n') };
  }
  if (sub === 'apply') {
    const [templateId, ...rest] = args;
    if (!templateId || rest.length) throw new UsageError('gates apply takes exactly one TEMPLATE_ID');
    const r = (await dispatch(service, 'applyGateTemplate', { templateId, selection: selectionOption(ctx.values, null) })) as ActionResult & { recomputed: number };
    return {
      result: r,
      text: r.changeset ? `applied ${templateId} to ${r.samples} sample(s), ${r.recomputed} recomputed: changeset ${r.changeset}` : 'nothing to change (already applied)',
    };
  }
  if (sub === 'list') {
    if (args.length) throw new UsageError('gates list takes no arguments');
    const r = (await dispatch(service, 'listGateTemplates', {})) as ResponseOf<'listGateTemplates'>;
    const lines = r.templates.map((t) => `${t.id}  v${t.version}  ${t.name}  ${t.samples} sample(s)  sets: ${t.sets.map((s) => s.name).join(', ')}`);
    return { result: r, text: lines.length ? lines.join('\n') : 'no gate templates' };
  }
  if (sub === 'show') {
    const [id, ...rest] = args;
    if (!id || rest.length) throw new UsageError('gates show takes exactly one TEMPLATE_ID');
    const v = version(ctx);
    const r = (await dispatch(service, 'getGateTemplate', { id, ...(v ? { version: v } : {}) })) as ResponseOf<'getGateTemplate'>;
    const lines = [
      `${r.template.id} ${r.template.name} version ${r.template.version}${r.template.exclusive ? ' (exclusive sets)' : ''}`,
      ...r.template.gates.map((g) => `  gate ${g.id} ${g.name} (${g.type})`),
      ...r.template.sets.map((s) => `  set ${s.name}${s.group ? ` = ${s.group}` : ''}`),
      'history:',
      ...r.history.map((h) => `  v${h.version} ${h.at} ${h.actorName ?? h.actor}${h.reason ? ` (${h.reason})` : ''}`),
    ];
    return { result: r, text: lines.join('\n') };
  }
  if (sub === 'export') {
    const [id, ...rest] = args;
    if (!id || rest.length) throw new UsageError('gates export takes exactly one TEMPLATE_ID');
    const out = text(ctx, 'out');
    if (!out) throw new UsageError('gates export needs --out FILE');
    const v = version(ctx);
    const r = (await dispatch(service, 'exportGatingMl', { id, ...(v ? { version: v } : {}) })) as ResponseOf<'exportGatingMl'>;
    const file = path.resolve(out);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, r.xml);
    fs.renameSync(tmp, file);
    return { result: { file, bytes: Buffer.byteLength(r.xml) }, text: `wrote ${file}` };
  }
  throw new UsageError(`gates needs a subcommand: import, apply, list, show or export (got "${sub ?? ''}")`);
}

export const gatesCommand: Command = {
  summary: 'gate templates: import CytoClus sets or Gating-ML, apply to samples, list, show, export Gating-ML',
  args: 'import FILE | apply TEMPLATE_ID | list | show TEMPLATE_ID | export TEMPLATE_ID',
  help: [
    'Usage:',
    '  cytocurator gates import FILE [--name NAME] [--sample ID] [--template TEMPLATE_ID] [--json]',
    '      CytoClus set definition (either XML style) or Gating-ML 2.0. Axes are matched to the columns of --sample,',
    '      or of the library; --template imports as a new version of that template.',
    '  cytocurator gates apply TEMPLATE_ID (--samples ID,ID… | --filter "review=approved;deployment=NAME;flag=1,2;search=TEXT") [--json]',
    '  cytocurator gates list [--json]',
    '  cytocurator gates show TEMPLATE_ID [--version N] [--json]',
    '  cytocurator gates export TEMPLATE_ID --out FILE [--version N]   (Gating-ML 2.0)',
  ].join('\n'),
  options: {
    name: { type: 'string' },
    sample: { type: 'string' },
    template: { type: 'string' },
    samples: { type: 'string' },
    filter: { type: 'string' },
    version: { type: 'string' },
    out: { type: 'string' },
  },
  run,
};

export const abundancesCommand: Command = {
  summary: 'abundances (cells/mL) per sample and set, with the template version that produced each',
  args: '',
  help: 'Usage: cytocurator abundances [--samples ID,ID… | --filter "key=value;…"] [--json]',
  options: { samples: { type: 'string' }, filter: { type: 'string' } },
  async run(ctx) {
    if (ctx.positionals.length) throw new UsageError('abundances takes no arguments (use --samples or --filter)');
    const given = typeof ctx.values['samples'] === 'string' || typeof ctx.values['filter'] === 'string';
    const r = (await dispatch(ctx.service(), 'listAbundances', given ? { selection: selectionOption(ctx.values, null) } : {})) as { abundances: AbundanceRecord[] };
    const lines = r.abundances.map(
      (a) =>
        `${a.sample}  ${a.set}${a.group && a.group !== a.set ? ` (${a.group})` : ''}  ${a.events} events  ${a.abundance_per_mL === null ? '-' : `${a.abundance_per_mL.toPrecision(6)} /mL`}  ${a.template} v${a.templateVersion}${a.flag ? `  flag ${a.flag}` : ''}${a.note ? `  ${a.note}` : ''}`,
    );
    return { result: r, text: lines.length ? lines.join('\n') : 'no abundances (apply a gate template first)' };
  },
};
