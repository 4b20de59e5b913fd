/**
 * Axis transforms: how a parameter's data values are laid out along a plot axis, and the space a gate's
 * membership is computed in. The description is plain data (stored with a gate, sent over IPC) and uses the
 * parameterised transforms of Gating-ML 2.0 §6, with their parameter names, so a gate written to Gating-ML keeps
 * its meaning. Each maps data to a display scale where the nominal plot range is [0, 1]; values outside it are
 * still mapped (a range can extend past 0 or 1).
 *
 *   linear    flin(x; T, A)        = (x + A) / (T + A)                      [−A, T] → [0, 1]
 *   log       flog(x; T, M)        = log10(x / T) / M + 1                   [T·10^−M, T] → [0, 1]; x ≤ 0: NaN
 *   arcsinh   fasinh(x; T, M, A)   = (asinh(x·sinh(M·ln10)/T) + A·ln10) / ((M + A)·ln10)
 *   logicle   logicle(x; T, W, M, A)  (see logicle.ts)
 *   hyperlog  hyperlog(x; T, W, M, A) (see hyperlog.ts)
 *
 * Gating-ML requires 0 ≤ A ≤ T for flin; here any A with T + A > 0 is accepted, so a linear axis can start above
 * zero (`linearAxis(min, max)`). A Gating-ML writer must check that constraint itself.
 */
import { CurationError } from '../../api/errors.js';
import { Hyperlog, hyperlogParameterProblem } from './hyperlog.js';
import { Logicle, logicleParameterProblem } from './logicle.js';

export interface LinearTransform {
  type: 'linear';
  /** Data value at display 1 (top of scale). */
  T: number;
  /** Data value −A is at display 0. */
  A: number;
}
export interface LogTransform {
  type: 'log';
  /** Data value at display 1 (top of scale), > 0. */
  T: number;
  /** Decades between display 0 and 1, > 0. */
  M: number;
}
export interface ArcsinhTransform {
  type: 'arcsinh';
  T: number;
  M: number;
  /** Additional decades of negative data brought on scale, 0 ≤ A ≤ M. */
  A: number;
}
export interface LogicleTransform {
  type: 'logicle';
  /** Top of scale (data value at display 1), > 0. */
  T: number;
  /** Width of the quasi-linear region in decades, 0 ≤ W ≤ M/2. */
  W: number;
  /** Decades a pure log scale would cover, > 0. */
  M: number;
  /** Additional negative decades, −W ≤ A ≤ M − 2W. */
  A: number;
}
export interface HyperlogTransform {
  type: 'hyperlog';
  T: number;
  /** 0 < W ≤ M/2. */
  W: number;
  M: number;
  A: number;
}
export type AxisTransform = LinearTransform | LogTransform | ArcsinhTransform | LogicleTransform | HyperlogTransform;
export type AxisTransformType = AxisTransform['type'];

/** A values array a transform reads or writes in one go. */
export type NumericArray = Float32Array | Float64Array;

/** A transform ready to use: scalar and array forms of both directions. Arrays are written in place. */
export interface CompiledAxisTransform {
  readonly transform: AxisTransform;
  /** Data values ≤ this are outside the transform's domain (toDisplay gives NaN): 0 for log, −Infinity otherwise. */
  readonly domainMin: number;
  /** Data → display. NaN for NaN and for values outside the domain. */
  toDisplay(value: number): number;
  /** Display → data. */
  fromDisplay(display: number): number;
  /** out[i] = toDisplay(values[i]) for i < values.length; no allocation. Returns out. */
  toDisplayArray<T extends NumericArray>(values: NumericArray, out: T): T;
  /** out[i] = fromDisplay(display[i]); no allocation. Returns out. */
  fromDisplayArray<T extends NumericArray>(display: NumericArray, out: T): T;
}

const LN_10 = Math.log(10);

/** Linear axis from data value min (display 0) to max (display 1). */
export function linearAxis(min: number, max: number): LinearTransform {
  return { type: 'linear', T: max, A: -min };
}

/** Log axis from data value min (display 0) to max (display 1), both > 0. */
export function logAxis(min: number, max: number): LogTransform {
  return { type: 'log', T: max, M: Math.log10(max / min) };
}

/** Logicle with the usual defaults for an 18-bit scale (as FlowJo, flowCore and Gating-ML examples use). */
export function logicleAxis(parameters: Partial<Omit<LogicleTransform, 'type'>> = {}): LogicleTransform {
  return { type: 'logicle', T: parameters.T ?? 262144, W: parameters.W ?? 0.5, M: parameters.M ?? 4.5, A: parameters.A ?? 0 };
}

/** Why a transform description is unusable (the offending field named), or null when it is valid. */
export function axisTransformProblem(transform: AxisTransform): { field: string; message: string } | null {
  const finite = (field: string, value: unknown): { field: string; message: string } | null =>
    typeof value === 'number' && Number.isFinite(value) ? null : { field, message: `${transform.type} ${field} must be a finite number, got ${String(value)}` };
  switch (transform.type) {
    case 'linear':
      return (
        finite('T', transform.T) ??
        finite('A', transform.A) ??
        (transform.T + transform.A > 0 ? null : { field: 'A', message: `linear T + A must be > 0 (max above min), got T ${transform.T}, A ${transform.A}` })
      );
    case 'log':
      return (
        finite('T', transform.T) ??
        finite('M', transform.M) ??
        (transform.T > 0 ? null : { field: 'T', message: `log T (top of scale) must be > 0, got ${transform.T}` }) ??
        (transform.M > 0 ? null : { field: 'M', message: `log M (decades) must be > 0, got ${transform.M}` })
      );
    case 'arcsinh':
      return (
        finite('T', transform.T) ??
        finite('M', transform.M) ??
        finite('A', transform.A) ??
        (transform.T > 0 ? null : { field: 'T', message: `arcsinh T (top of scale) must be > 0, got ${transform.T}` }) ??
        (transform.M > 0 ? null : { field: 'M', message: `arcsinh M (decades) must be > 0, got ${transform.M}` }) ??
        (transform.A >= 0 && transform.A <= transform.M ? null : { field: 'A', message: `arcsinh A must be in [0, M], got ${transform.A}` })
      );
    case 'logicle':
      return logicleParameterProblem(transform.T, transform.W, transform.M, transform.A);
    case 'hyperlog':
      return hyperlogParameterProblem(transform.T, transform.W, transform.M, transform.A);
    default:
      return { field: 'type', message: `unknown axis transform type ${JSON.stringify((transform as { type?: unknown }).type)}` };
  }
}

/** Validates and prepares a transform. Throws CurationError('invalid-input', field named) for bad parameters. */
export function compileAxisTransform(transform: AxisTransform): CompiledAxisTransform {
  const problem = axisTransformProblem(transform);
  if (problem) throw new CurationError({ code: 'invalid-input', ...problem });
  switch (transform.type) {
    case 'linear':
      return new LinearScale(transform);
    case 'log':
      return new LogScale(transform);
    case 'arcsinh':
      return new ArcsinhScale(transform);
    case 'logicle':
      return new BiexponentialScale(transform, new Logicle(transform.T, transform.W, transform.M, transform.A));
    case 'hyperlog':
      return new BiexponentialScale(transform, new Hyperlog(transform.T, transform.W, transform.M, transform.A));
  }
}

function checkLengths(input: NumericArray, out: NumericArray): void {
  if (out.length < input.length) {
    throw new CurationError({ code: 'invalid-input', message: `output array holds ${out.length} values, input has ${input.length}` });
  }
}

class LinearScale implements CompiledAxisTransform {
  readonly domainMin = -Infinity;
  private readonly A: number;
  private readonly width: number;
  constructor(readonly transform: LinearTransform) {
    this.A = transform.A;
    this.width = transform.T + transform.A;
  }
  toDisplay(value: number): number {
    return (value + this.A) / this.width;
  }
  fromDisplay(display: number): number {
    return display * this.width - this.A;
  }
  toDisplayArray<T extends NumericArray>(values: NumericArray, out: T): T {
    const { A, width } = this;
    checkLengths(values, out);
    for (let i = 0; i < values.length; i++) out[i] = ((values[i] as number) + A) / width;
    return out;
  }
  fromDisplayArray<T extends NumericArray>(display: NumericArray, out: T): T {
    const { A, width } = this;
    checkLengths(display, out);
    for (let i = 0; i < display.length; i++) out[i] = (display[i] as number) * width - A;
    return out;
  }
}

class LogScale implements CompiledAxisTransform {
  readonly domainMin = 0;
  private readonly T: number;
  private readonly M: number;
  private readonly log10T: number;
  constructor(readonly transform: LogTransform) {
    this.T = transform.T;
    this.M = transform.M;
    this.log10T = Math.log10(transform.T);
  }
  toDisplay(value: number): number {
    // Same expression as toDisplayArray, so a value on a gate edge lands on the same side either way
    return value > 0 ? (Math.log10(value) - this.log10T) / this.M + 1 : Number.NaN;
  }
  fromDisplay(display: number): number {
    return this.T * 10 ** (this.M * (display - 1));
  }
  toDisplayArray<T extends NumericArray>(values: NumericArray, out: T): T {
    const { log10T, M } = this;
    checkLengths(values, out);
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      out[i] = v > 0 ? (Math.log10(v) - log10T) / M + 1 : Number.NaN;
    }
    return out;
  }
  fromDisplayArray<T extends NumericArray>(display: NumericArray, out: T): T {
    checkLengths(display, out);
    for (let i = 0; i < display.length; i++) out[i] = this.fromDisplay(display[i] as number);
    return out;
  }
}

class ArcsinhScale implements CompiledAxisTransform {
  readonly domainMin = -Infinity;
  /** sinh(M·ln10) / T */
  private readonly gain: number;
  private readonly offset: number;
  private readonly span: number;
  constructor(readonly transform: ArcsinhTransform) {
    this.gain = Math.sinh(transform.M * LN_10) / transform.T;
    this.offset = transform.A * LN_10;
    this.span = (transform.M + transform.A) * LN_10;
  }
  toDisplay(value: number): number {
    return (Math.asinh(value * this.gain) + this.offset) / this.span;
  }
  fromDisplay(display: number): number {
    return Math.sinh(display * this.span - this.offset) / this.gain;
  }
  toDisplayArray<T extends NumericArray>(values: NumericArray, out: T): T {
    checkLengths(values, out);
    for (let i = 0; i < values.length; i++) out[i] = this.toDisplay(values[i] as number);
    return out;
  }
  fromDisplayArray<T extends NumericArray>(display: NumericArray, out: T): T {
    checkLengths(display, out);
    for (let i = 0; i < display.length; i++) out[i] = this.fromDisplay(display[i] as number);
    return out;
  }
}

class BiexponentialScale implements CompiledAxisTransform {
  readonly domainMin = -Infinity;
  constructor(
    readonly transform: LogicleTransform | HyperlogTransform,
    private readonly scale: Logicle | Hyperlog,
  ) {}
  toDisplay(value: number): number {
    return this.scale.scale(value);
  }
  fromDisplay(display: number): number {
    return this.scale.inverse(display);
  }
  toDisplayArray<T extends NumericArray>(values: NumericArray, out: T): T {
    const scale = this.scale;
    checkLengths(values, out);
    for (let i = 0; i < values.length; i++) out[i] = scale.scale(values[i] as number);
    return out;
  }
  fromDisplayArray<T extends NumericArray>(display: NumericArray, out: T): T {
    const scale = this.scale;
    checkLengths(display, out);
    for (let i = 0; i < display.length; i++) out[i] = scale.inverse(display[i] as number);
    return out;
  }
}
