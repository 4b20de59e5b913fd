/** The keyboard shortcuts, toggled with "?" and closed with Escape or its button. */
import { useT } from '../../i18n/use-i18n.js';
import { shortcutList } from '../../review/review-keys.js';
import { useReviewStore } from '../../store/use-review-store.js';

export function HelpOverlay() {
  const t = useT();
  const open = useReviewStore((s) => s.helpOpen);
  const toggleHelp = useReviewStore((s) => s.toggleHelp);
  if (!open) return null;
  return (
    <div className="cc-help-backdrop" onClick={() => toggleHelp(false)}>
      <section className="cc-help" role="dialog" aria-label={t('help.title')} data-testid="help-overlay" onClick={(e) => e.stopPropagation()}>
        <h2 className="cc-dialog-title">{t('help.title')}</h2>
        <p className="cc-muted">{t('help.intro')}</p>
        <dl className="cc-shortcuts">
          {shortcutList.map((s) => (
            <div key={s.what} className="cc-shortcut">
              <dt>
                {s.keys.map((k) => (k === '…' ? <span key={k}> … </span> : <kbd key={k}>{k}</kbd>))}
              </dt>
              <dd>{t(s.what)}</dd>
            </div>
          ))}
        </dl>
        <div className="cc-dialog-actions">
          <button type="button" className="cc-button" onClick={() => toggleHelp(false)} autoFocus>
            {t('help.close')}
          </button>
        </div>
      </section>
    </div>
  );
}
