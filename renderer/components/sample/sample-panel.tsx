/**
 * The open sample, beside the table: header with Previous / Next and the review buttons, then Metadata,
 * Provenance, Import issues, Sets and Audit. Focus moves here when it opens so the review keys act on it;
 * Escape (or Close) goes back to the table.
 */
import { useEffect, useRef } from 'react';
import { formatError } from '../../../shared/api/errors.js';
import { useT } from '../../i18n/use-i18n.js';
import { useReviewStore } from '../../store/use-review-store.js';
import { AuditSection } from './audit-section.js';
import { IssuesSection } from './issues-section.js';
import { MetadataSection } from './metadata-section.js';
import { ProvenanceSection } from './provenance-section.js';
import { SampleHeader } from './sample-header.js';
import { SetsSection } from './sets-section.js';

export function SamplePanel() {
  const t = useT();
  const current = useReviewStore((s) => s.current);
  const detail = useReviewStore((s) => s.detail);
  const detailError = useReviewStore((s) => s.detailError);
  const panelRef = useRef<HTMLElement>(null);
  const openId = current?.id ?? null;

  useEffect(() => {
    const panel = panelRef.current;
    if (openId && panel && !panel.contains(document.activeElement)) panel.focus({ preventScroll: true });
  }, [openId]);

  if (!current) return null;
  const shown = detail && detail.id === current.id ? detail : null;

  return (
    <aside ref={panelRef} className="cc-sample-panel" tabIndex={-1} aria-label={t('sample.label')} data-testid="sample-panel" data-sample-id={current.id}>
      <SampleHeader detail={shown} />
      {detailError && (
        <p className="cc-import-alert" role="alert">
          {formatError(detailError)}
        </p>
      )}
      {!shown && !detailError && <p className="cc-panel-loading">{t('sample.loading')}</p>}
      {shown && (
        <div className="cc-panel-body">
          <MetadataSection detail={shown} />
          <ProvenanceSection detail={shown} />
          <IssuesSection issues={shown.issues} />
          <SetsSection sets={shown.sets} />
          <AuditSection />
        </div>
      )}
    </aside>
  );
}
