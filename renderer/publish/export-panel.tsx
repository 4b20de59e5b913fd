/**
 * Publishing the open dataset: the formats (ODV, CDI XML, NetCDF), the output folder (typed, or chosen with the
 * folder browser), "Preview & validate" (every file built and validated with its size and SHA-256, nothing written:
 * the service's dry run) and "Write" (the same into the output folder, nothing written unless every
 * file passes), a progress bar fed by the export's progress events, and the report.
 */
import { useId } from 'react';
import { formatError } from '../../shared/api/errors.js';
import { publicationFormats } from '../../shared/api/publication-contract.js';
import type { PublicationFormat } from '../../shared/api/publication-contract.js';
import { useT } from '../i18n/use-i18n.js';
import { ExportReportView } from './export-report.js';
import { FolderField } from '../components/folder-field.js';
import { isDirty } from './publish-store.js';
import { publishStore, usePublishStore } from './use-publish-store.js';

const formatLabels: Record<PublicationFormat, string> = { odv: 'ODV', cdi: 'CDI XML', netcdf: 'NetCDF' };

export function ExportPanel() {
  const t = useT();
  const view = usePublishStore((s) => s.view);
  const dirty = usePublishStore(isDirty);
  const exporting = usePublishStore((s) => s.exporting);
  const folderId = useId();

  if (!view) return null;
  const running = exporting.running !== null;
  const blocked = dirty || running || exporting.formats.length === 0;
  const progress = exporting.progress;
  const fraction = progress && progress.total ? Math.min(1, progress.done / Math.max(1, progress.total)) : null;
  const toggle = (f: PublicationFormat, on: boolean) => publishStore.getState().setFormats(on ? [...exporting.formats, f] : exporting.formats.filter((x) => x !== f));

  return (
    <section className="cc-publish-section cc-publish-export" aria-labelledby={`${folderId}-title`} data-testid="export-panel">
      <h3 id={`${folderId}-title`} className="cc-publish-section-title">
        {t('publish.export.title')}
      </h3>
      <fieldset className="cc-publish-formats">
        <legend className="cc-publish-label">{t('publish.export.formats')}</legend>
        {publicationFormats.map((f) => (
          <label key={f} className="cc-publish-check">
            <input type="checkbox" checked={exporting.formats.includes(f)} disabled={running} onChange={(e) => toggle(f, e.target.checked)} data-testid={`export-format-${f}`} />
            {formatLabels[f]}
          </label>
        ))}
        <span className="cc-field-hint">{t('publish.export.formatsHint')}</span>
      </fieldset>

      <div className="cc-publish-field cc-publish-field-wide">
        <label htmlFor={folderId} className="cc-publish-label">
          {t('publish.export.folder')}
        </label>
        <FolderField
          id={folderId}
          value={exporting.outDir}
          onChange={(p) => publishStore.getState().setOutDir(p)}
          dialogTitle={t('publish.export.chooseFolderTitle')}
          disabled={running}
          placeholder={t('publish.export.folderPlaceholder')}
          testId="export-outdir"
        />
        <p className="cc-field-hint">{t('publish.export.folderHint')}</p>
      </div>

      {dirty && <p className="cc-publish-note">{t('publish.export.saveFirst')}</p>}
      {!view.publishable && !dirty && <p className="cc-publish-note">{t('publish.export.notPublishable')}</p>}

      <div className="cc-publish-actions">
        <button
          type="button"
          className="cc-button"
          disabled={blocked}
          title={t('publish.export.previewHint')}
          onClick={() => void publishStore.getState().runExport('preview', '')}
          data-testid="export-preview"
        >
          {t('publish.export.preview')}
        </button>
        <button
          type="button"
          className="cc-button cc-button-primary"
          disabled={blocked || !exporting.outDir.trim()}
          onClick={() => void publishStore.getState().runExport('write', exporting.outDir)}
          data-testid="export-write"
        >
          {t('publish.export.write')}
        </button>
      </div>

      {running && (
        <div className="cc-publish-progress" data-testid="export-progress">
          <div
            className={`cc-progress${fraction === null ? ' cc-progress-indeterminate' : ''}`}
            role="progressbar"
            aria-label={t(exporting.running === 'preview' ? 'publish.export.runningPreview' : 'publish.export.runningWrite')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
            data-testid="export-progress-bar"
          >
            <div className="cc-progress-fill" style={fraction === null ? undefined : { width: `${Math.round(fraction * 100)}%` }} />
          </div>
          <p className="cc-progress-counts">
            <span>{progress?.message ?? t(exporting.running === 'preview' ? 'publish.export.runningPreview' : 'publish.export.runningWrite')}</span>
            {progress?.total ? <span>{t('publish.export.progressCount', { done: progress.done, total: progress.total })}</span> : null}
          </p>
        </div>
      )}
      {exporting.error && (
        <p className="cc-publish-error" role="alert" data-testid="export-error">
          {formatError(exporting.error)}
        </p>
      )}
      {exporting.report && exporting.reportKind && <ExportReportView report={exporting.report} kind={exporting.reportKind} />}
    </section>
  );
}
