/**
 * What an export did: written or not (and why not), each file with its format, size, SHA-256 and validation
 * (errors with line or path, rule and message; rules skipped), the samples left out because they are not
 * approved, and the warnings.
 */
import type { ExportReport } from '../../shared/api/publication-contract.js';
import { formatBytes } from '../format/format-bytes.js';
import { useT } from '../i18n/use-i18n.js';
import type { ExportKind } from './publish-store.js';
import { formatName, shortSha, validationCounts } from './report-words.js';
import { ValidationDetails, ValidationVerdict } from './validation-report.js';

export function ExportReportView({ report, kind }: { report: ExportReport; kind: ExportKind }) {
  const t = useT();
  const counts = validationCounts(report.validation);
  const reviewWord = (state: string) => (state === 'approved' || state === 'unreviewed' || state === 'needs-attention' ? t(`review.${state}`) : state);
  const validationOf = new Map(report.validation.map((v) => [v.name, v.report]));
  // Files written, then any file validated but not written (the export was refused).
  const written = new Set(report.files.map((f) => f.name));
  const rows = [
    ...report.files.map((f) => ({ name: f.name, format: formatName(f.format), bytes: f.bytes, sha256: f.sha256 as string | null })),
    ...report.validation.filter((v) => !written.has(v.name)).map((v) => ({ name: v.name, format: formatName(v.report.format), bytes: null as number | null, sha256: null as string | null })),
  ];

  return (
    <section className="cc-publish-report" data-testid="export-report" data-written={report.written} data-kind={kind} aria-live="polite">
      <p className={report.written || (kind === 'preview' && report.refused.length === 0) ? 'cc-publish-good' : 'cc-publish-bad'} data-testid="export-summary">
        {report.written || (kind === 'preview' && report.refused.length === 0)
          ? t(kind === 'preview' ? 'publish.report.previewWritten' : 'publish.report.written', { files: report.files.length, folder: report.outDir })
          : t('publish.report.refused')}
      </p>
      {report.validation.length > 0 && (
        <p className="cc-muted">
          {t('publish.report.validated', { files: counts.files, invalid: counts.invalid, errors: counts.errors, skipped: counts.skipped })}
        </p>
      )}
      {report.refused.length > 0 && (
        <ul className="cc-publish-list cc-publish-refused" data-testid="export-refused">
          {report.refused.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
      )}
      {rows.length > 0 && (
        <table className="cc-publish-table cc-publish-files" data-testid="export-files">
          <thead>
            <tr>
              <th scope="col">{t('publish.report.file')}</th>
              <th scope="col">{t('publish.report.fileFormat')}</th>
              <th scope="col" className="cc-publish-num">
                {t('publish.report.size')}
              </th>
              <th scope="col">SHA-256</th>
              <th scope="col">{t('publish.report.validation')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => {
              const validation = validationOf.get(f.name);
              return (
                <tr key={f.name} data-testid="export-file" data-name={f.name} data-valid={validation ? validation.valid : ''}>
                  <td className="cc-mono">{f.name}</td>
                  <td>{f.format}</td>
                  <td className="cc-publish-num">{f.bytes === null ? '' : formatBytes(f.bytes)}</td>
                  <td className="cc-mono" title={f.sha256 ?? undefined}>
                    {f.sha256 ? shortSha(f.sha256) : ''}
                  </td>
                  <td>
                    {validation ? (
                      <>
                        <ValidationVerdict report={validation} />
                        {(validation.errors.length > 0 || validation.skipped.length > 0) && <ValidationDetails report={validation} />}
                      </>
                    ) : (
                      <span className="cc-muted">{t('publish.report.notValidated')}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {report.unapproved.length > 0 && (
        <details className="cc-publish-unapproved" data-testid="export-unapproved" open={report.unapproved.length <= 10}>
          <summary>{t.plural('publish.report.unapproved', report.unapproved.length)}</summary>
          <ul className="cc-publish-list">
            {report.unapproved.map((s) => (
              <li key={s.id}>
                {s.name} <span className="cc-muted">({reviewWord(s.reviewState)})</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {report.warnings.length > 0 && (
        <>
          <h4 className="cc-publish-subtitle">{t('publish.warnings')}</h4>
          <ul className="cc-publish-list cc-publish-warnings" data-testid="export-warnings">
            {report.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
