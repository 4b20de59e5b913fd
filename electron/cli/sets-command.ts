/** `cytocurator sets ID`: the sample's CytoClus sets gated here, compared with the counts CytoClus exported. */
import { dispatch } from '../../shared/api/dispatch.js';
import { UsageError } from './cli-io.js';
import type { Command } from './commands.js';

interface Check {
  definitionFile: string | null;
  partial: boolean;
  sets: { set: string; gated: number; exported: number | null; difference: number | null }[];
  issues: { set: string; message: string }[];
}

export const setsCommand: Command = {
  summary: "gate a sample with its CytoClus set definition and compare with CytoClus's set exports",
  args: 'ID',
  help: 'Usage: cytocurator sets ID [--json]\n\nExit status 1 when a gated count differs from the count CytoClus exported for the same set.',
  async run(ctx) {
    const [id, ...rest] = ctx.positionals;
    if (!id || rest.length) throw new UsageError('sets takes exactly one sample id');
    const check = (await dispatch(ctx.service(), 'checkCytoclusSets', { sampleId: id })) as Check;
    const lines = check.sets.map((s) => `${s.set.padEnd(32)} gated ${String(s.gated).padStart(8)}   CytoClus ${s.exported === null ? '       -' : String(s.exported).padStart(8)}${s.difference ? `   differs by ${s.difference}` : ''}`);
    for (const i of check.issues) lines.push(`note: ${i.set ? `${i.set}: ` : ''}${i.message}`);
    if (check.partial) lines.push('note: the sample is partial (only set exports were imported): gated counts cover those events only');
    return { result: check, text: lines.join('\n'), failed: check.sets.some((s) => s.difference !== null && s.difference !== 0) };
  },
};
