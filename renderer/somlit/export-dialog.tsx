/**
 * Exporting a SOMLIT extraction file of the type shown, for the site and dates of the view's filter, into a folder on
 * the machine running the service (named the SOMLIT way: Somlit_Extraction_<type>_<date>_<time>_<hash>.csv).
 */
import { useState } from 'react';
import type { SomlitExportReport } from '../../shared/api/somlit-contract.js';
import { Modal } from '../gating/modal.js';
import type { MessageKey } from '../i18n/en.js';
import { useT } from '../i18n/use-i18n.js';
import { loadLastFolder } from '../import/last-folder-storage.js';
import { somlitStore, useSomlitStore } from './use-somlit-store.js';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function ExportDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const type = useSomlitStore((s) => s.type);
  const [folder, setFolder] = useState(() => loadLastFolder(storage()) ?? '');
  const [report, setReport] = useState<SomlitExportReport | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    const r = await somlitStore.getState().exportFile({ outDir: folder.trim() });
    setBusy(false);
    if (r) setReport(r);
  };

  return (
    <Modal title={t('somlit.export.title')} testId="somlit-export-dialog" onClose={onClose}>
      <div className="cc-dialog-body">
        <p className="cc-muted">{t('somlit.export.hint', { type: t(`somlit.type.${type}` as MessageKey) })}</p>
        <label className="cc-field">
          <span>{t('somlit.export.folder')}</span>
          <input className="cc-search" value={folder} onChange={(e) => setFolder(e.target.value)} data-testid="somlit-export-folder" />
        </label>
        {report && (
          <div data-testid="somlit-export-report">
            <p>{t('somlit.export.done', { file: report.file, rows: String(report.rows) })}</p>
            {report.skipped.length > 0 && (
              <>
                <h4>{t('somlit.export.skipped')}</h4>
                <ul>
                  {report.skipped.map((s) => (
                    <li key={s.entryId}>{s.reason}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </div>
      <div className="cc-dialog-actions">
        <button type="button" className="cc-button" onClick={onClose}>
          {t('somlit.import.close')}
        </button>
        <button type="button" className="cc-button cc-button-primary" disabled={busy || folder.trim() === ''} onClick={() => void run()}>
          {t('somlit.export.run')}
        </button>
      </div>
    </Modal>
  );
}
