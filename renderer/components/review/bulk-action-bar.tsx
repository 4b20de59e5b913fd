/**
 * Bulk actions: Flag ▾, Approve, Needs attention, Comment…, Apply gate template… on "the N selected samples" or on
 * "all M samples matching the filter". The filtered set is sent as the query itself (never the loaded rows), after
 * the count is confirmed. Also the auto-advance preference and the shortcuts help. While the table shows, the
 * service's abundances-changed events reload it.
 */
import { ApplyTemplateButton } from '../../gating/apply-template-dialog.js';
import { useAbundanceEvents } from '../../gating/use-abundance-events.js';
import { useT } from '../../i18n/use-i18n.js';
import type { ActionTarget, ReviewAction } from '../../store/review-store.js';
import { useAppStore } from '../../store/use-app-store.js';
import { useReviewStore } from '../../store/use-review-store.js';
import { FlagMenu } from './flag-menu.js';

export function BulkActionBar() {
  const t = useT();
  const selected = useReviewStore((s) => s.selectedIds);
  const scope = useReviewStore((s) => (s.selectedIds.length === 0 ? 'matching' : s.scope));
  const total = useReviewStore((s) => s.total);
  const busy = useReviewStore((s) => s.busy);
  const autoAdvance = useReviewStore((s) => s.autoAdvance);
  const setScope = useReviewStore((s) => s.setScope);
  const request = useReviewStore((s) => s.request);
  const setAutoAdvance = useReviewStore((s) => s.setAutoAdvance);
  const toggleHelp = useReviewStore((s) => s.toggleHelp);
  const readOnly = useAppStore((s) => s.status?.library.readOnly ?? true);
  useAbundanceEvents();

  const target: ActionTarget = scope === 'selected' ? { kind: 'ids', ids: selected } : { kind: 'matching' };
  const count = scope === 'selected' ? selected.length : (total ?? 0);
  const disabled = busy || readOnly || count === 0;
  const act = (action: ReviewAction, prompt = false) => void request(action, target, { prompt });
  const why = readOnly ? t('bulk.readOnly') : undefined;

  return (
    <div className="cc-bulk-bar" role="toolbar" aria-label={t('bulk.label')} data-testid="bulk-bar">
      <fieldset className="cc-scope">
        <legend className="cc-scope-legend">{t('bulk.applyTo')}</legend>
        <label className={selected.length === 0 ? 'cc-scope-disabled' : ''}>
          <input type="radio" name="cc-scope" checked={scope === 'selected'} disabled={selected.length === 0} onChange={() => setScope('selected')} data-testid="scope-selected" />
          {t.plural('bulk.selected', selected.length)}
        </label>
        <label>
          <input type="radio" name="cc-scope" checked={scope === 'matching'} onChange={() => setScope('matching')} data-testid="scope-matching" />
          {t.plural('bulk.matching', total ?? 0)}
        </label>
      </fieldset>
      <div className="cc-bulk-actions" title={why}>
        <FlagMenu disabled={disabled} onChoose={(code) => act({ kind: 'flag', code }, true)} />
        <button type="button" className="cc-button cc-button-compact" disabled={disabled} onClick={() => act({ kind: 'approve' })}>
          {t('bulk.approve')}
        </button>
        <button type="button" className="cc-button cc-button-compact" disabled={disabled} onClick={() => act({ kind: 'attention' })}>
          {t('bulk.attention')}
        </button>
        <button type="button" className="cc-button cc-button-compact" disabled={disabled} onClick={() => act({ kind: 'comment' }, true)}>
          {t('bulk.comment')}
        </button>
        <ApplyTemplateButton target={target} disabled={disabled} />
      </div>
      <div className="cc-bulk-prefs">
        <label title={t('bulk.autoAdvanceHint')}>
          <input type="checkbox" checked={autoAdvance} onChange={(e) => setAutoAdvance(e.target.checked)} data-testid="auto-advance" />
          {t('bulk.autoAdvance')}
        </label>
        <button type="button" className="cc-button cc-button-quiet" onClick={() => toggleHelp()} aria-keyshortcuts="?">
          {t('bulk.shortcuts')} <kbd>?</kbd>
        </button>
      </div>
    </div>
  );
}
