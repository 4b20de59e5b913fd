/**
 * "Validate a file…": any SeaDataNet ODV, CDI XML or NetCDF file on this machine, recognised by its content and
 * checked offline by the same rules as an export, with the report of errors and skipped rules.
 */
import { useState } from 'react';
import { formatError } from '../../shared/api/errors.js';
import { Modal } from '../gating/modal.js';
import { baseName } from '../import/path-names.js';
import { useT } from '../i18n/use-i18n.js';
import { PathBrowser } from '../components/path-browser.js';
import { publishStore, usePublishStore } from './use-publish-store.js';
import { ValidationDetails, ValidationVerdict } from './validation-report.js';

export function ValidateFileButton() {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="cc-button cc-button-compact" onClick={() => setOpen(true)} data-testid="validate-file-open">
        {t('publish.validateFile')}
      </button>
      {open && <ValidateFileDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function ValidateFileDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const check = usePublishStore((s) => s.fileCheck);
  const [path, setPath] = useState<string | null>(check.path);
  const shown = check.path === path ? check : null;

  return (
    <Modal title={t('publish.validateFile.title')} className="cc-publish-dialog" testId="validate-file-dialog" onClose={onClose}>
      <div className="cc-dialog-body">
        <p className="cc-muted">{t('publish.validateFile.intro')}</p>
        <PathBrowser mode="file" start={check.path ? check.path.replace(/[\\/][^\\/]*$/, '') : null} chosen={path} onChoose={setPath} />
        <p data-testid="validate-file-chosen">{path ? t('publish.validateFile.chosen', { file: baseName(path) }) : t('publish.validateFile.nothing')}</p>
        {shown?.running && <p className="cc-muted">{t('publish.validateFile.running')}</p>}
        {shown?.error && (
          <p className="cc-publish-error" role="alert" data-testid="validate-file-error">
            {formatError(shown.error)}
          </p>
        )}
        {shown?.report && (
          <section className="cc-publish-file-report" data-testid="validate-file-report" data-valid={shown.report.valid} aria-live="polite">
            <p>
              <strong>{baseName(shown.path ?? '')}</strong> <ValidationVerdict report={shown.report} />
            </p>
            <ValidationDetails report={shown.report} />
          </section>
        )}
      </div>
      <div className="cc-dialog-actions">
        <button
          type="button"
          className="cc-button"
          onClick={() => {
            publishStore.getState().clearFileCheck();
            onClose();
          }}
        >
          {t('publish.close')}
        </button>
        <button type="button" className="cc-button cc-button-primary" disabled={!path || check.running} onClick={() => path && void publishStore.getState().checkFile(path)} data-testid="validate-file-run">
          {t('publish.validateFile.run')}
        </button>
      </div>
    </Modal>
  );
}
