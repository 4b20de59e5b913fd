import { describe, expect, it } from 'vitest';
import { readRealFixture } from '../../../electron/test-support/real-fixtures.js';
import { CurationError } from '../../api/errors';
import type { ValidationReport } from '../publication-dataset';
import { readNetcdfClassic } from './read-netcdf-classic';
import { readSdnNetcdf } from './read-sdn-netcdf';
import type { MutableNetcdfDefinition } from './test-support/netcdf-definition';
import { definitionOf, setAttribute, variableOf } from './test-support/netcdf-definition';
import { profileUnit, testDataset, timeSeriesUnit } from './test-support/sdn-test-dataset';
import { validateSdnNetcdf } from './validate-sdn-netcdf';
import { writeNetcdfClassic } from './write-netcdf-classic';
import { writeSdnNetcdf } from './write-sdn-netcdf';

const timeSeries = (): Uint8Array => writeSdnNetcdf(testDataset(), timeSeriesUnit());
const profile = (): Uint8Array => writeSdnNetcdf(testDataset(), profileUnit());
const fixture = (): Uint8Array => readRealFixture('octopus/cfpoint/profile/diap.nc');

/** Rewrites a file after changing its definition (read back with our reader). */
function mutate(bytes: Uint8Array, change: (def: MutableNetcdfDefinition) => void): Uint8Array {
  const def = definitionOf(readNetcdfClassic(bytes));
  change(def);
  return writeNetcdfClassic(def);
}

const ascii = (text: string): number[] => Array.from(new TextEncoder().encode(text));

function indexOf(bytes: Uint8Array, pattern: number[], from = 0): number {
  for (let i = from; i + pattern.length <= bytes.length; i++) if (pattern.every((b, k) => bytes[i + k] === b)) return i;
  throw new Error(`pattern not found: ${pattern.join(',')}`);
}

const rules = (report: ValidationReport): string[] => [...new Set(report.errors.map((e) => e.rule))];

function expectOnly(report: ValidationReport, rule: string, path?: string): void {
  expect(report.valid).toBe(false);
  expect(rules(report), JSON.stringify(report.errors)).toEqual([rule]);
  if (path !== undefined) expect(report.errors.map((e) => e.path)).toContain(path);
}

describe('validateSdnNetcdf — valid files', () => {
  it('accepts the real OCTOPUS/NEMO profile file and lists the checks it could not make offline', () => {
    const report = validateSdnNetcdf(fixture());
    expect(report).toMatchObject({ valid: true, format: 'sdn-netcdf', errors: [] });
    expect(report.skipped.map((s) => s.rule)).toEqual([
      'netcdf.p01-in-nvs',
      'netcdf.p06-in-nvs',
      'netcdf.p01-p06-pairing',
      'netcdf.edmo-registered',
      'netcdf.c17-platform',
      'netcdf.standard-names',
      'netcdf.cdi-record',
    ]);
    expect(report.skipped.every((s) => s.reason.length > 10)).toBe(true);
  });

  it('accepts the real file without SDN_XLINK references', () => {
    expect(validateSdnNetcdf(readRealFixture('octopus/cfpoint/profile/diap_withNoRef.nc')).errors).toEqual([]);
  });

  it('accepts the time series and profile files this project writes', () => {
    expect(validateSdnNetcdf(timeSeries()).errors).toEqual([]);
    expect(validateSdnNetcdf(profile()).errors).toEqual([]);
  });

  it('accepts the fixture rewritten through our reader and writer (a CDF-2 copy too)', () => {
    expect(validateSdnNetcdf(mutate(fixture(), () => undefined)).errors).toEqual([]);
    expect(validateSdnNetcdf(mutate(fixture(), (def) => (def.version = 2))).errors).toEqual([]);
  });
});

describe('validateSdnNetcdf — broken files', () => {
  it('netcdf.magic: empty, text, binary junk, CDF-5 and NetCDF-4/HDF5', () => {
    const empty = validateSdnNetcdf(new Uint8Array(0));
    expectOnly(empty, 'netcdf.magic');
    // A file-level problem has no path.
    expect(empty.errors[0]).toEqual({ rule: 'netcdf.magic', message: '0 bytes: too short for a NetCDF file' });
    expectOnly(validateSdnNetcdf(new TextEncoder().encode('//SDN_parameter_mapping\nCruise\tStation\n')), 'netcdf.magic');
    expectOnly(validateSdnNetcdf(Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 11) & 0xff)), 'netcdf.magic');
    const cdf5 = validateSdnNetcdf(Uint8Array.from([0x43, 0x44, 0x46, 5, 0, 0, 0, 0, 0, 0, 0, 0]));
    expectOnly(cdf5, 'netcdf.magic');
    expect(cdf5.errors[0]?.message).toMatch(/version 5/);
    const hdf5 = validateSdnNetcdf(Uint8Array.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
    expect(hdf5.errors[0]?.message).toMatch(/NetCDF-4\/HDF5/);
    const wrongMagic = timeSeries();
    wrongMagic[0] = 0x58;
    expectOnly(validateSdnNetcdf(wrongMagic), 'netcdf.magic');
  });

  it('netcdf.truncated: cut in the header, or in the data (each variable past the end named)', () => {
    const bytes = timeSeries();
    expectOnly(validateSdnNetcdf(bytes.slice(0, 200)), 'netcdf.truncated');
    const cut = validateSdnNetcdf(bytes.slice(0, bytes.length - 10));
    expectOnly(cut, 'netcdf.truncated', 'HetHNA_SEADATANET_QC');
    const fixtureCut = validateSdnNetcdf(fixture().slice(0, 12000));
    expect(rules(fixtureCut)).toEqual(['netcdf.truncated']);
    expect(fixtureCut.errors.length).toBeGreaterThan(5);
  });

  it('netcdf.header: a damaged header', () => {
    const bytes = timeSeries();
    bytes[11] = 0x0c; // the dimension list's tag (NC_DIMENSION = 0x0a)
    expectOnly(validateSdnNetcdf(bytes), 'netcdf.header');
  });

  it('netcdf.qc-variable: a data variable without its _SEADATANET_QC companion', () => {
    const bytes = mutate(timeSeries(), (def) => {
      def.variables = def.variables.filter((v) => v.name !== 'HetHNA_SEADATANET_QC');
    });
    const report = validateSdnNetcdf(bytes);
    expect(rules(report)).toEqual(['netcdf.ancillary-variables', 'netcdf.qc-variable']);
    expect(report.errors.find((e) => e.rule === 'netcdf.qc-variable')).toMatchObject({ path: 'HetHNA', message: 'HetHNA has no HetHNA_SEADATANET_QC flag variable' });
  });

  it('netcdf.qc-values: a flag that is not an L20 code, with the element named', () => {
    const bytes = mutate(timeSeries(), (def) => {
      variableOf(def, 'RedPico_SEADATANET_QC').data[1] = 'Z'.charCodeAt(0);
    });
    expectOnly(validateSdnNetcdf(bytes), 'netcdf.qc-values', 'RedPico_SEADATANET_QC[0,1]');
    // B is an L20 code but the fixture's flag_values (0–9, A) do not list it.
    const notListed = mutate(fixture(), (def) => {
      variableOf(def, 'NTRAYYDZ_SEADATANET_QC').data[3] = 'B'.charCodeAt(0);
    });
    const report = validateSdnNetcdf(notListed);
    expectOnly(report, 'netcdf.qc-values', 'NTRAYYDZ_SEADATANET_QC[0,3]');
    expect(report.errors[0]?.message).toMatch(/not among flag_values/);
  });

  it('netcdf.qc-values: many bad flags are capped at 20 errors plus a count', () => {
    let damaged = 0;
    const bytes = mutate(fixture(), (def) => {
      // Every level that holds a pressure (flag 0) gets "?"; the padding levels keep their 9.
      const qc = variableOf(def, 'PRES_SEADATANET_QC');
      qc.data = qc.data.map((c) => (c === 57 ? c : (damaged++, 0x3f)));
    });
    // diap.txt has 110 data lines (levels) over its 13 casts.
    expect(damaged).toBe(110);
    const report = validateSdnNetcdf(bytes);
    expect(rules(report)).toEqual(['netcdf.qc-values']);
    expect(report.errors).toHaveLength(21);
    expect(report.errors[20]?.message).toBe('… and 90 more in PRES_SEADATANET_QC');
  });

  it('netcdf.missing-flag: a fill value whose flag is not 9', () => {
    const bytes = mutate(timeSeries(), (def) => {
      // s2's OraPicoProk is missing (fill); claim it is good.
      variableOf(def, 'OraPicoProk_SEADATANET_QC').data[1] = '1'.charCodeAt(0);
    });
    expectOnly(validateSdnNetcdf(bytes), 'netcdf.missing-flag', 'OraPicoProk_SEADATANET_QC[0,1]');
  });

  it('netcdf.qc-flag-values / qc-flag-meanings / qc-conventions / qc-type: flag variable attributes and type', () => {
    const noValues = mutate(timeSeries(), (def) => setAttribute(def, 'HetHNA_SEADATANET_QC', { name: 'flag_values', remove: true }));
    expect(rules(validateSdnNetcdf(noValues))).toEqual(['netcdf.qc-flag-values']);
    const outside = mutate(timeSeries(), (def) => setAttribute(def, 'HetHNA_SEADATANET_QC', { name: 'flag_values', type: 'byte', value: [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 65, 66, 90] }));
    expectOnly(validateSdnNetcdf(outside), 'netcdf.qc-flag-values', 'HetHNA_SEADATANET_QC:flag_values');
    const meanings = mutate(timeSeries(), (def) => setAttribute(def, 'HetHNA_SEADATANET_QC', { name: 'flag_meanings', type: 'char', value: 'good bad' }));
    expectOnly(validateSdnNetcdf(meanings), 'netcdf.qc-flag-meanings', 'HetHNA_SEADATANET_QC:flag_meanings');
    const swapped = mutate(fixture(), (def) => {
      const text = 'good_value no_quality_control probably_good_value probably_bad_value bad_value changed_value value_below_detection value_in_excess interpolated_value missing_value value_phenomenon_uncertain';
      setAttribute(def, 'TIME_SEADATANET_QC', { name: 'flag_meanings', type: 'char', value: text });
    });
    const report = validateSdnNetcdf(swapped);
    expectOnly(report, 'netcdf.qc-flag-meanings');
    expect(report.errors[0]?.message).toBe('meaning of 0 is "good_value", L20 says "no_quality_control"');
    const conventions = mutate(timeSeries(), (def) => setAttribute(def, 'DEPTH_SEADATANET_QC', { name: 'sdn_conventions_urn', type: 'char', value: 'SDN:L21::' }));
    expectOnly(validateSdnNetcdf(conventions), 'netcdf.qc-conventions', 'DEPTH_SEADATANET_QC:sdn_conventions_urn');
    const asShort = mutate(timeSeries(), (def) => {
      const qc = variableOf(def, 'RedPico_SEADATANET_QC');
      qc.type = 'short';
      qc.attributes = qc.attributes.map((a) => (a.name === '_FillValue' || a.name === 'flag_values' ? { ...a, type: 'short' as const } : a)) as typeof qc.attributes;
    });
    expect(rules(validateSdnNetcdf(asShort))).toEqual(['netcdf.qc-type']);
  });

  it('a char flag variable with char flag_values is accepted', () => {
    const asChar = mutate(timeSeries(), (def) => {
      const qc = variableOf(def, 'RedPico_SEADATANET_QC');
      qc.type = 'char';
      qc.attributes = qc.attributes.map((a) =>
        a.name === '_FillValue' ? { name: '_FillValue', type: 'char', value: '9' } : a.name === 'flag_values' ? { name: 'flag_values', type: 'char', value: '0123456789ABQ' } : a,
      );
    });
    expect(validateSdnNetcdf(asChar).errors).toEqual([]);
  });

  it('netcdf.parameter-urn / uom-urn / units / long-name / fill-value on data variables', () => {
    const p01 = mutate(timeSeries(), (def) => setAttribute(def, 'OraPicoProk', { name: 'sdn_parameter_urn', type: 'char', value: 'P700A90Z' }));
    expectOnly(validateSdnNetcdf(p01), 'netcdf.parameter-urn', 'OraPicoProk:sdn_parameter_urn');
    const p06 = mutate(timeSeries(), (def) => setAttribute(def, 'OraPicoProk', { name: 'sdn_uom_urn', remove: true }));
    expectOnly(validateSdnNetcdf(p06), 'netcdf.uom-urn', 'OraPicoProk:sdn_uom_urn');
    const units = mutate(timeSeries(), (def) => setAttribute(def, 'HetHNA', { name: 'units', type: 'char', value: ' ' }));
    expectOnly(validateSdnNetcdf(units), 'netcdf.units', 'HetHNA:units');
    const longName = mutate(timeSeries(), (def) => setAttribute(def, 'HetHNA', { name: 'long_name', remove: true }));
    expectOnly(validateSdnNetcdf(longName), 'netcdf.long-name', 'HetHNA:long_name');
    // The writer refuses a _FillValue of another type, so patch the bytes: RedPico's double _FillValue (8 bytes)
    // becomes two ints (same 8 bytes), leaving the header's length unchanged.
    const fill = timeSeries();
    const at = indexOf(fill, [0, 0, 0, 7, ...ascii('RedPico'), 0, 0, 0, 0, 2]);
    const attr = indexOf(fill, [...ascii('_FillValue'), 0, 0, 0, 0, 0, 6, 0, 0, 0, 1], at);
    fill[attr + 15] = 4;
    fill[attr + 19] = 2;
    expectOnly(validateSdnNetcdf(fill), 'netcdf.fill-value', 'RedPico:_FillValue');
  });

  it('netcdf.ancillary-variables: a data variable that does not name its flag variable', () => {
    const bytes = mutate(timeSeries(), (def) => setAttribute(def, 'RedPico', { name: 'ancillary_variables', remove: true }));
    expectOnly(validateSdnNetcdf(bytes), 'netcdf.ancillary-variables', 'RedPico:ancillary_variables');
  });

  it('netcdf.global-attributes / conventions / feature-type', () => {
    const noDate = mutate(timeSeries(), (def) => setAttribute(def, null, { name: 'date_update', remove: true }));
    expectOnly(validateSdnNetcdf(noDate), 'netcdf.global-attributes', ':date_update');
    const cfOnly = mutate(timeSeries(), (def) => setAttribute(def, null, { name: 'Conventions', type: 'char', value: 'CF-1.6' }));
    expectOnly(validateSdnNetcdf(cfOnly), 'netcdf.conventions', ':Conventions');
    const point = mutate(timeSeries(), (def) => setAttribute(def, null, { name: 'featureType', type: 'char', value: 'point' }));
    expectOnly(validateSdnNetcdf(point), 'netcdf.feature-type', ':featureType');
    const none = mutate(timeSeries(), (def) => setAttribute(def, null, { name: 'featureType', remove: true }));
    expectOnly(validateSdnNetcdf(none), 'netcdf.global-attributes', ':featureType');
  });

  it('netcdf.cf-role: the instance id role must match featureType', () => {
    const bytes = mutate(profile(), (def) => setAttribute(def, 'SDN_LOCAL_CDI_ID', { name: 'cf_role', type: 'char', value: 'timeseries_id' }));
    expectOnly(validateSdnNetcdf(bytes), 'netcdf.cf-role', 'SDN_LOCAL_CDI_ID:cf_role');
  });

  it('netcdf.sdn-variables / local-cdi-id / edmo-code', () => {
    const noStation = mutate(timeSeries(), (def) => {
      def.variables = def.variables.filter((v) => v.name !== 'SDN_STATION');
    });
    expectOnly(validateSdnNetcdf(noStation), 'netcdf.sdn-variables', 'SDN_STATION');
    const emptyId = mutate(fixture(), (def) => {
      const ids = variableOf(def, 'SDN_LOCAL_CDI_ID');
      ids.data = ids.data.map((c, k) => (k >= 23 * 2 && k < 23 * 3 ? 0 : c));
    });
    expectOnly(validateSdnNetcdf(emptyId), 'netcdf.local-cdi-id', 'SDN_LOCAL_CDI_ID[2]');
    const noEdmo = mutate(timeSeries(), (def) => {
      variableOf(def, 'SDN_EDMO_CODE').data[0] = 0;
    });
    expectOnly(validateSdnNetcdf(noEdmo), 'netcdf.edmo-code', 'SDN_EDMO_CODE[0]');
  });

  it('netcdf.coordinates / coordinate-units / coordinate-range / time-units / z-coordinate', () => {
    const noLat = mutate(timeSeries(), (def) => {
      def.variables = def.variables.filter((v) => v.name !== 'LATITUDE');
      setAttribute(def, 'LONGITUDE', { name: 'ancillary_variables', type: 'char', value: 'POSITION_SEADATANET_QC' });
    });
    expectOnly(validateSdnNetcdf(noLat), 'netcdf.coordinates', 'LATITUDE');
    const latUnits = mutate(timeSeries(), (def) => setAttribute(def, 'LATITUDE', { name: 'units', type: 'char', value: 'degrees' }));
    expectOnly(validateSdnNetcdf(latUnits), 'netcdf.coordinate-units', 'LATITUDE:units');
    const latRange = mutate(fixture(), (def) => {
      variableOf(def, 'LATITUDE').data[4] = -121.9;
    });
    expectOnly(validateSdnNetcdf(latRange), 'netcdf.coordinate-range', 'LATITUDE[4]');
    const timeUnits = mutate(timeSeries(), (def) => setAttribute(def, 'TIME', { name: 'units', type: 'char', value: 'Chronological Julian Date' }));
    expectOnly(validateSdnNetcdf(timeUnits), 'netcdf.time-units', 'TIME:units');
    const calendar = mutate(timeSeries(), (def) => setAttribute(def, 'TIME', { name: 'calendar', type: 'char', value: 'mayan' }));
    expectOnly(validateSdnNetcdf(calendar), 'netcdf.time-units', 'TIME:calendar');
    const noZ = mutate(profile(), (def) => {
      def.variables = def.variables.filter((v) => v.name !== 'DEPTH' && v.name !== 'DEPTH_SEADATANET_QC');
    });
    expectOnly(validateSdnNetcdf(noZ), 'netcdf.z-coordinate', 'DEPTH');
  });

  it('netcdf.instance-dimension: a CF file that is not laid out per INSTANCE', () => {
    const bytes = mutate(timeSeries(), (def) => {
      const instance = def.dimensions.find((d) => d.name === 'INSTANCE');
      if (instance !== undefined) instance.name = 'STATION';
      for (const v of def.variables) v.dimensions = v.dimensions.map((d) => (d === 'INSTANCE' ? 'STATION' : d));
    });
    const report = validateSdnNetcdf(bytes);
    expect(rules(report)).toContain('netcdf.instance-dimension');
    expect(rules(report)).toContain('netcdf.sdn-variables');
  });
});

describe('validateSdnNetcdf — damaged at random', () => {
  it('always returns a report (never throws) for files with random bytes changed or cut; the reader throws only CurationError', () => {
    const seed = Number(process.env.NETCDF_TEST_SEED ?? Date.now() % 100000);
    console.log(`validateSdnNetcdf fuzz seed ${seed}`);
    let state = seed >>> 0;
    const random = (): number => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 4294967296;
    };
    const originals = [timeSeries(), profile(), fixture()];
    for (let round = 0; round < 300; round++) {
      const original = originals[round % originals.length] ?? timeSeries();
      const bytes = original.slice(0, random() < 0.3 ? Math.floor(random() * original.length) : original.length);
      // Mostly hit the header, where the structure is.
      const changes = 1 + Math.floor(random() * 4);
      for (let k = 0; k < changes && bytes.length > 0; k++) bytes[Math.floor(random() * Math.min(bytes.length, 3000))] = Math.floor(random() * 256);
      let report: ValidationReport | undefined;
      expect(() => (report = validateSdnNetcdf(bytes)), `seed ${seed} round ${round}`).not.toThrow();
      expect(report?.format).toBe('sdn-netcdf');
      expect(report?.valid).toBe(report?.errors.length === 0);
      try {
        readSdnNetcdf(bytes);
      } catch (err) {
        expect(err, `seed ${seed} round ${round}`).toBeInstanceOf(CurationError);
      }
    }
  });
});
