/**
 * Review from the command line: flag, approve, comment, undo, redo and audit — the same named actions as the
 * workstation's keys, each one changeset.
 */
import { dispatch } from '../../shared/api/dispatch.js';
import type { ActionResult, AuditEvent } from '../../shared/api/contract.js';
import { UsageError } from './cli-io.js';
import type { Command, CommandContext } from './commands.js';
import { textOption as text } from './option-values.js';

function ids(ctx: CommandContext, command: string): string[] {
  if (ctx.positionals.length === 0) throw new UsageError(`${command} needs one or more sample ids`);
  return ctx.positionals;
}

function done(r: ActionResult, verb: string): string {
  return r.changeset ? `${verb} ${r.samples} sample(s): changeset ${r.changeset} (undo with: cytocurator undo ${r.changeset})` : `nothing to change`;
}

export const flagCommand: Command = {
  summary: 'flag samples (or one group value) with an L20, SOMLIT or QARTOD code',
  args: 'ID...',
  help: 'Usage: cytocurator flag ID... --flag CODE [--scheme L20|SOMLIT|QARTOD] [--comment TEXT] [--value GROUP] [--json]\n\nL20 codes: 0 no QC, 1 good, 2 probably good, 3 probably bad, 4 bad, 5 changed, 6 below detection,\n7 in excess, 8 interpolated, 9 missing, A, B, Q. --value flags one group\'s count instead of the sample.',
  options: { flag: { type: 'string' }, scheme: { type: 'string' }, comment: { type: 'string' }, value: { type: 'string' } },
  async run(ctx) {
    const code = text(ctx, 'flag');
    if (code === null) throw new UsageError('flag needs --flag CODE');
    const r = (await dispatch(ctx.service(), 'flagSamples', {
      selection: { ids: ids(ctx, 'flag') },
      flag: { scheme: text(ctx, 'scheme') ?? 'L20', code },
      comment: text(ctx, 'comment'),
      group: text(ctx, 'value'),
    })) as ActionResult;
    return { result: r, text: done(r, 'flagged') };
  },
};

export const approveCommand: Command = {
  summary: 'approve samples (records what was approved)',
  args: 'ID...',
  help: 'Usage: cytocurator approve ID... [--comment TEXT] [--json]',
  options: { comment: { type: 'string' } },
  async run(ctx) {
    const r = (await dispatch(ctx.service(), 'approveSamples', { selection: { ids: ids(ctx, 'approve') }, comment: text(ctx, 'comment') })) as ActionResult;
    return { result: r, text: done(r, 'approved') };
  },
};

export const commentCommand: Command = {
  summary: 'set the comment of samples',
  args: 'ID...',
  help: 'Usage: cytocurator comment ID... --text TEXT [--json]   (an empty text clears the comment)',
  options: { text: { type: 'string' } },
  async run(ctx) {
    const t = text(ctx, 'text');
    if (t === null) throw new UsageError('comment needs --text TEXT');
    const r = (await dispatch(ctx.service(), 'commentSamples', { selection: { ids: ids(ctx, 'comment') }, text: t })) as ActionResult;
    return { result: r, text: done(r, 'commented') };
  },
};

function changesetCommand(name: 'undo' | 'redo'): Command {
  return {
    summary: name === 'undo' ? 'undo a changeset (refused when its targets changed since)' : 'redo an undo changeset',
    args: 'CHANGESET',
    help: `Usage: cytocurator ${name} CHANGESET [--json]`,
    async run(ctx) {
      const [changeset, ...rest] = ctx.positionals;
      if (!changeset || rest.length) throw new UsageError(`${name} takes exactly one CHANGESET`);
      const r = (await dispatch(ctx.service(), name === 'undo' ? 'undoChangeset' : 'redoChangeset', { changeset })) as ActionResult;
      return { result: r, text: done(r, name === 'undo' ? 'undid the change on' : 'redid the change on') };
    },
  };
}
export const undoCommand = changesetCommand('undo');
export const redoCommand = changesetCommand('redo');

export const auditCommand: Command = {
  summary: 'the change events of one sample (who, when, before, after, why)',
  args: 'ID',
  help: 'Usage: cytocurator audit ID [--json]',
  async run(ctx) {
    const [id, ...rest] = ctx.positionals;
    if (!id || rest.length) throw new UsageError('audit takes exactly one sample id');
    const { events } = (await dispatch(ctx.service(), 'getAudit', { sampleId: id })) as { events: AuditEvent[] };
    const show = (v: unknown) => (v === null ? '-' : JSON.stringify(v));
    const lines = events.map((e) => `${e.at}  ${e.actorName ?? e.actor}  ${e.action} ${e.target.kind}${e.target.group ? ` ${e.target.group}` : ''}: ${show(e.before)} → ${show(e.after)}${e.reason ? `  (${e.reason})` : ''}  [${e.changeset}]`);
    return { result: { events }, text: lines.join('\n') || 'no changes yet' };
  },
};
