/**
 * The gates of a cytogram, drawn over it in an SVG layer, and the mouse that edits them. Tools: Select (click a gate
 * to select it, drag it to move it, drag a handle to reshape it; a drag on empty space is left to the cytogram, which
 * draws its particle region), Rectangle and Ellipse (drag), Polygon (click the vertices; click the first vertex,
 * double-click or press Enter to close; Backspace removes the last vertex; Escape gives up). Delete or Backspace
 * deletes the selected gate. Gates are drawn in their set's colour with their name and live count; a gate of other
 * transforms than the plot's is converted through raw values for display only (gate-projection.ts).
 */
import type { KeyboardEvent as ReactKeyboardEvent, MouseEvent as ReactMouseEvent, PointerEvent as ReactPointerEvent } from 'react';
import { useId, useMemo, useRef, useState } from 'react';
import type { Gate } from '../../shared/gating/gate.js';
import { useT } from '../i18n/use-i18n.js';
import type { AxisScale, PixelPoint } from '../plots/plot-geometry.js';
import { clampToAxis } from '../plots/plot-geometry.js';
import type { PlotAxes } from './axis-match.js';
import { reshapeEllipse } from './ellipse-axes.js';
import type { DrawnGate } from './gate-drawing.js';
import { drawGate, gatePoint } from './gate-drawing.js';
import type { Point } from './gate-projection.js';
import { dragHandle, ellipseFromBox, normaliseRectangle, translateGate } from './gate-shapes.js';
import type { GateTool } from './gating-store.js';
import { hitTest } from './hit-test.js';
import { finishPolygon, polygonClick } from './polygon-drawing.js';
import type { GateGeometry } from './template-edit.js';

export interface GateLayerProps {
  x: AxisScale;
  y: AxisScale;
  /** The plot's axes: parameters and the transforms its density was binned with (new gates get these). */
  plotAxes: PlotAxes;
  gates: readonly Gate[];
  colourOf(gateId: string): string;
  /** Live count of a gate ("1,234 (12.3 %)"), when known. */
  countOf(gateId: string): string | null;
  selectedGateId: string | null;
  tool: GateTool;
  /** False on a read-only library: gates can be selected, not changed. */
  editable: boolean;
  onSelect(gateId: string | null): void;
  onChange(gate: Gate): void;
  onCreate(geometry: GateGeometry): void;
  onDelete(gateId: string): void;
}

/** Smallest drag (pixels, each way) that draws a rectangle or an ellipse. */
const MIN_DRAW = 4;
const HANDLE_SIZE = 7;

type Drag =
  | { kind: 'move'; gate: Gate; start: PixelPoint; moved: boolean }
  | { kind: 'handle'; gate: Gate; index: number }
  | { kind: 'draw'; tool: 'rectangle' | 'ellipse'; a: PixelPoint; b: PixelPoint };

function localPoint(event: ReactPointerEvent<SVGElement> | ReactMouseEvent<SVGElement>): PixelPoint {
  const svg = event.currentTarget.ownerSVGElement ?? event.currentTarget;
  const box = svg.getBoundingClientRect();
  return { x: event.clientX - box.left, y: event.clientY - box.top };
}

export function GateLayer(props: GateLayerProps) {
  const { x, y, plotAxes, gates, colourOf, countOf, selectedGateId, tool, editable, onSelect, onChange, onCreate, onDelete } = props;
  const t = useT();
  const clipId = useId();
  const drag = useRef<Drag | null>(null);
  const [dragView, setDragView] = useState<Drag | null>(null);
  const [polygon, setPolygon] = useState<PixelPoint[] | null>(null);
  const [pointer, setPointer] = useState<PixelPoint | null>(null);
  const [hoverPart, setHoverPart] = useState<'body' | 'handle' | null>(null);

  const drawn = useMemo(() => gates.map((g) => drawGate(g, plotAxes, x, y)).filter((d): d is DrawnGate => d !== null), [gates, plotAxes, x, y]);
  const shapes = useMemo(() => drawn.map((d) => d.shape), [drawn]);

  const plotRight = x.start + x.length;
  const plotBottom = y.start + y.length;
  const clamp = (p: PixelPoint): PixelPoint => ({ x: clampToAxis(x, p.x), y: clampToAxis(y, p.y) });
  /** Pixel → the plot's own display space (where a new gate is stored). */
  const toPlotDisplay = (p: PixelPoint): Point => ({ x: x.pixelToDisplay(p.x), y: y.pixelToDisplay(p.y) });
  const drawingTool = editable && tool !== 'select';

  const setDrag = (d: Drag | null) => {
    drag.current = d;
    setDragView(d);
  };

  const finishPolygonAt = (vertices: PixelPoint[]) => {
    const clean = finishPolygon(vertices);
    if (!clean) return false;
    setPolygon(null);
    onCreate({ type: 'polygon', x: plotAxes.x, y: plotAxes.y, vertices: clean.map(toPlotDisplay) });
    return true;
  };

  const onPointerDown = (event: ReactPointerEvent<SVGRectElement>) => {
    if (event.button !== 0) return;
    const p = localPoint(event);
    event.currentTarget.focus({ preventScroll: true });
    if (drawingTool) {
      event.stopPropagation();
      event.preventDefault();
      if (tool === 'polygon') {
        const at = clamp(p);
        const click = polygonClick(polygon ?? [], at);
        if (click.action === 'close') finishPolygonAt(click.vertices);
        else setPolygon(click.vertices);
        return;
      }
      event.currentTarget.setPointerCapture(event.pointerId);
      const at = clamp(p);
      setDrag({ kind: 'draw', tool: tool === 'ellipse' ? 'ellipse' : 'rectangle', a: at, b: at });
      return;
    }
    const hit = hitTest(shapes, p, { selectedId: selectedGateId });
    if (!hit) {
      // Empty space: deselect, and let the cytogram draw its particle region
      if (selectedGateId) onSelect(null);
      return;
    }
    event.stopPropagation();
    event.preventDefault();
    onSelect(hit.gateId);
    const target = drawn.find((d) => d.gate.id === hit.gateId);
    if (!editable || !target) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    if (hit.part === 'handle') setDrag({ kind: 'handle', gate: target.gate, index: hit.index });
    else setDrag({ kind: 'move', gate: target.gate, start: p, moved: false });
  };

  const onPointerMove = (event: ReactPointerEvent<SVGRectElement>) => {
    const p = localPoint(event);
    const d = drag.current;
    if (!d) {
      if (tool === 'polygon' && polygon) setPointer(clamp(p));
      else if (tool === 'select') {
        const hit = hitTest(shapes, p, { selectedId: selectedGateId });
        setHoverPart(hit ? hit.part : null);
      }
      return;
    }
    event.stopPropagation();
    if (d.kind === 'draw') {
      setDrag({ ...d, b: clamp(p) });
      return;
    }
    const current = drawn.find((g) => g.gate.id === d.gate.id);
    if (!current) return;
    if (d.kind === 'move') {
      if (!d.moved && Math.hypot(p.x - d.start.x, p.y - d.start.y) < 2) return;
      if (!d.moved) drag.current = { ...d, moved: true };
      const a = gatePoint(current, d.start, x, y);
      const b = gatePoint(current, clamp(p), x, y);
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      if (Number.isFinite(dx) && Number.isFinite(dy)) onChange(translateGate(d.gate, dx, current.along ? 0 : dy));
      return;
    }
    if (d.gate.type === 'ellipse' && current.projection) onChange(reshapeEllipse(d.gate, current.projection, d.index, clamp(p)));
    else onChange(dragHandle(d.gate, d.index, gatePoint(current, clamp(p), x, y)));
  };

  const endDrag = (event: ReactPointerEvent<SVGRectElement>) => {
    const d = drag.current;
    if (!d) return;
    event.stopPropagation();
    setDrag(null);
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
    if (d.kind !== 'draw') return;
    const b = clamp(localPoint(event));
    if (Math.abs(b.x - d.a.x) < MIN_DRAW || Math.abs(b.y - d.a.y) < MIN_DRAW) return;
    const da = toPlotDisplay(d.a);
    const db = toPlotDisplay(b);
    if (d.tool === 'rectangle') onCreate({ type: 'rectangle', x: plotAxes.x, y: plotAxes.y, ...normaliseRectangle(da, db) });
    else onCreate({ type: 'ellipse', x: plotAxes.x, y: plotAxes.y, ...ellipseFromBox(da, db) });
  };

  const cancel = () => {
    const d = drag.current;
    if (d && d.kind !== 'draw') onChange(d.gate); // back to where the drag started
    setDrag(null);
    setPolygon(null);
  };

  const onKeyDown = (event: ReactKeyboardEvent<SVGRectElement>) => {
    const handled = () => {
      event.preventDefault();
      event.stopPropagation();
    };
    if (event.key === 'Escape') {
      if (drag.current || polygon) cancel();
      else if (selectedGateId) onSelect(null);
      else return;
      handled();
    } else if (event.key === 'Enter' && polygon) {
      finishPolygonAt(polygon);
      handled();
    } else if (event.key === 'Backspace' && polygon) {
      setPolygon(polygon.length > 1 ? polygon.slice(0, -1) : null);
      handled();
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && selectedGateId && editable && !drag.current) {
      onDelete(selectedGateId);
      handled();
    }
  };

  const cursor = drawingTool ? 'crosshair' : dragView?.kind === 'move' ? 'grabbing' : hoverPart === 'handle' ? 'pointer' : hoverPart === 'body' && editable ? 'move' : undefined;
  const preview = dragView?.kind === 'draw' ? dragView : null;

  return (
    <g className="cc-gate-layer" data-tool={tool}>
      <defs>
        <clipPath id={clipId}>
          <rect x={x.start} y={y.start} width={x.length} height={y.length} />
        </clipPath>
      </defs>
      <g clipPath={`url(#${clipId})`} pointerEvents="none">
        {drawn.map((d) => {
          const colour = colourOf(d.gate.id);
          const selected = d.gate.id === selectedGateId;
          return (
            <path
              key={d.gate.id}
              className={`cc-gate-shape${selected ? ' cc-gate-selected' : ''}`}
              d={d.path}
              stroke={colour}
              fill={colour}
              data-testid="gate-shape"
              data-gate-id={d.gate.id}
              data-gate-name={d.gate.name}
              data-gate-type={d.gate.type}
              data-selected={selected ? 'true' : 'false'}
            />
          );
        })}
        {drawn.map((d) => {
          const count = countOf(d.gate.id);
          const lx = Math.min(Math.max(d.label.x, x.start + 2), plotRight - 40);
          const ly = Math.min(Math.max(d.label.y - 4, y.start + 11), plotBottom - 4);
          return (
            <text key={`label-${d.gate.id}`} className="cc-gate-label" x={lx} y={ly} fill={colourOf(d.gate.id)} data-testid="gate-label" data-gate-id={d.gate.id}>
              {d.gate.name}
              {count ? ` · ${count}` : ''}
            </text>
          );
        })}
        {editable &&
          drawn
            .filter((d) => d.gate.id === selectedGateId)
            .flatMap((d) =>
              d.shape.handles.map((h) => (
                <rect
                  key={`handle-${d.gate.id}-${h.index}`}
                  className="cc-gate-handle"
                  x={h.at.x - HANDLE_SIZE / 2}
                  y={h.at.y - HANDLE_SIZE / 2}
                  width={HANDLE_SIZE}
                  height={HANDLE_SIZE}
                  stroke={colourOf(d.gate.id)}
                  data-testid="gate-handle"
                />
              )),
            )}
        {preview &&
          (preview.tool === 'rectangle' ? (
            <rect
              className="cc-gate-draft"
              x={Math.min(preview.a.x, preview.b.x)}
              y={Math.min(preview.a.y, preview.b.y)}
              width={Math.abs(preview.b.x - preview.a.x)}
              height={Math.abs(preview.b.y - preview.a.y)}
            />
          ) : (
            <ellipse
              className="cc-gate-draft"
              cx={(preview.a.x + preview.b.x) / 2}
              cy={(preview.a.y + preview.b.y) / 2}
              rx={Math.abs(preview.b.x - preview.a.x) / 2}
              ry={Math.abs(preview.b.y - preview.a.y) / 2}
            />
          ))}
        {polygon && (
          <g className="cc-gate-polygon-draft" data-testid="polygon-draft" data-vertices={polygon.length}>
            <polyline className="cc-gate-draft" points={[...polygon, ...(pointer ? [pointer] : [])].map((p) => `${p.x},${p.y}`).join(' ')} />
            {polygon.map((p, i) => (
              <circle key={i} className={i === 0 && polygon.length >= 3 ? 'cc-gate-vertex cc-gate-vertex-first' : 'cc-gate-vertex'} cx={p.x} cy={p.y} r={i === 0 ? 4.5 : 3} />
            ))}
          </g>
        )}
      </g>
      <rect
        className="cc-gate-capture"
        x={x.start}
        y={y.start}
        width={x.length}
        height={y.length}
        fill="transparent"
        pointerEvents="all"
        tabIndex={0}
        role="application"
        aria-label={t('gating.layerLabel', { tool: t(`gating.tool.${tool}`) })}
        style={cursor ? { cursor } : undefined}
        data-testid="gate-layer"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={cancel}
        onPointerLeave={() => setHoverPart(null)}
        onDoubleClick={(e) => {
          if (tool === 'polygon' && polygon) {
            e.stopPropagation();
            finishPolygonAt(polygon);
          }
        }}
        onKeyDown={onKeyDown}
      />
    </g>
  );
}
