/**
 * One file's validation: valid or not, its format, each error with where it is (line or path), the rule and
 * the message, and the rules that were not checked with why (e.g. they need a code list from the network).
 */
import type { ValidationReport } from '../../shared/api/publication-contract.js';
import { useT } from '../i18n/use-i18n.js';
import { errorPlace, formatName } from './report-words.js';

export function ValidationVerdict({ report }: { report: ValidationReport }) {
  const t = useT();
  return (
    <span className={`cc-publish-verdict ${report.valid ? 'cc-publish-good' : 'cc-publish-bad'}`} data-testid="validation-verdict">
      {report.valid ? t('publish.report.valid') : t.plural('publish.report.invalid', report.errors.length)}
    </span>
  );
}

export function ValidationDetails({ report }: { report: ValidationReport }) {
  const t = useT();
  const place = (e: ValidationReport['errors'][number]) => errorPlace(e, { line: (n) => t('publish.report.line', { line: n }) });
  return (
    <div className="cc-publish-validation" data-testid="validation-details">
      {report.errors.length > 0 && (
        <table className="cc-publish-table cc-publish-errors" data-testid="validation-errors">
          <thead>
            <tr>
              <th scope="col">{t('publish.report.where')}</th>
              <th scope="col">{t('publish.report.rule')}</th>
              <th scope="col">{t('publish.report.message')}</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.map((e, i) => (
              <tr key={i} data-testid="validation-error" data-rule={e.rule}>
                <td className="cc-mono">{place(e)}</td>
                <td className="cc-mono">{e.rule}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.skipped.length > 0 && (
        <details className="cc-publish-skipped" data-testid="validation-skipped">
          <summary>{t.plural('publish.report.skipped', report.skipped.length)}</summary>
          <ul>
            {report.skipped.map((s) => (
              <li key={s.rule}>
                <span className="cc-mono">{s.rule}</span> — {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="cc-muted cc-publish-format">{t('publish.report.format', { format: formatName(report.format) })}</p>
    </div>
  );
}
