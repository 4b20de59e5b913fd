/** Warnings and errors of the import, as "file:line — reason". */
import type { SampleImportIssue } from '../../../shared/model/sample.js';
import { baseName } from '../../import/path-names.js';
import { useT } from '../../i18n/use-i18n.js';
import { PanelSection } from './panel-section.js';

export function IssuesSection({ issues }: { issues: SampleImportIssue[] }) {
  const t = useT();
  return (
    <PanelSection title={t('sample.issues')} testId="sample-issues" count={issues.length}>
      {issues.length === 0 ? (
        <p className="cc-muted">{t('issues.none')}</p>
      ) : (
        <ul className="cc-issue-list cc-panel-issues">
          {issues.map((issue, i) => {
            const where = issue.file ? `${baseName(issue.file)}${issue.line !== null ? `:${issue.line}` : ''}` : issue.line !== null ? t('import.line', { line: String(issue.line) }) : '';
            return (
              <li key={i} className={`cc-issue-${issue.severity}`}>
                <span className={`cc-severity cc-severity-${issue.severity}`}>{t(`issue.${issue.severity}`)}</span>
                {where && (
                  <span className="cc-issue-where" title={issue.file ?? undefined}>
                    {where}
                  </span>
                )}
                <span className="cc-issue-message">
                  {issue.field ? `${issue.field}: ` : ''}
                  {issue.message}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </PanelSection>
  );
}
