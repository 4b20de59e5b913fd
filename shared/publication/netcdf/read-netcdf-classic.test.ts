import { describe, expect, it } from 'vitest';
import { readRealFixture } from '../../../electron/test-support/real-fixtures.js';
import type { NetcdfReadFailure } from './read-netcdf-classic';
import { NetcdfReadError, netcdfClassicVersion, readNetcdfClassic } from './read-netcdf-classic';
import { writeNetcdfClassic } from './write-netcdf-classic';

function failure(bytes: Uint8Array): NetcdfReadFailure | null {
  try {
    readNetcdfClassic(bytes);
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(NetcdfReadError);
    return (err as NetcdfReadError).reason;
  }
}

describe('readNetcdfClassic', () => {
  it('reads the real fixture header: dimensions, record count, variables and typed attributes', () => {
    const nc = readNetcdfClassic(readRealFixture('octopus/cfpoint/profile/diap.nc'));
    expect(nc.version).toBe(1);
    expect(nc.numRecords).toBe(13);
    expect(nc.dimensions).toEqual([
      { name: 'INSTANCE', size: 13, unlimited: true },
      { name: 'MAXZ', size: 11, unlimited: false },
      { name: 'REFMAX', size: 2, unlimited: false },
      { name: 'STRING177', size: 177, unlimited: false },
      { name: 'STRING23', size: 23, unlimited: false },
    ]);
    // netcdfjs's own record step for this file: 668 bytes (sum of the padded record variables).
    expect(nc.recordSize).toBe(668);
    expect(nc.issues).toEqual([]);
    expect(nc.variable('PRES')?.shape).toEqual([13, 11]);
    expect(nc.attribute('_FillValue', 'NTRAYYDZ_SEADATANET_QC')).toEqual({ name: '_FillValue', type: 'byte', value: [57] });
    expect(nc.attribute('_FillValue', 'SDN_BOT_DEPTH')).toEqual({ name: '_FillValue', type: 'float', value: [-999] });
    expect(nc.text('featureType')).toBe('profile');
    // Padding dropped: 13 × 11 levels, not 13 × 12 bytes.
    expect(nc.numbers('PRES_SEADATANET_QC')).toHaveLength(143);
    expect(nc.strings('SDN_LOCAL_CDI_ID')[12]).toBe('FI35200110014_00025_H09');
    expect(nc.strings('SDN_XLINK')).toHaveLength(26);
  });

  it('recognises the classic magic numbers only', () => {
    expect(netcdfClassicVersion(Uint8Array.from([0x43, 0x44, 0x46, 1]))).toBe(1);
    expect(netcdfClassicVersion(Uint8Array.from([0x43, 0x44, 0x46, 2]))).toBe(2);
    expect(netcdfClassicVersion(Uint8Array.from([0x43, 0x44, 0x46, 5]))).toBeNull();
    expect(netcdfClassicVersion(new Uint8Array(0))).toBeNull();
  });

  it('says why a file cannot be opened', () => {
    const good = readRealFixture('octopus/cfpoint/profile/diap.nc');
    expect(failure(new Uint8Array(0))).toBe('not-netcdf');
    expect(failure(new TextEncoder().encode('Cruise\tStation\tType\n'))).toBe('not-netcdf');
    expect(failure(Uint8Array.from([0x43, 0x44, 0x46, 5, 0, 0, 0, 0]))).toBe('unsupported-version');
    expect(failure(Uint8Array.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('unsupported-version');
    expect(failure(good.slice(0, 100))).toBe('truncated');
    // A wrong tag where the dimension list starts.
    const badTag = good.slice();
    badTag[11] = 0x0b;
    expect(failure(badTag)).toBe('malformed');
  });

  it('reports a file cut in its data as issues, one per variable past the end, and refuses to read those', () => {
    const good = readRealFixture('octopus/cfpoint/profile/diap.nc');
    const nc = readNetcdfClassic(good.slice(0, good.length - 500));
    expect(nc.issues.length).toBeGreaterThan(0);
    expect(nc.issues.map((i) => i.field)).toContain('NTRAYYDZ');
    expect(nc.issues[0]?.message).toMatch(/past the end of the file .*truncated/);
    expect(() => nc.numbers('NTRAYYDZ')).toThrow(/past the end of the file/);
    // The fixed variable before the records is still whole.
    expect(nc.numbers('crs')).toEqual([0]);
  });

  it('decodes Windows-1252 text when it is not valid UTF-8', () => {
    const bytes = writeNetcdfClassic({
      dimensions: [{ name: 'n', size: 6 }],
      attributes: [],
      variables: [{ name: 'station', type: 'char', dimensions: ['n'], data: [0x45, 0x74, 0xe9, 0x20, 0xe0, 0] }],
    });
    expect(readNetcdfClassic(bytes).strings('station')).toEqual(['Eté à']);
  });
});
