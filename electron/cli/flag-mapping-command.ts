/** `cytocurator flag-mapping`: read and change how SOMLIT and QARTOD codes map to SeaDataNet L20 in this library. */
import { dispatch } from '../../shared/api/dispatch.js';
import type { FlagMappingTables } from '../../shared/model/flag-schemes.js';
import { flagsByScheme } from '../../shared/model/flag-schemes.js';
import { UsageError } from './cli-io.js';
import type { Command } from './commands.js';

export const flagMappingCommand: Command = {
  summary: 'show or change the SOMLIT/QARTOD → L20 flag mapping tables',
  args: '',
  help: 'Usage: cytocurator flag-mapping [--set SCHEME:CODE=L20]... [--reset] [--json]\n\nExample: cytocurator flag-mapping --set QARTOD:3=2   (QARTOD "suspect" published as L20 2, probably good)',
  options: { set: { type: 'string', multiple: true }, reset: { type: 'boolean', default: false } },
  async run(ctx) {
    const service = ctx.service();
    const current = (await dispatch(service, 'getFlagSchemes', {})) as { mappings: FlagMappingTables; defaults: FlagMappingTables };
    let mappings = current.mappings;
    const sets = Array.isArray(ctx.values.set) ? ctx.values.set : [];
    if (ctx.values.reset || sets.length) {
      const next: FlagMappingTables = ctx.values.reset ? structuredClone(current.defaults) : structuredClone(current.mappings);
      for (const s of sets) {
        const m = /^(SOMLIT|QARTOD):([0-9A-Z])=([0-9ABQ])$/i.exec(s.trim());
        if (!m) throw new UsageError(`--set takes SCHEME:CODE=L20 (e.g. QARTOD:3=2), got "${s}"`);
        next[m[1]!.toUpperCase() as 'SOMLIT' | 'QARTOD'][m[2]!.toUpperCase()] = m[3]!.toUpperCase();
      }
      mappings = ((await dispatch(service, 'setFlagMappings', { mappings: next })) as { mappings: FlagMappingTables }).mappings;
    }
    const lines: string[] = [];
    for (const scheme of ['SOMLIT', 'QARTOD'] as const) {
      lines.push(`${scheme} → L20`);
      for (const f of flagsByScheme[scheme]) {
        const to = mappings[scheme][f.code];
        const l20 = flagsByScheme.L20.find((l) => l.code === to);
        lines.push(`  ${f.code} ${f.label.padEnd(48)} → ${to ?? '?'} ${l20?.label ?? ''}${to !== current.defaults[scheme][f.code] ? '   (changed from the default)' : ''}`);
      }
    }
    return { result: { mappings }, text: lines.join('\n') };
  },
};
