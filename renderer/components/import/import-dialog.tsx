/**
 * The import dialog: choose files and folders on this machine, follow the import, read its report. A native
 * modal <dialog> (the page behind is inert); Escape closes it unless an import is running, which must be
 * cancelled or finish first.
 */
import { useId } from 'react';
import { useModalDialog } from '../use-modal-dialog.js';
import { importStore, useImportStore } from '../../store/use-import-store.js';
import { trapTabKey } from '../trap-tab-key.js';
import { ImportChooseStep } from './import-choose-step.js';
import { ImportProgressStep } from './import-progress-step.js';
import { ImportResultStep } from './import-result-step.js';
import { useT } from '../../i18n/use-i18n.js';

export function ImportDialog() {
  const t = useT();
  const open = useImportStore((s) => s.open);
  const phase = useImportStore((s) => s.phase);
  const closeDialog = useImportStore((s) => s.closeDialog);
  const dialogRef = useModalDialog(open);
  const titleId = useId();
  const descriptionId = useId();

  if (!open) return null;

  return (
    <dialog
      ref={dialogRef}
      className="cc-dialog cc-import-dialog"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      data-testid="import-dialog"
      data-phase={phase}
      onKeyDown={trapTabKey}
      onCancel={(e) => {
        e.preventDefault(); // unmounting closes it; keep React and the DOM in step
        closeDialog();
      }}
      onClose={(e) => {
        // Chromium may close a modal on a repeated Escape without a cancelable event: follow, or reopen mid-import.
        if (!importStore.getState().open) return;
        if (importStore.getState().phase === 'importing') e.currentTarget.showModal();
        else closeDialog();
      }}
    >
      <div className="cc-import-head">
        <h2 id={titleId} className="cc-dialog-title">
          {t('import.title')}
        </h2>
        <p id={descriptionId} className="cc-import-subtitle">
          {t(`import.subtitle.${phase}`)}
        </p>
      </div>
      {phase === 'choose' && <ImportChooseStep />}
      {phase === 'importing' && <ImportProgressStep />}
      {phase === 'done' && <ImportResultStep />}
    </dialog>
  );
}
