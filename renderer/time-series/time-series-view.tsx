/**
 * Visual quality control over time: the same filter as the sample table, a group (CytoClus set) picker,
 * Count / Abundance (cells/mL), linear / log, the plot with its flag legend, and — once samples are brushed —
 * "N samples selected — Flag ▾ / Approve / Clear". Actions go through the review store (same toast, Undo,
 * confirmation as the table), whose data revision reloads the series. The open sample shows beside the plot.
 */
import { useEffect, useMemo, useRef } from 'react';
import { formatError } from '../../shared/api/errors.js';
import { FilterBar } from '../components/review/filter-bar.js';
import { FlagChip } from '../components/review/flag-chip.js';
import { FlagMenu } from '../components/review/flag-menu.js';
import { SamplePanel } from '../components/sample/sample-panel.js';
import { useGroupStatus } from '../gating/group-name.js';
import { useAbundanceEvents } from '../gating/use-abundance-events.js';
import { useT } from '../i18n/use-i18n.js';
import { toSampleQuery } from '../review/sample-filter.js';
import type { SampleQuery } from '../review/sample-filter.js';
import { useAppStore } from '../store/use-app-store.js';
import { reviewStore, useReviewStore } from '../store/use-review-store.js';
import { flagColour, legendEntries } from './flag-colour.js';
import type { LegendEntry } from './flag-colour.js';
import { locateSample } from './locate-sample.js';
import { toPlotPoints } from './series-points.js';
import { TimeSeriesChart } from './time-series-chart.js';
import { timeSeriesStore, useTimeSeriesStore } from './use-time-series-store.js';

async function openFromPlot(id: string): Promise<void> {
  const { filter, sort } = reviewStore.getState();
  const index = await locateSample(window.curation, toSampleQuery(filter), sort, id).catch(() => null);
  await reviewStore.getState().openSample(id, index ?? 0);
}

export function TimeSeriesView() {
  const t = useT();
  const library = useAppStore((s) => s.status?.library);
  const libraryRevision = useAppStore((s) => s.libraryRevision);
  const reportError = useAppStore((s) => s.reportError);
  const queryKey = useReviewStore((s) => JSON.stringify(toSampleQuery(s.filter)));
  const dataRevision = useReviewStore((s) => s.dataRevision);
  const currentId = useReviewStore((s) => s.current?.id ?? null);
  const groups = useTimeSeriesStore((s) => s.groups);
  const group = useTimeSeriesStore((s) => s.group);
  const measure = useTimeSeriesStore((s) => s.measure);
  const yScale = useTimeSeriesStore((s) => s.yScale);
  const series = useTimeSeriesStore((s) => s.points);
  const seriesGroup = useTimeSeriesStore((s) => s.pointsGroup);
  const loading = useTimeSeriesStore((s) => s.loading);
  const error = useTimeSeriesStore((s) => s.error);
  const selectedIds = useTimeSeriesStore((s) => s.selectedIds);
  const brush = useTimeSeriesStore((s) => s.brush);
  const libraryPath = library?.path ?? null;
  // Gates, templates or volumes changed: the series reloads with the new abundances
  useAbundanceEvents();
  const groupStatus = useGroupStatus();

  // Another library: nothing selected or open from the previous one.
  const shownLibrary = useRef(libraryPath);
  useEffect(() => {
    if (shownLibrary.current !== null && shownLibrary.current !== libraryPath) {
      reviewStore.getState().closeSample();
      timeSeriesStore.getState().clearSelection();
    }
    shownLibrary.current = libraryPath;
  }, [libraryPath]);

  // Groups, the series and the filter's total follow the filter, the library and every review action.
  useEffect(() => {
    if (!libraryPath) return;
    const query = JSON.parse(queryKey) as SampleQuery;
    void timeSeriesStore.getState().loadGroups(query);
    window.curation
      .listSamples({ ...query, limit: 1 })
      .then((page) => reviewStore.getState().setTotal(page.total))
      .catch(reportError);
  }, [queryKey, libraryPath, libraryRevision, dataRevision, reportError]);
  useEffect(() => {
    if (!libraryPath) return;
    void timeSeriesStore.getState().loadSeries(JSON.parse(queryKey) as SampleQuery);
  }, [queryKey, libraryPath, libraryRevision, dataRevision, group]);

  const plotted = useMemo(() => toPlotPoints(seriesGroup === group ? (series ?? []) : [], measure, yScale), [series, seriesGroup, group, measure, yScale]);
  const legend = useMemo(() => legendEntries(plotted.points.map((p) => p.flag)), [plotted]);

  if (!library) return <main className="cc-main cc-main-loading" aria-busy="true" />;

  const ts = timeSeriesStore.getState();
  const noGroups = groups !== null && groups.length === 0;

  return (
    <main className="cc-main" data-testid="time-series-view">
      <FilterBar />
      <div className="cc-filter-bar cc-ts-controls" role="toolbar" aria-label={t('ts.controls')}>
        <label className="cc-ts-field">
          <span>{t('ts.group')}</span>
          <select className="cc-select" value={group ?? ''} disabled={!groups?.length} onChange={(e) => ts.setGroup(e.target.value)} data-testid="ts-group">
            {group !== null && !groups?.some((g) => g.name === group) && <option value={group}>{group}</option>}
            {(groups ?? []).map((g) => (
              <option key={g.name} value={g.name}>
                {t.plural('ts.groupOption', g.samples, { name: g.name })}
                {groupStatus(g.name) === 'unverified' ? ` — ${t('gating.unverified')}` : ''}
              </option>
            ))}
          </select>
        </label>
        <div className="cc-segmented" role="group" aria-label={t('ts.measure')}>
          {(['count', 'abundance'] as const).map((m) => (
            <button key={m} type="button" className="cc-segment" aria-pressed={measure === m} onClick={() => ts.setMeasure(m)} data-testid={`ts-measure-${m}`}>
              {t(m === 'count' ? 'ts.count' : 'ts.abundance')}
            </button>
          ))}
        </div>
        <div className="cc-segmented" role="group" aria-label={t('ts.scale')}>
          {(['linear', 'log'] as const).map((s) => (
            <button key={s} type="button" className="cc-segment" aria-pressed={yScale === s} onClick={() => ts.setYScale(s)} data-testid={`ts-scale-${s}`}>
              {t(s === 'linear' ? 'ts.linear' : 'ts.log')}
            </button>
          ))}
        </div>
        <span className="cc-filter-total" aria-live="polite" data-testid="ts-summary">
          {loading ? t('ts.loading') : seriesGroup === group && series ? t.plural('ts.points', plotted.points.length) : ''}
          {plotted.missing > 0 && ` · ${t.plural('ts.missing', plotted.missing)}`}
          {plotted.nonPositive > 0 && ` · ${t.plural('ts.nonPositive', plotted.nonPositive)}`}
        </span>
      </div>
      <SelectionBar ids={selectedIds} />
      {error && (
        <p className="cc-import-alert cc-ts-alert" role="alert">
          {formatError(error)}
        </p>
      )}
      <div className="cc-workspace">
        <section className="cc-ts-area" aria-label={t('view.timeSeries')}>
          {noGroups ? (
            <p className="cc-ts-empty" data-testid="ts-empty">
              {t('ts.noGroups')}
            </p>
          ) : (
            <>
              <div className="cc-ts-legend" aria-label={t('ts.legend')} data-testid="ts-legend">
                <span className="cc-ts-legend-title">{t('ts.legend')}</span>
                {legend.map((entry) => (
                  <LegendItem key={entry.kind === 'flag' ? entry.code : entry.kind} entry={entry} />
                ))}
                <span className="cc-ts-hint">{t('ts.hint')}</span>
              </div>
              {seriesGroup === group && series && plotted.points.length === 0 && !loading && (
                <p className="cc-ts-empty" data-testid="ts-empty">
                  {t('ts.empty')}
                </p>
              )}
              <TimeSeriesChart
                points={plotted.points}
                measure={measure}
                yScale={yScale}
                selectedIds={selectedIds}
                brush={brush}
                currentId={currentId}
                label={t('ts.chartLabel', { group: group ?? '' })}
                onSelect={(ids, range) => ts.select(ids, range)}
                onOpen={(id) => void openFromPlot(id)}
              />
            </>
          )}
        </section>
        <SamplePanel />
      </div>
    </main>
  );
}

function LegendItem({ entry }: { entry: LegendEntry }) {
  const t = useT();
  const colour = flagColour(entry.kind === 'flag' ? entry.code : null);
  const text = entry.kind === 'flag' ? null : t(entry.kind === 'other' ? 'ts.otherFlags' : 'flag.none');
  return (
    <span className="cc-ts-legend-item" data-legend={entry.kind === 'flag' ? entry.code : entry.kind}>
      {entry.kind === 'flag' ? (
        <FlagChip flag={{ scheme: 'L20', code: entry.code }} withLabel />
      ) : (
        <>
          <svg className="cc-ts-swatch" viewBox="0 0 12 12" aria-hidden="true">
            <circle cx="6" cy="6" r="4.5" fill={colour.fill} stroke={colour.stroke} />
          </svg>
          {text}
        </>
      )}
    </span>
  );
}

/** "N samples selected — Flag ▾ / Approve / Clear" for the brushed samples. */
function SelectionBar({ ids }: { ids: string[] }) {
  const t = useT();
  const busy = useReviewStore((s) => s.busy);
  const request = useReviewStore((s) => s.request);
  const readOnly = useAppStore((s) => s.status?.library.readOnly ?? true);
  if (ids.length === 0) return null;
  const disabled = busy || readOnly;
  return (
    <div className="cc-bulk-bar cc-ts-selection" role="toolbar" aria-label={t('ts.selectionLabel')} data-testid="ts-selection-bar">
      <span className="cc-ts-selected" data-testid="ts-selected-count">
        {t.plural('ts.selected', ids.length)}
      </span>
      <div className="cc-bulk-actions" title={readOnly ? t('bulk.readOnly') : undefined}>
        <FlagMenu disabled={disabled} onChoose={(code) => void request({ kind: 'flag', code }, { kind: 'ids', ids }, { prompt: true })} />
        <button type="button" className="cc-button cc-button-compact" disabled={disabled} onClick={() => void request({ kind: 'approve' }, { kind: 'ids', ids })} data-testid="ts-approve">
          {t('bulk.approve')}
        </button>
        <button type="button" className="cc-button cc-button-compact cc-button-quiet" onClick={() => timeSeriesStore.getState().clearSelection()} data-testid="ts-clear">
          {t('ts.clear')}
        </button>
      </div>
    </div>
  );
}
