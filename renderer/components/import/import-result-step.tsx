/** After the import: what happened, sample by sample, then errors, skipped files and warnings; Close. */
import { useEffect, useRef } from 'react';
import { summariseImport } from '../../import/import-report-summary.js';
import { useImportStore } from '../../store/use-import-store.js';
import { ImportCounts } from './import-counts.js';
import { ImportSampleTable } from './import-sample-table.js';
import { IssueList } from './issue-list.js';
import { useT } from '../../i18n/use-i18n.js';

export function ImportResultStep() {
  const t = useT();
  const report = useImportStore((s) => s.report);
  const closeDialog = useImportStore((s) => s.closeDialog);
  const importMore = useImportStore((s) => s.importMore);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => closeRef.current?.focus(), []);

  if (!report) return null;
  const summary = summariseImport(report, t);
  const tone = summary.counts.errors > 0 || summary.cancelled ? 'warn' : 'ok';

  return (
    <>
      <div className="cc-import-body cc-import-result" data-testid="import-summary">
        <p className={`cc-result-headline cc-result-${tone}`} role="status">
          {summary.headline}
        </p>
        <ImportCounts counts={summary.counts} />
        {summary.rows.length > 0 && <ImportSampleTable rows={summary.rows} />}
        {summary.errors.length > 0 && <IssueList title={t.plural('import.errors', summary.errors.length)} lines={summary.errors} tone="error" testId="import-errors" />}
        {summary.skipped.length > 0 && (
          <IssueList title={t.plural('import.skippedFiles', summary.skipped.length)} lines={summary.skipped} tone="muted" testId="import-skipped" />
        )}
        {summary.warnings.length > 0 && (
          <details className="cc-warnings" data-testid="import-warnings">
            <summary>{t.plural('import.warnings', summary.warnings.length)}</summary>
            <IssueList lines={summary.warnings} tone="muted" />
          </details>
        )}
      </div>
      <div className="cc-dialog-actions cc-import-actions">
        <button type="button" className="cc-button" onClick={importMore}>
          {t('import.importMore')}
        </button>
        <button ref={closeRef} type="button" className="cc-button cc-button-primary" onClick={closeDialog}>
          {t('import.close')}
        </button>
      </div>
    </>
  );
}
