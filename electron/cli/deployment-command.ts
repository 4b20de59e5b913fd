/** `cytocurator deployment add|list|assign`: the deployment records that give samples their zone and place. */
import path from 'node:path';
import { dispatch } from '../../shared/api/dispatch.js';
import type { Deployment } from '../../shared/model/deployment.js';
import { UsageError } from './cli-io.js';
import type { Command, CommandContext, CommandOutcome } from './commands.js';
import { textOption as text } from './option-values.js';

function number(ctx: CommandContext, name: string): number | null {
  const v = text(ctx, name);
  if (v === null) return null;
  const n = Number(v.replace(',', '.'));
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got "${v}"`);
  return n;
}

function describe(d: Deployment): string {
  const where = d.latitude !== null && d.longitude !== null ? ` at ${d.latitude}, ${d.longitude}` : '';
  const rule = Object.entries(d.rule).filter(([, v]) => v !== null).map(([k, v]) => `${k}=${v}`).join(' ');
  return `${d.name}: ${d.station ?? d.ship ?? '(no station)'}${where}, zone ${d.timeZone ?? 'unknown (UTC assumed)'}${rule ? `, rule ${rule}` : ''}`;
}

async function run(ctx: CommandContext): Promise<CommandOutcome> {
  const [sub, ...args] = ctx.positionals;
  const service = ctx.service();
  if (sub === 'list') {
    if (args.length) throw new UsageError('deployment list takes no arguments');
    const list = (await dispatch(service, 'listDeployments', {})) as Deployment[];
    return { result: { deployments: list }, text: list.length ? list.map(describe).join('\n') : 'no deployments' };
  }
  if (sub === 'add') {
    const [name, ...rest] = args;
    if (!name || rest.length) throw new UsageError('deployment add takes exactly one NAME');
    const folder = text(ctx, 'rule-folder');
    const d = (await dispatch(service, 'addDeployment', {
      name,
      instrument: text(ctx, 'instrument'),
      instrumentSerial: text(ctx, 'serial'),
      station: text(ctx, 'station'),
      ship: text(ctx, 'ship'),
      latitude: number(ctx, 'lat'),
      longitude: number(ctx, 'lon'),
      samplingDepthMetres: number(ctx, 'depth'),
      bottomDepthMetres: number(ctx, 'bottom-depth'),
      timeZone: text(ctx, 'time-zone'),
      somlitSiteId: text(ctx, 'somlit-site'),
      rule: {
        folder: folder === null ? null : path.resolve(folder),
        serial: text(ctx, 'rule-serial'),
        from: text(ctx, 'rule-from'),
        to: text(ctx, 'rule-to'),
      },
    })) as Deployment;
    return { result: d, text: `added ${describe(d)}` };
  }
  if (sub === 'assign') {
    const [name, ...samples] = args;
    if (!name || samples.length === 0) throw new UsageError('deployment assign takes a NAME and one or more sample ids');
    const r = (await dispatch(service, 'assignDeployment', { deployment: name, samples })) as { assigned: number };
    return { result: r, text: `assigned ${r.assigned} sample(s) to ${name}` };
  }
  throw new UsageError(`deployment needs a subcommand: add, list or assign${sub ? ` (got "${sub}")` : ''}`);
}

export const deploymentCommand: Command = {
  summary: 'add, list or assign deployments (station or ship, position, clock zone)',
  args: 'add|list|assign',
  help: [
    'Usage:',
    '  cytocurator deployment list [--library DIR] [--json]',
    '  cytocurator deployment add NAME [--station S | --ship S] [--lat DEG --lon DEG] [--depth M] [--bottom-depth M]',
    '        [--time-zone ZONE] [--instrument TEXT] [--serial SERIAL] [--somlit-site ID]',
    '        [--rule-folder DIR] [--rule-serial SERIAL] [--rule-from UTC] [--rule-to UTC]',
    '  cytocurator deployment assign NAME SAMPLE_ID...',
    '',
    'ZONE is the instrument clock\'s zone: an IANA name (Europe/Paris) or an offset (+01:00). Without one,',
    'source times are taken as UTC and the samples are marked "time zone assumed".',
    'A rule assigns samples at import: every part given must match (folder, serial, UTC time range).',
  ].join('\n'),
  options: {
    station: { type: 'string' }, ship: { type: 'string' }, lat: { type: 'string' }, lon: { type: 'string' },
    depth: { type: 'string' }, 'bottom-depth': { type: 'string' }, 'time-zone': { type: 'string' },
    instrument: { type: 'string' }, serial: { type: 'string' }, 'somlit-site': { type: 'string' },
    'rule-folder': { type: 'string' }, 'rule-serial': { type: 'string' }, 'rule-from': { type: 'string' }, 'rule-to': { type: 'string' },
  },
  run,
};
