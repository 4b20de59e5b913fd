/** The sample's change events, newest first, with Undo (or Redo) per changeset. A refused undo says why in the toast. */
import { formatUtcTime } from '../../format/format-values.js';
import type { MessageKey } from '../../i18n/en.js';
import { useT } from '../../i18n/use-i18n.js';
import { auditRows, auditValue } from '../../review/audit-rows.js';
import { useAppStore } from '../../store/use-app-store.js';
import { useReviewStore } from '../../store/use-review-store.js';
import { PanelSection } from './panel-section.js';

export function AuditSection() {
  const t = useT();
  const audit = useReviewStore((s) => s.audit);
  const busy = useReviewStore((s) => s.busy);
  const undo = useReviewStore((s) => s.undo);
  const redo = useReviewStore((s) => s.redo);
  const readOnly = useAppStore((s) => s.status?.library.readOnly ?? true);
  const rows = auditRows(audit);
  const known = (key: string) => t(key as MessageKey);

  return (
    <PanelSection title={t('sample.audit')} testId="sample-audit" count={audit.length}>
      {rows.length === 0 ? (
        <p className="cc-muted">{t('audit.none')}</p>
      ) : (
        <table className="cc-table cc-panel-table cc-audit">
          <thead>
            <tr>
              <th scope="col">{t('audit.time')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.change')}</th>
              <th scope="col">
                <span className="cc-visually-hidden">{t('audit.undo')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ event, button, undone }) => (
              <tr key={event.id} data-action={event.action} data-changeset={event.changeset} className={undone ? 'cc-audit-undone' : undefined}>
                <td className="cc-mono">{formatUtcTime(event.at)}</td>
                <td title={`${event.actor} — ${event.device}`}>{event.actorName ?? event.actor}</td>
                <td>
                  {known(`action.${event.action}`)}
                  <span className="cc-muted"> · {known(`target.${event.target.kind}`)}{event.target.group ? ` ${event.target.group}` : ''}</span>
                  {undone && <span className="cc-badge cc-audit-undone-badge">{t('audit.undone')}</span>}
                </td>
                <td>
                  <span className="cc-audit-change">
                    {auditValue(event.before, t, event.target.kind)} → {auditValue(event.after, t, event.target.kind)}
                  </span>
                  {event.reason && <span className="cc-audit-reason">{event.reason}</span>}
                </td>
                <td className="cc-audit-button">
                  {button && (
                    <button
                      type="button"
                      className="cc-button cc-button-compact"
                      disabled={busy || readOnly}
                      title={button === 'undo' ? t('audit.undoHint') : undefined}
                      onClick={() => void (button === 'undo' ? undo(event.changeset) : redo(event.changeset))}
                      data-testid={`audit-${button}`}
                    >
                      {t(button === 'undo' ? 'audit.undo' : 'audit.redo')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </PanelSection>
  );
}
