/** A 1-D histogram (HistogramPayload) on a canvas, x axis in data units of its transform, counts on a linear y axis. */
import { useEffect, useMemo, useRef } from 'react';
import type { HistogramPayload } from '../../shared/api/contract.js';
import { formatCount } from '../format/format-values.js';
import { useT } from '../i18n/use-i18n.js';
import { levelCss } from './colormap.js';
import type { AxisScale } from './plot-geometry.js';
import { asAxisTransform, axisScale } from './plot-geometry.js';
import type { Tick } from './ticks.js';
import { axisTicks, formatLinearTick, niceTicks } from './ticks.js';

export interface HistogramProps {
  histogram: HistogramPayload;
  /** CSS pixels of the whole figure. Default 340 × 220. */
  width?: number;
  height?: number;
  /** A particle's value to mark (data units). */
  highlight?: number | null;
  busy?: boolean;
  testId?: string;
}

const MARGIN = { left: 58, right: 12, top: 10, bottom: 42 } as const;
const BAR_COLOUR = levelCss(90, 255);
const MARK_COLOUR = '#e8175d';

interface Layout {
  x: AxisScale;
  xTicks: Tick[];
  yTicks: { value: number; label: string }[];
  yMax: number;
  top: number;
  plotH: number;
}

function layout(h: HistogramPayload, width: number, height: number): Layout {
  const transform = asAxisTransform(h.transform);
  const plotW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const plotH = Math.max(10, height - MARGIN.top - MARGIN.bottom);
  const yValues = niceTicks(0, Math.max(1, h.max), Math.max(2, Math.round(plotH / 45)));
  const step = yValues.length > 1 ? (yValues[1] as number) - (yValues[0] as number) : 1;
  const yMax = Math.max(1, h.max, yValues.at(-1) ?? 1);
  return {
    x: axisScale(transform, h.range, MARGIN.left, plotW),
    xTicks: axisTicks(transform, h.range, { target: Math.max(3, Math.round(plotW / 70)), minLabelGap: 44 / plotW }),
    yTicks: yValues.map((v) => ({ value: v, label: formatLinearTick(v, step) })),
    yMax,
    top: MARGIN.top,
    plotH,
  };
}

export function Histogram({ histogram, width = 340, height = 220, highlight = null, busy = false, testId = 'histogram' }: HistogramProps) {
  const t = useT();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const result = useMemo((): { ok: true; value: Layout } | { ok: false; message: string } => {
    try {
      return { ok: true, value: layout(histogram, width, height) };
    } catch (err) {
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  }, [histogram, width, height]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !result.ok) return;
    const { x, yMax, top, plotH } = result.value;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const n = histogram.counts.length;
    if (n === 0) return;
    const barW = x.length / n;
    ctx.fillStyle = BAR_COLOUR;
    for (let i = 0; i < n; i++) {
      const c = histogram.counts[i] ?? 0;
      if (c <= 0) continue;
      const h = Math.max(1, (c / yMax) * plotH);
      ctx.fillRect(x.start + i * barW, top + plotH - h, Math.max(1, barW - (barW > 3 ? 0.5 : 0)), h);
    }
  }, [result, histogram, width, height]);

  if (!result.ok) {
    return (
      <div className="cc-plot-error" role="alert" data-testid={testId}>
        {t('plots.cannotDrawHistogram', { message: result.message })}
      </div>
    );
  }
  const { x, xTicks, yTicks, yMax, top, plotH } = result.value;
  const bottom = top + plotH;
  const yPixel = (v: number) => bottom - (v / yMax) * plotH;
  const markX = highlight !== null ? x.dataToPixel(highlight) : Number.NaN;
  const markInside = Number.isFinite(markX) && markX >= x.start && markX <= x.start + x.length;
  const outside = histogram.outOfRange + histogram.outOfDomain + histogram.nonFinite;

  return (
    <figure className={`cc-histogram${busy ? ' cc-plot-busy' : ''}`} data-testid={testId}>
      <div className="cc-plot-stack" style={{ width, height }}>
        <canvas ref={canvasRef} className="cc-plot-canvas" style={{ width, height }} aria-hidden="true" />
        <svg className="cc-plot-overlay" width={width} height={height} role="img" aria-label={t('plots.histogramLabel', { label: histogram.label })}>
          <rect className="cc-plot-frame" x={x.start} y={top} width={x.length} height={plotH} />
          {xTicks.map((t) => {
            const px = x.displayToPixel(t.display);
            return (
              <g key={`x${t.value}`}>
                <line className="cc-plot-tick" x1={px} x2={px} y1={bottom} y2={bottom + (t.label ? 5 : 3)} />
                {t.label && (
                  <text className="cc-plot-tick-label" x={px} y={bottom + 16} textAnchor="middle">
                    {t.label}
                  </text>
                )}
              </g>
            );
          })}
          {yTicks.map((t) => (
            <g key={`y${t.value}`}>
              <line className="cc-plot-tick" x1={x.start - 5} x2={x.start} y1={yPixel(t.value)} y2={yPixel(t.value)} />
              <text className="cc-plot-tick-label" x={x.start - 7} y={yPixel(t.value)} dy="0.32em" textAnchor="end">
                {t.label}
              </text>
            </g>
          ))}
          <text className="cc-plot-axis-title" x={x.start + x.length / 2} y={height - 6} textAnchor="middle">
            {histogram.label}
          </text>
          <text className="cc-plot-axis-title" transform={`translate(13 ${top + plotH / 2}) rotate(-90)`} textAnchor="middle">
            {t('plots.events')}
          </text>
          {markInside && <line data-testid="histogram-marker" x1={markX} x2={markX} y1={top} y2={bottom} stroke={MARK_COLOUR} strokeWidth={2} strokeDasharray="4 3" />}
        </svg>
      </div>
      <figcaption className="cc-plot-legend">
        <span className="cc-plot-legend-text cc-muted">
          {t('plots.shown', { binned: formatCount(histogram.binned), total: formatCount(histogram.total) })}
          {outside > 0 ? `; ${t('plots.outsideOrNotPlottable', { count: formatCount(outside) })}` : ''}
        </span>
      </figcaption>
    </figure>
  );
}
