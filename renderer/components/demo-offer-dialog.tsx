/**
 * Offered once, when the default library is empty: open the synthetic, read-only Demo library to look
 * around. A native modal <dialog> keeps focus inside it (the rest of the page is inert) and closes on Escape.
 * Escape only hides the offer for this session; "Not now" declines it for good.
 */
import { useId, useRef } from 'react';
import { useModalDialog } from './use-modal-dialog.js';
import { useT } from '../i18n/use-i18n.js';
import { useAppStore } from '../store/use-app-store.js';

export function DemoOfferDialog() {
  const open = useAppStore((s) => !!s.status?.offerDemo && s.status.demoAvailable && !s.demoOfferHidden);
  const switching = useAppStore((s) => s.switching);
  const openLibrary = useAppStore((s) => s.openLibrary);
  const dismissDemoOffer = useAppStore((s) => s.dismissDemoOffer);
  const hideDemoOffer = useAppStore((s) => s.hideDemoOffer);
  const primaryRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useModalDialog(open, () => primaryRef.current);
  const t = useT();
  const titleId = useId();
  const descriptionId = useId();

  if (!open) return null;

  return (
    <dialog
      ref={dialogRef}
      className="cc-dialog"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      data-testid="demo-offer"
      onKeyDown={(e) => {
        // showModal() makes the page inert, but Tab can still leave for the browser's own UI: keep it cycling.
        if (e.key !== 'Tab') return;
        const buttons = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)'));
        const first = buttons[0];
        const last = buttons[buttons.length - 1];
        if (!first || !last) return;
        if (e.shiftKey && document.activeElement === first) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first.focus();
        }
      }}
      onCancel={(e) => {
        e.preventDefault(); // unmounting closes it; keep React and the DOM in step
        hideDemoOffer();
      }}
    >
      <h2 id={titleId} className="cc-dialog-title">
        {t('demo.title')}
      </h2>
      <div id={descriptionId} className="cc-dialog-body">
        <p>{t('demo.body1')}</p>
        <p>
          {t('demo.body2.before')}
          <strong>{t('demo.body2.strong')}</strong>
          {t('demo.body2.after')}
        </p>
      </div>
      <div className="cc-dialog-actions">
        <button type="button" className="cc-button" disabled={switching} onClick={() => void dismissDemoOffer()}>
          {t('demo.notNow')}
        </button>
        <button
          ref={primaryRef}
          type="button"
          className="cc-button cc-button-primary"
          disabled={switching}
          onClick={() => void openLibrary('demo')}
        >
          {t('demo.open')}
        </button>
      </div>
    </dialog>
  );
}
