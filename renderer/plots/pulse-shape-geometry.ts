/**
 * Geometry of a particle's pulse shape plot: one line per channel against the position along the pulse (row index),
 * on a shared linear y axis, or each channel scaled to its own maximum (0 … 1) when `normalise` is set. Pure, so the
 * scales and SVG paths are unit-tested; the component only draws them.
 */
import { formatLinearTick, niceStep, niceTicks } from './ticks.js';

export interface PulseChannel {
  channel: string;
  values: readonly number[];
}

export interface PulseMargin {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const PULSE_MARGIN: PulseMargin = { left: 50, right: 10, top: 8, bottom: 34 };

/** Distinct line colours (colour-blind friendly, Okabe–Ito), by channel name when known, else in order. */
const KNOWN_COLOURS: [RegExp, string][] = [
  [/^fws|forward/i, '#000000'],
  [/side|sws|^ssc/i, '#0072b2'],
  [/yellow/i, '#e6ab02'],
  [/orange/i, '#d55e00'],
  [/red/i, '#cc2a36'],
  [/curv/i, '#009e73'],
  [/green/i, '#56b4e9'],
];
const SPARE_COLOURS = ['#cc79a7', '#7f7f7f', '#8c564b', '#17becf', '#bcbd22', '#9467bd'];

/** A colour per channel, in channel order: the usual CytoSense channels keep theirs, the others take spares. */
export function channelColours(channels: readonly string[]): string[] {
  const used = new Set<string>();
  const out: string[] = [];
  for (const name of channels) {
    const known = KNOWN_COLOURS.find(([re, colour]) => re.test(name) && !used.has(colour))?.[1];
    const colour = known ?? SPARE_COLOURS.find((c) => !used.has(c)) ?? SPARE_COLOURS[out.length % SPARE_COLOURS.length]!;
    used.add(colour);
    out.push(colour);
  }
  return out;
}

export interface LinearScale {
  domain: [number, number];
  start: number;
  length: number;
  /** Pixel of a value (y scales grow upwards). */
  toPixel(value: number): number;
}

export function linearScale(domain: [number, number], start: number, length: number, inverted = false): LinearScale {
  const [d0, d1] = domain;
  const span = d1 - d0 || 1;
  return {
    domain,
    start,
    length,
    toPixel: (v) => (inverted ? start + length - ((v - d0) / span) * length : start + ((v - d0) / span) * length),
  };
}

/** The y domain: from min(0, lowest) (rounded down; 0 when the lowest is only a small dip) to the highest value (rounded up), never empty. */
export function pulseDomain(lines: readonly (readonly number[])[]): [number, number] {
  let lo = 0;
  let hi = Number.NEGATIVE_INFINITY;
  for (const values of lines) {
    for (const v of values) {
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!Number.isFinite(hi) || hi <= lo) hi = lo + 1;
  // A dip below zero of a few per cent (baseline noise) does not earn the axis a whole negative step
  if (lo < 0 && -lo < 0.03 * (hi - lo)) lo = 0;
  const step = niceStep(hi - lo, 4);
  return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step];
}

/** An SVG path through the finite values (a gap where a value is not finite). Coordinates rounded to 0.1 px. */
export function linePath(values: readonly number[], x: (i: number) => number, y: (v: number) => number): string {
  const r = (n: number) => Math.round(n * 10) / 10;
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${r(x(i))},${r(y(v))}`;
    pen = true;
  });
  return d;
}

/** Values divided by their largest absolute value (unchanged when all are 0). */
export function normaliseValues(values: readonly number[]): number[] {
  let max = 0;
  for (const v of values) if (Number.isFinite(v)) max = Math.max(max, Math.abs(v));
  return max > 0 ? values.map((v) => v / max) : [...values];
}

export interface PulseLine {
  channel: string;
  colour: string;
  path: string;
  /** Largest value of the channel (as imported, before any normalising). */
  max: number;
}

export interface PulseGeometry {
  x: LinearScale;
  y: LinearScale;
  xTicks: { value: number; label: string; px: number }[];
  yTicks: { value: number; label: string; py: number }[];
  lines: PulseLine[];
  /** Rows of the longest channel. */
  length: number;
}

export function pulseGeometry(
  channels: readonly PulseChannel[],
  width: number,
  height: number,
  options: { normalise?: boolean; margin?: PulseMargin } = {},
): PulseGeometry {
  const m = options.margin ?? PULSE_MARGIN;
  const plotW = Math.max(10, width - m.left - m.right);
  const plotH = Math.max(10, height - m.top - m.bottom);
  const length = channels.reduce((n, c) => Math.max(n, c.values.length), 0);
  const shown = channels.map((c) => (options.normalise ? normaliseValues(c.values) : [...c.values]));
  const x = linearScale([0, Math.max(1, length - 1)], m.left, plotW);
  const y = linearScale(pulseDomain(shown), m.top, plotH, true);
  const colours = channelColours(channels.map((c) => c.channel));

  const xValues = niceTicks(x.domain[0], x.domain[1], Math.max(2, Math.round(plotW / 60))).filter((v) => Number.isInteger(v));
  const xStep = xValues.length > 1 ? xValues[1]! - xValues[0]! : 1;
  const yValues = niceTicks(y.domain[0], y.domain[1], Math.max(2, Math.round(plotH / 30)));
  const yStep = yValues.length > 1 ? yValues[1]! - yValues[0]! : 1;

  return {
    x,
    y,
    length,
    xTicks: xValues.map((v) => ({ value: v, label: formatLinearTick(v, xStep), px: x.toPixel(v) })),
    yTicks: yValues.map((v) => ({ value: v, label: formatLinearTick(v, yStep), py: y.toPixel(v) })),
    lines: channels.map((c, i) => ({
      channel: c.channel,
      colour: colours[i]!,
      path: linePath(shown[i]!, x.toPixel, y.toPixel),
      max: c.values.reduce((a, v) => (Number.isFinite(v) && v > a ? v : a), Number.NEGATIVE_INFINITY),
    })),
  };
}
