/**
 * `cytocurator backup`, `verify` and `restore`: backups of a library to another folder, fixity checks, and
 * rebuilding a library from a backup. Backup and verify go through the service like every command; restore works
 * on folders alone (it must not open, and so create, a library where it is about to write one).
 */
import type { BackupReport, BackupStatus, FileProblem, RestoreReport, VerifyReport } from '../../shared/api/backup-contract.js';
import { dispatch } from '../../shared/api/dispatch.js';
import type { CurationErrorData } from '../../shared/api/errors.js';
import { restoreLibrary } from '../backup/restore-library.js';
import { UsageError } from './cli-io.js';
import type { Command, CommandContext } from './commands.js';

function text(ctx: CommandContext, name: string): string | null {
  const v = ctx.values[name];
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Progress on stderr (diagnostics), at most a few lines a second. */
function progressPrinter(ctx: CommandContext, job: string): () => void {
  let last = 0;
  const service = ctx.service();
  return service.onEvent((e) => {
    if (e.type !== 'progress' || e.job !== job) return;
    const now = Date.now();
    if (now - last < 500 && e.message !== 'done') return;
    last = now;
    const share = e.total ? ` (${Math.round((100 * e.done) / Math.max(1, e.total))}%)` : '';
    ctx.io.stderr(`${e.message}${share}\n`);
  });
}

function problemLines(title: string, problems: readonly FileProblem[]): string[] {
  if (!problems.length) return [];
  return [`${title} (${problems.length}):`, ...problems.map((p) => `  ${p.kind.padEnd(10)} ${p.path}${p.kind === 'differs' && p.actual ? `  (SHA-256 ${p.actual}, recorded ${p.expected ?? '-'})` : ''}`)];
}

function asErrors(problems: readonly FileProblem[]): CurationErrorData[] {
  return problems.map((p) => ({ code: 'invalid-input', file: p.path, message: p.message }));
}

function describeStatus(s: BackupStatus): string {
  const last = s.lastBackup;
  return [
    last ? `last backup: ${last.startedAt} to ${last.dir}${last.verifiedAt ? ` (verified ${last.verifiedAt})` : ' (NOT verified)'}` : 'last backup: never',
    `changes not backed up: ${s.pendingChanges}${s.oldestPendingAt ? ` (oldest ${s.oldestPendingAt})` : ''}`,
    `warn after: ${s.warnAfterHours} h${s.stale ? '   WARNING: changes have waited longer than that for a backup' : ''}`,
  ].join('\n');
}

export const backupCommand: Command = {
  summary: 'back up the library to a folder (incremental, with a SHA-256 manifest)',
  args: '--to DIR',
  help: [
    'Usage: cytocurator backup --to DIR [--library DIR] [--json]',
    '       cytocurator backup --status [--warn-after HOURS] [--json]',
    '',
    'Copies the database (SQLite online backup: consistent while the workstation is in use) and every stored file',
    'that is new or changed to DIR, and writes DIR/manifest.sha256 (check it with `cd DIR && sha256sum -c manifest.sha256`)',
    'and DIR/cytocurator-backup.json. DIR must be empty, new, or an earlier backup of this library. Files of earlier',
    'backups that the library no longer has are kept and listed in DIR/orphaned.sha256. A library file that does not',
    'match its recorded SHA-256 is not copied (the backup keeps its good copy) and makes the exit status 1.',
    '',
    '--status shows the last backup and the changes not backed up; --warn-after sets after how many hours of changes',
    'not backed up the workstation warns (default 24).',
  ].join('\n'),
  options: { to: { type: 'string' }, status: { type: 'boolean' }, 'warn-after': { type: 'string' } },
  async run(ctx) {
    if (ctx.positionals.length) throw new UsageError(`backup takes no arguments (use --to DIR), got "${ctx.positionals.join(' ')}"`);
    const to = text(ctx, 'to');
    const warnAfter = text(ctx, 'warn-after');
    if (ctx.values.status || warnAfter !== null) {
      if (to) throw new UsageError('use either --to DIR or --status/--warn-after');
      let status: BackupStatus;
      if (warnAfter !== null) {
        const hours = Number(warnAfter);
        if (!Number.isFinite(hours) || hours < 1) throw new UsageError(`--warn-after must be a number of hours (at least 1), got "${warnAfter}"`);
        status = (await dispatch(ctx.service(), 'setBackupSettings', { warnAfterHours: hours })) as BackupStatus;
      } else {
        status = (await dispatch(ctx.service(), 'getBackupStatus', {})) as BackupStatus;
      }
      return { result: status, text: describeStatus(status) };
    }
    if (!to) throw new UsageError('backup needs --to DIR (a new or empty folder, or an earlier backup of this library)');
    const job = `backup-${Date.now()}`;
    const stop = progressPrinter(ctx, job);
    let r: BackupReport;
    try {
      r = (await dispatch(ctx.service(), 'backupLibrary', { to, job })) as BackupReport;
    } finally {
      stop();
    }
    const lines = [
      `backed up "${r.library.name}" to ${r.backupDir}`,
      `copied ${r.files.copied} file(s), ${megabytes(r.files.copiedBytes)}; ${r.files.unchanged} unchanged; the backup lists ${r.files.listed} file(s), ${megabytes(r.files.listedBytes)}`,
      ...r.copiedBySample.map((s) => `  ${s.sampleId}: ${s.files} file(s), ${megabytes(s.bytes)}`),
      ...(r.orphaned.length ? [`kept ${r.orphaned.length} file(s) the library no longer has (orphaned.sha256)`] : []),
      ...problemLines('NOT copied: library files missing or not matching their recorded SHA-256 (the backup keeps its earlier copy)', r.problems),
      `check it: cd "${r.backupDir}" && sha256sum -c manifest.sha256`,
    ];
    return { result: r, text: lines.join('\n'), errors: asErrors(r.problems) };
  },
};

export const verifyCommand: Command = {
  summary: 'check the library (or a backup) file by file against its SHA-256 sums',
  args: '[--backup DIR]',
  help: [
    'Usage: cytocurator verify [--backup DIR] [--library DIR] [--json]',
    '',
    'Without --backup: recomputes the SHA-256 of every stored file of the library and compares it with the sum recorded',
    'at import (sources, images) or in the library\'s fixity.sha256 (event columns, particle ids, set members; a file',
    'seen for the first time gets its sum recorded), and runs PRAGMA integrity_check on the database.',
    'With --backup DIR: checks every file of the backup against DIR/manifest.sha256 and DIR/orphaned.sha256.',
    'Every missing or differing file is named; the exit status is 1 when there is any.',
  ].join('\n'),
  options: { backup: { type: 'string' } },
  async run(ctx) {
    if (ctx.positionals.length) throw new UsageError(`verify takes no arguments, got "${ctx.positionals.join(' ')}"`);
    const backup = text(ctx, 'backup');
    const job = `verify-${Date.now()}`;
    const stop = progressPrinter(ctx, job);
    let r: VerifyReport;
    try {
      r = (await dispatch(ctx.service(), 'verifyLibrary', { backup, job })) as VerifyReport;
    } finally {
      stop();
    }
    const what = r.target === 'backup' ? `backup ${r.dir}${r.backup ? ` of "${r.backup.libraryName}" (${r.backup.startedAt})` : ''}` : `library ${r.dir}`;
    const lines = [
      `${r.ok ? 'OK' : 'PROBLEMS'}: ${what}`,
      `checked ${r.files} file(s), ${megabytes(r.bytes)}; database: ${r.database}`,
      ...(r.recorded ? [`recorded the SHA-256 of ${r.recorded} file(s) seen for the first time`] : []),
      ...problemLines('missing', r.missing),
      ...problemLines('differing', r.differing),
      ...(r.unlisted.length ? [`not listed anywhere (${r.unlisted.length}): ${r.unlisted.slice(0, 10).join(', ')}${r.unlisted.length > 10 ? '…' : ''}`] : []),
    ];
    const errors = asErrors([...r.missing, ...r.differing]);
    if (r.database !== 'ok') errors.push({ code: 'invalid-input', file: r.target === 'backup' ? 'library.sqlite' : r.dir, message: `integrity_check: ${r.database}` });
    return { result: r, text: lines.join('\n'), errors };
  },
};

export const restoreCommand: Command = {
  summary: 'rebuild a library from a backup folder (into an empty folder)',
  args: '--from DIR --to LIBRARY',
  help: [
    'Usage: cytocurator restore --from DIR --to LIBRARY [--force] [--json]',
    '',
    'Checks the backup against its manifest, rebuilds the library in LIBRARY, opens it and checks it file by file.',
    'LIBRARY must be new or empty; --force replaces a folder that is not (its content is deleted once the restored',
    'library is complete). Files of the backup that fail their check are not restored and are named (exit status 1).',
  ].join('\n'),
  options: { from: { type: 'string' }, to: { type: 'string' }, force: { type: 'boolean' } },
  async run(ctx) {
    if (ctx.positionals.length) throw new UsageError(`restore takes no arguments (use --from and --to), got "${ctx.positionals.join(' ')}"`);
    const from = text(ctx, 'from');
    const to = text(ctx, 'to');
    if (!from || !to) throw new UsageError('restore needs --from DIR (a backup folder) and --to LIBRARY (a new or empty folder)');
    let last = 0;
    const r: RestoreReport = await restoreLibrary(from, to, {
      force: ctx.values.force === true,
      onProgress: (p) => {
        if (Date.now() - last < 500 && p.message !== 'done') return;
        last = Date.now();
        ctx.io.stderr(`${p.message}${p.total ? ` (${Math.round((100 * p.done) / Math.max(1, p.total))}%)` : ''}\n`);
      },
    });
    const problems = [...r.backupCheck.missing, ...r.backupCheck.differing, ...r.libraryCheck.missing, ...r.libraryCheck.differing];
    const lines = [
      `restored "${r.library.name}" (backup of ${r.backupStartedAt}) into ${r.to}${r.replaced ? ' (replacing what was there)' : ''}`,
      `${r.files} file(s), ${megabytes(r.bytes)}; ${r.samples} sample(s), ${r.changeEvents} change event(s); library check: ${r.libraryCheck.ok ? 'OK' : 'PROBLEMS'}`,
      ...problemLines('backup files that failed their check (not restored)', [...r.backupCheck.missing, ...r.backupCheck.differing]),
      ...problemLines('restored library problems', [...r.libraryCheck.missing, ...r.libraryCheck.differing]),
      `open it: cytocurator start --library "${r.to}"`,
    ];
    return { result: r, text: lines.join('\n'), errors: asErrors(problems) };
  },
};
