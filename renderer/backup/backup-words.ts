/** The backup's state in plain words for the status bar and the panel: its age, and whether to warn. */
import type { BackupStatus } from '../../shared/api/backup-contract.js';
import type { Translator } from '../i18n/translate.js';

export type BackupTone = 'ok' | 'warn' | 'bad';

/** "12 min", "5 h", "3 days". */
export function ageWords(hours: number, t: Translator): string {
  if (hours < 1) return t('backup.age.minutes', { n: Math.max(1, Math.round(hours * 60)) });
  if (hours < 48) return t('backup.age.hours', { n: Math.round(hours) });
  return t('backup.age.days', { n: Math.round(hours / 24) });
}

export function backupWords(status: BackupStatus, fileProblems: number, t: Translator): { text: string; tone: BackupTone; title: string } {
  const title = status.lastBackup
    ? t('backup.status.title', { dir: status.lastBackup.dir, time: status.lastBackup.startedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') })
    : t('backup.status.titleNever');
  if (fileProblems > 0) return { text: t.plural('backup.status.fileProblems', fileProblems), tone: 'bad', title };
  let text: string;
  if (!status.lastBackup) text = t('backup.status.never');
  else if (status.ageHours === null) text = t('backup.status.notVerified');
  else text = t('backup.status.age', { age: ageWords(status.ageHours, t) });
  if (status.stale) return { text: `${text} — ${t.plural('backup.status.pending', status.pendingChanges)}`, tone: 'warn', title };
  const tone: BackupTone = status.lastBackup && (status.ageHours === null || status.lastBackup.problems > 0) ? 'warn' : 'ok';
  return { text, tone, title };
}
