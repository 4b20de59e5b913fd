/** A titled, collapsible section of the sample view. */
import type { ReactNode } from 'react';

export function PanelSection({ title, testId, children, count }: { title: string; testId: string; children: ReactNode; count?: number }) {
  return (
    <details className="cc-panel-section" open data-testid={testId}>
      <summary className="cc-panel-section-title">
        {title}
        {count !== undefined && <span className="cc-count">{count}</span>}
      </summary>
      <div className="cc-panel-section-body">{children}</div>
    </details>
  );
}
