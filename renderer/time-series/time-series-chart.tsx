/**
 * The plot: one point per sample over UTC time (value = count or abundance), joined by a faint line, coloured
 * by L20 flag like the table's chips. Hover shows the sample; a click (or Enter on a focused point) opens it;
 * dragging across the plot selects the samples in that time range; a click on empty space clears it. SVG.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';
import { formatUtcTime } from '../format/format-values.js';
import type { MessageKey } from '../i18n/en.js';
import { useT } from '../i18n/use-i18n.js';
import { FlagChip } from '../components/review/flag-chip.js';
import { clampPixel, isBrush, orderedRange, pointsInTimeRange } from './brush.js';
import { flagColour } from './flag-colour.js';
import { formatMeasureValue } from './format-point.js';
import { formatTickValue, linearScale, linearTicks, logScale, logTicks, valueDomain } from './scales.js';
import type { YScaleKind } from './scales.js';
import type { Measure, PlotPoint } from './series-points.js';
import { timeDomain, utcTimeTicks } from './time-ticks.js';

const margin = { top: 14, right: 20, bottom: 50, left: 70 };
const focusablePoints = 500;

export interface TimeSeriesChartProps {
  points: PlotPoint[];
  measure: Measure;
  yScale: YScaleKind;
  selectedIds: readonly string[];
  brush: [number, number] | null;
  currentId: string | null;
  label: string;
  onSelect(ids: string[], brush: [number, number] | null): void;
  onOpen(id: string): void;
}

function useSize<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, size] as const;
}

export function TimeSeriesChart({ points, measure, yScale, selectedIds, brush, currentId, label, onSelect, onOpen }: TimeSeriesChartProps) {
  const t = useT();
  const [wrapRef, size] = useSize<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const [hovered, setHovered] = useState<PlotPoint | null>(null);
  const drag = useRef<{ startX: number; pointId: string | null; pointerId: number } | null>(null);
  const [dragRange, setDragRange] = useState<[number, number] | null>(null);

  const width = Math.max(size.width, 320);
  const height = Math.max(size.height, 240);
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;

  const { x, y, xTicks, yTicks } = useMemo(() => {
    const xd = timeDomain(points.map((p) => p.t)) ?? [Date.now() - 86_400_000, Date.now()];
    const yd = valueDomain(
      points.map((p) => p.value),
      yScale,
    ) ?? (yScale === 'log' ? [1, 10] : [0, 1]);
    const x = linearScale(xd, [margin.left, margin.left + plotW]);
    const y = (yScale === 'log' ? logScale : linearScale)(yd, [margin.top + plotH, margin.top]);
    const xTicks = utcTimeTicks(xd[0], xd[1], Math.max(2, Math.floor(plotW / 110)));
    const yTicks = yScale === 'log' ? logTicks(yd[0], yd[1]) : linearTicks(yd[0], yd[1], Math.max(2, Math.floor(plotH / 50)));
    return { x, y, xTicks, yTicks };
  }, [points, yScale, plotW, plotH]);

  const selected = useMemo(() => new Set(selectedIds), [selectedIds]);
  const linePath = useMemo(
    () => points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.t).toFixed(1)},${y(p.value).toFixed(1)}`).join(''),
    [points, x, y],
  );
  // Selected points, and the open sample, are drawn last (on top).
  const ordered = useMemo(() => {
    const rank = (p: PlotPoint) => (p.sampleId === currentId ? 2 : selected.has(p.sampleId) ? 1 : 0);
    return [...points].sort((a, b) => rank(a) - rank(b));
  }, [points, selected, currentId]);

  const pointerX = (e: ReactPointerEvent) => {
    const rect = svgRef.current?.getBoundingClientRect();
    return rect ? e.clientX - rect.left : 0;
  };
  const inPlot = (e: ReactPointerEvent) => {
    const rect = svgRef.current?.getBoundingClientRect();
    if (!rect) return false;
    const px = e.clientX - rect.left;
    const py = e.clientY - rect.top;
    return px >= margin.left - 6 && px <= margin.left + plotW + 6 && py >= margin.top - 6 && py <= margin.top + plotH + 6;
  };

  const onPointerDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (e.button !== 0 || !inPlot(e)) return;
    const target = e.target instanceof Element ? e.target.closest('[data-sample-id]') : null;
    drag.current = { startX: clampPixel(pointerX(e), margin.left, margin.left + plotW), pointId: target?.getAttribute('data-sample-id') ?? null, pointerId: e.pointerId };
    svgRef.current?.setPointerCapture(e.pointerId);
    e.preventDefault();
  };
  const onPointerMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d) return;
    const px = clampPixel(pointerX(e), margin.left, margin.left + plotW);
    if (isBrush(d.startX, px)) {
      setHovered(null);
      setDragRange(orderedRange(d.startX, px));
    } else setDragRange(null);
  };
  const onPointerUp = (e: ReactPointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    drag.current = null;
    setDragRange(null);
    if (!d) return;
    if (svgRef.current?.hasPointerCapture(d.pointerId)) svgRef.current.releasePointerCapture(d.pointerId);
    const px = clampPixel(pointerX(e), margin.left, margin.left + plotW);
    if (isBrush(d.startX, px)) {
      const [lo, hi] = orderedRange(x.invert(d.startX), x.invert(px));
      onSelect(pointsInTimeRange(points, lo, hi), [lo, hi]);
    } else if (d.pointId) {
      onOpen(d.pointId);
    } else {
      onSelect([], null);
    }
  };

  const band = dragRange ?? (brush ? orderedRange(clampPixel(x(brush[0]), margin.left, margin.left + plotW), clampPixel(x(brush[1]), margin.left, margin.left + plotW)) : null);
  const hoveredFlagLabel = hovered?.flag ? t(`flag.L20.${hovered.flag}` as MessageKey) : t('flag.none');
  const tipLeft = hovered ? x(hovered.t) : 0;
  const tipTop = hovered ? y(hovered.value) : 0;
  const tipOnLeft = tipLeft > width - 260;

  return (
    <div className="cc-ts-chart" ref={wrapRef} data-testid="ts-chart">
      <svg
        ref={svgRef}
        width={width}
        height={height}
        role="img"
        aria-label={label}
        className={dragRange ? 'cc-ts-svg cc-ts-brushing' : 'cc-ts-svg'}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          drag.current = null;
          setDragRange(null);
        }}
        data-testid="ts-svg"
      >
        <rect className="cc-ts-plot-bg" x={margin.left} y={margin.top} width={plotW} height={plotH} data-testid="ts-plot-area" />
        <g className="cc-ts-grid" aria-hidden="true">
          {yTicks.map((v) => (
            <line key={`gy${v}`} x1={margin.left} x2={margin.left + plotW} y1={y(v)} y2={y(v)} />
          ))}
          {xTicks.map((tick) => (
            <line key={`gx${tick.time}`} x1={x(tick.time)} x2={x(tick.time)} y1={margin.top} y2={margin.top + plotH} />
          ))}
        </g>
        {band && <rect className="cc-ts-brush" x={band[0]} y={margin.top} width={Math.max(1, band[1] - band[0])} height={plotH} data-testid="ts-brush" />}
        <g className="cc-ts-axis" aria-hidden="true">
          <line x1={margin.left} x2={margin.left + plotW} y1={margin.top + plotH} y2={margin.top + plotH} />
          <line x1={margin.left} x2={margin.left} y1={margin.top} y2={margin.top + plotH} />
          {xTicks.map((tick) => (
            <g key={`tx${tick.time}`} transform={`translate(${x(tick.time)},${margin.top + plotH})`} data-testid="ts-x-tick">
              <line y2={5} />
              <text y={17} textAnchor="middle">
                {tick.label}
              </text>
              {tick.context && (
                <text y={30} textAnchor="middle" className="cc-ts-tick-context">
                  {tick.context}
                </text>
              )}
            </g>
          ))}
          {yTicks.map((v) => (
            <g key={`ty${v}`} transform={`translate(${margin.left},${y(v)})`}>
              <line x2={-5} />
              <text x={-8} dy="0.32em" textAnchor="end">
                {formatTickValue(v)}
              </text>
            </g>
          ))}
          <text className="cc-ts-axis-title" x={margin.left + plotW / 2} y={height - 4} textAnchor="middle">
            {t('ts.axisTime')}
          </text>
          <text className="cc-ts-axis-title" transform={`translate(14,${margin.top + plotH / 2}) rotate(-90)`} textAnchor="middle">
            {t(measure === 'count' ? 'ts.count' : 'ts.abundance')}
            {yScale === 'log' ? ` (${t('ts.log')})` : ''}
          </text>
        </g>
        {points.length > 1 && <path className="cc-ts-line" d={linePath} aria-hidden="true" />}
        <g className="cc-ts-points">
          {ordered.map((p) => {
            const colour = flagColour(p.flag);
            const isSelected = selected.has(p.sampleId);
            const isCurrent = p.sampleId === currentId;
            return (
              <circle
                key={p.sampleId}
                cx={x(p.t)}
                cy={y(p.value)}
                r={isCurrent ? 7 : isSelected ? 6 : 4.5}
                fill={colour.fill}
                stroke={isCurrent ? '#1f6f8b' : isSelected ? '#1d2327' : colour.stroke}
                strokeWidth={isCurrent || isSelected ? 2 : 1}
                className="cc-ts-point"
                data-sample-id={p.sampleId}
                data-flag={p.flag ?? 'none'}
                data-selected={isSelected ? 'true' : undefined}
                data-fill={colour.fill}
                tabIndex={points.length <= focusablePoints ? 0 : undefined}
                role={points.length <= focusablePoints ? 'button' : undefined}
                aria-label={`${p.name}, ${formatUtcTime(p.time)} UTC, ${formatMeasureValue(p.value, measure)}`}
                onPointerEnter={() => !drag.current && setHovered(p)}
                onPointerLeave={() => setHovered((h) => (h?.sampleId === p.sampleId ? null : h))}
                onFocus={() => setHovered(p)}
                onBlur={() => setHovered(null)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onOpen(p.sampleId);
                  }
                }}
              />
            );
          })}
        </g>
      </svg>
      {hovered && (
        <div
          className="cc-ts-tooltip"
          role="tooltip"
          data-testid="ts-tooltip"
          style={{ left: tipOnLeft ? undefined : tipLeft + 12, right: tipOnLeft ? width - tipLeft + 12 : undefined, top: Math.max(4, tipTop - 12) }}
        >
          <div className="cc-ts-tooltip-name">{hovered.name}</div>
          <div className="cc-mono">{formatUtcTime(hovered.time)} UTC</div>
          <div>{t('ts.tooltipValue', { measure: t(measure === 'count' ? 'ts.count' : 'ts.abundance'), value: formatMeasureValue(hovered.value, measure) })}</div>
          <div className="cc-ts-tooltip-flag">
            {hovered.flag ? <FlagChip flag={{ scheme: 'L20', code: hovered.flag }} /> : null}
            <span>{hoveredFlagLabel}</span>
          </div>
        </div>
      )}
    </div>
  );
}
