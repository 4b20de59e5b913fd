/**
 * The hyperlog scale (Bagwell 2005) as Gating-ML 2.0 §6.6 parameterises it, computed like the logicle
 * (Moore & Parks 2012 reference code):
 *
 *   hyperlog(x; T, W, M, A) = the y with EH(y) = x,   EH(y) = a·e^(b·y) + c·y − f   for y ≥ x1, mirrored
 *                                                      below: EH(y) = −EH(2·x1 − y)
 *
 * w = W/(M+A), x2 = A/(M+A), x1 = x2 + w (data zero), x0 = x2 + 2w, b = (M+A)·ln 10, c/a = e^(b·x0)/w,
 * f/a = e^(b·x1) + (c/a)·x1, a = T / (e^b + c/a − f/a). Halley's method forward; Taylor series around x1.
 */
import { CurationError } from '../../api/errors.js';

const LN_10 = Math.log(10);
const TAYLOR_TERMS = 16;
const MAX_HALLEY_STEPS = 20;

/** Why (T, W, M, A) is not a valid hyperlog (Gating-ML 2.0: as logicle, but W > 0), or null. */
export function hyperlogParameterProblem(T: number, W: number, M: number, A: number): { field: string; message: string } | null {
  if (!(Number.isFinite(T) && T > 0)) return { field: 'T', message: `hyperlog T (top of scale) must be > 0, got ${T}` };
  if (!(Number.isFinite(M) && M > 0)) return { field: 'M', message: `hyperlog M (decades) must be > 0, got ${M}` };
  if (!(Number.isFinite(W) && W > 0 && 2 * W <= M)) return { field: 'W', message: `hyperlog W must be in (0, M/2] = (0, ${M / 2}], got ${W}` };
  if (!(Number.isFinite(A) && A >= -W && A <= M - 2 * W)) {
    return { field: 'A', message: `hyperlog A must be in [−W, M − 2W] = [${-W}, ${M - 2 * W}], got ${A}` };
  }
  return null;
}

export class Hyperlog {
  readonly T: number;
  readonly W: number;
  readonly M: number;
  readonly A: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly f: number;
  readonly w: number;
  /** Scale value of data zero. */
  readonly x1: number;
  readonly x0: number;
  private readonly xTaylor: number;
  /** taylor[k] is the coefficient of (y − x1)^(k+1). */
  private readonly taylor: Float64Array;
  private readonly linearLimit: number;

  constructor(T: number, W: number, M: number, A: number) {
    const problem = hyperlogParameterProblem(T, W, M, A);
    if (problem) throw new CurationError({ code: 'invalid-input', ...problem });
    this.T = T;
    this.W = W;
    this.M = M;
    this.A = A;
    this.w = W / (M + A);
    const x2 = A / (M + A);
    this.x1 = x2 + this.w;
    this.x0 = x2 + 2 * this.w;
    this.b = (M + A) * LN_10;
    const cOverA = Math.exp(this.b * this.x0) / this.w;
    const fOverA = Math.exp(this.b * this.x1) + cOverA * this.x1;
    this.a = T / (Math.exp(this.b) + cOverA - fOverA);
    this.c = cOverA * this.a;
    this.f = fOverA * this.a;

    this.xTaylor = this.x1 + this.w / 4;
    this.taylor = new Float64Array(TAYLOR_TERMS);
    let coefficient = this.a * Math.exp(this.b * this.x1);
    for (let k = 0; k < TAYLOR_TERMS; k++) {
      coefficient *= this.b / (k + 1);
      this.taylor[k] = coefficient;
    }
    this.taylor[0] = (this.taylor[0] as number) + this.c; // the linear term's slope
    this.linearLimit = this.inverse(this.x0);
  }

  private series(y: number): number {
    const t = this.taylor;
    const u = y - this.x1;
    let sum = (t[TAYLOR_TERMS - 1] as number) * u;
    for (let k = TAYLOR_TERMS - 2; k >= 0; k--) sum = (sum + (t[k] as number)) * u;
    return sum;
  }

  /** Data value → hyperlog scale value (T → 1, 0 → x1, negative values mirrored about x1). */
  scale(value: number): number {
    if (value === 0) return this.x1;
    if (!Number.isFinite(value)) return value;
    const negative = value < 0;
    const v = negative ? -value : value;
    const { a, b, c, f } = this;

    let y = v < this.linearLimit ? this.x1 + (v * this.w) / this.linearLimit : Math.log(v / a) / b;
    if (y < this.x1) y = this.x1;
    const tolerance = y > 1 ? 3 * Number.EPSILON * y : 3 * Number.EPSILON;
    for (let i = 0; i < MAX_HALLEY_STEPS; i++) {
      const ae = a * Math.exp(b * y);
      const residual = y < this.xTaylor ? this.series(y) - v : ae + c * y - (f + v);
      const slope = b * ae + c;
      const curvature = b * b * ae;
      const step = residual / (slope * (1 - (residual * curvature) / (2 * slope * slope)));
      y -= step;
      if (Math.abs(step) < tolerance) break;
    }
    return negative ? 2 * this.x1 - y : y;
  }

  /** Hyperlog scale value → data value: EH(y), mirrored below x1. */
  inverse(scale: number): number {
    if (Number.isNaN(scale)) return scale;
    const negative = scale < this.x1;
    const y = negative ? 2 * this.x1 - scale : scale;
    const value = y < this.xTaylor ? this.series(y) : this.a * Math.exp(this.b * y) + this.c * y - this.f;
    return negative ? -value : value;
  }
}
