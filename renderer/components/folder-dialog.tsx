/** Choosing a folder (an export's output, a backup's place) with the folder browser; a folder typed in the field may not exist yet. */
import { Modal } from '../gating/modal.js';
import { useT } from '../i18n/use-i18n.js';
import { PathBrowser } from './path-browser.js';

export function FolderDialog({ title, start, onChoose, onClose }: { title: string; start: string | null; onChoose(path: string): void; onClose(): void }) {
  const t = useT();
  return (
    <Modal title={title} className="cc-publish-dialog" testId="folder-dialog" onClose={onClose}>
      <div className="cc-dialog-body">
        <p className="cc-muted">{t('folderDialog.intro')}</p>
        <PathBrowser
          mode="folder"
          start={start}
          chosen={null}
          onChoose={(path) => {
            onChoose(path);
            onClose();
          }}
        />
      </div>
      <div className="cc-dialog-actions">
        <button type="button" className="cc-button" onClick={onClose}>
          {t('dialog.cancel')}
        </button>
      </div>
    </Modal>
  );
}
