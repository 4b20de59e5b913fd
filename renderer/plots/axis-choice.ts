/**
 * What a plot axis picker chooses (a column or a ratio, and one of three transforms) and how that becomes the
 * `plotAxis` of a getDensity / getHistogram / particlesInRegion request. Ranges are always 'auto' (0.1–99.9th
 * percentile plus a margin, on the service side), so the transform parameters only fix the shape of the scale.
 */
import type { AxisParameter } from '../../shared/gating/axes/axis-parameter.js';
import type { AxisTransform } from '../../shared/gating/axes/axis-transform.js';
import { linearAxis, logAxis, logicleAxis } from '../../shared/gating/axes/axis-transform.js';

export type TransformKind = 'linear' | 'log' | 'logicle';
export const TRANSFORM_KINDS: readonly TransformKind[] = ['linear', 'log', 'logicle'];

export interface AxisChoice {
  parameter: AxisParameter;
  transform: TransformKind;
}

export interface CytogramAxes {
  x: AxisChoice;
  y: AxisChoice;
}

export function transformFor(kind: TransformKind): AxisTransform {
  switch (kind) {
    case 'linear':
      return linearAxis(0, 1);
    case 'log':
      return logAxis(1, 1e6);
    case 'logicle':
      // CytoSense totals reach ~10⁶, beyond the 18-bit scale of the usual defaults
      return logicleAxis({ T: 1e6, M: 6 });
  }
}

/** The plot axis of a request. */
export function plotAxis(choice: AxisChoice): { parameter: AxisParameter; transform: AxisTransform; range: 'auto' } {
  return { parameter: choice.parameter, transform: transformFor(choice.transform), range: 'auto' };
}

/** A key that changes whenever the request would (for effects and memo). */
export function axisChoiceKey(choice: AxisChoice): string {
  const p = choice.parameter;
  return JSON.stringify([p.type === 'single' ? [p.column] : [p.numerator, p.denominator], choice.transform]);
}

const normalise = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** The column named `name`, compared case-insensitively (and ignoring repeated spaces); undefined when absent. */
export function findColumn(columns: readonly string[], name: string): string | undefined {
  const wanted = normalise(name);
  return columns.find((c) => normalise(c) === wanted);
}

/** The usual CytoSense cytograms, log × log. */
export const DEFAULT_PAIRS: readonly (readonly [x: string, y: string])[] = [
  ['Fl Red Total', 'Fl Orange Total'],
  ['FWS Total', 'Fl Red Total'],
  ['FWS Total', 'Sidewards Scatter Total'],
];

const single = (column: string): AxisChoice => ({ parameter: { type: 'single', column }, transform: 'log' });

/**
 * Up to `count` cytograms: the usual pairs whose columns the sample has, then pairs of its first columns not used yet
 * (all log × log). Fewer when the sample has fewer than two columns.
 */
export function defaultCytogramAxes(columns: readonly string[], count = 3): CytogramAxes[] {
  const out: CytogramAxes[] = [];
  const used = new Set<string>();
  const add = (x: string, y: string) => {
    const key = `${x}\u0000${y}`;
    if (out.length >= count || x === y || used.has(key)) return;
    used.add(key);
    out.push({ x: single(x), y: single(y) });
  };
  for (const [xName, yName] of DEFAULT_PAIRS) {
    const x = findColumn(columns, xName);
    const y = findColumn(columns, yName);
    if (x && y) add(x, y);
  }
  const first = columns.slice(0, 6);
  for (let i = 0; i < first.length && out.length < count; i++) {
    for (let j = i + 1; j < first.length && out.length < count; j++) add(first[i]!, first[j]!);
  }
  return out;
}

/** Columns an axis reads. */
export function choiceColumns(choice: AxisChoice): string[] {
  const p = choice.parameter;
  return p.type === 'single' ? [p.column] : [p.numerator, p.denominator];
}

/** An axis's value for one particle, from its column values (getParticleValues); null when unknown or not finite. */
export function particleAxisValue(parameter: AxisParameter, values: Record<string, number | null>): number | null {
  if (parameter.type === 'single') {
    const v = values[parameter.column];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
  const n = values[parameter.numerator];
  const d = values[parameter.denominator];
  if (typeof n !== 'number' || typeof d !== 'number' || d === 0) return null;
  const r = Math.fround(n / d); // the service divides float32 columns
  return Number.isFinite(r) ? r : null;
}

/**
 * Per-particle columns that are not measurements of a channel (bookkeeping of the acquisition): left out of the axis
 * choices. Compared like findColumn (case and repeated spaces ignored).
 */
export const NON_MEASUREMENT_COLUMNS: readonly string[] = [
  'Particle ID',
  'Sample Length',
  'SampleLength',
  'Arrival Time',
  'TimeOfArrival',
  'Time of arrival',
];

/** The columns a plot axis may show: all but the non-measurement ones, in their order. */
export function measurementColumns(columns: readonly string[]): string[] {
  const excluded = new Set(NON_MEASUREMENT_COLUMNS.map(normalise));
  return columns.filter((c) => !excluded.has(normalise(c)));
}
