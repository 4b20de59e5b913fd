/**
 * The points to draw from a time series: the chosen measure (count, or abundance in cells/mL) of each sample,
 * its time in ms, its flag. Samples without a value for the measure (abundance unknown: no volume or a
 * partial export), and zeros on a log scale, are left out and counted so the view can say so.
 */
import type { TimeSeriesPoint } from '../../shared/api/contract.js';
import type { YScaleKind } from './scales.js';

export type Measure = 'count' | 'abundance';

export interface PlotPoint {
  sampleId: string;
  name: string;
  /** Milliseconds since the epoch (UTC). */
  t: number;
  time: string;
  value: number;
  flag: string | null;
  reviewState: string;
}

export interface PlotPoints {
  points: PlotPoint[];
  /** No value for the measure (abundance unknown). */
  missing: number;
  /** Zero or negative: not drawable on a log scale. */
  nonPositive: number;
}

export function valueOf(point: TimeSeriesPoint, measure: Measure): number | null {
  const v = measure === 'count' ? point.count : point.abundancePerMl;
  return v === null || !Number.isFinite(v) ? null : v;
}

export function toPlotPoints(series: readonly TimeSeriesPoint[], measure: Measure, scale: YScaleKind): PlotPoints {
  const points: PlotPoint[] = [];
  let missing = 0;
  let nonPositive = 0;
  for (const p of series) {
    const value = valueOf(p, measure);
    const t = Date.parse(p.time);
    if (value === null || !Number.isFinite(t)) {
      missing++;
      continue;
    }
    if (scale === 'log' && value <= 0) {
      nonPositive++;
      continue;
    }
    points.push({ sampleId: p.sampleId, name: p.name, t, time: p.time, value, flag: p.flag, reviewState: p.reviewState });
  }
  points.sort((a, b) => a.t - b.t || (a.sampleId < b.sampleId ? -1 : 1));
  return { points, missing, nonPositive };
}
