/** The header's "Backup…" button; it also hosts the Backup panel (one per window). */
import { useT } from '../i18n/use-i18n.js';
import { useAppStore } from '../store/use-app-store.js';
import { BackupPanel } from './backup-panel.js';
import { backupStore, useBackupStore } from './use-backup-store.js';

export function BackupButton() {
  const t = useT();
  const library = useAppStore((s) => s.status?.library);
  const open = useBackupStore((s) => s.open);
  // The Demo library is synthetic and read-only: nothing of it to back up.
  if (!library || library.readOnly) return null;
  return (
    <>
      <button type="button" className="cc-button cc-button-toolbar" title={t('backup.button.hint')} data-testid="backup-button" onClick={() => backupStore.getState().openPanel()}>
        <svg className="cc-button-icon" viewBox="0 0 16 16" aria-hidden="true">
          <path d="M3 2.5h8l2 2v9H3zM5 2.5v3.5h5V2.5M5 13.5V9h6v4.5" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinejoin="round" />
        </svg>
        {t('backup.button')}
      </button>
      {open && <BackupPanel />}
    </>
  );
}
