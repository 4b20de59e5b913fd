/**
 * What an axis shows: one event column (`FL Red Total`) or a ratio of two (`FL Red Total / FWS Total`, CytoClus's
 * RatioAxis), together with the transform that lays it out. A gate stores one of these per axis, so its membership
 * is computed in the same space it was drawn in.
 */
import { CurationError } from '../../api/errors.js';
import type { AxisTransform } from './axis-transform.js';

export type AxisParameter =
  | { type: 'single'; column: string }
  | { type: 'ratio'; numerator: string; denominator: string };

export interface AxisDefinition {
  parameter: AxisParameter;
  transform: AxisTransform;
}

/** Axis title as the UI shows it: the column, or `numerator / denominator`. */
export function axisParameterLabel(parameter: AxisParameter): string {
  return parameter.type === 'single' ? parameter.column : `${parameter.numerator} / ${parameter.denominator}`;
}

/** Column names an axis reads. */
export function axisParameterColumns(parameter: AxisParameter): string[] {
  return parameter.type === 'single' ? [parameter.column] : [parameter.numerator, parameter.denominator];
}

export interface RatioValues {
  /** numerator[i] / denominator[i], rounded to float32; NaN where the denominator is 0 (or either value is NaN). */
  values: Float32Array;
  /** Events whose denominator is 0 (±0): their ratio is NaN, so binning and gates leave them out. */
  zeroDenominator: number;
}

/**
 * Per-event ratio. Division by zero gives NaN rather than CytoClus's ±Infinity: no finite gate or plot range
 * contains either, and NaN is counted as "not a number" wherever events are left out, with this count to explain it.
 * `out` (at least as long as the inputs) is reused when given; otherwise one array is allocated.
 */
export function ratioValues(numerator: Float32Array, denominator: Float32Array, out?: Float32Array): RatioValues {
  const n = numerator.length;
  if (denominator.length !== n) {
    throw new CurationError({ code: 'invalid-input', message: `ratio: numerator has ${n} events, denominator ${denominator.length}` });
  }
  if (out && out.length < n) throw new CurationError({ code: 'invalid-input', message: `ratio: output holds ${out.length} values, need ${n}` });
  const values = out ?? new Float32Array(n);
  let zeroDenominator = 0;
  for (let i = 0; i < n; i++) {
    const d = denominator[i] as number;
    if (d === 0) {
      values[i] = Number.NaN;
      zeroDenominator++;
    } else {
      values[i] = (numerator[i] as number) / d;
    }
  }
  return { values: out && out.length > n ? values.subarray(0, n) : values, zeroDenominator };
}

/**
 * The values an axis shows, from the sample's columns (looked up by name). Throws CurationError('not-found') for a
 * missing column. `zeroDenominator` is 0 for a single-column axis.
 */
export function axisValues(parameter: AxisParameter, column: (name: string) => Float32Array | undefined): RatioValues {
  const get = (name: string): Float32Array => {
    const values = column(name);
    if (!values) throw new CurationError({ code: 'not-found', field: name, message: `no column named ${JSON.stringify(name)}` });
    return values;
  };
  if (parameter.type === 'single') return { values: get(parameter.column), zeroDenominator: 0 };
  return ratioValues(get(parameter.numerator), get(parameter.denominator));
}
