import { describe, expect, it } from 'vitest';
import { channelKey, particleIdHeaderKind, splitColumnName } from './listmode-column-name.js';

describe('splitColumnName', () => {
  it.each([
    // Headers of ecotaxa-pipeline/cefas/…_Listmode.csv (formats-cytosense.md §6.1)
    ['FWS Length', 'FWS', 'Length', 'Length', 'fws'],
    ['FWS SWS covariance', 'FWS', 'SWS covariance', 'SWSCOV', 'fws'],
    ['Sidewards Scatter Center of gravity', 'Sidewards Scatter', 'Center of gravity', 'CentreOfGravity', 'sidewards scatter'],
    ['Fl Yellow Number of cells', 'Fl Yellow', 'Number of cells', 'NumberOfCells', 'fl yellow'],
    ['Fl Red Fill factor', 'Fl Red', 'Fill factor', 'FillFactor', 'fl red'],
    ['Fl Orange Asymmetry', 'Fl Orange', 'Asymmetry', 'Asymmetry', 'fl orange'],
    ['Fl Red First', 'Fl Red', 'First', 'First', 'fl red'],
    ['Fl Red Last', 'Fl Red', 'Last', 'Last', 'fl red'],
    ['Fl Red Minimum', 'Fl Red', 'Minimum', 'Minimum', 'fl red'],
    ['Fl Red Maximum', 'Fl Red', 'Maximum', 'Maximum', 'fl red'],
    ['Fl Red Average', 'Fl Red', 'Average', 'Average', 'fl red'],
    ['Fl Red Inertia', 'Fl Red', 'Inertia', 'Inertia', 'fl red'],
    // French-locale and other instruments' channel names (§6.1, §6.2)
    ['FL Red Total', 'FL Red', 'Total', 'Total', 'fl red'],
    ['FL Red 2 Total', 'FL Red 2', 'Total', 'Total', 'fl red 2'],
    ['Curvature Number of cells', 'Curvature', 'Number of cells', 'NumberOfCells', 'curvature'],
    ['Forward Scatter Left Length', 'Forward Scatter Left', 'Length', 'Length', 'forward scatter left'],
    ['SWS HS Total', 'SWS HS', 'Total', 'Total', 'sws hs'],
    // Case and spacing vary; the parameter comes out canonical, the channel as written.
    ['  fl  red   TOTAL ', 'fl  red', 'Total', 'Total', 'fl red'],
    ['Fl Red center OF gravity', 'Fl Red', 'Center of gravity', 'CentreOfGravity', 'fl red'],
    // R's make.names (rclustool pulses: SWS.HS, FL.Red.LS)
    ['FL.Red.Total', 'FL.Red', 'Total', 'Total', 'fl red'],
    ['SWS.HS.Fill.factor', 'SWS.HS', 'Fill factor', 'FillFactor', 'sws hs'],
    // A channel whose name ends in a parameter word keeps it: longest match is on the parameter only.
    ['Trigger1 Last', 'Trigger1', 'Last', 'Last', 'trigger1'],
  ])('%s → channel %s, parameter %s', (header, channel, parameter, parameterId, key) => {
    expect(splitColumnName(header)).toEqual({ channel, parameter, parameterId, key });
  });

  it('reads the variable length with its percentage, before plain Length', () => {
    expect(splitColumnName('FWS Length(50%)')).toEqual({
      channel: 'FWS',
      parameter: 'Length(50%)',
      parameterId: 'VariableLength',
      variableLengthPercent: 50,
      key: 'fws',
    });
    expect(splitColumnName('Fl Red Length (13 %)')).toMatchObject({ channel: 'Fl Red', parameter: 'Length(13%)', variableLengthPercent: 13 });
    expect(splitColumnName('FWS.Length.50..')).toMatchObject({ channel: 'FWS', parameter: 'Length(50%)', variableLengthPercent: 50 });
  });

  it('treats Sample Length and Arrival Time as per-particle columns, not channel Sample + Length', () => {
    expect(splitColumnName('Sample Length')).toEqual({ channel: '', parameter: 'Sample Length', parameterId: 'SampleLength', key: '' });
    expect(splitColumnName('Arrival Time')).toEqual({ channel: '', parameter: 'Arrival Time', parameterId: 'TimeOfArrival', key: '' });
    expect(splitColumnName('Sample.Length')).toMatchObject({ parameter: 'Sample Length' });
  });

  it('keeps headers without a known parameter whole, parameter null', () => {
    expect(splitColumnName('ArrivalTime')).toEqual({ channel: 'ArrivalTime', parameter: null, parameterId: null, key: 'arrivaltime' });
    expect(splitColumnName('Total')).toEqual({ channel: 'Total', parameter: null, parameterId: null, key: 'total' });
    expect(splitColumnName('FWS Totals')).toMatchObject({ parameter: null });
  });

  it('gives FL Red and Fl Red the same key, SWS and Sidewards Scatter different ones (alias table territory)', () => {
    expect(channelKey('FL Red')).toBe(channelKey('Fl Red'));
    expect(channelKey('\uFEFFFl Red ')).toBe('fl red');
    expect(channelKey('SWS')).not.toBe(channelKey('Sidewards Scatter'));
  });
});

describe('particleIdHeaderKind', () => {
  it.each([
    ['Particle ID', 'cytoclus'],
    ['\uFEFFParticle ID', 'cytoclus'],
    [' particle id ', 'cytoclus'],
    ['ID', 'rewritten'],
    ['i..ID', 'rewritten'], // BOM read by R (rclustool/train_example/protos_2016-09-01_17u57.csv)
    ['X.U.FEFF.ID', 'rewritten'],
    ['ï..ID', 'rewritten'],
    ['Particle', null],
    ['Particle IDs', null],
    ['FWS Total', null],
  ])('%s → %s', (header, kind) => {
    expect(particleIdHeaderKind(header)).toBe(kind);
  });
});
