/**
 * Asks before a review action: "This will change M samples. Continue?" for the whole filtered set, an
 * optional comment kept with a flag, or the comment text itself. A native modal <dialog>.
 */
import { useId, useRef, useState } from 'react';
import { useModalDialog } from '../use-modal-dialog.js';
import type { MessageKey } from '../../i18n/en.js';
import { useT } from '../../i18n/use-i18n.js';
import type { PendingAction } from '../../store/review-store.js';
import { useReviewStore } from '../../store/use-review-store.js';
import { trapTabKey } from '../trap-tab-key.js';

export function ActionDialog() {
  const pending = useReviewStore((s) => s.pending);
  if (!pending) return null;
  return <ActionDialogOpen pending={pending} />;
}

function ActionDialogOpen({ pending }: { pending: PendingAction }) {
  const t = useT();
  const confirmPending = useReviewStore((s) => s.confirmPending);
  const cancelPending = useReviewStore((s) => s.cancelPending);
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const okRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useModalDialog(true, () => fieldRef.current ?? okRef.current);
  const [text, setText] = useState(pending.initialText);
  const titleId = useId();
  const fieldId = useId();

  const { action } = pending;
  const title =
    action.kind === 'flag'
      ? t('dialog.title.flag', { code: action.code, label: t(`flag.L20.${action.code}` as MessageKey) })
      : t(`dialog.title.${action.kind}`);

  return (
    <dialog
      ref={dialogRef}
      className="cc-dialog cc-action-dialog"
      aria-labelledby={titleId}
      data-testid="action-dialog"
      onKeyDown={(e) => {
        trapTabKey(e);
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void confirmPending(text);
      }}
      onCancel={(e) => {
        e.preventDefault();
        cancelPending();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void confirmPending(text);
        }}
      >
        <h2 id={titleId} className="cc-dialog-title">
          {title}
        </h2>
        <div className="cc-dialog-body">
          <p data-testid="action-count" className={pending.confirm ? 'cc-confirm' : 'cc-muted'}>
            {pending.confirm ? t.plural('dialog.confirm', pending.count) : t.plural('dialog.target', pending.count)}
          </p>
          {pending.input && (
            <div className="cc-field">
              <label htmlFor={fieldId}>{pending.input === 'text' ? t('dialog.commentText') : t('dialog.reason')}</label>
              <textarea
                id={fieldId}
                ref={fieldRef}
                className="cc-textarea"
                rows={3}
                maxLength={2000}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
              {pending.input === 'text' && <p className="cc-field-hint">{t('dialog.commentHint')}</p>}
            </div>
          )}
        </div>
        <div className="cc-dialog-actions">
          <button type="button" className="cc-button" onClick={cancelPending}>
            {t('dialog.cancel')}
          </button>
          <button ref={okRef} type="submit" className="cc-button cc-button-primary" data-testid="action-confirm">
            {pending.confirm ? t('dialog.continue') : t('dialog.apply')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
