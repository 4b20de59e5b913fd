/** Errors, skipped files or warnings as lines "file:line — reason"; the full path is in the tooltip. */
import { useId } from 'react';
import type { IssueLine } from '../../import/import-report-summary.js';

export interface IssueListProps {
  title?: string;
  lines: IssueLine[];
  tone: 'error' | 'muted';
  testId?: string;
}

export function IssueList({ title, lines, tone, testId }: IssueListProps) {
  const titleId = useId();
  return (
    <section className={`cc-issues cc-issues-${tone}`} aria-labelledby={title ? titleId : undefined} data-testid={testId}>
      {title && (
        <h3 id={titleId} className="cc-issues-title">
          {title}
        </h3>
      )}
      <ul className="cc-issue-list">
        {lines.map((line, i) => (
          <li key={i}>
            {line.where && (
              <>
                <span className="cc-issue-where" title={line.path ?? undefined}>
                  {line.where}
                </span>
                <span className="cc-issue-sep"> — </span>
              </>
            )}
            <span>{line.text}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
