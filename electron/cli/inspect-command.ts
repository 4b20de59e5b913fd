/** `cytocurator inspect FILE`: what a file holds, read by the importer's parsers; needs no library. */
import { inspectFile } from '../import/inspect-file.js';
import { UsageError } from './cli-io.js';
import type { Command } from './commands.js';

export const inspectCommand: Command = {
  summary: 'show what one file holds (listmode, Info, FCS, pulses, sets, …); no library needed',
  args: 'FILE',
  help: 'Usage: cytocurator inspect FILE [--json]\n\nReads the file with the importer\'s parsers and prints its kind, counts, columns, times and the\nproblems found (with line numbers). Exit status 1 when the file has problems or cannot be read.',
  async run(ctx) {
    const [file, ...rest] = ctx.positionals;
    if (!file || rest.length) throw new UsageError('inspect takes exactly one FILE');
    const result = await inspectFile(file);
    const { errors, ...fields } = result;
    const text = [
      ...Object.entries(fields).map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v).slice(0, 400) : String(v)}`),
      ...errors.slice(0, 50).map((e) => `problem: ${e.line ? `line ${e.line}: ` : ''}${e.field ? `${e.field}: ` : ''}${e.message}`),
    ].join('\n');
    return { result, text, failed: errors.length > 0 };
  },
};
