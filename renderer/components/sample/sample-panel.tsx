/**
 * The open sample, beside the table: header with Previous / Next and the review buttons, then Cytograms and images,
 * Gating and abundances, Metadata, Provenance, Import issues, Sets and Audit. Focus moves here when it opens so the
 * review keys act on it; Escape (or Close) goes back to the table. The divider on its left edge resizes it (drag, or
 * arrow keys when focused); the width is remembered.
 */
import type { KeyboardEvent as ReactKeyboardEvent, PointerEvent as ReactPointerEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { formatError } from '../../../shared/api/errors.js';
import { useT } from '../../i18n/use-i18n.js';
import { useReviewStore } from '../../store/use-review-store.js';
import { AuditSection } from './audit-section.js';
import { GatingSection } from './gating-section.js';
import { IssuesSection } from './issues-section.js';
import { MetadataSection } from './metadata-section.js';
import { clampPanelWidth, defaultPanelWidth, PANEL_MIN, PANEL_WIDTH_KEY, parseStoredWidth, TABLE_MIN } from './panel-width.js';
import { PlotsSection } from './plots-section.js';
import { ProvenanceSection } from './provenance-section.js';
import { SampleHeader } from './sample-header.js';
import { SetsSection } from './sets-section.js';

const KEY_STEP = 40;

function readStoredWidth(): number | null {
  try {
    return parseStoredWidth(window.localStorage.getItem(PANEL_WIDTH_KEY));
  } catch {
    return null;
  }
}

function storeWidth(width: number): void {
  try {
    window.localStorage.setItem(PANEL_WIDTH_KEY, String(width));
  } catch {
    // Not remembered (storage unavailable): the default applies next time
  }
}

/** The panel width, kept within bounds as the window resizes. */
function usePanelWidth(): [number, (width: number, remember?: boolean) => void] {
  const [viewport, setViewport] = useState(() => window.innerWidth);
  const [wanted, setWanted] = useState(() => readStoredWidth() ?? defaultPanelWidth(window.innerWidth));
  useEffect(() => {
    const onResize = () => setViewport(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const set = (width: number, remember = true) => {
    const clamped = clampPanelWidth(width, window.innerWidth);
    setWanted(clamped);
    if (remember) storeWidth(clamped);
  };
  return [clampPanelWidth(wanted, viewport), set];
}

function PanelResizer({ width, onResize, label }: { width: number; onResize: (width: number, remember?: boolean) => void; label: string }) {
  const drag = useRef<{ x: number; width: number } | null>(null);
  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, width };
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (drag.current) onResize(drag.current.width + (drag.current.x - event.clientX), false);
  };
  const onPointerUp = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    onResize(drag.current.width + (drag.current.x - event.clientX));
    drag.current = null;
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
  };
  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    // The panel is on the right: moving the divider left widens it
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      event.preventDefault();
      event.stopPropagation();
      onResize(width + (event.key === 'ArrowLeft' ? KEY_STEP : -KEY_STEP));
    }
  };
  return (
    <div
      className="cc-panel-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      title={label}
      aria-valuenow={width}
      aria-valuemin={PANEL_MIN}
      aria-valuemax={Math.max(PANEL_MIN, window.innerWidth - TABLE_MIN)}
      tabIndex={0}
      data-testid="sample-panel-resizer"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => (drag.current = null)}
      onKeyDown={onKeyDown}
    />
  );
}

export function SamplePanel() {
  const t = useT();
  const current = useReviewStore((s) => s.current);
  const detail = useReviewStore((s) => s.detail);
  const detailError = useReviewStore((s) => s.detailError);
  const panelRef = useRef<HTMLElement>(null);
  const openId = current?.id ?? null;
  const [width, setWidth] = usePanelWidth();

  useEffect(() => {
    const panel = panelRef.current;
    if (openId && panel && !panel.contains(document.activeElement)) panel.focus({ preventScroll: true });
  }, [openId]);

  if (!current) return null;
  const shown = detail && detail.id === current.id ? detail : null;

  return (
    <>
      <PanelResizer width={width} onResize={setWidth} label={t('sample.resize')} />
      <aside
        ref={panelRef}
        className="cc-sample-panel"
        style={{ width }}
        tabIndex={-1}
        aria-label={t('sample.label')}
        data-testid="sample-panel"
        data-sample-id={current.id}
      >
        <SampleHeader detail={shown} />
        {detailError && (
          <p className="cc-import-alert" role="alert">
            {formatError(detailError)}
          </p>
        )}
        {!shown && !detailError && <p className="cc-panel-loading">{t('sample.loading')}</p>}
        {shown && (
          <div className="cc-panel-body">
            <PlotsSection detail={shown} />
            <GatingSection detail={shown} />
            <MetadataSection detail={shown} />
            <ProvenanceSection detail={shown} />
            <IssuesSection issues={shown.issues} />
            <SetsSection sets={shown.sets} />
            <AuditSection />
          </div>
        )}
      </aside>
    </>
  );
}
