/**
 * The analysed volume of a sample in µL, with the method that gave it, so an abundance can always say where its
 * volume came from. Missing or unusable inputs give `volume_uL: null` and a plain-words `reason` naming the
 * keyword or field; nothing is guessed.
 *
 * - CytoSense: the Info file's `Volume (μL)` (method `instrument`).
 * - FCS, chosen per sample:
 *   - `fcs-vol`: the $VOL keyword. FCS 3.1 defines $VOL in nanolitres, and the real files agree (Accuri C6
 *     $VOL=25016 over 102 s ≈ 15 µL/min; Attune NxT $VOL=46000 with #FLOWRATE=200 over ~14 s; CyFlow Cube
 *     $VOL=99000 over 101 s), so the default is nL. One real Cytek Aurora file writes $VOL=36.6 over 123 s,
 *     which is µL (36.6 nL would be 0.018 µL/min): `volUnit: 'uL'` reads such instruments, and a volume whose
 *     implied flow rate is outside 1–10 000 µL/min gets a warning suggesting the other unit.
 *   - `flow-rate`: flow rate (µL/min) × acquisition time (given, or from acquisition-time.ts).
 *   - `beads`: bead events ÷ bead concentration (beads per mL of the analysed sample).
 * - `dilutionFactor` (≥ 1, default 1) is carried with the volume; the abundance multiplies by it.
 */
import { fcsKeyword, parseFcsNumber } from '../formats/fcs/fcs-values.js';
import { fcsAcquisitionTime, formatNumber } from './acquisition-time.js';
import type { AcquisitionTimeSource } from './acquisition-time.js';

export type VolumeMethod = 'instrument' | 'fcs-vol' | 'flow-rate' | 'beads';

export type FcsVolumeChoice =
  | { method: 'fcs-vol'; volUnit?: 'nL' | 'uL'; dilutionFactor?: number }
  | { method: 'flow-rate'; flowRate_uL_per_min: number; acquisitionSeconds?: number; dilutionFactor?: number }
  | { method: 'beads'; beadSet: string; beadConcentration_per_mL: number; dilutionFactor?: number };

export interface AnalysedVolume {
  method: VolumeMethod;
  /** µL; null when it cannot be known (then `reason` says why). */
  volume_uL: number | null;
  /** As given (default 1); abundances are multiplied by it. */
  dilutionFactor: number;
  /** Why the volume is null, naming the keyword or field. */
  reason: string | null;
  /** How the volume was obtained, in plain words (e.g. `$VOL = 25016 nL = 25.016 µL`). */
  detail: string | null;
  /** A doubt that does not stop the computation (unit of $VOL, time sources that disagree). */
  warning: string | null;
  /** Acquisition time used (flow-rate) or checked against (fcs-vol); null otherwise. */
  acquisitionSeconds: number | null;
  acquisitionSource: AcquisitionTimeSource | null;
}

export interface FcsVolumeInputs {
  /** FCS TEXT keywords (FcsDataSetHead.keywords). */
  keywords: Record<string, string>;
  /** Stored values of the time parameter, when the data set has one (findTimeParameter). */
  timeColumn?: ArrayLike<number> | null;
  /** Events in the bead set (method `beads`); null or absent when the sample has no such set. */
  beadEvents?: number | null;
}

/** Implied flow rates outside this range (µL/min) suggest $VOL is in the other unit. */
const PLAUSIBLE_FLOW_RATE = { min: 1, max: 10_000 } as const;

function result(method: VolumeMethod, dilutionFactor: number, fields: Partial<AnalysedVolume>): AnalysedVolume {
  return {
    method,
    volume_uL: null,
    dilutionFactor,
    reason: null,
    detail: null,
    warning: null,
    acquisitionSeconds: null,
    acquisitionSource: null,
    ...fields,
  };
}

function dilutionProblem(dilution: number): string | null {
  return Number.isFinite(dilution) && dilution >= 1 ? null : `dilution factor must be a number ≥ 1 (got ${String(dilution)})`;
}

const positive = (n: number) => Number.isFinite(n) && n > 0;

/** CytoSense: the Info file's `Volume (μL)` (CytoclusInfo.volumeAnalysed_uL). */
export function cytosenseAnalysedVolume(volume_uL: number | null, dilutionFactor = 1): AnalysedVolume {
  const bad = dilutionProblem(dilutionFactor);
  if (bad) return result('instrument', dilutionFactor, { reason: bad });
  if (volume_uL === null) return result('instrument', dilutionFactor, { reason: 'the Info file has no `Volume (μL)` line' });
  if (!positive(volume_uL)) return result('instrument', dilutionFactor, { reason: `the Info file's Volume (μL) is ${String(volume_uL)}, not a positive volume` });
  return result('instrument', dilutionFactor, { volume_uL, detail: `Info file Volume (μL) = ${formatNumber(volume_uL)} µL` });
}

function fromVol(choice: Extract<FcsVolumeChoice, { method: 'fcs-vol' }>, inputs: FcsVolumeInputs, dilution: number): AnalysedVolume {
  const raw = fcsKeyword(inputs.keywords, '$VOL');
  if (raw === undefined || raw.trim() === '') return result('fcs-vol', dilution, { reason: '$VOL is absent from the FCS TEXT segment; choose the flow-rate or beads method' });
  const vol = parseFcsNumber(raw);
  if (vol === null) return result('fcs-vol', dilution, { reason: `$VOL=${JSON.stringify(raw)} is not a number` });
  if (!positive(vol)) return result('fcs-vol', dilution, { reason: `$VOL=${raw.trim()} is not a positive volume` });
  const unit = choice.volUnit ?? 'nL';
  const volume_uL = unit === 'nL' ? vol / 1000 : vol;
  const detail = unit === 'nL' ? `$VOL = ${raw.trim()} nL (FCS 3.1 unit) = ${formatNumber(volume_uL)} µL` : `$VOL = ${raw.trim()} read as µL`;

  // Plausibility only: the volume stands, the warning names the doubt.
  const time = fcsAcquisitionTime({ keywords: inputs.keywords, timeColumn: inputs.timeColumn ?? null });
  let warning: string | null = null;
  if (time.seconds !== null) {
    const rate = volume_uL / (time.seconds / 60);
    const shown = unit === 'nL' ? 'nL' : 'µL';
    const other = unit === 'nL' ? 'µL' : 'nL';
    const hint = `this instrument may write $VOL in ${other} (choose volUnit '${unit === 'nL' ? 'uL' : 'nL'}')`;
    if (rate < PLAUSIBLE_FLOW_RATE.min) {
      warning = `$VOL read as ${shown} gives ${formatNumber(volume_uL)} µL in ${formatNumber(time.seconds)} s (${formatNumber(rate)} µL/min), below any benchtop flow rate: ${hint}`;
    } else if (rate > PLAUSIBLE_FLOW_RATE.max) {
      warning = `$VOL read as ${shown} gives ${formatNumber(volume_uL)} µL in ${formatNumber(time.seconds)} s (${formatNumber(rate)} µL/min), above any benchtop flow rate: ${hint}`;
    }
  }
  return result('fcs-vol', dilution, { volume_uL, detail, warning, acquisitionSeconds: time.seconds, acquisitionSource: time.source });
}

function fromFlowRate(choice: Extract<FcsVolumeChoice, { method: 'flow-rate' }>, inputs: FcsVolumeInputs, dilution: number): AnalysedVolume {
  const rate = choice.flowRate_uL_per_min;
  if (!positive(rate)) return result('flow-rate', dilution, { reason: `flow rate must be a positive number of µL/min (got ${String(rate)})` });
  let seconds: number;
  let how: string;
  let source: AcquisitionTimeSource;
  let warning: string | null = null;
  if (choice.acquisitionSeconds !== undefined) {
    if (!positive(choice.acquisitionSeconds)) {
      return result('flow-rate', dilution, { reason: `acquisition time must be a positive number of seconds (got ${String(choice.acquisitionSeconds)})` });
    }
    seconds = choice.acquisitionSeconds;
    how = `${formatNumber(seconds)} s (given)`;
    source = 'given';
  } else {
    const time = fcsAcquisitionTime({ keywords: inputs.keywords, timeColumn: inputs.timeColumn ?? null });
    if (time.seconds === null || time.source === null) return result('flow-rate', dilution, { reason: time.reason });
    seconds = time.seconds;
    how = time.detail ?? `${formatNumber(seconds)} s`;
    source = time.source;
    warning = time.warning;
  }
  const volume_uL = (rate * seconds) / 60;
  return result('flow-rate', dilution, {
    volume_uL,
    detail: `${formatNumber(rate)} µL/min × ${how} = ${formatNumber(volume_uL)} µL`,
    warning,
    acquisitionSeconds: seconds,
    acquisitionSource: source,
  });
}

function fromBeads(choice: Extract<FcsVolumeChoice, { method: 'beads' }>, inputs: FcsVolumeInputs, dilution: number): AnalysedVolume {
  const conc = choice.beadConcentration_per_mL;
  const set = JSON.stringify(choice.beadSet);
  if (!positive(conc)) return result('beads', dilution, { reason: `bead concentration must be a positive number of beads per mL (got ${String(conc)})` });
  const beads = inputs.beadEvents;
  if (beads === undefined || beads === null) return result('beads', dilution, { reason: `bead set ${set} is not defined for this sample` });
  if (!Number.isFinite(beads) || beads < 0) return result('beads', dilution, { reason: `bead set ${set} has ${String(beads)} events, not a count` });
  if (beads === 0) return result('beads', dilution, { reason: `bead set ${set} has no events, so the volume cannot be derived from it` });
  const volume_uL = (beads / conc) * 1000;
  return result('beads', dilution, {
    volume_uL,
    detail: `${beads} events in bead set ${set} ÷ ${formatNumber(conc)} beads/mL = ${formatNumber(volume_uL)} µL`,
  });
}

/** FCS: the per-sample choice applied to the data set's keywords (and time parameter or bead count). */
export function fcsAnalysedVolume(choice: FcsVolumeChoice, inputs: FcsVolumeInputs): AnalysedVolume {
  const dilution = choice.dilutionFactor ?? 1;
  const bad = dilutionProblem(dilution);
  if (bad) return result(choice.method, dilution, { reason: bad });
  switch (choice.method) {
    case 'fcs-vol':
      return fromVol(choice, inputs, dilution);
    case 'flow-rate':
      return fromFlowRate(choice, inputs, dilution);
    case 'beads':
      return fromBeads(choice, inputs, dilution);
  }
}

export interface FlowRateHint {
  keyword: string;
  raw: string;
  /** As written; the unit is assumed, not stated by the file. */
  value: number;
  assumedUnit: 'µL/min';
}

/**
 * A vendor keyword that looks like the sample flow rate, to pre-fill the flow-rate method (the curator confirms
 * it): `#FLOWRATE` (Thermo Attune NxT, e.g. 200, µL/min by the instrument's settings). Not standard FCS; null when
 * absent or not a positive number.
 */
export function fcsFlowRateHint(keywords: Record<string, string>): FlowRateHint | null {
  for (const keyword of ['#FLOWRATE']) {
    const raw = fcsKeyword(keywords, keyword);
    const value = parseFcsNumber(raw);
    if (raw !== undefined && value !== null && value > 0) return { keyword, raw: raw.trim(), value, assumedUnit: 'µL/min' };
  }
  return null;
}
