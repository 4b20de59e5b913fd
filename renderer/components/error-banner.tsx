/** The last error from a call, in one line ("file:line: field: reason"), until the user dismisses it. */
import { formatError } from '../../shared/api/errors.js';
import { useT } from '../i18n/use-i18n.js';
import { useAppStore } from '../store/use-app-store.js';

export function ErrorBanner() {
  const error = useAppStore((s) => s.error);
  const clearError = useAppStore((s) => s.clearError);
  const t = useT();
  if (!error) return null;

  return (
    <div className="cc-error-banner" role="alert" data-testid="error-banner">
      <span className="cc-error-code">{error.code}</span>
      <span className="cc-error-message">{formatError(error)}</span>
      <button type="button" className="cc-button cc-button-quiet" onClick={clearError} aria-label={t('error.dismissLabel')}>
        {t('error.dismiss')}
      </button>
    </div>
  );
}
