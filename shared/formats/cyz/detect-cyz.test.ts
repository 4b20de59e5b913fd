import { describe, expect, it } from 'vitest';
import { readRealFixture } from '../../../electron/test-support/real-fixtures.js';
import { CYZ_CONVERSION_MESSAGE, cyzConversionError, detectCyz, hasCyzExtension } from './detect-cyz.js';

// Versions and root classes read from the first bytes of each file (xxd), as listed in formats-cytosense.md §1/§12.
const realCyz = [
  {
    file: 'algjes machteld 2010-11-22 11u33.cyz',
    version: '2.4.0.10',
    rootClass: 'CytoSense.Data.Data+DataFile',
    layout: 'datafile',
  },
  {
    file: '1p6um NF beads 2013-04-08 14u56.cyz',
    version: '2.9.0.0',
    rootClass: 'CytoSense.Data.Data+DataFile',
    layout: 'datafile',
  },
  {
    file: 'BeadsCalibration 2017-02-08 13h50_Beads.cyz',
    version: '2.11.6726.24922',
    rootClass: 'CytoSense.Data.Data+DataFile',
    layout: 'datafile',
  },
  {
    file: 'beads reservoir measurement 2021-10-04 15h00.cyz',
    version: '2.11.7944.22178',
    rootClass: 'CytoSense.Data.SegmentedData.SegmentedDataFileHeader',
    layout: 'segmented',
  },
] as const;

describe('detectCyz on the real .cyz files', () => {
  for (const f of realCyz) {
    it(`${f.file}: CytoSense ${f.version}, ${f.layout}`, () => {
      const bytes = readRealFixture(`cyzfile-api/DataFiles/${f.file}`);
      const d = detectCyz(bytes.subarray(0, 1024));
      expect(d).toEqual({
        isCyz: true,
        isNrbf: true,
        version: f.version,
        assembly: `CytoSense, Version=${f.version}, Culture=neutral, PublicKeyToken=null`,
        rootClass: f.rootClass,
        layout: f.layout,
      });
      // The whole file works too (only the head is looked at).
      expect(detectCyz(bytes).version).toBe(f.version);
      expect(hasCyzExtension(f.file)).toBe(true);
    });
  }
});

/** An MS-NRBF stream head with the given library name (what BinaryFormatter writes for any assembly). */
function nrbfHead(library: string): Uint8Array {
  const name = new TextEncoder().encode(library);
  const out = new Uint8Array(17 + 5 + 1 + name.length);
  const v = new DataView(out.buffer);
  out[0] = 0;
  v.setInt32(1, 1, true);
  v.setInt32(5, -1, true);
  v.setInt32(9, 1, true);
  v.setInt32(13, 0, true);
  out[17] = 0x0c;
  v.setInt32(18, 2, true);
  out[22] = name.length; // < 128: one length byte
  out.set(name, 23);
  return out;
}

describe('detectCyz on other input', () => {
  it('rejects JPEG, NMEA text, empty and junk', () => {
    const jpeg = readRealFixture('rclustool/img_example/10.jpg');
    const nmea = readRealFixture('cyzfile-api/Misc/GPS_20121104_134730.log');
    expect(detectCyz(jpeg)).toEqual({ isCyz: false, isNrbf: false });
    expect(detectCyz(nmea)).toEqual({ isCyz: false, isNrbf: false });
    expect(detectCyz(new Uint8Array(0))).toEqual({ isCyz: false, isNrbf: false });
    expect(detectCyz(new Uint8Array([0, 1, 0, 0, 0]))).toEqual({ isCyz: false, isNrbf: false });
    expect(detectCyz(new Uint8Array(64).fill(0xff))).toEqual({ isCyz: false, isNrbf: false });
  });
  it('tells a BinaryFormatter stream of another assembly from a .cyz', () => {
    expect(detectCyz(nrbfHead('MyApp, Version=1.0.0.0, Culture=neutral, PublicKeyToken=null'))).toEqual({
      isCyz: false,
      isNrbf: true,
    });
    const cs = detectCyz(nrbfHead('CytoSense, Version=3.0.1.2, Culture=neutral, PublicKeyToken=null'));
    expect(cs).toMatchObject({ isCyz: true, version: '3.0.1.2' });
    expect(cs.rootClass).toBeUndefined(); // head ends before the root class record
  });
  it('does not claim a head cut inside the assembly string', () => {
    const bytes = readRealFixture('cyzfile-api/DataFiles/algjes machteld 2010-11-22 11u33.cyz');
    expect(detectCyz(bytes.subarray(0, 40))).toEqual({ isCyz: false, isNrbf: true });
  });
  it('recognises the extension in any case', () => {
    expect(hasCyzExtension('beads1.6u.cyz-2010-06-16 13-10.CYZ')).toBe(true);
    expect(hasCyzExtension('x.cyz.json')).toBe(false);
  });
  it('gives the importer its message, with the version when known', () => {
    expect(cyzConversionError().message).toBe(CYZ_CONVERSION_MESSAGE);
    expect(cyzConversionError().code).toBe('invalid-input');
    expect(cyzConversionError({ isCyz: true, isNrbf: true, version: '2.9.0.0' }).message).toBe(
      'this is a CytoSense .cyz file (CytoSense 2.9.0.0): convert it with cyz2json or export it from CytoClus',
    );
  });
});
