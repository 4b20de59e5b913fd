/**
 * Scales and value ticks of the time-series plot: linear and log (base 10) maps from data to pixels, the
 * value domain a set of values needs on each, and round tick values. Pure, so they are tested in Node.
 */
export type YScaleKind = 'linear' | 'log';

export interface Scale {
  (value: number): number;
  invert(pixel: number): number;
  domain: readonly [number, number];
  range: readonly [number, number];
}

export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const s = ((v: number) => r0 + ((v - d0) / span) * (r1 - r0)) as Scale;
  s.invert = (p: number) => d0 + ((p - r0) / (r1 - r0 || 1)) * span;
  s.domain = domain;
  s.range = range;
  return s;
}

/** Base-10 log scale; the domain must be positive. Values ≤ 0 map below the range (callers leave them out). */
export function logScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const inner = linearScale([Math.log10(domain[0]), Math.log10(domain[1])], range);
  const s = ((v: number) => (v > 0 ? inner(Math.log10(v)) : Number.NEGATIVE_INFINITY)) as Scale;
  s.invert = (p: number) => 10 ** inner.invert(p);
  s.domain = domain;
  s.range = range;
  return s;
}

/** 1, 2, 5 × 10^k: the round step closest above span / count. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !(count > 0)) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power - 1e-9; // float noise: 0.6 / 6 is 0.10000000000000002
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Round tick values inside [min, max], about `count` of them. */
export function linearTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) return [];
  if (max === min) return [min];
  const step = niceStep(max - min, count);
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(roundTo(i * step, step));
  return ticks;
}

/** Powers of ten inside [min, max]; with two decades or fewer, also 2× and 5× each power. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max >= min)) return [];
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const multiples = hi - lo <= 2 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let k = lo; k <= hi; k++) {
    for (const m of multiples) {
      const v = roundTo(m * 10 ** k, 10 ** k);
      if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) ticks.push(v);
    }
  }
  return ticks;
}

function roundTo(value: number, step: number): number {
  // Removes float noise (0.30000000000000004) using the step's decimals.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(value.toFixed(Math.min(decimals, 15)));
}

/**
 * The y domain for these values: linear starts at 0 (counts and abundances are never negative) and ends at a
 * round value above the largest; log spans whole decades around the positive values. Null when nothing fits.
 */
export function valueDomain(values: readonly number[], kind: YScaleKind): [number, number] | null {
  const usable = values.filter((v) => Number.isFinite(v) && (kind === 'linear' || v > 0));
  if (usable.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const v of usable) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (kind === 'log') {
    const lo = 10 ** Math.floor(Math.log10(min));
    let hi = 10 ** Math.ceil(Math.log10(max));
    if (hi <= lo) hi = lo * 10;
    return [lo, hi];
  }
  const low = Math.min(0, min);
  if (max <= low) return [low, low + 1];
  const step = niceStep(max - low, 5);
  return [low, Math.ceil(max / step - 1e-9) * step];
}

/** Short tick labels: 1,200 / 3.5 / 1.2e6 (in English digits, like the table). */
export function formatTickValue(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e6 || abs < 1e-3) {
    const [mantissa, exponent] = value.toExponential(1).split('e');
    return `${mantissa!.replace(/\.0$/, '')}e${Number(exponent)}`;
  }
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: abs < 1 ? 3 : abs < 10 ? 2 : abs < 100 ? 1 : 0 }).format(value);
}
