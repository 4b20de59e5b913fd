/**
 * A density cytogram on a 2-D canvas (not WebGL, so many can sit side by side): bins coloured by level through
 * viridis, sparse bins as dots, axes in data units in an SVG overlay. Dragging draws a rectangle, reported in data
 * units; a highlighted particle is drawn as a crosshair. An optional overlay (the gate layer) is drawn on top with
 * the plot's axis scales; it gets the pointer first and leaves to the rectangle drag what it does not take.
 */
import type { PointerEvent as ReactPointerEvent, ReactNode } from 'react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DensityPayload } from '../../shared/api/contract.js';
import { formatCount } from '../format/format-values.js';
import { useT } from '../i18n/use-i18n.js';
import { base64ToBytes, base64ToUint32LE } from './base64.js';
import { densityPixels, levelCss, viridisGradientCss } from './colormap.js';
import { densitySummary, legendStops } from './density-legend.js';
import type { AxisScale, DataRect, PixelPoint } from './plot-geometry.js';
import { asAxisTransform, axisScale, clampToAxis, dataRectToPixels, dotPoints, pixelRectToData } from './plot-geometry.js';
import type { Tick } from './ticks.js';
import { axisTicks } from './ticks.js';

export interface CytogramProps {
  density: DensityPayload;
  /** CSS pixels of the whole figure (axes included). Default 340 × 320. */
  width?: number;
  height?: number;
  /** A particle to mark, in data units of the two axes. */
  highlight?: { x: number; y: number } | null;
  /** A rectangle to outline (the region drawn last), in data units. */
  region?: DataRect | null;
  /** Called with the rectangle dragged out, in data units (low end first on each axis). */
  onRegion?: (region: DataRect) => void;
  /** Dims the plot (a new one is loading). */
  busy?: boolean;
  testId?: string;
  /** Drawn over the plot with its axis scales (pixels ↔ display ↔ data), topmost. */
  overlay?: ((scales: { x: AxisScale; y: AxisScale }) => ReactNode) | undefined;
}

export const CYTOGRAM_MARGIN = { left: 58, right: 12, top: 10, bottom: 42 } as const;
const DOT_COLOUR = levelCss(1, 2); // the colour of the fewest events
const MARK_COLOUR = '#e8175d';
const MIN_DRAG = 4;

interface Decoded {
  levels: Uint8Array;
  dotBins: Uint32Array;
  dotCounts: Uint8Array;
  x: AxisScale;
  y: AxisScale;
  xTicks: Tick[];
  yTicks: Tick[];
  /** Most events in one dot bin. */
  dotMax: number;
}

function decode(density: DensityPayload, width: number, height: number): Decoded {
  const m = CYTOGRAM_MARGIN;
  const xTransform = asAxisTransform(density.x.transform);
  const yTransform = asAxisTransform(density.y.transform);
  const plotW = Math.max(10, width - m.left - m.right);
  const plotH = Math.max(10, height - m.top - m.bottom);
  const dotCounts = base64ToBytes(density.dotCounts);
  let dotMax = 0;
  for (const c of dotCounts) dotMax = Math.max(dotMax, c);
  return {
    levels: base64ToBytes(density.levels),
    dotBins: base64ToUint32LE(density.dotBins),
    dotCounts,
    dotMax,
    x: axisScale(xTransform, density.x.range, m.left, plotW),
    y: axisScale(yTransform, density.y.range, m.top, plotH, true),
    xTicks: axisTicks(xTransform, density.x.range, { target: Math.max(3, Math.round(plotW / 70)), minLabelGap: 44 / plotW }),
    yTicks: axisTicks(yTransform, density.y.range, { target: Math.max(3, Math.round(plotH / 50)), minLabelGap: 18 / plotH }),
  };
}

function draw(canvas: HTMLCanvasElement, density: DensityPayload, d: Decoded, width: number, height: number): void {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(d.x.start, d.y.start, d.x.length, d.y.length);
  const { nx, ny } = density;
  if (d.levels.length === nx * ny && nx > 0 && ny > 0) {
    const grid = document.createElement('canvas');
    grid.width = nx;
    grid.height = ny;
    const gctx = grid.getContext('2d');
    if (gctx) {
      const image = gctx.createImageData(nx, ny);
      image.data.set(densityPixels(d.levels, nx, ny, Math.max(1, density.levelCount)));
      gctx.putImageData(image, 0, 0);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(grid, d.x.start, d.y.start, d.x.length, d.y.length);
    }
  }
  ctx.fillStyle = DOT_COLOUR;
  const radius = Math.max(0.8, Math.min(1.6, d.x.length / nx / 1.5));
  ctx.beginPath();
  for (let i = 0; i < d.dotBins.length; i++) {
    for (const p of dotPoints(d.dotBins[i] as number, d.dotCounts[i] ?? 1, nx, ny, d.x, d.y)) {
      ctx.moveTo(p.x + radius, p.y);
      ctx.arc(p.x, p.y, radius, 0, Math.PI * 2);
    }
  }
  ctx.fill();
}

function localPoint(event: ReactPointerEvent<SVGSVGElement>): PixelPoint {
  const box = event.currentTarget.getBoundingClientRect();
  return { x: event.clientX - box.left, y: event.clientY - box.top };
}

export function Cytogram({ density, width = 340, height = 320, highlight = null, region = null, onRegion, busy = false, testId = 'cytogram', overlay }: CytogramProps) {
  const t = useT();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [drag, setDrag] = useState<{ a: PixelPoint; b: PixelPoint } | null>(null);
  const decoded = useMemo((): { ok: true; value: Decoded } | { ok: false; message: string } => {
    try {
      return { ok: true, value: decode(density, width, height) };
    } catch (err) {
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  }, [density, width, height]);

  useEffect(() => {
    if (canvasRef.current && decoded.ok) draw(canvasRef.current, density, decoded.value, width, height);
  }, [decoded, density, width, height]);

  if (!decoded.ok) {
    return (
      <div className="cc-plot-error" role="alert" data-testid={testId}>
        {t('plots.cannotDrawCytogram', { message: decoded.message })}
      </div>
    );
  }
  const d = decoded.value;
  const { x, y } = d;
  const plotRight = x.start + x.length;
  const plotBottom = y.start + y.length;

  const inPlot = (p: PixelPoint) => p.x >= x.start && p.x <= plotRight && p.y >= y.start && p.y <= plotBottom;
  const onPointerDown = (event: ReactPointerEvent<SVGSVGElement>) => {
    if (!onRegion || event.button !== 0) return;
    const p = localPoint(event);
    if (!inPlot(p)) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag({ a: p, b: p });
  };
  const onPointerMove = (event: ReactPointerEvent<SVGSVGElement>) => {
    if (!drag) return;
    const p = localPoint(event);
    setDrag({ a: drag.a, b: { x: clampToAxis(x, p.x), y: clampToAxis(y, p.y) } });
  };
  const onPointerUp = (event: ReactPointerEvent<SVGSVGElement>) => {
    if (!drag) return;
    const p = localPoint(event);
    setDrag(null);
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
    if (Math.abs(p.x - drag.a.x) >= MIN_DRAG && Math.abs(p.y - drag.a.y) >= MIN_DRAG) onRegion?.(pixelRectToData(x, y, drag.a, p));
  };

  const regionBox = region ? dataRectToPixels(x, y, region) : null;
  const mark = highlight ? { px: x.dataToPixel(highlight.x), py: y.dataToPixel(highlight.y) } : null;
  const markInside = mark && Number.isFinite(mark.px) && Number.isFinite(mark.py) && inPlot({ x: mark.px, y: mark.py });
  const stops = legendStops(density.max, density.levelCount);

  return (
    <figure className={`cc-cytogram${busy ? ' cc-plot-busy' : ''}`} data-testid={testId}>
      <div className="cc-plot-stack" style={{ width, height }}>
        <canvas ref={canvasRef} className="cc-plot-canvas" style={{ width, height }} aria-hidden="true" />
        <svg
          className={`cc-plot-overlay${onRegion ? ' cc-plot-drawable' : ''}`}
          width={width}
          height={height}
          role="img"
          aria-label={t('plots.cytogramLabel', { y: density.y.label, x: density.x.label })}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => setDrag(null)}
        >
          <rect className="cc-plot-frame" x={x.start} y={y.start} width={x.length} height={y.length} />
          {d.xTicks.map((t) => {
            const px = x.displayToPixel(t.display);
            return (
              <g key={`x${t.value}`}>
                <line className="cc-plot-tick" x1={px} x2={px} y1={plotBottom} y2={plotBottom + (t.label ? 5 : 3)} />
                {t.label && (
                  <text className="cc-plot-tick-label" x={px} y={plotBottom + 16} textAnchor="middle">
                    {t.label}
                  </text>
                )}
              </g>
            );
          })}
          {d.yTicks.map((t) => {
            const py = y.displayToPixel(t.display);
            return (
              <g key={`y${t.value}`}>
                <line className="cc-plot-tick" x1={x.start - (t.label ? 5 : 3)} x2={x.start} y1={py} y2={py} />
                {t.label && (
                  <text className="cc-plot-tick-label" x={x.start - 7} y={py} dy="0.32em" textAnchor="end">
                    {t.label}
                  </text>
                )}
              </g>
            );
          })}
          <text className="cc-plot-axis-title" x={x.start + x.length / 2} y={height - 6} textAnchor="middle">
            {density.x.label}
          </text>
          <text
            className="cc-plot-axis-title"
            transform={`translate(13 ${y.start + y.length / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            {density.y.label}
          </text>
          {regionBox && (
            <rect className="cc-plot-region" data-testid="cytogram-region" x={regionBox.left} y={regionBox.top} width={regionBox.width} height={regionBox.height} />
          )}
          {drag && (
            <rect
              className="cc-plot-drag"
              x={Math.min(drag.a.x, drag.b.x)}
              y={Math.min(drag.a.y, drag.b.y)}
              width={Math.abs(drag.b.x - drag.a.x)}
              height={Math.abs(drag.b.y - drag.a.y)}
            />
          )}
          {mark && markInside && (
            <g className="cc-plot-marker" data-testid="cytogram-marker" stroke={MARK_COLOUR}>
              <line x1={x.start} x2={plotRight} y1={mark.py} y2={mark.py} strokeDasharray="3 3" />
              <line x1={mark.px} x2={mark.px} y1={y.start} y2={plotBottom} strokeDasharray="3 3" />
              <circle cx={mark.px} cy={mark.py} r={5} fill="none" strokeWidth={2} />
            </g>
          )}
          {overlay?.({ x, y })}
        </svg>
      </div>
      <figcaption className="cc-plot-legend">
        {stops.length > 0 && (
          <span className="cc-plot-colorbar-wrap">
            <span className="cc-plot-colorbar" style={{ background: viridisGradientCss() }} aria-hidden="true" />
            <span className="cc-plot-colorbar-labels">
              {stops.map((s) => (
                <span key={s.level} style={{ left: `${s.at * 100}%` }}>
                  {formatCount(s.count)}
                </span>
              ))}
            </span>
          </span>
        )}
        <span className="cc-plot-legend-text">
          {t('plots.eventsPerBin')}
          {d.dotMax > 0 ? `; ${d.dotMax > 1 ? t('plots.dotsRange', { max: d.dotMax }) : t('plots.dotsOne')}` : ''}
          {mark && !markInside ? `; ${t('plots.offPlot')}` : ''}
        </span>
        <span className="cc-plot-legend-text cc-muted">{densitySummary(density, formatCount, t)}</span>
      </figcaption>
    </figure>
  );
}
