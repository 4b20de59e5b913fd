/**
 * "Import set file…": choose a CytoClus set definition (XML) or a Gating-ML 2.0 file on this machine, import it as
 * a new gate template (or as a new version of the template being edited), and read what came in — the format, the
 * sets, the axes that match none of this sample's channels, and any part that could not be read. Then open it for
 * editing here, or apply it to this sample.
 */
import { useState } from 'react';
import { formatError } from '../../shared/api/errors.js';
import { useT } from '../i18n/use-i18n.js';
import { baseName } from '../import/path-names.js';
import { PathBrowser } from '../components/path-browser.js';
import type { ImportResult } from './gating-store.js';
import { Modal } from './modal.js';
import { useGatingStore } from './use-gating-store.js';

export function ImportTemplateDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const importFile = useGatingStore((s) => s.importFile);
  const editTemplate = useGatingStore((s) => s.editTemplate);
  const applyToSample = useGatingStore((s) => s.applyToSample);
  const saved = useGatingStore((s) => s.saved);
  const busy = useGatingStore((s) => s.busy);
  const problem = useGatingStore((s) => (s.problem?.action === 'import' ? s.problem : null));
  const [path, setPath] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [asVersion, setAsVersion] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);

  const start = async () => {
    if (!path) return;
    const trimmed = name.trim();
    const r = await importFile({ path, ...(trimmed ? { name: trimmed } : {}), ...(asVersion && saved ? { templateId: saved.id } : {}) });
    if (r) setResult(r);
  };

  return (
    <Modal title={t('gating.import.title')} className="cc-gating-import-dialog" testId="gate-import-dialog" onClose={onClose}>
      {!result ? (
        <>
          <div className="cc-dialog-body">
            <p className="cc-muted">{t('gating.import.intro')}</p>
            <PathBrowser mode="file" className="cc-file-picker" chosen={path} onChoose={setPath} />
            <p className="cc-gating-import-chosen" data-testid="gate-import-chosen">
              {path ? t('gating.import.chosen', { file: baseName(path) }) : t('gating.import.nothingChosen')}
            </p>
            <div className="cc-field">
              <label>
                {t('gating.import.name')}
                <input type="text" className="cc-text-input" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} placeholder={t('gating.import.namePlaceholder')} />
              </label>
            </div>
            {saved && (
              <label className="cc-checkbox-line">
                <input type="checkbox" checked={asVersion} onChange={(e) => setAsVersion(e.target.checked)} />
                {t('gating.import.asVersion', { name: saved.name })}
              </label>
            )}
            {problem && (
              <p className="cc-import-alert" role="alert">
                {t('gating.import.failed', { error: formatError(problem.error) })}
              </p>
            )}
          </div>
          <div className="cc-dialog-actions">
            <button type="button" className="cc-button" onClick={onClose}>
              {t('dialog.cancel')}
            </button>
            <button type="button" className="cc-button cc-button-primary" disabled={!path || busy} onClick={() => void start()} data-testid="gate-import-start">
              {t('gating.import.import')}
            </button>
          </div>
        </>
      ) : (
        <>
          <div className="cc-dialog-body" data-testid="gate-import-result">
            <p>
              {t(result.format === 'gating-ml' ? 'gating.import.doneGatingMl' : 'gating.import.doneCytoclus', { version: result.template.version })}
            </p>
            <p className="cc-muted">{t.plural('gating.import.sets', result.template.sets.length, { names: result.template.sets.join(', ') })}</p>
            {result.unmatchedAxes.length > 0 && (
              <div className="cc-gating-warning" role="alert" data-testid="gate-import-unmatched">
                <strong>{t('gating.import.unmatched')}</strong>
                <ul>
                  {result.unmatchedAxes.map((a) => (
                    <li key={a}>{a}</li>
                  ))}
                </ul>
              </div>
            )}
            {result.issues.length > 0 && (
              <div className="cc-gating-warning" data-testid="gate-import-issues">
                <strong>{t.plural('gating.import.issues', result.issues.length)}</strong>
                <ul>
                  {result.issues.map((issue, i) => (
                    <li key={i}>
                      <span className="cc-issue-where">{issue.set}</span>: {issue.message}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>
          <div className="cc-dialog-actions">
            <button type="button" className="cc-button" onClick={onClose}>
              {t('import.close')}
            </button>
            <button
              type="button"
              className="cc-button"
              disabled={busy}
              onClick={() => {
                void applyToSample(result.template.id).then(onClose);
              }}
              data-testid="gate-import-apply"
            >
              {t('gating.applyHere')}
            </button>
            <button
              type="button"
              className="cc-button cc-button-primary"
              disabled={busy}
              onClick={() => {
                void editTemplate(result.template.id).then(onClose);
              }}
              data-testid="gate-import-edit"
            >
              {t('gating.editHere')}
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}
