import { describe, expect, it } from 'vitest';
import { parseNumber, parseVolumeForm, volumeFormFields } from './volume-form.js';

describe('volume method form', () => {
  it('reads numbers with a point or a decimal comma', () => {
    expect(parseNumber('1.5')).toBe(1.5);
    expect(parseNumber(' 1,5 ')).toBe(1.5);
    expect(parseNumber('2e3')).toBe(2000);
    expect(parseNumber('1 000')).toBe(1000);
    expect(parseNumber('1.2.3')).toBeNaN();
    expect(parseNumber('abc')).toBeNaN();
    expect(parseNumber('')).toBeNaN();
  });

  it('fills the fields from a stored method and back', () => {
    const flow = { method: 'flow-rate' as const, flowRate_uL_per_min: 30, acquisitionSeconds: 120, dilutionFactor: 2, compensate: false };
    const fields = volumeFormFields(flow);
    expect(fields).toMatchObject({ method: 'flow-rate', flowRate: '30', acquisitionSeconds: '120', dilutionFactor: '2', compensate: false });
    expect(parseVolumeForm(fields)).toEqual({ ok: true, volume: flow });
    const beads = { method: 'beads' as const, beadSet: 'Beads 1 µm', beadConcentration_per_mL: 1e5, dilutionFactor: 1, compensate: true };
    expect(parseVolumeForm(volumeFormFields(beads))).toEqual({ ok: true, volume: beads });
    // nothing stored yet: FCS $VOL, compensation on (the service's default)
    expect(volumeFormFields(null)).toMatchObject({ method: 'fcs-vol', dilutionFactor: '1', compensate: true });
    expect(parseVolumeForm(volumeFormFields(null))).toEqual({ ok: true, volume: { method: 'fcs-vol', dilutionFactor: 1, compensate: true } });
    // the instrument's own volume (CytoSense) has no compensation choice
    expect(parseVolumeForm({ ...volumeFormFields(null), method: 'instrument', compensate: false })).toEqual({ ok: true, volume: { method: 'instrument', dilutionFactor: 1 } });
  });

  it('leaves the acquisition time out when blank (the service takes it from the file)', () => {
    const f = { ...volumeFormFields(null), method: 'flow-rate' as const, flowRate: '12,5' };
    expect(parseVolumeForm(f)).toEqual({ ok: true, volume: { method: 'flow-rate', flowRate_uL_per_min: 12.5, acquisitionSeconds: null, dilutionFactor: 1, compensate: true } });
  });

  it('names the first wrong field and why', () => {
    const base = volumeFormFields(null);
    expect(parseVolumeForm({ ...base, method: 'flow-rate' })).toEqual({ ok: false, field: 'flowRate', problem: 'required' });
    expect(parseVolumeForm({ ...base, method: 'flow-rate', flowRate: '-3' })).toEqual({ ok: false, field: 'flowRate', problem: 'not-positive' });
    expect(parseVolumeForm({ ...base, method: 'flow-rate', flowRate: '3', acquisitionSeconds: 'x' })).toEqual({ ok: false, field: 'acquisitionSeconds', problem: 'not-a-number' });
    expect(parseVolumeForm({ ...base, method: 'beads', beadConcentration: '100' })).toEqual({ ok: false, field: 'beadSet', problem: 'required' });
    expect(parseVolumeForm({ ...base, method: 'beads', beadSet: 'B', beadConcentration: '0' })).toEqual({ ok: false, field: 'beadConcentration', problem: 'not-positive' });
    expect(parseVolumeForm({ ...base, dilutionFactor: '0.5' })).toEqual({ ok: false, field: 'dilutionFactor', problem: 'below-one' });
    expect(parseVolumeForm({ ...base, dilutionFactor: 'two' })).toEqual({ ok: false, field: 'dilutionFactor', problem: 'not-a-number' });
    expect(parseVolumeForm({ ...base, dilutionFactor: '' })).toEqual({ ok: true, volume: { method: 'fcs-vol', dilutionFactor: 1, compensate: true } });
  });
});
