/**
 * A button that opens a small panel below it (a menu or a checklist). Closes on Escape (focus back on the
 * button), on a click outside, or when the panel asks (close()).
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';

export interface PopoverButtonProps {
  label: ReactNode;
  /** Accessible name when the label is not plain text. */
  ariaLabel?: string;
  className?: string;
  disabled?: boolean;
  title?: string;
  testId?: string;
  children: (close: () => void) => ReactNode;
}

export function PopoverButton({ label, ariaLabel, className = '', disabled, title, testId, children }: PopoverButtonProps) {
  const [open, setOpen] = useState(false);
  const wrapRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (wrapRef.current && !wrapRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  return (
    <div
      className="cc-popover-wrap"
      ref={wrapRef}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          e.nativeEvent.stopImmediatePropagation();
          close();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className={`cc-button cc-button-compact ${className}`}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-label={ariaLabel}
        disabled={disabled}
        title={title}
        data-testid={testId}
        onClick={() => setOpen((o) => !o)}
      >
        {label} <span aria-hidden="true" className="cc-caret">▾</span>
      </button>
      {open && (
        <div id={panelId} className="cc-popover">
          {children(close)}
        </div>
      )}
    </div>
  );
}
