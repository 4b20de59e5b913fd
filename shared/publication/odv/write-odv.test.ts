import { describe, expect, it } from 'vitest';
import { CurationError } from '../../api/errors.js';
import type { PublicationDataset } from '../publication-dataset.js';
import { readOdv } from './read-odv.js';
import { profileUnit, randomUnit, seededRandom, testDataset, timeSeriesUnit } from './test-support/odv-test-dataset.js';
import { validateOdv } from './validate-odv.js';
import { writeOdv } from './write-odv.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const T = '\t';
const nineEmpty = T.repeat(9);

describe('writeOdv: time series', () => {
  it('writes the expected file, byte for byte', () => {
    const ds = testDataset([timeSeriesUnit()]);
    // Written by hand from formats-seadatanet.md §2.2/§2.6 and the values in odv-test-dataset.ts.
    const expected = [
      '//SeaDataNet ODV spreadsheet (ODV import format 0.4) written by CytoCurator',
      '//Dataset: CytoSense phytoplankton abundances at Planier, 2024',
      '//Project: JERICO-S3',
      '//Station: Planier; fixed-point time series (Type *)',
      '//Instrument: SDN:L22::TOOL1209',
      '//Acquisition note: Smart trigger: FLR > 20 mV on 5 um beads',
      '//Acquisition note: Sample volume 5 ml; 10 min max',
      '//Quality flags: SeaDataNet L20 in the QV:SEADATANET column after each value; a missing value is empty with flag 9',
      '//Last change of the dataset: 2024-06-01T08:00:00.000Z',
      '//<sdn_reference xlink:href="https://cdi.seadatanet.org/report/edmo/1084/CYTO-PLANIER-2024-01/xml" xlink:role="isDescribedBy" xlink:type="SDN:L23::CDI" sdn:scope="1084:CYTO-PLANIER-2024-01"/>',
      '//SDN_parameter_mapping',
      '//<subject>SDN:LOCAL:time_ISO8601</subject><object>SDN:P01::DTUT8601</object><units>SDN:P06::TISO</units>',
      '//<subject>SDN:LOCAL:Depth</subject><object>SDN:P01::ADEPZZ01</object><units>SDN:P06::ULAA</units>',
      '//<subject>SDN:LOCAL:OraPicoProk</subject><object>SDN:P01::P700A90Z</object><units>SDN:P06::UCML</units><instrument>SDN:L22::TOOL1209</instrument>',
      '//<subject>SDN:LOCAL:RedPico</subject><object>SDN:P01::PYEUA00A</object><units>SDN:P06::UCML</units><instrument>SDN:L22::TOOL1209</instrument>',
      '//<subject>SDN:LOCAL:HetHNA</subject><object>SDN:P01::P18318A9</object><units>SDN:P06::UCML</units><instrument>SDN:L22::TOOL1209</instrument>',
      '//',
      [
        'Cruise',
        'Station',
        'Type',
        'yyyy-mm-ddThh:mm:ss.sss',
        'Longitude [degrees_east]',
        'Latitude [degrees_north]',
        'LOCAL_CDI_ID',
        'EDMO_code',
        'Bot. Depth [m]',
        'time_ISO8601 [yyyy-mm-ddThh:mm:ss.sss]',
        'QV:SEADATANET',
        'Depth [m]',
        'QV:SEADATANET',
        'OraPicoProk [#/ml]',
        'QV:SEADATANET',
        'RedPico [#/ml]',
        'QV:SEADATANET',
        'HetHNA [cells/ml]',
        'QV:SEADATANET',
      ].join(T),
      // Station depth 3 m stands in for the missing sample depths; the bottom depth is 62 m.
      ['Planier CytoSense 2024', 'Planier', '*', '2024-05-02T10:30:00.000', '5.23', '43.19917', 'CYTO-PLANIER-2024-01', '1084', '62'].join(T) +
        T +
        ['2024-05-02T10:30:00.000', '1', '3', '1', '12345', '1', '2301.5', '1', '812000', '1'].join(T),
      nineEmpty + ['2024-05-02T12:30:00.000', '1', '2.5', '1', '12001', '1', '', '9', '790500', '1'].join(T),
      nineEmpty + ['2024-05-02T14:30:00.250', '1', '3', '1', '99999999', '4', '0.000012', '2', '0', '6'].join(T),
    ]
      .map((l) => `${l}\r\n`)
      .join('');
    expect(writeOdv(ds, ds.units[0]!)).toBe(expected);
  });

  it('is byte-identical for identical input and depends on no clock', () => {
    const a = writeOdv(testDataset([timeSeriesUnit()]), timeSeriesUnit());
    const b = writeOdv(structuredClone(testDataset([timeSeriesUnit()])), structuredClone(timeSeriesUnit()));
    expect(b).toBe(a);
    // Only the last-change line follows lastChangeAt.
    const c = writeOdv(testDataset([timeSeriesUnit()], { lastChangeAt: '2025-01-02T03:04:05Z' }), timeSeriesUnit());
    const diff = a.split('\r\n').filter((l, i) => l !== c.split('\r\n')[i]);
    expect(diff).toEqual(['//Last change of the dataset: 2024-06-01T08:00:00.000Z']);
    expect(c).toContain('//Last change of the dataset: 2025-01-02T03:04:05.000Z\r\n');
  });

  it('is valid, CRLF throughout, printable ASCII only', () => {
    const ds = testDataset([timeSeriesUnit()], {
      title: 'Étang de Thau — CytoSense',
      acquisitionNotes: ['Trigger FLR ≥ 20 mV\nthen\tSWS > 5 µm', '', '<not a tag>'],
    });
    const text = writeOdv(ds, { ...timeSeriesUnit(), station: { ...timeSeriesUnit().station, name: 'Étang\tde Thau' } });
    expect(text).toMatch(/^[\x20-\x7e\t\r\n]*$/);
    expect(text.split('\r\n').every((l) => !l.includes('\n') && !l.includes('\r'))).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain('//Dataset: Etang de Thau - CytoSense\r\n');
    // Multi-line notes become one comment line per line; notes never open a structured `//<` line.
    expect(text).toContain('//Acquisition note: Trigger FLR ? 20 mV\r\n//Acquisition note: then SWS > 5 um\r\n//Acquisition note: <not a tag>\r\n');
    expect(text).toContain('\tEtang de Thau\t*\t');
    expect(validateOdv(bytes(text)).errors).toEqual([]);
  });

  it('fills the metadata on the first row only', () => {
    const text = writeOdv(testDataset([timeSeriesUnit()]), timeSeriesUnit());
    const rows = text.split('\r\n').filter((l) => l !== '' && !l.startsWith('//')).slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]!.split(T).slice(0, 9).every((f) => f !== '')).toBe(true);
    expect(rows.slice(1).every((r) => r.startsWith(nineEmpty) && r[9] !== T)).toBe(true);
  });

  it('writes the ship reference when there is a C17 code, and an empty bottom depth when unknown', () => {
    const unit = timeSeriesUnit();
    unit.station.bottomDepth_m = null;
    const text = writeOdv(testDataset([unit], { platformCode: '35TT' }), unit);
    expect(text).toContain('//<sdn_reference xlink:href="https://www.seadatanet.org/urnurl/SDN:C17::35TT" xlink:role="isObservedBy" xlink:type="SDN:L23::NVS2CON"/>\r\n');
    const first = text.split('\r\n').find((l) => l.startsWith('Planier CytoSense'))!;
    expect(first.split(T)[8]).toBe('');
    expect(validateOdv(bytes(text)).valid).toBe(true);
  });

  it('writes a missing depth as empty with flag 9 when neither the sample nor the station has one', () => {
    const unit = timeSeriesUnit();
    unit.station.samplingDepth_m = null;
    const file = readOdv(bytes(writeOdv(testDataset([unit]), unit)));
    expect(file.rows.map((r) => r.cells[1])).toEqual([
      { text: '', value: null, flag: '9' },
      { text: '2.5', value: 2.5, flag: '1' },
      { text: '', value: null, flag: '9' },
    ]);
  });
});

describe('writeOdv: profile', () => {
  it('writes Type B with depth as the primary variable and the earliest sample time as the station time', () => {
    const ds = testDataset([profileUnit()]);
    const text = writeOdv(ds, ds.units[0]!);
    expect(validateOdv(bytes(text)).errors).toEqual([]);
    const file = readOdv(bytes(text));
    expect(file.variables.map((v) => [v.label, v.mapping?.p01, v.mapping?.p06, v.mapping?.l22])).toEqual([
      ['Depth [m]', 'ADEPZZ01', 'ULAA', null],
      ['OraPicoProk [#/ml]', 'P700A90Z', 'UCML', 'TOOL1209'],
      ['RedPico [#/ml]', 'PYEUA00A', 'UCML', 'TOOL1209'],
      ['HetHNA [cells/ml]', 'P18318A9', 'UCML', 'TOOL1209'],
    ]);
    expect(text).not.toContain('time_ISO8601');
    expect(file.stations).toHaveLength(1);
    // Samples at 06:12, 06:20 and 06:05: the cast time is the earliest.
    expect(file.stations[0]!.metadata).toMatchObject({ type: 'B', date: '2024-05-03T06:05:00.000', station: 'ANTARES 07', bottomDepth: '' });
    expect(file.rows.map((r) => r.cells[0]!.value)).toEqual([5, 20, 50]);
    expect(file.rows[2]!.cells.map((c) => [c.text, c.flag])).toEqual([
      ['50', '1'],
      ['150', '3'],
      ['', '9'],
      ['401000', '1'],
    ]);
  });
});

describe('writeOdv: two stations', () => {
  it('gives one file per CDI unit, each valid and naming only its own station and CDI', () => {
    const a = timeSeriesUnit('CYTO-PLANIER-2024-01', 'Planier');
    const b = timeSeriesUnit('CYTO-FRIOUL-2024-01', 'Frioul');
    b.station.latitude = 43.2417;
    b.station.longitude = 5.29167;
    const ds = testDataset([a, b]);
    const files = ds.units.map((u) => writeOdv(ds, u));
    expect(files[0]).not.toBe(files[1]);
    for (const [i, text] of files.entries()) {
      const own = ds.units[i]!;
      const other = ds.units[1 - i]!;
      expect(validateOdv(bytes(text)).errors).toEqual([]);
      const file = readOdv(bytes(text));
      expect(file.stations.map((s) => [s.metadata.station, s.metadata.localCdiId, s.latitude, s.longitude])).toEqual([
        [own.station.name, own.localCdiId, own.station.latitude, own.station.longitude],
      ]);
      expect(file.references.map((r) => r.scope)).toEqual([`1084:${own.localCdiId}`]);
      expect(text).not.toContain(other.localCdiId);
    }
  });
});

describe('writeOdv → validateOdv → readOdv round trip', () => {
  it('keeps every value and flag (random datasets)', () => {
    const seed = Date.now() % 1_000_000;
    console.log(`odv round-trip seed ${seed}`);
    const random = seededRandom(seed);
    for (let round = 0; round < 20; round++) {
      const featureType = random() < 0.5 ? 'time-series' : 'profile';
      const unit = randomUnit(random, featureType, 1 + Math.floor(random() * 60), `RND-${round}`);
      const ds = testDataset([unit]);
      const text = writeOdv(ds, unit);
      const report = validateOdv(bytes(text));
      expect(report.errors, `seed ${seed} round ${round}`).toEqual([]);
      const file = readOdv(bytes(text));
      const offset = featureType === 'profile' ? 1 : 2; // time and/or depth columns come first
      expect(file.rows).toHaveLength(unit.samples.length);
      unit.samples.forEach((s, r) => {
        const row = file.rows[r]!;
        if (featureType === 'time-series') expect(Date.parse(`${row.cells[0]!.text}Z`)).toBe(Date.parse(s.time));
        expect(row.cells[offset - 1]!.value).toBe(s.depth_m ?? unit.station.samplingDepth_m);
        s.values.forEach((v, g) => {
          const cell = row.cells[offset + g]!;
          const expected = v.value === null ? { value: null, flag: '9' } : { value: v.value === 0 ? 0 : v.value, flag: v.flag };
          expect({ value: cell.value, flag: cell.flag }, `seed ${seed} round ${round} row ${r} group ${g}`).toEqual(expected);
          if (v.value === null) expect(cell.text).toBe('');
        });
      });
      expect(file.stations[0]!.latitude).toBe(unit.station.latitude);
      expect(file.stations[0]!.longitude).toBe(unit.station.longitude);
      expect(file.stations[0]!.bottomDepth).toBe(unit.station.bottomDepth_m);
    }
  });

  it('keeps a missing value (empty, flag 9) and a bad value (flag 4)', () => {
    const ds = testDataset([timeSeriesUnit()]);
    const file = readOdv(bytes(writeOdv(ds, ds.units[0]!)));
    expect(file.rows[1]!.cells[3]).toEqual({ text: '', value: null, flag: '9' });
    expect(file.rows[2]!.cells[2]).toEqual({ text: '99999999', value: 99999999, flag: '4' });
  });
});

describe('writeOdv: inputs it refuses', () => {
  const withSample = (edit: (ds: PublicationDataset) => void): (() => string) => {
    const ds = testDataset([timeSeriesUnit()]);
    edit(ds);
    return () => writeOdv(ds, ds.units[0]!);
  };

  it('a value for a group the dataset does not publish', () => {
    const run = withSample((ds) => ds.units[0]!.samples[0]!.values.push({ group: 'Ghost', value: 1, flag: '1' }));
    expect(run).toThrow(CurationError);
    expect(run).toThrow(/Ghost/);
  });

  it('two values for the same group in one sample', () => {
    expect(withSample((ds) => ds.units[0]!.samples[1]!.values.push({ group: 'RedPico', value: 1, flag: '1' }))).toThrow(/two values/);
  });

  it('a sample time that is not ISO 8601', () => {
    expect(withSample((ds) => (ds.units[0]!.samples[2]!.time = '02/05/2024 14:30'))).toThrow(/not an ISO 8601/);
  });

  it('group names that give the same column twice, or clash with Depth', () => {
    expect(withSample((ds) => (ds.groups[1]!.name = 'OraPicoProk'))).toThrow(CurationError);
    expect(withSample((ds) => (ds.groups[0]!.name = 'Depth'))).toThrow(/clash/);
  });
});
