/** What the last action did, with "Undo"; errors (a refused undo says why) stay until closed. */
import { useEffect } from 'react';
import type { MessageKey } from '../../i18n/en.js';
import { useT } from '../../i18n/use-i18n.js';
import type { Translator } from '../../i18n/translate.js';
import type { ToastMessage } from '../../store/review-store.js';
import { useReviewStore } from '../../store/use-review-store.js';

const infoMs = 8000;

function toastText(message: ToastMessage, t: Translator): string {
  if ('raw' in message) return message.raw;
  const code = message.params?.code;
  const params = typeof code === 'string' ? { ...message.params, label: t(`flag.L20.${code}` as MessageKey) } : message.params;
  return 'plural' in message ? t.plural(message.plural, message.count, params) : t(message.key, params);
}

export function ReviewToast() {
  const t = useT();
  const toast = useReviewStore((s) => s.toast);
  const undo = useReviewStore((s) => s.undo);
  const dismiss = useReviewStore((s) => s.dismissToast);

  useEffect(() => {
    if (!toast || toast.tone === 'error') return;
    const timer = setTimeout(dismiss, infoMs);
    return () => clearTimeout(timer);
  }, [toast, dismiss]);

  if (!toast) return null;
  return (
    <div className={`cc-toast cc-toast-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'} data-testid="toast" key={toast.id}>
      <span className="cc-toast-text">{toastText(toast.message, t)}</span>
      {toast.changeset && (
        <button type="button" className="cc-button cc-button-compact" onClick={() => void undo(toast.changeset ?? undefined)} data-testid="toast-undo">
          {t('toast.undo')}
        </button>
      )}
      <button type="button" className="cc-icon-button" aria-label={t('toast.close')} onClick={dismiss}>
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <path d="M4.5 4.5l7 7M11.5 4.5l-7 7" />
        </svg>
      </button>
    </div>
  );
}
