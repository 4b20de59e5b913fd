import { describe, expect, it } from 'vitest';
import { readRealFixture } from '../../electron/test-support/real-fixtures.js';
import { readFcs, readFcsDataSetHeads } from '../formats/fcs/read-fcs.js';
import type { FcsDataSet } from '../formats/fcs/fcs-types.js';
import { findTimeParameter } from './acquisition-time.js';
import { cytosenseAnalysedVolume, fcsAnalysedVolume, fcsFlowRateHint } from './analysed-volume.js';

describe('cytosenseAnalysedVolume', () => {
  it('takes the Info volume (method instrument)', () => {
    // Cefas Info export (formats-cytosense.md §4.1): Volume (μL): 902.452406027101
    const v = cytosenseAnalysedVolume(902.452406027101);
    expect(v).toMatchObject({ method: 'instrument', volume_uL: 902.452406027101, dilutionFactor: 1, reason: null, warning: null });
    expect(v.detail).toBe('Info file Volume (μL) = 902.452 µL');
    expect(cytosenseAnalysedVolume(1145.718, 2).dilutionFactor).toBe(2);
  });

  it('gives a reason for a missing or unusable volume or dilution', () => {
    expect(cytosenseAnalysedVolume(null)).toMatchObject({ volume_uL: null, reason: 'the Info file has no `Volume (μL)` line' });
    expect(cytosenseAnalysedVolume(0).reason).toBe("the Info file's Volume (μL) is 0, not a positive volume");
    expect(cytosenseAnalysedVolume(NaN).reason).toBe("the Info file's Volume (μL) is NaN, not a positive volume");
    expect(cytosenseAnalysedVolume(900, 0.5)).toMatchObject({ volume_uL: null, reason: 'dilution factor must be a number ≥ 1 (got 0.5)' });
  });
});

describe('fcsAnalysedVolume, method fcs-vol', () => {
  it('reads $VOL in nanolitres (FCS 3.1), padded, any keyword case', () => {
    const v = fcsAnalysedVolume({ method: 'fcs-vol' }, { keywords: { $vol: '   25016 ' } });
    expect(v).toMatchObject({ method: 'fcs-vol', volume_uL: 25.016, reason: null, warning: null, acquisitionSeconds: null });
    expect(v.detail).toBe('$VOL = 25016 nL (FCS 3.1 unit) = 25.016 µL');
  });

  it('warns when the implied flow rate says the file wrote µL, and reads µL on request', () => {
    // 36.6 nL = 0.0366 µL in 60 s = 0.0366 µL/min: below 1 µL/min
    const keywords = { $VOL: '36.6', $BTIM: '10:00:00', $ETIM: '10:01:00' };
    const nl = fcsAnalysedVolume({ method: 'fcs-vol' }, { keywords });
    expect(nl.volume_uL).toBeCloseTo(0.0366, 12);
    expect(nl.warning).toBe(
      "$VOL read as nL gives 0.0366 µL in 60 s (0.0366 µL/min), below any benchtop flow rate: this instrument may write $VOL in µL (choose volUnit 'uL')",
    );
    const ul = fcsAnalysedVolume({ method: 'fcs-vol', volUnit: 'uL' }, { keywords });
    expect(ul).toMatchObject({ volume_uL: 36.6, warning: null, acquisitionSeconds: 60, acquisitionSource: 'btim-etim', detail: '$VOL = 36.6 read as µL' });
    // 25016 read as µL in 60 s = 25016 µL/min: above 10 000 µL/min
    expect(fcsAnalysedVolume({ method: 'fcs-vol', volUnit: 'uL' }, { keywords: { ...keywords, $VOL: '25016' } }).warning).toBe(
      "$VOL read as µL gives 25016 µL in 60 s (25016 µL/min), above any benchtop flow rate: this instrument may write $VOL in nL (choose volUnit 'nL')",
    );
  });

  it('names $VOL when it is absent, not a number or not positive', () => {
    expect(fcsAnalysedVolume({ method: 'fcs-vol' }, { keywords: {} })).toMatchObject({
      volume_uL: null,
      reason: '$VOL is absent from the FCS TEXT segment; choose the flow-rate or beads method',
    });
    expect(fcsAnalysedVolume({ method: 'fcs-vol' }, { keywords: { $VOL: '12,5' } }).reason).toBe('$VOL="12,5" is not a number');
    expect(fcsAnalysedVolume({ method: 'fcs-vol' }, { keywords: { $VOL: '0' } }).reason).toBe('$VOL=0 is not a positive volume');
    expect(fcsAnalysedVolume({ method: 'fcs-vol', dilutionFactor: 0 }, { keywords: { $VOL: '10' } }).reason).toBe('dilution factor must be a number ≥ 1 (got 0)');
  });
});

describe('fcsAnalysedVolume, method flow-rate', () => {
  it('multiplies the flow rate by a given acquisition time', () => {
    // 60 µL/min × 30 s = 30 µL
    const v = fcsAnalysedVolume({ method: 'flow-rate', flowRate_uL_per_min: 60, acquisitionSeconds: 30, dilutionFactor: 4 }, { keywords: {} });
    expect(v).toMatchObject({ method: 'flow-rate', volume_uL: 30, dilutionFactor: 4, acquisitionSeconds: 30, acquisitionSource: 'given' });
    expect(v.detail).toBe('60 µL/min × 30 s (given) = 30 µL');
  });

  it('takes the time from $BTIM/$ETIM across midnight', () => {
    // 23:59:00.50 → 00:01:00.50 = 120 s; 15 µL/min × 2 min = 30 µL
    const v = fcsAnalysedVolume({ method: 'flow-rate', flowRate_uL_per_min: 15 }, { keywords: { $BTIM: '23:59:00.50', $ETIM: '00:01:00.50' } });
    expect(v).toMatchObject({ volume_uL: 30, acquisitionSeconds: 120, acquisitionSource: 'btim-etim' });
    expect(v.detail).toBe('15 µL/min × $ETIM − $BTIM = 120 s (the run crossed midnight) = 30 µL');
  });

  it('takes the time from the time parameter × $TIMESTEP when there is one', () => {
    // (12000 − 0) × 0.001 = 12 s; 100 µL/min × 12 s = 20 µL
    const v = fcsAnalysedVolume({ method: 'flow-rate', flowRate_uL_per_min: 100 }, { keywords: { $TIMESTEP: '0.001' }, timeColumn: new Float32Array([0, 6000, 12000]) });
    expect(v).toMatchObject({ volume_uL: 20, acquisitionSeconds: 12, acquisitionSource: 'time-parameter' });
  });

  it('gives the reason when the time or the rate is missing or unusable', () => {
    expect(fcsAnalysedVolume({ method: 'flow-rate', flowRate_uL_per_min: 15 }, { keywords: { $ETIM: '10:00:00' } }).reason).toBe(
      'no acquisition time: $BTIM (acquisition start time) is absent',
    );
    expect(fcsAnalysedVolume({ method: 'flow-rate', flowRate_uL_per_min: 0 }, { keywords: {} }).reason).toBe('flow rate must be a positive number of µL/min (got 0)');
    expect(fcsAnalysedVolume({ method: 'flow-rate', flowRate_uL_per_min: 10, acquisitionSeconds: -1 }, { keywords: {} }).reason).toBe(
      'acquisition time must be a positive number of seconds (got -1)',
    );
  });
});

describe('fcsAnalysedVolume, method beads', () => {
  it('is bead events ÷ bead concentration', () => {
    // 2500 beads ÷ 1e5 beads/mL = 0.025 mL = 25 µL
    const v = fcsAnalysedVolume({ method: 'beads', beadSet: 'Beads 1µm', beadConcentration_per_mL: 1e5, dilutionFactor: 10 }, { keywords: {}, beadEvents: 2500 });
    expect(v).toMatchObject({ method: 'beads', volume_uL: 25, dilutionFactor: 10, reason: null });
    expect(v.detail).toBe('2500 events in bead set "Beads 1µm" ÷ 100000 beads/mL = 25 µL');
  });

  it('names the bead set when it is missing or empty, and a bad concentration', () => {
    const choice = { method: 'beads', beadSet: 'Beads', beadConcentration_per_mL: 1e5 } as const;
    expect(fcsAnalysedVolume(choice, { keywords: {} }).reason).toBe('bead set "Beads" is not defined for this sample');
    expect(fcsAnalysedVolume(choice, { keywords: {}, beadEvents: null }).reason).toBe('bead set "Beads" is not defined for this sample');
    expect(fcsAnalysedVolume(choice, { keywords: {}, beadEvents: 0 }).reason).toBe('bead set "Beads" has no events, so the volume cannot be derived from it');
    expect(fcsAnalysedVolume({ ...choice, beadConcentration_per_mL: -5 }, { keywords: {}, beadEvents: 10 }).reason).toBe(
      'bead concentration must be a positive number of beads per mL (got -5)',
    );
  });
});

function only(path: string): FcsDataSet {
  const d = readFcs(readRealFixture(path)).datasets[0];
  if (!d) throw new Error(`no data set in ${path}`);
  return d;
}

const timeColumn = (d: FcsDataSet) => d.columns[findTimeParameter(d.parameters)] ?? null;

describe('analysed volume of real FCS files', () => {
  it('Accuri C6 Plus: $VOL=25016 nL; flow rate consistent with the time parameter', () => {
    // TEXT by eye: $VOL 25016, $TIMESTEP 0.1, $BTIM 21:28:25.56, $ETIM 21:30:07.99; Time first 2490, last 3519.
    const d = only('flowio/B01 KC-A-W---91-US.fcs');
    const v = fcsAnalysedVolume({ method: 'fcs-vol' }, { keywords: d.keywords, timeColumn: timeColumn(d) });
    // (3519 − 2490) × 0.1 = 102.9 s; 25.016 µL / (102.9/60) min = 14.6 µL/min: plausible, no warning.
    expect(v).toMatchObject({ volume_uL: 25.016, warning: null, acquisitionSource: 'time-parameter' });
    expect(v.acquisitionSeconds).toBeCloseTo(102.9, 6);
  });

  it('Attune NxT: $VOL=46000 nL agrees with #FLOWRATE 200 µL/min × the time parameter', () => {
    // TEXT by eye: $VOL 46000, #FLOWRATE 200, $TIMESTEP 0.001, $BTIM 09:50:15, $ETIM 09:50:30; Time 14 … 13659.
    const d = only('flowio/G11.fcs');
    expect(fcsAnalysedVolume({ method: 'fcs-vol' }, { keywords: d.keywords }).volume_uL).toBe(46);
    const hint = fcsFlowRateHint(d.keywords);
    expect(hint).toEqual({ keyword: '#FLOWRATE', raw: '200', value: 200, assumedUnit: 'µL/min' });
    const v = fcsAnalysedVolume({ method: 'flow-rate', flowRate_uL_per_min: hint!.value }, { keywords: d.keywords, timeColumn: timeColumn(d) });
    // (13659 − 14) × 0.001 = 13.645 s; 200 × 13.645 / 60 = 45.4833 µL. $ETIM − $BTIM = 15 s differs by 1.355 s < 2 s.
    expect(v.volume_uL).toBeCloseTo(45.48333, 4);
    expect(v.warning).toBeNull();
  });

  it('CyFlow Cube 8: $VOL=99000 nL, $BTIM with milliseconds after a colon', () => {
    const d = only('fcsparser/cyflow_cube_8/cyflow_cube_8.fcs');
    // $ETIM 09:43:46:219 − $BTIM 09:42:05:509 = 100.71 s
    const v = fcsAnalysedVolume({ method: 'flow-rate', flowRate_uL_per_min: 60 }, { keywords: d.keywords });
    expect(v).toMatchObject({ acquisitionSeconds: 100.71, acquisitionSource: 'btim-etim', volume_uL: 100.71 });
    expect(fcsAnalysedVolume({ method: 'fcs-vol' }, { keywords: d.keywords }).volume_uL).toBe(99);
  });

  it('Cytek Aurora (header only): $VOL="        36.6" is µL in practice, so reading it as nL warns', () => {
    // $BTIM 18:39:40.59, $ETIM 18:41:43.49 → 122.9 s; 0.0366 µL / 2.0483 min = 0.0179 µL/min
    const head = readFcsDataSetHeads(readRealFixture('fcsparser/cytek-nl-2000/sample_header.fcs')).datasets[0]!;
    const v = fcsAnalysedVolume({ method: 'fcs-vol' }, { keywords: head.keywords });
    expect(v.volume_uL).toBeCloseTo(0.0366, 12);
    expect(v.warning).toBe(
      "$VOL read as nL gives 0.0366 µL in 122.9 s (0.0178682 µL/min), below any benchtop flow rate: this instrument may write $VOL in µL (choose volUnit 'uL')",
    );
    expect(fcsAnalysedVolume({ method: 'fcs-vol', volUnit: 'uL' }, { keywords: head.keywords })).toMatchObject({ volume_uL: 36.6, warning: null });
  });

  it('MACSQuant 3.1: the time parameter (25.67 s) and $BTIM/$ETIM (44 s) disagree, which is reported', () => {
    const d = only('fcsparser/MiltenyiBiotec/FCS3.1/EY_2013-07-19_PBS_FCS_3.1_Well_A1.001.fcs');
    const v = fcsAnalysedVolume({ method: 'flow-rate', flowRate_uL_per_min: 15 }, { keywords: d.keywords, timeColumn: timeColumn(d) });
    expect(v.acquisitionSource).toBe('time-parameter');
    expect(v.warning).toBe('the time parameter spans 25.6708 s but $ETIM − $BTIM = 44 s; check which one is right');
    // $VOL 10666 nL = 10.666 µL
    expect(fcsAnalysedVolume({ method: 'fcs-vol' }, { keywords: d.keywords }).volume_uL).toBe(10.666);
  });

  it('FACSCalibur data1.fcs: time parameter without $TIMESTEP → $BTIM/$ETIM (19 s); no $VOL', () => {
    const d = only('flowio/data1.fcs');
    const v = fcsAnalysedVolume({ method: 'flow-rate', flowRate_uL_per_min: 60 }, { keywords: d.keywords, timeColumn: timeColumn(d) });
    // 16:31:52 − 16:31:33 = 19 s; 60 µL/min × 19 s = 19 µL
    expect(v).toMatchObject({ volume_uL: 19, acquisitionSource: 'btim-etim', warning: 'time parameter not used: $TIMESTEP is absent, so the time parameter has no unit' });
    expect(fcsAnalysedVolume({ method: 'fcs-vol' }, { keywords: d.keywords }).reason).toBe('$VOL is absent from the FCS TEXT segment; choose the flow-rate or beads method');
    expect(fcsFlowRateHint(d.keywords)).toBeNull();
  });
});
