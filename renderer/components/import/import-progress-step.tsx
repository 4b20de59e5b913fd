/** While importing: the bar, the counts (items and megabytes), what the service is doing, and Cancel. */
import { formatError } from '../../../shared/api/errors.js';
import { progressView } from '../../import/import-progress.js';
import { useImportStore } from '../../store/use-import-store.js';
import { ProgressBar } from './progress-bar.js';
import { useT } from '../../i18n/use-i18n.js';

export function ImportProgressStep() {
  const t = useT();
  const progress = useImportStore((s) => s.progress);
  const cancelling = useImportStore((s) => s.cancelling);
  const failure = useImportStore((s) => s.failure);
  const cancelImport = useImportStore((s) => s.cancelImport);
  const view = progressView(progress, t);

  return (
    <>
      <div className="cc-import-body cc-import-progress" aria-busy="true" data-testid="import-progress">
        <ProgressBar fraction={view.fraction} label={t('import.progressLabel')} />
        <div className="cc-progress-counts">
          <span>{view.items}</span>
          <span>{view.bytes}</span>
        </div>
        <p className="cc-progress-message" aria-live="polite">
          {cancelling ? t('import.cancellingKept') : view.text}
        </p>
        {failure && (
          <p className="cc-import-alert" role="alert">
            {formatError(failure)}
          </p>
        )}
      </div>
      <div className="cc-dialog-actions cc-import-actions">
        <button type="button" className="cc-button" disabled={cancelling} onClick={() => void cancelImport()}>
          {cancelling ? t('import.cancelling') : t('import.cancel')}
        </button>
      </div>
    </>
  );
}
