import { describe, expect, it } from 'vitest';
import { datasetMetadataSchema } from '../../shared/publication/dataset-metadata.js';
import type { DatasetMetadataInput } from '../../shared/publication/dataset-metadata.js';
import { addUnit, assignSamples, draftFromMetadata, draftToMetadataInput, emptyDraft, parseDecimal, removeUnit, sameSamples, setDatasetSamples, unitOfSample } from './dataset-draft.js';

const station = { name: 'Frioul', latitude: 43.2417, longitude: 5.29167, samplingDepth_m: 1, bottomDepth_m: 60 };
const single: DatasetMetadataInput = {
  title: 'CytoSense at Frioul, spring 2026',
  abstract: 'Automated flow cytometry at the SOMLIT Frioul station.',
  holdingCentreEdmo: '1084',
  originatorEdmo: 1084,
  pi: { name: 'Ada Lovelace', email: 'ada@example.org' },
  project: 'SOMLIT',
  platformClass: '48',
  instrument: 'TOOL1209',
  deviceCategory: 'LAB37',
  accessRestriction: 'LS',
  localCdiId: 'FRIOUL_CYTO_2026',
  station,
};
const parse = (m: DatasetMetadataInput) => datasetMetadataSchema.parse(m);

describe('parseDecimal', () => {
  it('reads a point or a comma, ignores spaces, and tells empty from not a number', () => {
    expect(parseDecimal('43.2417')).toBe(43.2417);
    expect(parseDecimal('43,2417')).toBe(43.2417);
    expect(parseDecimal(' -5,5 ')).toBe(-5.5);
    expect(parseDecimal('1\u00a0200')).toBe(1200);
    expect(parseDecimal('.5')).toBe(0.5);
    expect(parseDecimal('1e3')).toBe(1000);
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('   ')).toBeNull();
    expect(parseDecimal('43°N')).toBeNaN();
    expect(parseDecimal('1.2.3')).toBeNaN();
    expect(parseDecimal('1,2,3')).toBeNaN();
  });
});

describe('dataset draft', () => {
  it('round-trips single-unit metadata through the form, as the top-level form', () => {
    const stored = parse(single);
    const draft = draftFromMetadata(stored, ['s1', 's2']);
    expect(draft).toMatchObject({ holdingCentreEdmo: '1084', originatorEdmo: '1084', piEdmo: '', platformCode: '', cruise: '', discoveryParameters: [], sampleIds: ['s1', 's2'] });
    expect(draft.units).toHaveLength(1);
    expect(draft.units[0]).toMatchObject({ localCdiId: 'FRIOUL_CYTO_2026', stationName: 'Frioul', latitude: '43.2417', longitude: '5.29167', samplingDepth: '1', bottomDepth: '60', featureType: 'time-series', samples: null });
    const back = parse(draftToMetadataInput(draft));
    // The kind of unit is written out (time series was the default)
    expect(back).toEqual({ ...stored, featureType: 'time-series' });
  });

  it('writes several units as cdis with their samples, and reads them back', () => {
    const two = parse({
      ...single,
      localCdiId: undefined,
      station: undefined,
      platformCode: '35TT',
      discoveryParameters: ['PNTX'],
      pi: { name: 'Ada Lovelace', email: 'ada@example.org', edmo: '486' },
      cdis: [
        { localCdiId: 'A', station, samples: ['s1'] },
        { localCdiId: 'B', station: { ...station, name: 'Frioul B', samplingDepth_m: null }, featureType: 'profile', samples: ['s2', 's3'] },
      ],
    });
    const draft = draftFromMetadata(two, ['s1', 's2', 's3']);
    expect(draft.units.map((u) => [u.localCdiId, u.samples, u.featureType, u.samplingDepth])).toEqual([
      ['A', ['s1'], 'time-series', '1'],
      ['B', ['s2', 's3'], 'profile', ''],
    ]);
    expect(draft).toMatchObject({ platformCode: '35TT', piEdmo: '486', discoveryParameters: ['PNTX'] });
    expect(parse(draftToMetadataInput(draft))).toEqual(two);
  });

  it('leaves empty optional fields out or null, and takes decimal commas', () => {
    const d = { ...emptyDraft(['s1']), title: ' T ', abstract: 'A', holdingCentreEdmo: '1084', originatorEdmo: '1084', piName: 'P', piEmail: 'p@x.org', platformClass: '48', instrument: 'TOOL1209', deviceCategory: 'LAB37', accessRestriction: 'LS' };
    d.units = [{ ...d.units[0]!, localCdiId: 'X1', stationName: 'S', latitude: '43,5', longitude: '-5,25' }];
    const input = draftToMetadataInput(d);
    expect(input).toEqual({
      title: 'T',
      abstract: 'A',
      holdingCentreEdmo: '1084',
      originatorEdmo: '1084',
      pi: { name: 'P', email: 'p@x.org' },
      project: null,
      platformClass: '48',
      platformCode: null,
      instrument: 'TOOL1209',
      deviceCategory: 'LAB37',
      accessRestriction: 'LS',
      localCdiId: 'X1',
      station: { name: 'S', latitude: 43.5, longitude: -5.25, samplingDepth_m: null, bottomDepth_m: null },
      featureType: 'time-series',
    });
    expect(datasetMetadataSchema.safeParse(input).success).toBe(true);
  });

  it('adds a unit (the first one then lists every sample), moves samples, and removes it again', () => {
    let d = { ...emptyDraft(['s1', 's2', 's3']) };
    d.units = [{ ...d.units[0]!, localCdiId: 'A', stationName: 'Frioul', latitude: '43.2' }];
    d = addUnit(d);
    expect(d.units.map((u) => [u.localCdiId, u.stationName, u.latitude, u.samples])).toEqual([
      ['A', 'Frioul', '43.2', ['s1', 's2', 's3']],
      ['', 'Frioul', '43.2', []],
    ]);
    const [a, b] = d.units.map((u) => u.key) as [string, string];
    d = assignSamples(d, ['s3', 's2'], b);
    expect(d.units.map((u) => u.samples)).toEqual([['s1'], ['s3', 's2']]);
    expect([...unitOfSample(d)]).toEqual([
      ['s1', a],
      ['s3', b],
      ['s2', b],
    ]);
    d = assignSamples(d, ['s1'], null);
    expect(d.units.map((u) => u.samples)).toEqual([[], ['s3', 's2']]);
    // A third unit, removed: its samples go to the first unit
    d = addUnit(d);
    const c = d.units[2]!.key;
    d = assignSamples(d, ['s2'], c);
    d = removeUnit(d, c);
    expect(d.units.map((u) => u.samples)).toEqual([['s2'], ['s3']]);
    // Back to one unit: it holds every sample again
    d = removeUnit(d, b);
    expect(d.units).toHaveLength(1);
    expect(d.units[0]!.samples).toBeNull();
    expect(removeUnit(d, a)).toBe(d);
    expect(assignSamples(d, ['s1'], a)).toBe(d);
  });

  it('removing samples from the dataset takes them out of their units', () => {
    let d = addUnit({ ...emptyDraft(['s1', 's2', 's3']) });
    d = assignSamples(d, ['s3'], d.units[1]!.key);
    d = setDatasetSamples(d, ['s2', 's3', 's3', 's4']);
    expect(d.sampleIds).toEqual(['s2', 's3', 's4']);
    expect(d.units.map((u) => u.samples)).toEqual([['s2'], ['s3']]);
    expect(sameSamples(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameSamples(['a', 'b'], ['a'])).toBe(false);
    expect(sameSamples(['a', 'b'], ['a', 'c'])).toBe(false);
  });
});
