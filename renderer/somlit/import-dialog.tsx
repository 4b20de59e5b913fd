/**
 * Importing a SOMLIT extraction file: choose it on the machine running the service, Check (what would change and
 * which rows would be left out, by line and column), then Import as one changeset (undo from the status line).
 */
import { useState } from 'react';
import type { SomlitImportReport } from '../../shared/api/somlit-contract.js';
import { PathBrowser } from '../components/path-browser.js';
import { Modal } from '../gating/modal.js';
import { useT } from '../i18n/use-i18n.js';
import { somlitStore } from './use-somlit-store.js';

function Issues({ title, items }: { title: string; items: SomlitImportReport['errors'] }) {
  if (!items.length) return null;
  return (
    <>
      <h4>{title}</h4>
      <ul className="cc-issue-list">
        {items.slice(0, 200).map((e, i) => (
          <li key={i}>
            {e.line !== undefined && <span className="cc-mono">{e.line}</span>} {e.field && <strong>{e.field}</strong>} {e.message}
          </li>
        ))}
      </ul>
    </>
  );
}

export function ImportDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const [path, setPath] = useState<string | null>(null);
  const [report, setReport] = useState<SomlitImportReport | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (dryRun: boolean) => {
    if (!path) return;
    setBusy(true);
    const r = await somlitStore.getState().importFile(path, dryRun);
    setBusy(false);
    if (r) setReport(r);
  };

  return (
    <Modal title={t('somlit.import.title')} testId="somlit-import-dialog" onClose={onClose} className="cc-somlit-import">
      <div className="cc-dialog-body">
        <PathBrowser
          mode="file"
          className="cc-file-picker"
          chosen={path}
          onChoose={(p) => {
            setPath(p);
            setReport(null);
          }}
        />
        {report && (
          <div data-testid="somlit-import-report">
            <p>
              {t('somlit.import.summary', {
                rows: String(report.rows),
                created: String(report.created),
                updated: String(report.updated),
                rejected: String(report.rejected),
                values: String(report.values),
              })}
            </p>
            <Issues title={t('somlit.import.errors')} items={report.errors} />
            <Issues title={t('somlit.import.warnings')} items={report.warnings} />
          </div>
        )}
      </div>
      <div className="cc-dialog-actions">
        <button type="button" className="cc-button" onClick={onClose}>
          {t('somlit.import.close')}
        </button>
        <button type="button" className="cc-button" disabled={!path || busy} onClick={() => void run(true)}>
          {t('somlit.import.check')}
        </button>
        <button type="button" className="cc-button cc-button-primary" disabled={!path || busy || report?.dryRun === false} onClick={() => void run(false)}>
          {t('somlit.import.run')}
        </button>
      </div>
    </Modal>
  );
}
