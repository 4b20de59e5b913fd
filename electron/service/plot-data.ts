/** Density grids and histograms from a sample's stored columns: the events stay here, only the grid leaves. */
import type { z } from 'zod';
import type { DensityPayload, HistogramPayload, plotAxisSchema } from '../../shared/api/contract.js';
import { CurationError } from '../../shared/api/errors.js';
import { axisParameterLabel, ratioValues } from '../../shared/gating/axes/axis-parameter.js';
import type { AxisTransform } from '../../shared/gating/axes/axis-transform.js';
import { axisTransformProblem } from '../../shared/gating/axes/axis-transform.js';
import { binDensity2d } from '../../shared/plots/density-2d.js';
import { densityImage } from '../../shared/plots/density-image.js';
import { binHistogram1d } from '../../shared/plots/histogram-1d.js';
import type { EventStore } from '../library/event-store.js';

type PlotAxis = z.output<typeof plotAxisSchema>;

function values(store: EventStore, sampleId: string, axis: PlotAxis): Float32Array {
  const p = axis.parameter;
  if (p.type === 'single') return store.column(sampleId, p.column);
  return ratioValues(store.column(sampleId, p.numerator), store.column(sampleId, p.denominator)).values;
}

function checkTransform(t: AxisTransform, field: string): void {
  const problem = axisTransformProblem(t);
  if (problem) throw new CurationError({ code: 'invalid-request', field: `${field}.transform.${problem.field}`, message: problem.message });
}

function base64(bytes: ArrayBufferView): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function densityFor(store: EventStore, req: { sampleId: string; x: PlotAxis; y: PlotAxis; bins: number; set: string | null }): DensityPayload {
  checkTransform(req.x.transform, 'x');
  checkTransform(req.y.transform, 'y');
  const x = values(store, req.sampleId, req.x);
  const y = values(store, req.sampleId, req.y);
  const mask = req.set ? store.setMask(req.sampleId, req.set) : undefined;
  const grid = binDensity2d({
    x,
    y,
    xAxis: { transform: req.x.transform, range: req.x.range ?? 'auto' },
    yAxis: { transform: req.y.transform, range: req.y.range ?? 'auto' },
    bins: req.bins,
    ...(mask ? { mask } : {}),
  });
  const image = densityImage(grid);
  return {
    nx: image.nx,
    ny: image.ny,
    levels: base64(image.levels),
    levelCount: image.levelCount,
    max: image.max,
    dotBins: base64(Uint32Array.from(image.dotBins)),
    dotCounts: base64(image.dotCounts),
    x: { label: axisParameterLabel(req.x.parameter), transform: image.x.transform, range: [image.x.range[0], image.x.range[1]], bins: image.x.bins },
    y: { label: axisParameterLabel(req.y.parameter), transform: image.y.transform, range: [image.y.range[0], image.y.range[1]], bins: image.y.bins },
    total: image.total,
    binned: image.binned,
    nonFinite: image.nonFinite,
    outOfDomain: image.outOfDomain,
    outOfRange: image.outOfRange,
  };
}

export function histogramFor(store: EventStore, req: { sampleId: string; axis: PlotAxis; bins: number; set: string | null }): HistogramPayload {
  checkTransform(req.axis.transform, 'axis');
  const v = values(store, req.sampleId, req.axis);
  const mask = req.set ? store.setMask(req.sampleId, req.set) : undefined;
  const h = binHistogram1d({ values: v, axis: { transform: req.axis.transform, range: req.axis.range ?? 'auto' }, bins: req.bins, ...(mask ? { mask } : {}) });
  return {
    label: axisParameterLabel(req.axis.parameter),
    counts: Array.from(h.counts),
    transform: h.axis.transform,
    range: [h.axis.range[0], h.axis.range[1]],
    max: h.max,
    total: h.total,
    binned: h.binned,
    nonFinite: h.nonFinite,
    outOfDomain: h.outOfDomain,
    outOfRange: h.outOfRange,
  };
}

/** Particle ids inside a rectangle (data units, inclusive) of a cytogram's two axes. */
export function particlesInRegion(
  store: EventStore,
  req: { sampleId: string; x: PlotAxis; y: PlotAxis; region: { x: [number, number]; y: [number, number] }; set: string | null },
): { particleIds: number[]; count: number } {
  const x = values(store, req.sampleId, req.x);
  const y = values(store, req.sampleId, req.y);
  const ids = store.particleIds(req.sampleId);
  const mask = req.set ? store.setMask(req.sampleId, req.set) : null;
  const [x0, x1] = [Math.min(...req.region.x), Math.max(...req.region.x)];
  const [y0, y1] = [Math.min(...req.region.y), Math.max(...req.region.y)];
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (mask && mask[i] === 0) continue;
    const xv = x[i]!;
    const yv = y[i]!;
    if (xv >= x0 && xv <= x1 && yv >= y0 && yv <= y1) out.push(ids[i]!);
  }
  return { particleIds: out, count: out.length };
}

export function particleValues(store: EventStore, req: { sampleId: string; particleId: number; columns: string[] }) {
  const ids = store.particleIds(req.sampleId);
  const row = ids.indexOf(req.particleId);
  if (row < 0) throw new CurationError({ code: 'not-found', field: 'particleId', message: `sample ${req.sampleId} has no particle ${req.particleId}` });
  const values: Record<string, number | null> = {};
  for (const c of req.columns) {
    const v = store.column(req.sampleId, c)[row]!;
    values[c] = Number.isFinite(v) ? v : null;
  }
  return { particleId: req.particleId, values };
}
