/**
 * Keeps Tab cycling inside a modal dialog. showModal() makes the page behind inert, but Tab can still leave
 * for the browser's own UI; this sends it back to the first (or last) control of the dialog instead.
 */
import type { KeyboardEvent } from 'react';

const focusable = 'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), summary, a[href], [tabindex]:not([tabindex="-1"])';

export function trapTabKey(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'Tab') return;
  const controls = Array.from(e.currentTarget.querySelectorAll<HTMLElement>(focusable)).filter((el) => el.offsetParent !== null);
  const first = controls[0];
  const last = controls[controls.length - 1];
  if (!first || !last) return;
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}
