import { describe, expect, it } from 'vitest';
import type { DatasetDraft } from './dataset-draft.js';
import { emptyDraft } from './dataset-draft.js';
import { checkDraft, fieldKey, problemsByField, serviceProblem } from './draft-problems.js';

function complete(): DatasetDraft {
  const d = emptyDraft(['s1']);
  return {
    ...d,
    title: 'Frioul 2026',
    abstract: 'Flow cytometry at Frioul.',
    holdingCentreEdmo: '1084',
    originatorEdmo: '1084',
    piName: 'Ada Lovelace',
    piEmail: 'ada@example.org',
    platformClass: '48',
    instrument: 'TOOL1209',
    deviceCategory: 'LAB37',
    accessRestriction: 'LS',
    units: [{ ...d.units[0]!, localCdiId: 'FRIOUL_2026', stationName: 'Frioul', latitude: '43,2417', longitude: '5.29167', samplingDepth: '1', bottomDepth: '60' }],
  };
}

describe('checkDraft', () => {
  it('finds nothing in a complete form', () => {
    expect(checkDraft(complete())).toEqual([]);
  });

  it('names every required field of an empty form, in the order of the form', () => {
    expect(checkDraft(emptyDraft()).map((p) => `${p.field}:${p.kind}`)).toEqual([
      'title:required',
      'abstract:required',
      'holdingCentreEdmo:required',
      'originatorEdmo:required',
      'pi.name:required',
      'pi.email:required',
      'platformClass:required',
      'instrument:required',
      'deviceCategory:required',
      'accessRestriction:required',
      'cdis.0.localCdiId:required',
      'cdis.0.station.name:required',
      'cdis.0.station.latitude:required',
      'cdis.0.station.longitude:required',
      'samples:no-samples',
    ]);
  });

  it('checks EDMO codes, e-mail, numbers, ranges and LOCAL_CDI_IDs', () => {
    const d = complete();
    d.holdingCentreEdmo = 'IFREMER';
    d.piEmail = 'ada at example.org';
    d.piEdmo = '12a';
    d.units = [
      { ...d.units[0]!, latitude: '91', longitude: '5°E', samplingDepth: '-25', bottomDepth: '12001' },
      { ...d.units[0]!, key: 'u2', localCdiId: 'FRIOUL_2026', samples: [] },
      { ...d.units[0]!, key: 'u3', localCdiId: '_bad id', samples: [] },
    ];
    expect(checkDraft(d).map((p) => [p.field, p.kind, p.min, p.max])).toEqual([
      ['holdingCentreEdmo', 'edmo', undefined, undefined],
      ['pi.email', 'email', undefined, undefined],
      ['pi.edmo', 'edmo', undefined, undefined],
      ['cdis.0.station.latitude', 'out-of-range', -90, 90],
      ['cdis.0.station.longitude', 'not-a-number', undefined, undefined],
      ['cdis.0.station.samplingDepth_m', 'out-of-range', -20, 12000],
      ['cdis.0.station.bottomDepth_m', 'out-of-range', 0, 12000],
      ['cdis.1.localCdiId', 'duplicate-cdi-id', undefined, undefined],
      ['cdis.2.localCdiId', 'cdi-id', undefined, undefined],
    ]);
  });

  it('adds what the schema refuses beyond the form’s own checks, with its message', () => {
    const d = complete();
    d.title = 'x'.repeat(251);
    const problems = checkDraft(d);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field: 'title', kind: 'other' });
    expect(problems[0]!.message).toMatch(/250/);
  });
});

describe('field keys', () => {
  it('writes a single unit’s top-level fields as unit 0 and drops the request prefix', () => {
    expect(fieldKey('metadata.pi.email')).toBe('pi.email');
    expect(fieldKey('metadata.station.latitude')).toBe('cdis.0.station.latitude');
    expect(fieldKey('localCdiId')).toBe('cdis.0.localCdiId');
    expect(fieldKey('featureType')).toBe('cdis.0.featureType');
    expect(fieldKey('metadata.cdis.1.station.name')).toBe('cdis.1.station.name');
    expect(fieldKey('stationery')).toBe('stationery');
  });

  it('turns a service refusal about a field into that field’s problem', () => {
    expect(serviceProblem({ code: 'invalid-request', field: 'metadata.pi.email', message: 'updateDataset: Invalid email' })).toEqual({ field: 'pi.email', kind: 'other', message: 'Invalid email' });
    expect(serviceProblem({ code: 'invalid-request', message: 'no field' })).toBeNull();
    expect(serviceProblem({ code: 'conflict', field: 'baseVersion', message: 'stale' })).toBeNull();
    const byField = problemsByField([
      { field: 'title', kind: 'required' },
      { field: 'title', kind: 'other', message: 'second' },
      { field: 'abstract', kind: 'required' },
    ]);
    expect([...byField.keys()]).toEqual(['title', 'abstract']);
    expect(byField.get('title')?.kind).toBe('required');
  });
});
