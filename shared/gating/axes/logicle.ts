/**
 * The logicle scale (Parks, Roederer & Moore 2006) as Gating-ML 2.0 §6.5 defines it and as Moore & Parks compute
 * it ("Update for the logicle data scale including operational code implementations", Cytometry A 81:273, 2012):
 *
 *   logicle(x; T, W, M, A) = the y with B(y) = x,   B(y) = a·e^(b·y) − c·e^(−d·y) − f   for y ≥ x1,
 *                                                    B(y) = −B(2·x1 − y)                     below x1
 *
 * (The mirror is part of the definition: the Gating-ML 2.0 example values for negative data, e.g.
 * logicle(−10; 1000, 1, 4, 0) = 0.067574, need it; the plain root of the formula would give 0.056015.)
 *
 * w = W/(M+A), x2 = A/(M+A), x1 = x2 + w (data zero), x0 = x2 + 2w, b = (M+A)·ln 10, d solves
 * 2·(ln d − ln b) + w·(b + d) = 0, c/a = e^(x0·(b+d)), f/a = e^(b·x1) − (c/a)·e^(−d·x1), and a makes B(1) = T.
 * B has no closed-form inverse: the forward direction runs Halley's method. Near x1 the two exponentials nearly
 * cancel, so B is evaluated there by its Taylor series around x1 (whose second coefficient is zero by the
 * logicle condition). No allocation per value: scale() and inverse() are plain arithmetic.
 */
import { CurationError } from '../../api/errors.js';

const LN_10 = Math.log(10);
/** 16 terms give full double precision on the series interval [x1, x1 + w/4] for usual scales (Moore & Parks). */
const TAYLOR_TERMS = 16;
const MAX_HALLEY_STEPS = 20;

/** Why (T, W, M, A) is not a valid logicle (Gating-ML 2.0 constraints), or null. */
export function logicleParameterProblem(T: number, W: number, M: number, A: number): { field: string; message: string } | null {
  if (!(Number.isFinite(T) && T > 0)) return { field: 'T', message: `logicle T (top of scale) must be > 0, got ${T}` };
  if (!(Number.isFinite(M) && M > 0)) return { field: 'M', message: `logicle M (decades) must be > 0, got ${M}` };
  if (!(Number.isFinite(W) && W >= 0 && 2 * W <= M)) return { field: 'W', message: `logicle W must be in [0, M/2] = [0, ${M / 2}], got ${W}` };
  if (!(Number.isFinite(A) && A >= -W && A <= M - 2 * W)) {
    return { field: 'A', message: `logicle A must be in [−W, M − 2W] = [${-W}, ${M - 2 * W}], got ${A}` };
  }
  return null;
}

/**
 * Root d of 2·ln(d/b) + w·(b + d) = 0 in (0, b]. The function is increasing and concave there, so Newton's
 * method converges; a bisection step is taken whenever Newton would leave the bracket.
 */
export function solveLogicleD(b: number, w: number): number {
  if (w === 0) return b; // W = 0: the scale is an arcsinh, both exponentials have the same rate
  let lo = 0;
  let hi = b;
  let d = b / 2;
  for (let i = 0; i < 200; i++) {
    const value = 2 * Math.log(d / b) + w * (b + d);
    if (value === 0) return d;
    if (value < 0) lo = d;
    else hi = d;
    let next = d - value / (2 / d + w);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - d) <= 2 * Number.EPSILON * b) return next;
    d = next;
  }
  return d;
}

export class Logicle {
  readonly T: number;
  readonly W: number;
  readonly M: number;
  readonly A: number;
  /** Actual parameters of B(y) = a·e^(b·y) − c·e^(−d·y) − f (Gating-ML sign convention for f). */
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  readonly f: number;
  readonly w: number;
  /** Scale value of data zero. */
  readonly x1: number;
  readonly x0: number;
  readonly x2: number;
  /** Below this scale value (and above x1) B is evaluated by its Taylor series. */
  private readonly xTaylor: number;
  /** taylor[k] is the coefficient of (y − x1)^(k+1). */
  private readonly taylor: Float64Array;
  /** Data values below this are in the quasi-linear region: first guess from the linear term. */
  private readonly linearLimit: number;

  constructor(T: number, W: number, M: number, A: number) {
    const problem = logicleParameterProblem(T, W, M, A);
    if (problem) throw new CurationError({ code: 'invalid-input', ...problem });
    this.T = T;
    this.W = W;
    this.M = M;
    this.A = A;
    this.w = W / (M + A);
    this.x2 = A / (M + A);
    this.x1 = this.x2 + this.w;
    this.x0 = this.x2 + 2 * this.w;
    this.b = (M + A) * LN_10;
    this.d = solveLogicleD(this.b, this.w);
    const cOverA = Math.exp(this.x0 * (this.b + this.d));
    const fOverA = Math.exp(this.b * this.x1) - cOverA * Math.exp(-this.d * this.x1);
    this.a = T / (Math.exp(this.b) - fOverA - cOverA * Math.exp(-this.d));
    this.c = cOverA * this.a;
    this.f = fOverA * this.a;

    this.xTaylor = this.x1 + this.w / 4;
    this.taylor = new Float64Array(TAYLOR_TERMS);
    let positive = this.a * Math.exp(this.b * this.x1);
    let negative = -this.c * Math.exp(-this.d * this.x1);
    for (let k = 0; k < TAYLOR_TERMS; k++) {
      positive *= this.b / (k + 1);
      negative *= -this.d / (k + 1);
      this.taylor[k] = positive + negative;
    }
    this.taylor[1] = 0; // exactly zero by the logicle condition; rounding would leave noise
    this.linearLimit = this.inverse(this.x0);
  }

  /** B(y) − B(x1) by the series, for y near x1. */
  private series(y: number): number {
    const t = this.taylor;
    const u = y - this.x1;
    let sum = (t[TAYLOR_TERMS - 1] as number) * u;
    for (let k = TAYLOR_TERMS - 2; k >= 2; k--) sum = (sum + (t[k] as number)) * u;
    return (sum * u + (t[0] as number)) * u;
  }

  /** Data value → logicle scale value (T → 1, 0 → x1, negative values mirrored about x1). */
  scale(value: number): number {
    if (value === 0) return this.x1;
    if (!Number.isFinite(value)) return value; // NaN stays NaN; ±Infinity maps to ±Infinity
    const negative = value < 0;
    const v = negative ? -value : value;
    const { a, b, c, d, f } = this;

    let y = v < this.linearLimit ? this.x1 + v / (this.taylor[0] as number) : Math.log(v / a) / b;
    if (y < this.x1) y = this.x1; // the log guess fails for tiny W and tiny values
    const tolerance = y > 1 ? 3 * Number.EPSILON * y : 3 * Number.EPSILON;
    for (let i = 0; i < MAX_HALLEY_STEPS; i++) {
      const ae = a * Math.exp(b * y);
      const ce = c * Math.exp(-d * y);
      const residual = y < this.xTaylor ? this.series(y) - v : ae - f - (ce + v);
      const slope = b * ae + d * ce;
      const curvature = b * b * ae - d * d * ce;
      const step = residual / (slope * (1 - (residual * curvature) / (2 * slope * slope)));
      y -= step;
      if (Math.abs(step) < tolerance) break;
    }
    return negative ? 2 * this.x1 - y : y;
  }

  /** Logicle scale value → data value: B(y), mirrored below x1. */
  inverse(scale: number): number {
    if (Number.isNaN(scale)) return scale;
    const negative = scale < this.x1;
    const y = negative ? 2 * this.x1 - scale : scale;
    const value = y < this.xTaylor ? this.series(y) : this.a * Math.exp(this.b * y) - this.f - this.c * Math.exp(-this.d * y);
    return negative ? -value : value;
  }
}
