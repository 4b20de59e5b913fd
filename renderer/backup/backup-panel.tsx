/**
 * The Backup panel: the folder to back up to, "Back up now", checks of the library or of the backup, a progress
 * bar, and the report of what was copied (per sample), kept, or refused because it no longer matched its sum.
 * A native modal <dialog>; a running job goes on in the service when it is closed.
 */
import { useId } from 'react';
import { useModalDialog } from '../components/use-modal-dialog.js';
import type { BackupReport, FileProblem, VerifyReport } from '../../shared/api/backup-contract.js';
import { formatError } from '../../shared/api/errors.js';
import { formatBytes } from '../format/format-bytes.js';
import type { Translator } from '../i18n/translate.js';
import { useT } from '../i18n/use-i18n.js';
import { FolderField } from '../components/folder-field.js';
import { trapTabKey } from '../components/trap-tab-key.js';
import { backupStore, useBackupStore } from './use-backup-store.js';
import { backupWords } from './backup-words.js';

function ProblemList({ problems, t, testId }: { problems: readonly FileProblem[]; t: Translator; testId: string }) {
  return (
    <ul className="cc-backup-problems" data-testid={testId}>
      {problems.map((p) => (
        <li key={p.path} title={p.message}>
          <span className={`cc-backup-kind cc-backup-kind-${p.kind}`}>{p.kind === 'missing' ? t('backup.verify.missing') : t('backup.verify.differing')}</span> <code>{p.path}</code>
        </li>
      ))}
    </ul>
  );
}

function BackupReportView({ report, t }: { report: BackupReport; t: Translator }) {
  return (
    <section className="cc-backup-report" data-testid="backup-report" aria-live="polite">
      <p data-testid="backup-report-summary">
        {t.plural('backup.report.done', report.files.copied, { bytes: formatBytes(report.files.copiedBytes), unchanged: report.files.unchanged })}
      </p>
      <p>{t('backup.report.listed', { files: report.files.listed, bytes: formatBytes(report.files.listedBytes) })}</p>
      {report.copiedBySample.length > 0 && (
        <>
          <h3 className="cc-backup-subtitle">{t('backup.report.bySample')}</h3>
          <ul className="cc-backup-samples" data-testid="backup-copied-samples">
            {report.copiedBySample.map((s) => (
              <li key={s.sampleId}>
                <code>{s.sampleId}</code> — {t('backup.report.sampleFiles', { files: s.files, bytes: formatBytes(s.bytes) })}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.orphaned.length > 0 && <p>{t.plural('backup.report.orphaned', report.orphaned.length)}</p>}
      {report.problems.length > 0 && (
        <>
          <p className="cc-backup-warn">{t('backup.report.problems')}</p>
          <ProblemList problems={report.problems} t={t} testId="backup-problems" />
        </>
      )}
    </section>
  );
}

function VerifyReportView({ report, t }: { report: VerifyReport; t: Translator }) {
  const bad = [...report.missing, ...report.differing];
  return (
    <section className="cc-backup-report" data-testid="verify-report" data-ok={report.ok} aria-live="polite">
      <p className={report.ok ? 'cc-backup-good' : 'cc-backup-warn'}>
        {report.ok
          ? t('backup.verify.ok', { files: report.files, bytes: formatBytes(report.bytes), database: report.database })
          : t('backup.verify.bad', { bad: bad.length, files: report.files, database: report.database })}
      </p>
      {report.recorded > 0 && <p>{t.plural('backup.verify.recorded', report.recorded)}</p>}
      {bad.length > 0 && <ProblemList problems={bad} t={t} testId="verify-problems" />}
    </section>
  );
}

export function BackupPanel() {
  const t = useT();
  const s = useBackupStore((state) => state);
  const dialogRef = useModalDialog();
  const titleId = useId();
  const folderId = useId();
  const warnId = useId();

  const busy = s.running !== null;
  const progress = s.progress;
  const fraction = progress && progress.total ? Math.min(1, progress.done / Math.max(1, progress.total)) : null;
  const words = s.status ? backupWords(s.status, s.fileProblems.length, t) : null;

  return (
    <dialog
      ref={dialogRef}
      className="cc-dialog cc-backup-dialog"
      aria-labelledby={titleId}
      data-testid="backup-panel"
      onKeyDown={trapTabKey}
      onCancel={(e) => {
        e.preventDefault();
        backupStore.getState().closePanel();
      }}
      onClose={() => {
        if (backupStore.getState().open) backupStore.getState().closePanel();
      }}
    >
      <h2 id={titleId} className="cc-dialog-title">
        {t('backup.title')}
      </h2>
      <p className="cc-backup-intro">{t('backup.intro')}</p>
      {words && (
        <p className={`cc-backup-now cc-backup-${words.tone}`} title={words.title} data-testid="backup-panel-status">
          {words.text}
        </p>
      )}

      <form
        className="cc-backup-form"
        onSubmit={(e) => {
          e.preventDefault();
          void backupStore.getState().runBackup();
        }}
      >
        <label htmlFor={folderId} className="cc-backup-label">
          {t('backup.folder')}
        </label>
        <FolderField
          id={folderId}
          value={s.folder}
          onChange={(p) => backupStore.getState().setFolder(p)}
          dialogTitle={t('backup.folder')}
          disabled={busy}
          className="cc-backup-folder"
          testId="backup-folder"
        />
        <p className="cc-field-hint">{t('backup.folderHint')}</p>
        <div className="cc-backup-actions">
          <button type="submit" className="cc-button cc-button-primary" disabled={busy || !s.folder.trim()} data-testid="backup-run">
            {t('backup.run')}
          </button>
          <button type="button" className="cc-button" disabled={busy || !s.folder.trim()} onClick={() => void backupStore.getState().runVerify('backup')} data-testid="backup-verify-backup">
            {t('backup.verifyBackup')}
          </button>
          <button type="button" className="cc-button" disabled={busy} onClick={() => void backupStore.getState().runVerify('library')} data-testid="backup-verify-library">
            {t('backup.verifyLibrary')}
          </button>
        </div>
      </form>

      {busy && (
        <div className="cc-backup-progress" data-testid="backup-progress">
          <p className="cc-progress-message">{t(`backup.running.${s.running!}`)}</p>
          <div
            className={`cc-progress${fraction === null ? ' cc-progress-indeterminate' : ''}`}
            role="progressbar"
            aria-label={t(`backup.running.${s.running!}`)}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
            data-testid="backup-progress-bar"
          >
            <div className="cc-progress-fill" style={fraction === null ? undefined : { width: `${Math.round(fraction * 100)}%` }} />
          </div>
          {progress && (
            <p className="cc-progress-counts">
              {progress.message}
              {progress.total && progress.total > 1000 ? ` — ${t('backup.progressBytes', { done: formatBytes(progress.done), total: formatBytes(progress.total) })}` : ''}
            </p>
          )}
          <button type="button" className="cc-button" disabled={s.cancelling} onClick={() => void backupStore.getState().cancel()} data-testid="backup-cancel">
            {s.cancelling ? t('backup.cancelling') : t('backup.cancel')}
          </button>
        </div>
      )}

      {s.error && (
        <p className="cc-backup-error" role="alert" data-testid="backup-error">
          {formatError(s.error)}
        </p>
      )}
      {s.backupReport && <BackupReportView report={s.backupReport} t={t} />}
      {s.verifyReport && <VerifyReportView report={s.verifyReport} t={t} />}
      {s.fileProblems.length > 0 && (
        <section className="cc-backup-report">
          <p className="cc-backup-bad">{t('backup.fileProblems')}</p>
          <ProblemList problems={s.fileProblems} t={t} testId="backup-file-problems" />
        </section>
      )}

      <div className="cc-backup-settings">
        <label htmlFor={warnId}>{t('backup.warnAfter')}</label>
        <input
          id={warnId}
          key={s.status?.warnAfterHours ?? 'none'}
          className="cc-path-field cc-backup-hours"
          type="number"
          min={1}
          step={1}
          defaultValue={s.status?.warnAfterHours ?? 24}
          onBlur={(e) => {
            const hours = Number(e.currentTarget.value);
            if (hours !== s.status?.warnAfterHours) void backupStore.getState().setWarnAfterHours(hours);
          }}
          data-testid="backup-warn-hours"
        />
      </div>

      <div className="cc-dialog-actions">
        <button type="button" className="cc-button" onClick={() => backupStore.getState().closePanel()} data-testid="backup-close">
          {t('backup.close')}
        </button>
      </div>
    </dialog>
  );
}
