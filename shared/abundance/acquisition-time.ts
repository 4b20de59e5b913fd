/**
 * How long an FCS sample was acquired, in seconds: needed when the analysed volume is a flow rate × time.
 *
 * Two sources, in this order:
 * 1. the time parameter × $TIMESTEP (last − first event time): finer than $BTIM/$ETIM, which most instruments
 *    write to the second, and it spans exactly the events that were recorded;
 * 2. $ETIM − $BTIM: `hh:mm:ss`, `hh:mm:ss.cc` (3.1), `hh:mm:ss:tt` with tt in 1/60 s (3.0) and `hh:mm:ss:ttt`
 *    (milliseconds, CyFlow). An $ETIM earlier than $BTIM means the run crossed midnight (+24 h).
 * A time parameter that decreases (a counter that wrapped, events out of order) is not used. When both sources
 * are readable and disagree by more than 10 % (and 2 s, the rounding of $BTIM/$ETIM), the result carries a warning.
 */
import { parseFcsTime } from '../formats/fcs/fcs-metadata.js';
import { fcsKeyword, parseFcsNumber } from '../formats/fcs/fcs-values.js';

export type AcquisitionTimeSource = 'given' | 'time-parameter' | 'btim-etim';

export interface AcquisitionTime {
  seconds: number | null;
  source: AcquisitionTimeSource | null;
  /** How the duration was obtained, in plain words (null when it could not be). */
  detail: string | null;
  /** Why `seconds` is null, naming the keywords at fault. */
  reason: string | null;
  /** A doubt that does not stop the computation (sources disagree, the time parameter was not usable). */
  warning: string | null;
}

export interface AcquisitionTimeInputs {
  /** FCS TEXT keywords (FcsDataSetHead.keywords: written case, trimmed values). */
  keywords: Record<string, string>;
  /** Stored values of the time parameter (see findTimeParameter), when the data set has one. */
  timeColumn?: ArrayLike<number> | null;
}

const DAY = 86_400;

/** Rounds for messages: 6 significant digits, no trailing zeros. */
export function formatNumber(n: number): string {
  return String(Number(n.toPrecision(6)));
}

/** Index (0-based) of the time parameter: $PnN `Time` (any case), else $PnS `Time`; -1 when there is none. */
export function findTimeParameter(parameters: readonly { name: string; label?: string | null }[]): number {
  const byName = parameters.findIndex((p) => p.name.trim().toLowerCase() === 'time');
  if (byName >= 0) return byName;
  return parameters.findIndex((p) => (p.label ?? '').trim().toLowerCase() === 'time');
}

/** $ETIM − $BTIM in seconds, across midnight when $ETIM is earlier. */
export function secondsFromBeginEndTimes(keywords: Record<string, string>): { seconds: number | null; crossesMidnight: boolean; problem: string | null } {
  const btim = fcsKeyword(keywords, '$BTIM');
  const etim = fcsKeyword(keywords, '$ETIM');
  if (btim === undefined || btim.trim() === '') return { seconds: null, crossesMidnight: false, problem: '$BTIM (acquisition start time) is absent' };
  if (etim === undefined || etim.trim() === '') return { seconds: null, crossesMidnight: false, problem: '$ETIM (acquisition end time) is absent' };
  const b = parseFcsTime(btim);
  if (b === null) return { seconds: null, crossesMidnight: false, problem: `$BTIM=${JSON.stringify(btim)} is not a time (hh:mm:ss[.cc])` };
  const e = parseFcsTime(etim);
  if (e === null) return { seconds: null, crossesMidnight: false, problem: `$ETIM=${JSON.stringify(etim)} is not a time (hh:mm:ss[.cc])` };
  if (e === b) return { seconds: null, crossesMidnight: false, problem: `$BTIM and $ETIM are both ${btim.trim()}: no acquisition time` };
  const crossesMidnight = e < b;
  // Rounded to the millisecond: 1/60 s ticks and decimal fractions otherwise leave float noise.
  const seconds = Math.round(((crossesMidnight ? e + DAY : e) - b) * 1000) / 1000;
  return { seconds, crossesMidnight, problem: null };
}

/** (last − first) × $TIMESTEP over the finite values of the time parameter; refused if the values decrease. */
export function secondsFromTimeParameter(column: ArrayLike<number>, timestep: number): { seconds: number | null; problem: string | null } {
  if (!(timestep > 0) || !Number.isFinite(timestep)) return { seconds: null, problem: `$TIMESTEP=${timestep} is not a positive number` };
  let first = NaN;
  let previous = NaN;
  for (let i = 0; i < column.length; i++) {
    const v = column[i] as number;
    if (!Number.isFinite(v)) continue;
    if (Number.isNaN(first)) first = v;
    else if (v < previous) {
      return { seconds: null, problem: `the time parameter decreases at event ${i + 1} (${formatNumber(previous)} then ${formatNumber(v)}): the counter wrapped or events are not in time order` };
    }
    previous = v;
  }
  if (Number.isNaN(first) || previous === first) return { seconds: null, problem: 'the time parameter has fewer than two distinct event times' };
  return { seconds: (previous - first) * timestep, problem: null };
}

/** The acquisition duration of an FCS data set; see the file comment for the order of the sources. */
export function fcsAcquisitionTime(inputs: AcquisitionTimeInputs): AcquisitionTime {
  const clock = secondsFromBeginEndTimes(inputs.keywords);
  let channel: { seconds: number | null; problem: string | null } | null = null;
  if (inputs.timeColumn) {
    const raw = fcsKeyword(inputs.keywords, '$TIMESTEP');
    const timestep = parseFcsNumber(raw);
    if (raw === undefined || raw.trim() === '') channel = { seconds: null, problem: '$TIMESTEP is absent, so the time parameter has no unit' };
    else if (timestep === null) channel = { seconds: null, problem: `$TIMESTEP=${JSON.stringify(raw)} is not a number` };
    else channel = secondsFromTimeParameter(inputs.timeColumn, timestep);
  }

  const clockDetail = () =>
    `$ETIM − $BTIM = ${formatNumber(clock.seconds ?? NaN)} s${clock.crossesMidnight ? ' (the run crossed midnight)' : ''}`;

  if (channel && channel.seconds !== null) {
    let warning: string | null = null;
    if (clock.seconds !== null) {
      const diff = Math.abs(channel.seconds - clock.seconds);
      if (diff > 2 && diff > 0.1 * Math.max(channel.seconds, clock.seconds)) {
        warning = `the time parameter spans ${formatNumber(channel.seconds)} s but ${clockDetail()}; check which one is right`;
      }
    }
    return { seconds: channel.seconds, source: 'time-parameter', detail: `time parameter × $TIMESTEP = ${formatNumber(channel.seconds)} s`, reason: null, warning };
  }
  if (clock.seconds !== null) {
    const warning = channel ? `time parameter not used: ${channel.problem ?? ''}` : null;
    return { seconds: clock.seconds, source: 'btim-etim', detail: clockDetail(), reason: null, warning };
  }
  const reasons = [channel?.problem, clock.problem].filter((r): r is string => typeof r === 'string');
  return { seconds: null, source: null, detail: null, reason: `no acquisition time: ${reasons.join('; ')}`, warning: null };
}
