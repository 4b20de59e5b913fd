import { NetCDFReader } from 'netcdfjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readRealFixture } from '../../../electron/test-support/real-fixtures.js';
import { CurationError } from '../../api/errors';
import type { CdiUnit } from '../publication-dataset';
import { readNetcdfClassic } from './read-netcdf-classic';
import { profileUnit, testDataset, timeSeriesUnit } from './test-support/sdn-test-dataset';
import { writeSdnNetcdf } from './write-sdn-netcdf';

type Attr = { name: string; type: string; value: unknown };
const attrsOf = (reader: NetCDFReader, name: string): Attr[] => (reader.variables.find((v) => v.name === name)?.attributes ?? []) as unknown as Attr[];
const attr = (reader: NetCDFReader, variable: string, name: string): unknown => attrsOf(reader, variable).find((a) => a.name === name)?.value;
/** netcdfjs returns each record with its padding; the file holds one INSTANCE record. */
const firstRecord = (reader: NetCDFReader, name: string, length: number): number[] => {
  const record = reader.getDataVariable(name)[0];
  return (Array.isArray(record) ? record : [record]).slice(0, length) as number[];
};
const ascii = (codes: number[]): string => String.fromCharCode(...codes);

function expectInvalid(fn: () => unknown, pattern: RegExp): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CurationError);
    expect((err as CurationError).code).toBe('invalid-input');
    expect((err as Error).message).toMatch(pattern);
    return;
  }
  throw new Error(`expected an invalid-input error matching ${pattern}`);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('writeSdnNetcdf — time series', () => {
  const bytes = writeSdnNetcdf(testDataset(), timeSeriesUnit());
  const reader = new NetCDFReader(bytes);

  it('is NetCDF-3 classic with an unlimited INSTANCE (one record), MAXT and the CF/SDN global attributes', () => {
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x43, 0x44, 0x46, 1]);
    expect(reader.version).toBe('classic format');
    expect(reader.recordDimension).toMatchObject({ name: 'INSTANCE', length: 1 });
    // REFMAX 1 (the CDI link only: no platform code); STRING14 = "SOLA-CYTO-2024", the longest of cruise, station, id.
    expect(reader.dimensions.map((d) => `${d.name}=${d.size}`)).toEqual(['INSTANCE=0', 'MAXT=3', 'REFMAX=1', 'STRING144=144', 'STRING14=14']);
    expect(reader.globalAttributes.map((a) => [a.name, a.value])).toEqual([
      ['title', 'Flow cytometry at SOLA'],
      ['summary', 'Phytoplankton and bacteria abundances by CytoSense flow cytometry.'],
      ['Conventions', 'SeaDataNet_1.0 CF-1.6'],
      ['featureType', 'timeSeries'],
      ['date_update', '2024-07-01T08:00:00Z'],
    ]);
  });

  it('writes the SDN metadata variables, the station position and the CDI link', () => {
    expect(firstRecord(reader, 'SDN_EDMO_CODE', 1)).toEqual([486]);
    const nc = readNetcdfClassic(bytes);
    expect(nc.strings('SDN_CRUISE')).toEqual(['SOLA-2024']);
    expect(nc.strings('SDN_STATION')).toEqual(['SOLA']);
    expect(nc.strings('SDN_LOCAL_CDI_ID')).toEqual(['SOLA-CYTO-2024']);
    expect(attr(reader, 'SDN_LOCAL_CDI_ID', 'cf_role')).toBe('timeseries_id');
    expect(nc.strings('SDN_XLINK')).toEqual([
      '<sdn_reference xlink:href="https://cdi.seadatanet.org/report/edmo/486/SOLA-CYTO-2024/xml" xlink:role="isDescribedBy" xlink:type="SDN:L23::CDI"/>',
    ]);
    expect(attr(reader, 'SDN_CRUISE', 'comment')).toBe('Smart trigger: FLR > 10 mV');
    expect(attr(reader, 'SDN_CRUISE', 'chiefScientist')).toBe('Jane Doe');
    expect(reader.getDataVariable('LATITUDE')).toEqual([42.4883]);
    expect(reader.getDataVariable('LONGITUDE')).toEqual([3.145]);
    expect(firstRecord(reader, 'SDN_BOT_DEPTH', 1)).toEqual([27]);
  });

  it('writes TIME along MAXT as Chronological Julian Date, DEPTH with the station depth where a sample has none', () => {
    // JD of 2024-05-02 0h UT is 2460432.5, so CJD (day starting at midnight) 2460433; 10:30 = 0.4375 day.
    const time = firstRecord(reader, 'TIME', 3);
    expect(time[0]).toBe(2460433.4375);
    // 2024-05-09T10:45:12.345Z: 7 days later, 38712.345 s into the day.
    expect(time[1]).toBeCloseTo(2460440 + 38712.345 / 86400, 9);
    expect(attr(reader, 'TIME', 'units')).toBe('days since -4713-01-01T00:00:00Z');
    expect(attr(reader, 'TIME', 'calendar')).toBe('julian');
    expect(ascii(firstRecord(reader, 'TIME_SEADATANET_QC', 3))).toBe('000');
    // s2 has no depth: the station's sampling depth (3 m).
    expect(firstRecord(reader, 'DEPTH', 3)).toEqual([3, 3, 5]);
    expect(attr(reader, 'DEPTH', 'sdn_parameter_urn')).toBe('SDN:P01::ADEPZZ01');
    expect(attr(reader, 'DEPTH', 'positive')).toBe('down');
  });

  it('writes one double per group with its P01/P06 URNs, and the flags as ASCII codes in <var>_SEADATANET_QC', () => {
    expect(reader.variables.map((v) => v.name).slice(-6)).toEqual([
      'OraPicoProk',
      'OraPicoProk_SEADATANET_QC',
      'RedPico',
      'RedPico_SEADATANET_QC',
      'HetHNA',
      'HetHNA_SEADATANET_QC',
    ]);
    expect(attrsOf(reader, 'OraPicoProk').map((a) => [a.name, a.value])).toEqual([
      ['long_name', 'Abundance of OraPicoProk (Synechococcus-like) by flow cytometry'],
      ['sdn_parameter_urn', 'SDN:P01::P700A90Z'],
      ['sdn_uom_urn', 'SDN:P06::UCML'],
      ['units', '#/ml'],
      ['coordinates', 'TIME DEPTH LATITUDE LONGITUDE'],
      ['ancillary_variables', 'OraPicoProk_SEADATANET_QC'],
      ['_FillValue', -99999],
    ]);
    // RedPico is unverified: said in the file, not hidden.
    expect(attr(reader, 'RedPico', 'comment')).toBe('P01 PYEUA00A / P06 UCML not confirmed against the NERC Vocabulary Server');
    // s2's OraPicoProk is missing: fill and flag 9 (although the sample said 1).
    expect(firstRecord(reader, 'OraPicoProk', 3)).toEqual([12345.5, -99999, 15000]);
    expect(ascii(firstRecord(reader, 'OraPicoProk_SEADATANET_QC', 3))).toBe('19A');
    // The bad value (flag 4) keeps its number; Q (below limit of quantification) is written as 81.
    expect(firstRecord(reader, 'RedPico', 3)).toEqual([2301, 99.25, 1800]);
    expect(firstRecord(reader, 'RedPico_SEADATANET_QC', 3)).toEqual([50, 52, 81]);
    // s3 has no HetHNA value at all: fill and 9.
    expect(firstRecord(reader, 'HetHNA', 3)).toEqual([450000, 0, -99999]);
    expect(ascii(firstRecord(reader, 'HetHNA_SEADATANET_QC', 3))).toBe('169');
  });

  it('gives flag variables the attributes of the real OCTOPUS file, extended to the whole L20 v8 list', () => {
    const fixture = new NetCDFReader(readRealFixture('octopus/cfpoint/profile/diap.nc'));
    const ours = attrsOf(reader, 'RedPico_SEADATANET_QC');
    const theirs = attrsOf(fixture, 'NTRAYYDZ_SEADATANET_QC');
    expect(ours.map((a) => a.name)).toEqual(theirs.map((a) => a.name));
    for (const name of ['long_name', 'Conventions', '_FillValue', 'sdn_conventions_urn']) {
      expect(ours.find((a) => a.name === name), name).toEqual(theirs.find((a) => a.name === name));
    }
    // The fixture lists 0–9 and A; L20 v8 adds B (66) and Q (81).
    expect(ours.find((a) => a.name === 'flag_values')?.value).toEqual([...(theirs.find((a) => a.name === 'flag_values')?.value as number[]), 66, 81]);
    expect(ours.find((a) => a.name === 'flag_meanings')?.value).toBe(
      `${String(theirs.find((a) => a.name === 'flag_meanings')?.value)} nominal_value value_below_limit_of_quantification`,
    );
    // TIME and the position carry the fixture's attributes too.
    for (const [variable, name] of [
      ['TIME', 'units'],
      ['TIME', 'sdn_parameter_urn'],
      ['TIME', 'calendar'],
      ['LATITUDE', 'sdn_parameter_urn'],
      ['LONGITUDE', 'units'],
      ['SDN_BOT_DEPTH', 'standard_name'],
    ] as const) {
      expect(attr(reader, variable, name), `${variable}:${name}`).toEqual(attr(fixture, variable, name));
    }
  });
});

describe('writeSdnNetcdf — profile', () => {
  const unit = profileUnit();
  const bytes = writeSdnNetcdf(testDataset(), unit);
  const reader = new NetCDFReader(bytes);

  it('puts the levels along MAXZ, TIME per instance (the earliest sample, as the ODV station time) and cf_role profile_id', () => {
    expect(reader.getAttribute('featureType')).toBe('profile');
    expect(reader.dimensions.find((d) => d.name === 'MAXZ')?.size).toBe(4);
    expect(reader.variables.find((v) => v.name === 'TIME')?.dimensions.length).toBe(1);
    // 2024-06-10T03:15Z: JD at 0h is 2460471.5 → CJD 2460472, plus 3.25 h.
    expect(reader.getDataVariable('TIME')).toEqual([2460472 + 3.25 / 24]);
    expect(attr(reader, 'SDN_LOCAL_CDI_ID', 'cf_role')).toBe('profile_id');
    expect(firstRecord(reader, 'DEPTH', 4)).toEqual([5, 20, 50, 100]);
    // Levels sampled bottom-up: still the earliest time.
    const bottomUp: CdiUnit = { ...unit, samples: unit.samples.map((s, i) => ({ ...s, time: `2024-06-10T0${6 - i}:15:00.000Z` })) };
    expect(new NetCDFReader(writeSdnNetcdf(testDataset(), bottomUp)).getDataVariable('TIME')).toEqual([2460472 + 3.25 / 24]);
  });

  it('writes every published group (as the ODV file does), missing → fill/9, the given flags otherwise', () => {
    expect(firstRecord(reader, 'OraPicoProk', 4)).toEqual([20000, 10000, 20000 / 3, -99999]);
    expect(ascii(firstRecord(reader, 'OraPicoProk_SEADATANET_QC', 4))).toBe('1119');
    expect(firstRecord(reader, 'HetHNA', 4)).toEqual([495000, 480000, 450000, 400000]);
    expect(ascii(firstRecord(reader, 'HetHNA_SEADATANET_QC', 4))).toBe('1131');
    // The cast has no RedPico value at all.
    expect(firstRecord(reader, 'RedPico', 4)).toEqual([-99999, -99999, -99999, -99999]);
    expect(ascii(firstRecord(reader, 'RedPico_SEADATANET_QC', 4))).toBe('9999');
  });

  it('writes fill for an unknown bottom depth, and DEPTH fill with flag 9 when neither sample nor station has a depth', () => {
    expect(firstRecord(reader, 'SDN_BOT_DEPTH', 1)).toEqual([-999]);
    const noDepth: CdiUnit = { ...unit, samples: unit.samples.map((s, i) => (i === 1 ? { ...s, depth_m: null } : s)) };
    const r = new NetCDFReader(writeSdnNetcdf(testDataset(), noDepth));
    expect(firstRecord(r, 'DEPTH', 4)).toEqual([5, -99999, 50, 100]);
    expect(ascii(firstRecord(r, 'DEPTH_SEADATANET_QC', 4))).toBe('0900');
  });
});

describe('writeSdnNetcdf — determinism, names and refusals', () => {
  it('gives byte-identical files for identical input, whatever the clock says', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const first = writeSdnNetcdf(testDataset(), timeSeriesUnit());
    vi.setSystemTime(new Date('2031-06-15T12:34:56Z'));
    const second = writeSdnNetcdf(testDataset(), timeSeriesUnit());
    expect(second).toEqual(first);
    // Only lastChangeAt moves date_update.
    const later = testDataset();
    later.metadata.lastChangeAt = '2024-08-01T00:00:00Z';
    expect(new NetCDFReader(writeSdnNetcdf(later, timeSeriesUnit())).getAttribute('date_update')).toBe('2024-08-01T00:00:00Z');
  });

  it('adds the C17 ship link when there is a platform code', () => {
    const ds = testDataset();
    ds.metadata.platformCode = '35TT';
    const nc = readNetcdfClassic(writeSdnNetcdf(ds, profileUnit()));
    expect(nc.dimensions.find((d) => d.name === 'REFMAX')?.size).toBe(2);
    expect(nc.strings('SDN_XLINK')[0]).toBe(
      '<sdn_reference xlink:href="https://www.seadatanet.org/urnurl/SDN:C17::35TT" xlink:role="isObservedBy" xlink:type="SDN:L23::NVS2CON"/>',
    );
    expect(nc.text('shipCode', 'SDN_CRUISE')).toBe('35TT');
  });

  it('makes NetCDF-safe, unique variable names from group names', () => {
    const ds = testDataset();
    const base = ds.groups[0];
    if (base === undefined) throw new Error('no group');
    ds.groups = [
      { ...base, name: 'OraNano crypto' },
      { ...base, name: 'OraNano/crypto' },
      { ...base, name: '2Pico' },
      { ...base, name: 'TIME' },
    ];
    const unit = timeSeriesUnit();
    unit.samples = unit.samples.map((s) => ({ ...s, values: ds.groups.map((g) => ({ group: g.name, value: 1, flag: '1' })) }));
    const names = new NetCDFReader(writeSdnNetcdf(ds, unit)).variables.map((v) => v.name).filter((n) => !n.endsWith('_SEADATANET_QC'));
    expect(names.slice(-4)).toEqual(['OraNano_crypto', 'OraNano_crypto_2', 'G_2Pico', 'TIME_2']);
  });

  it('refuses what it cannot write, naming the problem', () => {
    const ds = testDataset();
    expectInvalid(() => writeSdnNetcdf(ds, { ...timeSeriesUnit(), samples: [] }), /has no samples/);
    const badFlag = timeSeriesUnit();
    badFlag.samples[2]?.values.push({ group: 'HetHNA', value: 1, flag: 'X' });
    expectInvalid(() => writeSdnNetcdf(ds, badFlag), /flag "X" of HetHNA is not an L20 code/);
    const twice = timeSeriesUnit();
    twice.samples[2]?.values.push({ group: 'RedPico', value: 2, flag: '1' });
    expectInvalid(() => writeSdnNetcdf(ds, twice), /sample s3: two values for group RedPico/);
    const unknownGroup = timeSeriesUnit();
    unknownGroup.samples[0]?.values.push({ group: 'Nope', value: 1, flag: '1' });
    expectInvalid(() => writeSdnNetcdf(ds, unknownGroup), /group Nope is not among the dataset's groups/);
    const badTime = timeSeriesUnit();
    if (badTime.samples[1] !== undefined) badTime.samples[1].time = '09/05/2024 10:45';
    expectInvalid(() => writeSdnNetcdf(ds, badTime), /sample s2 time: "09\/05\/2024 10:45" is not an ISO 8601 date-time/);
    const badEdmo = testDataset();
    badEdmo.metadata.holdingCentreEdmo = 'IFREMER';
    expectInvalid(() => writeSdnNetcdf(badEdmo, timeSeriesUnit()), /EDMO code "IFREMER" is not a number/);
    const badChange = testDataset();
    badChange.metadata.lastChangeAt = 'yesterday';
    expectInvalid(() => writeSdnNetcdf(badChange, timeSeriesUnit()), /lastChangeAt/);
  });

  it('writes a long time series quickly and compactly', () => {
    const unit = timeSeriesUnit();
    const template = unit.samples[0];
    if (template === undefined) throw new Error('no sample');
    const start = Date.parse('2024-01-01T00:00:00Z');
    unit.samples = Array.from({ length: 20000 }, (_, i) => ({ ...template, sampleId: `s${i}`, time: new Date(start + i * 600_000).toISOString() }));
    const t0 = performance.now();
    const bytes = writeSdnNetcdf(testDataset(), unit);
    const ms = performance.now() - t0;
    // 20000 × (TIME, DEPTH and 3 groups as doubles + 5 flag bytes) plus a few kB of header.
    expect(bytes.length).toBeGreaterThan(20000 * (5 * 8 + 5));
    expect(bytes.length).toBeLessThan(20000 * (5 * 8 + 5) + 16000);
    expect(ms).toBeLessThan(5000);
    expect(firstRecord(new NetCDFReader(bytes), 'TIME', 20000)[19999]).toBeCloseTo(2460311 + (19999 * 600) / 86400, 6);
  });
});
