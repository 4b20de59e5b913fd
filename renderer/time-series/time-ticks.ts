/**
 * Date ticks of the time axis, always in UTC (like every time CytoCurator shows): the round interval (minutes,
 * hours, days, months, years) that gives about the wanted number of ticks, and labels that name the date
 * where it changes ("06:00" under "2026-05-14"). Pure, tested in Node.
 */
export interface TimeTick {
  /** Milliseconds since the epoch. */
  time: number;
  label: string;
  /** The date (or year) under the label, where it changes from the previous tick; null otherwise. */
  context: string | null;
}

type Unit = 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';

interface Interval {
  unit: Unit;
  step: number;
  /** Approximate length in ms, to choose the interval. */
  ms: number;
}

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

export const timeIntervals: readonly Interval[] = [
  { unit: 'second', step: 1, ms: second },
  { unit: 'second', step: 5, ms: 5 * second },
  { unit: 'second', step: 15, ms: 15 * second },
  { unit: 'second', step: 30, ms: 30 * second },
  { unit: 'minute', step: 1, ms: minute },
  { unit: 'minute', step: 5, ms: 5 * minute },
  { unit: 'minute', step: 15, ms: 15 * minute },
  { unit: 'minute', step: 30, ms: 30 * minute },
  { unit: 'hour', step: 1, ms: hour },
  { unit: 'hour', step: 3, ms: 3 * hour },
  { unit: 'hour', step: 6, ms: 6 * hour },
  { unit: 'hour', step: 12, ms: 12 * hour },
  { unit: 'day', step: 1, ms: day },
  { unit: 'day', step: 2, ms: 2 * day },
  { unit: 'day', step: 7, ms: 7 * day },
  { unit: 'month', step: 1, ms: 30 * day },
  { unit: 'month', step: 3, ms: 91 * day },
  { unit: 'month', step: 6, ms: 182 * day },
  { unit: 'year', step: 1, ms: 365 * day },
];

/** The smallest interval giving at most `count` ticks over the span (years beyond the table scale up). */
export function chooseInterval(spanMs: number, count: number): Interval {
  const target = spanMs / Math.max(1, count);
  for (const interval of timeIntervals) if (interval.ms >= target) return interval;
  const years = Math.max(1, Math.ceil(target / (365 * day)));
  const step = years <= 2 ? 2 : years <= 5 ? 5 : Math.ceil(years / 10) * 10;
  return { unit: 'year', step, ms: step * 365 * day };
}

/** The first time ≥ t on the interval's grid (UTC; days counted from the epoch, weeks start on Monday). */
function floorTo(t: number, interval: Interval): number {
  const d = new Date(t);
  switch (interval.unit) {
    case 'second':
    case 'minute':
    case 'hour': {
      const ms = interval.ms;
      return Math.floor(t / ms) * ms;
    }
    case 'day': {
      if (interval.step === 7) {
        const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
        const weekday = (new Date(midnight).getUTCDay() + 6) % 7; // Monday = 0
        return midnight - weekday * day;
      }
      const days = Math.floor(t / day);
      return (days - (days % interval.step)) * day;
    }
    case 'month': {
      const month = d.getUTCMonth() - (d.getUTCMonth() % interval.step);
      return Date.UTC(d.getUTCFullYear(), month, 1);
    }
    case 'year': {
      const year = d.getUTCFullYear() - (d.getUTCFullYear() % interval.step);
      return Date.UTC(year, 0, 1);
    }
  }
}

function advance(t: number, interval: Interval): number {
  const d = new Date(t);
  switch (interval.unit) {
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + interval.step, 1);
    case 'year':
      return Date.UTC(d.getUTCFullYear() + interval.step, 0, 1);
    default:
      return t + interval.ms;
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dateOf = (d: Date) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

function labelOf(t: number, unit: Unit): { label: string; context: string } {
  const d = new Date(t);
  switch (unit) {
    case 'second':
      return { label: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`, context: dateOf(d) };
    case 'minute':
    case 'hour':
      return { label: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`, context: dateOf(d) };
    case 'day':
      return { label: `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`, context: pad(d.getUTCFullYear(), 4) };
    case 'month':
      return { label: `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}`, context: '' };
    case 'year':
      return { label: pad(d.getUTCFullYear(), 4), context: '' };
  }
}

/** Ticks on round UTC times inside [start, end] (ms), about `count` of them. */
export function utcTimeTicks(start: number, end: number, count = 6): TimeTick[] {
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return [];
  if (end === start) {
    const only = labelOf(start, 'minute');
    return [{ time: start, label: only.label, context: only.context }];
  }
  const interval = chooseInterval(end - start, count);
  const ticks: TimeTick[] = [];
  let previousContext: string | null = null;
  let t = floorTo(start, interval);
  if (t < start) t = advance(t, interval);
  for (let guard = 0; t <= end && guard < 1000; guard++) {
    const { label, context } = labelOf(t, interval.unit);
    ticks.push({ time: t, label, context: context && context !== previousContext ? context : null });
    previousContext = context;
    t = advance(t, interval);
  }
  return ticks;
}

/** The x domain of these times: padded by 3 % each side, or ±1 hour around a single time. Null when empty. */
export function timeDomain(times: readonly number[]): [number, number] | null {
  const finite = times.filter((t) => Number.isFinite(t));
  if (finite.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const t of finite) {
    if (t < min) min = t;
    if (t > max) max = t;
  }
  if (max === min) return [min - hour, max + hour];
  const pad_ = (max - min) * 0.03;
  return [min - pad_, max + pad_];
}
