/**
 * The volume method form of an FCS sample (how its analysed volume is found, its dilution, and whether the file's
 * spillover compensation is applied): field texts in, the request's volume out, or the first field that is wrong
 * and why. Numbers may use a decimal comma.
 */
import type { RequestOf } from '../../shared/api/contract.js';
import type { VolumeMethodValue } from '../../shared/model/change-event.js';

export type VolumeMethod = RequestOf<'setVolumeMethod'>['volume'];
export type VolumeMethodKind = VolumeMethodValue['method'];
export const VOLUME_METHODS: readonly VolumeMethodKind[] = ['fcs-vol', 'flow-rate', 'beads', 'instrument'];

export interface VolumeFormFields {
  method: VolumeMethodKind;
  /** Apply the FCS file's $SPILLOVER / SPILL compensation (not asked for the instrument's own volume). */
  compensate: boolean;
  dilutionFactor: string;
  flowRate: string;
  acquisitionSeconds: string;
  beadSet: string;
  beadConcentration: string;
}

export type VolumeField = Exclude<keyof VolumeFormFields, 'method' | 'compensate'>;
export type VolumeProblem = 'required' | 'not-a-number' | 'not-positive' | 'below-one';

export function volumeFormFields(method: VolumeMethodValue | null, fallback: VolumeMethodKind = 'fcs-vol'): VolumeFormFields {
  const fields: VolumeFormFields = {
    method: method?.method ?? fallback,
    compensate: method?.compensate ?? true,
    dilutionFactor: String(method?.dilutionFactor ?? 1),
    flowRate: '',
    acquisitionSeconds: '',
    beadSet: '',
    beadConcentration: '',
  };
  if (method?.method === 'flow-rate') {
    fields.flowRate = String(method.flowRate_uL_per_min);
    fields.acquisitionSeconds = method.acquisitionSeconds === null ? '' : String(method.acquisitionSeconds);
  } else if (method?.method === 'beads') {
    fields.beadSet = method.beadSet;
    fields.beadConcentration = String(method.beadConcentration_per_mL);
  }
  return fields;
}

/** A number typed by a person: "1.5", "1,5", " 2e3 "; NaN when it is not one. */
export function parseNumber(text: string): number {
  const t = text.trim().replace(/\s/g, '');
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/.test(t)) return Number.NaN;
  return Number(t.replace(',', '.'));
}

export type VolumeFormResult = { ok: true; volume: VolumeMethod } | { ok: false; field: VolumeField; problem: VolumeProblem };

export function parseVolumeForm(f: VolumeFormFields): VolumeFormResult {
  const positive = (field: VolumeField, text: string, optional = false): number | null | { field: VolumeField; problem: VolumeProblem } => {
    if (!text.trim()) return optional ? null : { field, problem: 'required' };
    const v = parseNumber(text);
    if (!Number.isFinite(v)) return { field, problem: 'not-a-number' };
    if (!(v > 0)) return { field, problem: 'not-positive' };
    return v;
  };
  const fail = (r: unknown): r is { field: VolumeField; problem: VolumeProblem } => typeof r === 'object' && r !== null;

  let dilutionFactor = 1;
  if (f.dilutionFactor.trim()) {
    const d = parseNumber(f.dilutionFactor);
    if (!Number.isFinite(d)) return { ok: false, field: 'dilutionFactor', problem: 'not-a-number' };
    if (d < 1) return { ok: false, field: 'dilutionFactor', problem: 'below-one' };
    dilutionFactor = d;
  }
  switch (f.method) {
    case 'instrument':
      return { ok: true, volume: { method: 'instrument', dilutionFactor } };
    case 'fcs-vol':
      return { ok: true, volume: { method: 'fcs-vol', dilutionFactor, compensate: f.compensate } };
    case 'flow-rate': {
      const rate = positive('flowRate', f.flowRate);
      if (fail(rate)) return { ok: false, ...rate };
      const seconds = positive('acquisitionSeconds', f.acquisitionSeconds, true);
      if (fail(seconds)) return { ok: false, ...seconds };
      return { ok: true, volume: { method: 'flow-rate', flowRate_uL_per_min: rate as number, acquisitionSeconds: seconds, dilutionFactor, compensate: f.compensate } };
    }
    case 'beads': {
      const beadSet = f.beadSet.trim();
      if (!beadSet) return { ok: false, field: 'beadSet', problem: 'required' };
      const concentration = positive('beadConcentration', f.beadConcentration);
      if (fail(concentration)) return { ok: false, ...concentration };
      return { ok: true, volume: { method: 'beads', beadSet, beadConcentration_per_mL: concentration as number, dilutionFactor, compensate: f.compensate } };
    }
  }
}
