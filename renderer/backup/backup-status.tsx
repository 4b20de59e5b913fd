/** The status bar's backup item: age of the last verified backup, a warning when changes wait too long; opens the Backup panel. */
import { useT } from '../i18n/use-i18n.js';
import { useAppStore } from '../store/use-app-store.js';
import { backupStore, useBackupStatusFeed, useBackupStore } from './use-backup-store.js';
import { backupWords } from './backup-words.js';
import './backup.css';

export function BackupStatusItem() {
  const t = useT();
  useBackupStatusFeed();
  const status = useBackupStore((s) => s.status);
  const problems = useBackupStore((s) => s.fileProblems.length);
  const readOnly = useAppStore((s) => s.status?.library.readOnly ?? false);
  if (!status || readOnly) return null;
  const words = backupWords(status, problems, t);
  return (
    <button
      type="button"
      className={`cc-status-item cc-backup-status cc-backup-${words.tone}`}
      title={words.title}
      data-testid="backup-status"
      data-tone={words.tone}
      onClick={() => backupStore.getState().openPanel()}
    >
      <span className="cc-status-dot cc-backup-dot" aria-hidden="true" />
      {words.text}
    </button>
  );
}
