/**
 * A native modal <dialog> for the gating dialogs: opened on mount, closed on unmount with the focus given back,
 * Escape and the close button ask the owner to close it (so React and the DOM stay in step), Tab stays inside.
 */
import type { ReactNode } from 'react';
import { useId } from 'react';
import { useModalDialog } from '../components/use-modal-dialog.js';
import { trapTabKey } from '../components/trap-tab-key.js';

export function Modal({ title, className = '', testId, onClose, children }: { title: string; className?: string; testId: string; onClose(): void; children: ReactNode }) {
  const dialogRef = useModalDialog();
  const titleId = useId();
  return (
    <dialog
      ref={dialogRef}
      className={`cc-dialog ${className}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onKeyDown={trapTabKey}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="cc-dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
