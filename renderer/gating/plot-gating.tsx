/**
 * Gating on the sample's cytograms: the tool bar above them (Select, Rectangle, Polygon, Ellipse, Delete gate, the
 * template being edited and whether its counts are current), the live counts of each set, and under each cytogram
 * the gates it shows with their events and percentage. Everything reads the window's gating store; the gate layer
 * (gate-layer.tsx) does the drawing.
 */
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { formatError } from '../../shared/api/errors.js';
import type { Gate } from '../../shared/gating/gate.js';
import { useT } from '../i18n/use-i18n.js';
import type { AxisScale } from '../plots/plot-geometry.js';
import { useAppStore } from '../store/use-app-store.js';
import type { PlotAxes } from './axis-match.js';
import { gatesOnPlot } from './axis-match.js';
import { GateLayer } from './gate-layer.js';
import { countWithPercent } from './gating-text.js';
import type { GateTool } from './gating-store.js';
import { GATE_TOOLS, isDirty } from './gating-store.js';
import { GroupName } from './group-name.js';
import { gateColour } from './template-edit.js';
import { gatingStore, useGatingStore } from './use-gating-store.js';
import './gating.css';

/** What the cytograms of one sample need to draw and edit its gates; null while the store is on another sample. */
export interface PlotGating {
  gates: readonly Gate[];
  colourOf(gateId: string): string;
  countOf(gateId: string): string | null;
  selectedGateId: string | null;
  tool: GateTool;
  editable: boolean;
}

export function usePlotGating(sampleId: string): PlotGating | null {
  const active = useGatingStore((s) => s.sampleId === sampleId);
  const draft = useGatingStore((s) => s.draft);
  const counts = useGatingStore((s) => s.counts);
  const selectedGateId = useGatingStore((s) => s.selectedGateId);
  const tool = useGatingStore((s) => s.tool);
  const readOnly = useAppStore((s) => s.status?.library.readOnly ?? true);
  return useMemo(() => {
    if (!active) return null;
    const byGate = new Map((counts?.gates ?? []).map((g) => [g.gateId, g]));
    return {
      gates: draft?.gates ?? [],
      colourOf: (id: string) => (draft ? gateColour(draft, id) : '#e6194b'),
      countOf: (id: string) => {
        const c = byGate.get(id);
        return c ? countWithPercent(c.events, c.percent) : null;
      },
      selectedGateId,
      tool,
      editable: !readOnly,
    };
  }, [active, draft, counts, selectedGateId, tool, readOnly]);
}

/** The gate layer of one cytogram, bound to the store's actions. */
export function plotGateOverlay(gating: PlotGating, plotAxes: PlotAxes, names: { set: string; template: string }): (scales: { x: AxisScale; y: AxisScale }) => ReactNode {
  const store = gatingStore.getState();
  return ({ x, y }) => (
    <GateLayer
      x={x}
      y={y}
      plotAxes={plotAxes}
      gates={gating.gates}
      colourOf={gating.colourOf}
      countOf={gating.countOf}
      selectedGateId={gating.selectedGateId}
      tool={gating.tool}
      editable={gating.editable}
      onSelect={store.select}
      onChange={store.changeGate}
      onCreate={(geometry) => store.addGate(geometry, names)}
      onDelete={store.deleteGate}
    />
  );
}

/** Under a cytogram: the gates it shows, each with its colour, name, events and percentage; a click selects one. */
export function PlotGateList({ gating, plotAxes }: { gating: PlotGating; plotAxes: PlotAxes | null }) {
  const t = useT();
  const select = useGatingStore((s) => s.select);
  const shown = plotAxes ? gatesOnPlot(gating.gates, plotAxes) : [];
  if (shown.length === 0) return null;
  return (
    <ul className="cc-gate-list" aria-label={t('gating.gatesOnPlot')} data-testid="plot-gate-list">
      {shown.map((g) => {
        const count = gating.countOf(g.id);
        const selected = g.id === gating.selectedGateId;
        return (
          <li key={g.id}>
            <button
              type="button"
              className={`cc-gate-list-item${selected ? ' cc-gate-list-selected' : ''}`}
              aria-pressed={selected}
              onClick={() => select(selected ? null : g.id)}
              data-testid="plot-gate"
              data-gate-name={g.name}
            >
              <span className="cc-swatch" style={{ background: gating.colourOf(g.id) }} aria-hidden="true" />
              <span className="cc-gate-list-name">{g.name}</span>
              <span className="cc-gate-list-count" data-testid="plot-gate-count">
                {count ?? '…'}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

const toolIcons: Record<GateTool, ReactNode> = {
  select: <path d="M4 2l9 6.5-4 .8 2.4 4.6-1.8.9-2.4-4.6L4 13z" />,
  rectangle: <rect x="2.5" y="4" width="11" height="8" />,
  polygon: <path d="M3 12l1.5-8 6-1.5 3 6-4.5 5z" />,
  ellipse: <ellipse cx="8" cy="8" rx="6" ry="4" />,
};

/** Above the cytograms: the tools, Delete gate, and what is being edited. */
export function GatingToolbar({ sampleId }: { sampleId: string }) {
  const t = useT();
  const active = useGatingStore((s) => s.sampleId === sampleId);
  const tool = useGatingStore((s) => s.tool);
  const setTool = useGatingStore((s) => s.setTool);
  const draft = useGatingStore((s) => s.draft);
  const selectedGateId = useGatingStore((s) => s.selectedGateId);
  const deleteGate = useGatingStore((s) => s.deleteGate);
  const current = useGatingStore((s) => s.countsRevision === s.draftRevision);
  const dirty = useGatingStore((s) => isDirty(s));
  const readOnly = useAppStore((s) => s.status?.library.readOnly ?? true);
  if (!active) return null;
  const selected = draft?.gates.find((g) => g.id === selectedGateId) ?? null;

  return (
    <div className="cc-gating-toolbar" data-testid="gating-toolbar">
      <div className="cc-segmented cc-gate-tools" role="radiogroup" aria-label={t('gating.tools')}>
        {GATE_TOOLS.map((k) => (
          <button
            key={k}
            type="button"
            role="radio"
            aria-checked={tool === k}
            className={`cc-segment cc-gate-tool${tool === k ? ' cc-gate-tool-on' : ''}`}
            disabled={readOnly && k !== 'select'}
            title={t(`gating.toolHint.${k}`)}
            onClick={() => setTool(k)}
            data-testid={`gate-tool-${k}`}
          >
            <svg viewBox="0 0 16 16" aria-hidden="true" className="cc-gate-tool-icon">
              {toolIcons[k]}
            </svg>
            {t(`gating.tool.${k}`)}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="cc-button cc-button-compact"
        disabled={!selected || readOnly}
        onClick={() => selected && deleteGate(selected.id)}
        title={t('gating.deleteHint')}
        aria-keyshortcuts="Delete"
        data-testid="gate-delete"
      >
        {selected ? t('gating.deleteNamed', { gate: selected.name }) : t('gating.delete')}
      </button>
      <span className="cc-muted cc-gating-status" role="status" data-testid="gating-status">
        {draft
          ? `${draft.name}${dirty ? ` — ${t('gating.unsaved')}` : ''}${draft.gates.length > 0 && !current ? ` — ${t('gating.counting')}` : ''}`
          : t('gating.noTemplateHint')}
      </span>
    </div>
  );
}

/**
 * Under the cytograms: the live count of each set of the draft (below, so that the plots do not move when the
 * first gate is drawn), or why the counts failed.
 */
export function GatingSetCounts({ sampleId }: { sampleId: string }) {
  const t = useT();
  const active = useGatingStore((s) => s.sampleId === sampleId);
  const draft = useGatingStore((s) => s.draft);
  const counts = useGatingStore((s) => s.counts);
  const countsError = useGatingStore((s) => s.countsError);
  if (!active || !draft) return null;
  const setCounts = new Map((counts?.sets ?? []).map((c) => [c.setId, c]));
  return (
    <div className="cc-gating-counts">
      {countsError && (
        <span className="cc-plot-error" role="alert" data-testid="gating-counts-error">
          {t('gating.countsError', { error: formatError(countsError) })}
        </span>
      )}
      {draft && draft.sets.length > 0 && (
        <ul className="cc-set-counts" aria-label={t('gating.setCounts')} data-testid="set-counts">
          {draft.sets.map((s) => {
            const c = setCounts.get(s.id);
            return (
              <li key={s.id} className="cc-set-count" data-testid="set-count" data-set={s.name}>
                <span className="cc-swatch" style={{ background: s.colour ?? '#888' }} aria-hidden="true" />
                <span className="cc-set-count-name">{s.name}</span>
                {s.group && s.group !== s.name && (
                  <span className="cc-muted">
                    (<GroupName group={s.group} />)
                  </span>
                )}
                <span className="cc-set-count-value" data-testid="set-count-value">
                  {c ? countWithPercent(c.events, c.percent) : '…'}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
