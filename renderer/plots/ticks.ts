/**
 * Axis ticks in data units for a transformed axis. The axis covers a display range of a transform
 * (shared/gating/axes/axis-transform.ts); the data ends are fromDisplay() of its ends. Linear axes get "nice"
 * steps (1, 2, 5 × 10ⁿ); log axes get decades (minor ticks at 2 … 9 × 10ⁿ, labelled 2 and 5 when fewer than two
 * decades are shown, nice linear steps below one decade); logicle, arcsinh and hyperlog axes get 0 and ±decades,
 * labels dropped where the transform squeezes them together near zero.
 */
import type { AxisTransform } from '../../shared/gating/axes/axis-transform.js';
import { compileAxisTransform } from '../../shared/gating/axes/axis-transform.js';

export interface Tick {
  /** Data value. */
  value: number;
  /** Position in display units of the transform. */
  display: number;
  /** Text to show; null for a minor (unlabelled) tick. */
  label: string | null;
}

export interface TickOptions {
  /** About this many labelled ticks on a linear axis. Default 5. */
  target?: number;
  /** Smallest distance between two labels, as a fraction of the displayed span. Default 0.07. */
  minLabelGap?: number;
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** 10^k as text: "0.01" … "100" written out, "10³" and beyond (and "10⁻³" and below) with a superscript. */
export function formatDecade(k: number): string {
  if (k >= -2 && k <= 2) return String(10 ** k);
  return `10${String(k)
    .split('')
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join('')}`;
}

/** A step of 1, 2 or 5 × 10ⁿ giving about `target` intervals over span. */
export function niceStep(span: number, target = 5): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, target);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  const factor = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10;
  return factor * magnitude;
}

/** Multiples of a nice step within [min, max] (inclusive, with a little tolerance). */
export function niceTicks(min: number, max: number, target = 5): number[] {
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi === lo) return [lo];
  const step = niceStep(hi - lo, target);
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const out: number[] = [];
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  for (let i = first; i <= last && out.length < 1000; i++) {
    const v = Number((i * step).toFixed(Math.min(20, decimals)));
    out.push(Object.is(v, -0) ? 0 : v);
  }
  return out;
}

/** A linear tick label: enough decimals for the step; k / M / G suffixes from 10,000 up. */
export function formatLinearTick(value: number, step: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  const suffixes: [number, string][] = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [scale, suffix] of suffixes) {
    if (abs >= 1e4 && abs >= scale && step >= scale / 1000) {
      const decimals = Math.max(0, -Math.floor(Math.log10(step / scale) + 1e-9));
      return `${trimZeros((value / scale).toFixed(Math.min(3, decimals)))}${suffix}`;
    }
  }
  if (abs >= 1e-4 || step >= 1e-4) {
    const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    return trimZeros(value.toFixed(Math.min(10, decimals)));
  }
  return value.toExponential(1);
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Ticks of an axis showing `range` (display units) of `transform`, ascending by display position. */
export function axisTicks(transform: AxisTransform, range: readonly [number, number], options: TickOptions = {}): Tick[] {
  const target = options.target ?? 5;
  const gap = options.minLabelGap ?? 0.07;
  const t = compileAxisTransform(transform);
  const s0 = Math.min(range[0], range[1]);
  const s1 = Math.max(range[0], range[1]);
  const span = s1 - s0;
  if (!(span > 0) || !Number.isFinite(span)) return [];
  let d0 = t.fromDisplay(s0);
  const d1 = t.fromDisplay(s1);
  if (!Number.isFinite(d0) && transform.type === 'log') d0 = 0;
  if (!Number.isFinite(d0) || !Number.isFinite(d1)) return [];
  const inside = (display: number) => display >= s0 - span * 1e-9 && display <= s1 + span * 1e-9;
  const make = (value: number, label: string | null): Tick => ({ value, display: t.toDisplay(value), label });

  if (transform.type === 'linear' || (transform.type === 'log' && !(d0 > 0 && Math.log10(d1 / d0) >= 1))) {
    const values = niceTicks(d0, d1, target).filter((v) => transform.type !== 'log' || v > 0);
    const step = values.length > 1 ? (values[1] as number) - (values[0] as number) : niceStep(d1 - d0, target);
    return values.map((v) => make(v, formatLinearTick(v, step))).filter((tick) => inside(tick.display));
  }

  // Decade ticks: candidates are ±m·10^k (m = 1 … 9) and 0, labelled ones first chosen by priority and spacing
  const candidates: { value: number; k: number; m: number }[] = [];
  const maxAbs = Math.max(Math.abs(d0), Math.abs(d1));
  const kHigh = Math.floor(Math.log10(maxAbs > 0 ? maxAbs : 1));
  // How far below the top decade to go: the log axis to its low end, the others 6 decades (near zero they are linear)
  const kLow = transform.type === 'log' ? Math.floor(Math.log10(d0)) : kHigh - 6;
  for (let k = kLow; k <= kHigh; k++) {
    for (let m = 1; m <= 9; m++) {
      const v = Number((m * 10 ** k).toPrecision(12));
      candidates.push({ value: v, k, m });
      if (transform.type !== 'log') candidates.push({ value: -v, k, m });
    }
  }
  if (transform.type !== 'log') candidates.push({ value: 0, k: Number.NEGATIVE_INFINITY, m: 0 });
  const shown = candidates.map((c) => ({ ...c, display: t.toDisplay(c.value) })).filter((c) => Number.isFinite(c.display) && inside(c.display));

  const decadesShown = shown.filter((c) => c.m === 1).length;
  const labelMinors = transform.type === 'log' && decadesShown < 2;
  const wantsLabel = (c: { m: number }) => c.m === 0 || c.m === 1 || (labelMinors && (c.m === 2 || c.m === 5));
  // Priority: 0, then decades from the largest magnitude down (those are the widely spaced ones), then 2 and 5
  const priority = (c: { value: number; k: number; m: number }) => (c.m === 0 ? -1e6 : (c.m === 1 ? 1 : 2) * 1000 - c.k);
  const labelled: typeof shown = [];
  for (const c of shown.filter(wantsLabel).sort((a, b) => priority(a) - priority(b))) {
    if (labelled.every((l) => Math.abs(l.display - c.display) >= gap * span)) labelled.push(c);
  }
  const labelledSet = new Set(labelled);
  const label = (c: { value: number; k: number; m: number }): string => {
    if (c.m === 0) return '0';
    const text = c.m === 1 ? formatDecade(c.k) : formatLinearTick(Math.abs(c.value), 10 ** c.k);
    return c.value < 0 ? `−${text}` : text;
  };
  // Minor ticks only where they do not crowd (closer than 0.6 % of the span to the previous tick)
  const ticks: Tick[] = [];
  let lastDisplay = Number.NEGATIVE_INFINITY;
  for (const c of shown.sort((a, b) => a.display - b.display)) {
    const isLabelled = labelledSet.has(c);
    if (!isLabelled && c.display - lastDisplay < 0.006 * span) continue;
    if (!isLabelled && c.m === 0) continue;
    ticks.push({ value: c.value, display: c.display, label: isLabelled ? label(c) : null });
    lastDisplay = c.display;
  }
  return ticks;
}
