/**
 * A <dialog> shown as a modal while its component is mounted (and `open`): showModal() on mount, close() on unmount,
 * and the focus given back to whatever held it before. `initialFocus` names the element to focus once shown.
 */
import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';

export function useModalDialog(open = true, initialFocus?: () => HTMLElement | null | undefined): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!open || !dialog) return;
    const previouslyFocused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    initialFocus?.()?.focus();
    return () => {
      if (dialog.open) dialog.close();
      previouslyFocused?.focus();
    };
    // Once per opening; initialFocus reads refs, which are stable.
  }, [open]);
  return ref;
}
