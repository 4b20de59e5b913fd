import { describe, expect, it } from 'vitest';
import { readRealFixture } from '../../../electron/test-support/real-fixtures.js';
import { CurationError } from '../../api/errors';
import type { CdiUnit } from '../publication-dataset';
import { readSdnNetcdf } from './read-sdn-netcdf';
import { profileUnit, testDataset, timeSeriesUnit } from './test-support/sdn-test-dataset';
import { writeSdnNetcdf } from './write-sdn-netcdf';

/**
 * The same cast data as ODV text (`octopus/odv/profile/diap.txt`, converted by OCTOPUS into diap.nc): an independent
 * oracle. Metadata columns on each station's first row; PRESPR01 is column 11, NTRAYYDZ 13 and its flag 14.
 */
function odvStations(): { id: string; time: string; lat: number; lon: number; pres: number[]; nitrate: number[]; flags: string[] }[] {
  const lines = new TextDecoder('latin1').decode(readRealFixture('octopus/odv/profile/diap.txt')).split(/\r?\n/);
  const header = lines.findIndex((l) => l.startsWith('Cruise\t'));
  const stations: ReturnType<typeof odvStations> = [];
  for (const line of lines.slice(header + 1)) {
    if (line.trim() === '') continue;
    const cells = line.split('\t');
    if ((cells[0] ?? '') !== '') {
      stations.push({ id: cells[6] ?? '', time: `${cells[3] ?? ''}Z`, lon: Number(cells[4]), lat: Number(cells[5]), pres: [], nitrate: [], flags: [] });
    }
    const s = stations[stations.length - 1];
    s?.pres.push(Number(cells[11]));
    s?.nitrate.push(Number(cells[13]));
    s?.flags.push((cells[14] ?? '').trim());
  }
  return stations;
}

function expectRoundTrip(unit: CdiUnit): void {
  const ds = testDataset([unit]);
  const contents = readSdnNetcdf(writeSdnNetcdf(ds, unit));
  expect(contents.issues).toEqual([]);
  expect(contents.instances).toHaveLength(1);
  const instance = contents.instances[0];
  expect(instance?.localCdiId).toBe(unit.localCdiId);
  expect(instance?.station).toBe(unit.station.name);
  expect(instance?.samples).toHaveLength(unit.samples.length);
  const groups = contents.parameters.map((p) => p.variable);
  unit.samples.forEach((sample, i) => {
    const read = instance?.samples[i];
    const earliest = unit.samples.map((s) => s.time).sort()[0];
    expect(read?.time).toBe(unit.featureType === 'profile' ? earliest : sample.time);
    expect(read?.z).toBe(sample.depth_m ?? unit.station.samplingDepth_m);
    for (const group of groups) {
      const given = sample.values.find((v) => v.group === group);
      const got = read?.values.find((v) => v.variable === group);
      const missing = given === undefined || given.value === null;
      expect(got, `${sample.sampleId} ${group}`).toEqual({ variable: group, value: missing ? null : given.value, flag: missing ? '9' : given.flag });
    }
  });
}

describe('readSdnNetcdf', () => {
  it('reads the real OCTOPUS profile file: 13 casts with the levels, values and flags of the same data in ODV', () => {
    const contents = readSdnNetcdf(readRealFixture('octopus/cfpoint/profile/diap.nc'));
    const odv = odvStations();
    expect(odv).toHaveLength(13);
    expect(contents.featureType).toBe('profile');
    expect(contents.conventions).toBe('SeaDataNet_1.0 CF 1.6');
    expect(contents.observationDimension).toBe('MAXZ');
    expect(contents.zVariable).toEqual({ name: 'PRES', units: 'pascals' });
    expect(contents.parameters).toEqual([
      { variable: 'NTRAYYDZ', p01: 'NTRAYYDZ', p06: 'UPOX', units: 'micromoles per litre', longName: 'Concentration of Nitrate', qcVariable: 'NTRAYYDZ_SEADATANET_QC' },
    ]);
    expect(contents.instances).toHaveLength(13);
    contents.instances.forEach((instance, i) => {
      const station = odv[i];
      expect(instance.localCdiId).toBe(station?.id);
      expect(instance.edmo).toBe(486);
      expect(instance.latitude).toBeCloseTo(station?.lat ?? NaN, 5);
      expect(instance.longitude).toBeCloseTo(station?.lon ?? NaN, 5);
      // The NetCDF stores CJD with 6 decimals (0.09 s).
      expect(Math.abs(Date.parse(instance.samples[0]?.time ?? '') - Date.parse(station?.time ?? ''))).toBeLessThan(100);
      expect(instance.samples.map((s) => s.z)).toEqual(station?.pres);
      expect(instance.samples.map((s) => s.values[0]?.value)).toEqual(station?.nitrate);
      expect(instance.samples.map((s) => s.values[0]?.flag)).toEqual(station?.flags);
    });
    // Read by eye from diap.txt: station 1 has 7 levels from 0 to 30 dbar.
    expect(contents.instances[0]?.station).toBe('1');
    expect(contents.instances[0]?.samples).toHaveLength(7);
    expect(contents.instances[0]?.cruise).toBe('FI35200110014');
    expect(contents.instances[0]?.bottomDepth_m).toBeNull();
  });

  it('reads the fixture without SDN_XLINK the same way', () => {
    const contents = readSdnNetcdf(readRealFixture('octopus/cfpoint/profile/diap_withNoRef.nc'));
    expect(contents.instances).toHaveLength(13);
    expect(contents.instances.map((i) => i.samples.length)).toEqual(odvStations().map((s) => s.pres.length));
  });

  it('round-trips a time series: values, flags, times to the millisecond, depths', () => {
    expectRoundTrip(timeSeriesUnit());
  });

  it('round-trips a profile, including a missing value with flag 9', () => {
    expectRoundTrip(profileUnit());
  });

  it('round-trips every L20 flag on good, bad and missing values', () => {
    const unit = timeSeriesUnit();
    const codes = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'Q'];
    const template = unit.samples[0];
    if (template === undefined) throw new Error('no sample');
    unit.samples = codes.map((flag, i) => ({
      ...template,
      sampleId: `f${flag}`,
      time: new Date(Date.parse('2024-01-01T00:00:00Z') + i * 3_600_123).toISOString(),
      values: [{ group: 'HetHNA', value: flag === '9' ? null : i * 1.5, flag }],
    }));
    expectRoundTrip(unit);
  });

  it('throws CurationError for bytes that are not NetCDF classic', () => {
    expect(() => readSdnNetcdf(new TextEncoder().encode('Cruise\tStation\n'))).toThrow(CurationError);
  });
});
