/** The first step: the folder browser beside the selection and the deployment, then Close / Import. */
import { formatError } from '../../../shared/api/errors.js';
import { useImportStore } from '../../store/use-import-store.js';
import { DeploymentPicker } from './deployment-picker.js';
import { FolderBrowser } from './folder-browser.js';
import { SelectionList } from './selection-list.js';
import { useT } from '../../i18n/use-i18n.js';

export function ImportChooseStep() {
  const t = useT();
  const count = useImportStore((s) => s.selection.length);
  const failure = useImportStore((s) => s.failure);
  const closeDialog = useImportStore((s) => s.closeDialog);
  const startImport = useImportStore((s) => s.startImport);

  return (
    <>
      <div className="cc-import-body cc-import-choose">
        <FolderBrowser />
        <aside className="cc-import-side">
          <SelectionList />
          <DeploymentPicker />
        </aside>
      </div>
      {failure && (
        <p className="cc-import-alert" role="alert">
          {t('import.nothingImported', { reason: formatError(failure) })}
        </p>
      )}
      <div className="cc-dialog-actions cc-import-actions">
        <button type="button" className="cc-button" onClick={closeDialog}>
          {t('import.close')}
        </button>
        <button type="button" className="cc-button cc-button-primary" disabled={count === 0} onClick={() => void startImport()}>
          {t('import.import')}
        </button>
      </div>
    </>
  );
}
