/**
 * The review keyboard for the whole window: j/k (and the arrows in the sample view), 0–9, a, n, c, u, ?,
 * Escape. Keys typed in fields, and keys while a modal dialog is open, are left alone; arrows inside the
 * table are the table's own (it moves its focus).
 */
import { useEffect } from 'react';
import { isTypingTarget, reviewCommand } from '../../review/review-keys.js';
import { reviewStore } from '../../store/use-review-store.js';

export function useReviewKeys(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTypingTarget(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const command = reviewCommand(e);
      if (!command) return;
      const state = reviewStore.getState();
      const inGrid = e.target instanceof Element && e.target.closest('[data-testid="sample-grid"]') !== null;
      if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && (inGrid || !state.current)) return;
      if (state.command(command)) e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
