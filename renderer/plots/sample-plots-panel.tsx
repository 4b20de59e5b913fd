/**
 * The plots of one sample: up to three density cytograms side by side (each with its axis picker and an optional
 * CytoClus set filter), the particle image gallery, the selected particle's pulse shape and one histogram. A
 * rectangle drawn on a cytogram filters the gallery to the particles inside it; a particle picked in the gallery is
 * marked on every plot and its pulse shape drawn. Plots shrink to the width available (the sample view is narrow),
 * and only measurement columns are offered as axes. The gating tools sit above the cytograms: gates of the template
 * being edited are drawn and edited on every cytogram showing their parameters, with their live counts under it.
 */
import type { RefObject } from 'react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CurationErrorData } from '../../shared/api/errors.js';
import { formatError, toErrorData } from '../../shared/api/errors.js';
import { ImageGallery } from '../gallery/image-gallery.js';
import type { PlotAxes } from '../gating/axis-match.js';
import type { PlotGating } from '../gating/plot-gating.js';
import { GatingSetCounts, GatingToolbar, PlotGateList, plotGateOverlay, usePlotGating } from '../gating/plot-gating.js';
import { useT } from '../i18n/use-i18n.js';
import type { AxisChoice, CytogramAxes } from './axis-choice.js';
import { axisChoiceKey, choiceColumns, defaultCytogramAxes, measurementColumns, particleAxisValue, plotAxis } from './axis-choice.js';
import { AxisPicker, CytogramAxesPicker } from './axis-picker.js';
import { Cytogram } from './cytogram.js';
import { Histogram } from './histogram.js';
import type { DataRect } from './plot-geometry.js';
import { asAxisTransform } from './plot-geometry.js';
import { cardLayout, scaledHeight } from './plot-layout.js';
import { PulseShape } from './pulse-shape.js';
import type { CallState } from './use-curation-call.js';
import { useCurationCall } from './use-curation-call.js';
import './plots.css';

export interface SamplePlotsPanelProps {
  sampleId: string;
  /** The sample's event columns (parameter names); non-measurement ones (Sample Length, …) are not offered as axes. */
  columns: string[];
  /** CytoClus set names exported with the sample; when left out they are read with getSample. */
  sets?: string[];
  /** Names the template a first gate drawn here starts. */
  sampleName?: string;
}

export const MAX_CYTOGRAMS = 3;
/** Cytograms shown at first (more can be chosen). */
const INITIAL_CYTOGRAMS = 2;
const PLOT_WIDTH = 330;
const PLOT_HEIGHT = 310;
const HISTOGRAM_HEIGHT = 230;
const PULSE_HEIGHT = 210;
const GALLERY_HEIGHT = 300;
const BINS = 256;
const MAX_VALUE_COLUMNS = 200;
/** Padding and border of a plot card, both sides. */
const CARD_CHROME = 18;
const CARD_GAP = 12;

interface PlotState {
  axes: CytogramAxes;
  set: string | null;
}

interface PanelState {
  plots: PlotState[];
  count: number;
  histogram: { axis: AxisChoice; set: string | null } | null;
}

interface RegionState {
  plot: number;
  rect: DataRect;
  seq: number;
  result: { status: 'loading' } | { status: 'ok'; particleIds: number[]; count: number } | { status: 'error'; error: CurationErrorData };
}

function initialState(columns: readonly string[]): PanelState {
  const defaults = defaultCytogramAxes(columns, MAX_CYTOGRAMS);
  const first = defaults[0];
  const plots: PlotState[] = [];
  for (let i = 0; i < MAX_CYTOGRAMS && first; i++) plots.push({ axes: defaults[i] ?? first, set: null });
  const histogramAxis: AxisChoice | null = first ? first.x : columns[0] ? { parameter: { type: 'single', column: columns[0] }, transform: 'log' } : null;
  return { plots, count: Math.min(INITIAL_CYTOGRAMS, defaults.length), histogram: histogramAxis ? { axis: histogramAxis, set: null } : null };
}

const plotKey = (p: PlotState) => `${axisChoiceKey(p.axes.x)}|${axisChoiceKey(p.axes.y)}|${p.set ?? ''}`;

function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const abs = Math.abs(v);
  return abs !== 0 && (abs >= 1e6 || abs < 1e-3) ? v.toExponential(3) : String(Number(v.toPrecision(5)));
}

function SetPicker({ sets, value, onChange }: { sets: readonly string[]; value: string | null; onChange: (set: string | null) => void }) {
  const t = useT();
  if (sets.length === 0) return null;
  return (
    <label className="cc-plot-set">
      {t('plots.set')}
      <select className="cc-select" value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}>
        <option value="">{t('plots.allEvents')}</option>
        {sets.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </label>
  );
}

function PlotStatus<T>({ state, width, height, what }: { state: CallState<T>; width: number; height: number; what: 'cytogram' | 'histogram' }) {
  const t = useT();
  if (state.status === 'error') {
    const error = formatError(state.error);
    return (
      <div className="cc-plot-error" role="alert" style={{ width }}>
        {what === 'cytogram' ? t('plots.cytogramError', { error }) : t('plots.histogramError', { error })}
      </div>
    );
  }
  return (
    <div className="cc-plot-status" style={{ width, height }} aria-busy="true">
      {what === 'cytogram' ? t('plots.loadingCytogram') : t('plots.loadingHistogram')}
    </div>
  );
}

interface CytogramCardProps {
  index: number;
  sampleId: string;
  columns: readonly string[];
  sets: readonly string[];
  plot: PlotState;
  onChange: (plot: PlotState) => void;
  region: DataRect | null;
  onRegion: (rect: DataRect) => void;
  highlight: { x: number; y: number } | null;
  width: number;
  height: number;
  gating: PlotGating | null;
  gateNames: { set: string; template: string };
}

function CytogramCard({ index, sampleId, columns, sets, plot, onChange, region, onRegion, highlight, width, height, gating, gateNames }: CytogramCardProps) {
  const key = `${sampleId}\u0000${plotKey(plot)}`;
  const density = useCurationCall(key, () =>
    window.curation.getDensity({ sampleId, x: plotAxis(plot.axes.x), y: plotAxis(plot.axes.y), bins: BINS, set: plot.set }),
  );
  const shown = density.status === 'ok' ? density.data : density.status === 'loading' ? density.previous : null;
  // Gates are placed only on a plot whose density belongs to the axes chosen (not the previous one still shown)
  const loaded = density.status === 'ok' ? density.data : null;
  const plotAxes = useMemo((): PlotAxes | null => {
    if (!loaded) return null;
    try {
      return {
        x: { parameter: plot.axes.x.parameter, transform: asAxisTransform(loaded.x.transform) },
        y: { parameter: plot.axes.y.parameter, transform: asAxisTransform(loaded.y.transform) },
      };
    } catch {
      return null;
    }
  }, [loaded, plot.axes]);
  return (
    <div className="cc-plot-card" data-testid="cytogram-card" data-index={index} style={{ width: width + CARD_CHROME }}>
      <div className="cc-plot-card-controls">
        <CytogramAxesPicker columns={columns} value={plot.axes} onChange={(axes) => onChange({ ...plot, axes })} />
        <SetPicker sets={sets} value={plot.set} onChange={(set) => onChange({ ...plot, set })} />
      </div>
      {density.status === 'error' && <PlotStatus state={density} width={width} height={height} what="cytogram" />}
      {shown ? (
        <Cytogram
          density={shown}
          width={width}
          height={height}
          busy={density.status !== 'ok'}
          region={region}
          onRegion={onRegion}
          highlight={density.status === 'ok' ? highlight : null}
          overlay={gating && plotAxes ? plotGateOverlay(gating, plotAxes, gateNames) : undefined}
        />
      ) : (
        density.status !== 'error' && <PlotStatus state={density} width={width} height={height} what="cytogram" />
      )}
      {gating && <PlotGateList gating={gating} plotAxes={plotAxes} />}
    </div>
  );
}

function HistogramCard({
  sampleId,
  columns,
  sets,
  value,
  onChange,
  highlight,
  width,
  height,
}: {
  sampleId: string;
  columns: readonly string[];
  sets: readonly string[];
  value: { axis: AxisChoice; set: string | null };
  onChange: (value: { axis: AxisChoice; set: string | null }) => void;
  highlight: number | null;
  width: number;
  height: number;
}) {
  const t = useT();
  const key = `${sampleId}\u0000${axisChoiceKey(value.axis)}|${value.set ?? ''}`;
  const histogram = useCurationCall(key, () => window.curation.getHistogram({ sampleId, axis: plotAxis(value.axis), bins: BINS, set: value.set }));
  const shown = histogram.status === 'ok' ? histogram.data : histogram.status === 'loading' ? histogram.previous : null;
  return (
    <div className="cc-plot-card" data-testid="histogram-card" style={{ width: width + CARD_CHROME }}>
      <div className="cc-plot-card-controls">
        <AxisPicker label={t('plots.histogram')} columns={columns} value={value.axis} onChange={(axis) => onChange({ ...value, axis })} testId="axis-picker-histogram" />
        <SetPicker sets={sets} value={value.set} onChange={(set) => onChange({ ...value, set })} />
      </div>
      {histogram.status === 'error' && <PlotStatus state={histogram} width={width} height={height} what="histogram" />}
      {shown ? (
        <Histogram histogram={shown} width={width} height={height} busy={histogram.status !== 'ok'} highlight={histogram.status === 'ok' ? highlight : null} />
      ) : (
        histogram.status !== 'error' && <PlotStatus state={histogram} width={width} height={height} what="histogram" />
      )}
    </div>
  );
}

/** Width of an element, followed as it resizes (0 until measured). */
function useWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

function SelectedParticleCard({
  sampleId,
  selected,
  onClear,
  values,
  needed,
  width,
}: {
  sampleId: string;
  selected: number | null;
  onClear: () => void;
  values: CallState<{ particleId: number; values: Record<string, number | null> }>;
  needed: readonly string[];
  width: number;
}) {
  const t = useT();
  const particleValues = values.status === 'ok' && values.data.particleId === selected ? values.data.values : null;
  return (
    <div className="cc-plot-card cc-pulse-card" data-testid="pulse-card" style={{ width: width + CARD_CHROME }}>
      <div className="cc-plot-card-title">{t('pulse.title')}</div>
      {selected === null ? (
        <p className="cc-plot-status cc-pulse-pick" style={{ height: PULSE_HEIGHT }}>
          {t('pulse.pick')}
        </p>
      ) : (
        <>
          <div className="cc-plots-particle" data-testid="selected-particle">
            <strong>{t('plots.particle', { id: String(selected) })}</strong>
            <button type="button" className="cc-button cc-button-quiet cc-button-compact" data-testid="particle-clear" onClick={onClear}>
              {t('plots.clearSelection')}
            </button>
          </div>
          <PulseShape sampleId={sampleId} particleId={selected} width={width} height={PULSE_HEIGHT} />
          {values.status === 'loading' && <span className="cc-muted">{t('plots.particleLoading')}</span>}
          {values.status === 'error' && <span className="cc-plot-error">{formatError(values.error)}</span>}
          {particleValues && (
            <span className="cc-plots-particle-values" data-testid="particle-values">
              {needed.map((c) => `${c} ${formatValue(particleValues[c])}`).join(' · ')}
            </span>
          )}
        </>
      )}
    </div>
  );
}

export function SamplePlotsPanel({ sampleId, columns: allColumns, sets: givenSets, sampleName }: SamplePlotsPanelProps) {
  const t = useT();
  const gating = usePlotGating(sampleId);
  const gateNames = { set: t('gating.setBase'), template: t('gating.defaultTemplateName', { sample: sampleName ?? sampleId }) };
  const columns = useMemo(() => measurementColumns(allColumns), [allColumns]);
  const stateKey = `${sampleId}\u0000${columns.join('\u0001')}`;
  const [forKey, setForKey] = useState(stateKey);
  const [state, setState] = useState<PanelState>(() => initialState(columns));
  const [region, setRegion] = useState<RegionState | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [regionSeq, setRegionSeq] = useState(0);
  const [rootRef, width] = useWidth<HTMLDivElement>();
  if (forKey !== stateKey) {
    // Another sample (or its columns changed): start again from its default plots
    setForKey(stateKey);
    setState(initialState(columns));
    setRegion(null);
    setSelected(null);
  }

  const sample = useCurationCall(givenSets ? null : `sample\u0000${sampleId}`, () => window.curation.getSample({ id: sampleId }));
  const sets = givenSets ?? (sample.status === 'ok' ? sample.data.sets.map((s) => s.name) : []);

  const visible = state.plots.slice(0, state.count);
  const layout = cardLayout(width, Math.max(2, visible.length), { gap: CARD_GAP, chrome: CARD_CHROME, minPlot: 220, maxPlot: PLOT_WIDTH });
  const plotHeight = scaledHeight(layout.plotWidth, PLOT_WIDTH, PLOT_HEIGHT, 200);
  const histogramHeight = scaledHeight(layout.plotWidth, PLOT_WIDTH, HISTOGRAM_HEIGHT, 170);

  const needed = [...new Set([...visible.flatMap((p) => [...choiceColumns(p.axes.x), ...choiceColumns(p.axes.y)]), ...(state.histogram ? choiceColumns(state.histogram.axis) : [])])].slice(
    0,
    MAX_VALUE_COLUMNS,
  );
  const values = useCurationCall(selected !== null && needed.length > 0 ? `${sampleId}\u0000${selected}\u0000${needed.join('\u0001')}` : null, () =>
    window.curation.getParticleValues({ sampleId, particleId: selected ?? 0, columns: needed }),
  );
  const particleValues = values.status === 'ok' && values.data.particleId === selected ? values.data.values : null;

  const setPlot = (index: number, plot: PlotState) => {
    setState((s) => ({ ...s, plots: s.plots.map((p, i) => (i === index ? plot : p)) }));
    // A region belongs to the axes it was drawn on
    if (region && region.plot === index) setRegion(null);
  };

  const drawRegion = (index: number, rect: DataRect) => {
    const plot = state.plots[index];
    if (!plot) return;
    const seq = regionSeq + 1;
    setRegionSeq(seq);
    setRegion({ plot: index, rect, seq, result: { status: 'loading' } });
    window.curation.particlesInRegion({ sampleId, x: plotAxis(plot.axes.x), y: plotAxis(plot.axes.y), region: rect, set: plot.set }).then(
      (answer) => setRegion((r) => (r && r.seq === seq ? { ...r, result: { status: 'ok', particleIds: answer.particleIds, count: answer.count } } : r)),
      (err: unknown) => setRegion((r) => (r && r.seq === seq ? { ...r, result: { status: 'error', error: toErrorData(err) } } : r)),
    );
  };

  const filterIds = region && region.result.status === 'ok' ? region.result.particleIds : undefined;

  return (
    <div ref={rootRef} className="cc-plots-panel" data-testid="plots-panel">
      <div className="cc-plots-toolbar">
        {state.plots.length > 0 && columns.length >= 2 && (
          <label className="cc-plot-set">
            {t('plots.cytograms')}
            <select
              className="cc-select cc-plots-count"
              value={state.count}
              data-testid="cytogram-count"
              onChange={(e) => {
                const count = Number(e.target.value);
                setState((s) => ({ ...s, count }));
                if (region && region.plot >= count) setRegion(null);
              }}
            >
              {Array.from({ length: MAX_CYTOGRAMS }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="cc-muted cc-plots-hint">{t('plots.hint')}</span>
      </div>
      {columns.length >= 2 && <GatingToolbar sampleId={sampleId} />}

      {region && (
        <div className="cc-plots-region-bar" data-testid="region-bar" role="status">
          {region.result.status === 'loading' && <span>{t('plots.regionLoading', { plot: region.plot + 1 })}</span>}
          {region.result.status === 'ok' && <span>{t.plural('plots.region', region.result.count, { plot: region.plot + 1 })}</span>}
          {region.result.status === 'error' && <span className="cc-plot-error">{t('plots.regionError', { error: formatError(region.result.error) })}</span>}
          <button type="button" className="cc-button cc-button-quiet cc-button-compact" data-testid="region-clear" onClick={() => setRegion(null)}>
            {t('plots.regionClear')}
          </button>
        </div>
      )}

      {columns.length < 2 ? (
        <p className="cc-muted">{columns.length === 0 ? t('plots.noParameters') : t('plots.oneParameter')}</p>
      ) : (
        <div className="cc-plots-row">
          {visible.map((plot, i) => (
            <CytogramCard
              key={i}
              index={i}
              sampleId={sampleId}
              columns={columns}
              sets={sets}
              plot={plot}
              onChange={(p) => setPlot(i, p)}
              region={region && region.plot === i && region.result.status !== 'error' ? region.rect : null}
              onRegion={(rect) => drawRegion(i, rect)}
              width={layout.plotWidth}
              height={plotHeight}
              gating={gating}
              gateNames={gateNames}
              highlight={
                particleValues
                  ? (() => {
                      const x = particleAxisValue(plot.axes.x.parameter, particleValues);
                      const y = particleAxisValue(plot.axes.y.parameter, particleValues);
                      return x !== null && y !== null ? { x, y } : null;
                    })()
                  : null
              }
            />
          ))}
        </div>
      )}
      {columns.length >= 2 && <GatingSetCounts sampleId={sampleId} />}

      <ImageGallery sampleId={sampleId} particleIds={filterIds} selectedParticleId={selected} onSelect={setSelected} height={GALLERY_HEIGHT} />

      <div className="cc-plots-row">
        <SelectedParticleCard sampleId={sampleId} selected={selected} onClear={() => setSelected(null)} values={values} needed={needed} width={layout.plotWidth} />
        {state.histogram && (
          <HistogramCard
            sampleId={sampleId}
            columns={columns}
            sets={sets}
            value={state.histogram}
            onChange={(histogram) => setState((s) => ({ ...s, histogram }))}
            highlight={particleValues && state.histogram ? particleAxisValue(state.histogram.axis.parameter, particleValues) : null}
            width={layout.plotWidth}
            height={histogramHeight}
          />
        )}
      </div>
    </div>
  );
}
