import { NetCDFReader } from 'netcdfjs';
import { describe, expect, it } from 'vitest';
import { CurationError } from '../../api/errors';
import { readNetcdfClassic } from './read-netcdf-classic';
import type { NetcdfClassicFile } from './write-netcdf-classic';
import { writeNetcdfClassic } from './write-netcdf-classic';
import { seededRandom } from '../../random/seeded-random.js';

const hex = (s: string): Uint8Array => Uint8Array.from(s.replace(/\s+/g, '').match(/../g) ?? [], (h) => parseInt(h, 16));

/*
 * Oracles written by NetCDF-C 4.9.0 (`ncgen -b -k classic` and `-k 64-bit-offset`, Debian netcdf-bin) from this CDL:
 *
 * netcdf all {
 * dimensions: rec = UNLIMITED ; x = 3 ; s5 = 5 ;
 * variables:
 *   byte b(rec, x) ; b:_FillValue = 57b ; b:flag_values = 48b, 49b, 65b ;
 *   char c(rec, s5) ; c:long_name = "names" ;
 *   short sh(rec) ;
 *   int i(x) ; i:valid_range = -5, 5 ;
 *   float f(rec, x) ; f:_FillValue = -999.f ;
 *   double d(rec) ; d:scale = 0.5 ;
 *   int crs ; crs:epsg_code = "EPSG:4326" ; crs:inverse_flattening = 298.257223563 ;
 *   :title = "all types" ; :version = 3s ; :pi = 3.14159f ;
 * data:
 *   b = 48, 49, 65, 57, 57, 49 ; c = "ab", "hello" ; sh = -2, 300 ; i = 1, -2, 3 ;
 *   f = 1.5, -999, 2.25, 3, 4, 5 ; d = 1e300, -0.125 ;
 * }
 */
const ncgenAllClassic = hex(`
43444601000000020000000a000000030000000372656300000000000000000178000000000000030000000273350000
000000050000000c00000003000000057469746c650000000000000200000009616c6c20747970657300000000000007
76657273696f6e000000000300000001000300000000000270690000000000050000000140490fd00000000b00000007
00000001620000000000000200000000000000010000000c000000020000000a5f46696c6c56616c7565000000000001
00000001390000000000000b666c61675f76616c756573000000000100000003303141000000000100000004000002a0
00000001630000000000000200000000000000020000000c00000001000000096c6f6e675f6e616d6500000000000002
000000056e616d65730000000000000200000008000002a4000000027368000000000001000000000000000000000000
0000000300000004000002ac000000016900000000000001000000010000000c000000010000000b76616c69645f7261
6e6765000000000400000002fffffffb00000005000000040000000c0000029000000001660000000000000200000000
000000010000000c000000010000000a5f46696c6c56616c756500000000000500000001c479c000000000050000000c
000002b0000000016400000000000001000000000000000c00000001000000057363616c650000000000000600000001
3fe00000000000000000000600000008000002bc0000000363727300000000000000000c000000020000000965707367
5f636f64650000000000000200000009455053473a3433323600000000000012696e76657273655f666c617474656e69
6e67000000000006000000014072a41d96746d8800000004000000040000029c00000001fffffffe0000000380000001
303141396162000000000000fffe80013fc00000c479c000401000007e37e43c8800759c3939313968656c6c6f000000
012c8001404000004080000040a00000bfc0000000000000`);

const ncgenAll64 = hex(`
43444602000000020000000a000000030000000372656300000000000000000178000000000000030000000273350000
000000050000000c00000003000000057469746c650000000000000200000009616c6c20747970657300000000000007
76657273696f6e000000000300000001000300000000000270690000000000050000000140490fd00000000b00000007
00000001620000000000000200000000000000010000000c000000020000000a5f46696c6c56616c7565000000000001
00000001390000000000000b666c61675f76616c75657300000000010000000330314100000000010000000400000000
000002bc00000001630000000000000200000000000000020000000c00000001000000096c6f6e675f6e616d65000000
00000002000000056e616d6573000000000000020000000800000000000002c000000002736800000000000100000000
0000000000000000000000030000000400000000000002c8000000016900000000000001000000010000000c00000001
0000000b76616c69645f72616e6765000000000400000002fffffffb00000005000000040000000c00000000000002ac
00000001660000000000000200000000000000010000000c000000010000000a5f46696c6c56616c7565000000000005
00000001c479c000000000050000000c00000000000002cc000000016400000000000001000000000000000c00000001
000000057363616c6500000000000006000000013fe0000000000000000000060000000800000000000002d800000003
63727300000000000000000c0000000200000009657073675f636f64650000000000000200000009455053473a343332
3600000000000012696e76657273655f666c617474656e696e67000000000006000000014072a41d96746d8800000004
0000000400000000000002b800000001fffffffe0000000380000001303141396162000000000000fffe80013fc00000
c479c000401000007e37e43c8800759c3939313968656c6c6f000000012c8001404000004080000040a00000bfc00000
00000000`);

/*
 * NetCDF-C's layout of a lone byte record variable (not padded between records) and of fill in padding:
 * netcdf one { dimensions: r = UNLIMITED ; n = 3 ;
 *   variables: byte b(r) ; short s(n) ; s:_FillValue = -1s ; char c(n) ;
 *   data: b = 1, 2, 3 ; s = 7, 8 ; }
 */
const ncgenOne = hex(`
43444601000000030000000a00000002000000017200000000000000000000016e000000000000030000000000000000
0000000b000000030000000162000000000000010000000000000000000000000000000100000004000000cc00000001
7300000000000001000000010000000c000000010000000a5f46696c6c56616c756500000000000300000001ffff0000
0000000300000008000000c00000000163000000000000010000000100000000000000000000000200000004000000c8
00070008ffffffff00000000010203`);

function allTypes(version: 1 | 2): NetcdfClassicFile {
  return {
    version,
    dimensions: [
      { name: 'rec', size: 2, unlimited: true },
      { name: 'x', size: 3 },
      { name: 's5', size: 5 },
    ],
    attributes: [
      { name: 'title', type: 'char', value: 'all types' },
      { name: 'version', type: 'short', value: 3 },
      { name: 'pi', type: 'float', value: 3.14159 },
    ],
    variables: [
      {
        name: 'b',
        type: 'byte',
        dimensions: ['rec', 'x'],
        attributes: [
          { name: '_FillValue', type: 'byte', value: 57 },
          { name: 'flag_values', type: 'byte', value: [48, 49, 65] },
        ],
        data: [48, 49, 65, 57, 57, 49],
      },
      { name: 'c', type: 'char', dimensions: ['rec', 's5'], attributes: [{ name: 'long_name', type: 'char', value: 'names' }], data: ['ab', 'hello'] },
      { name: 'sh', type: 'short', dimensions: ['rec'], data: [-2, 300] },
      { name: 'i', type: 'int', dimensions: ['x'], attributes: [{ name: 'valid_range', type: 'int', value: [-5, 5] }], data: [1, -2, 3] },
      { name: 'f', type: 'float', dimensions: ['rec', 'x'], attributes: [{ name: '_FillValue', type: 'float', value: -999 }], data: [1.5, -999, 2.25, 3, 4, 5] },
      { name: 'd', type: 'double', dimensions: ['rec'], attributes: [{ name: 'scale', type: 'double', value: 0.5 }], data: [1e300, -0.125] },
      {
        name: 'crs',
        type: 'int',
        dimensions: [],
        attributes: [
          { name: 'epsg_code', type: 'char', value: 'EPSG:4326' },
          { name: 'inverse_flattening', type: 'double', value: 298.257223563 },
        ],
      },
    ],
  };
}

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

describe('writeNetcdfClassic', () => {
  it('writes the same bytes as NetCDF-C (ncgen) for every type, attributes, records, padding and fill — CDF-1', () => {
    expect(writeNetcdfClassic(allTypes(1))).toEqual(ncgenAllClassic);
  });

  it('writes the same bytes as NetCDF-C for the 64-bit offset format (CDF-2)', () => {
    expect(writeNetcdfClassic(allTypes(2))).toEqual(ncgenAll64);
  });

  it('does not pad a lone byte record variable and fills the padding of fixed variables, as NetCDF-C does', () => {
    const bytes = writeNetcdfClassic({
      dimensions: [
        { name: 'r', size: 3, unlimited: true },
        { name: 'n', size: 3 },
      ],
      attributes: [],
      variables: [
        { name: 'b', type: 'byte', dimensions: ['r'], data: [1, 2, 3] },
        { name: 's', type: 'short', dimensions: ['n'], attributes: [{ name: '_FillValue', type: 'short', value: -1 }], data: [7, 8] },
        { name: 'c', type: 'char', dimensions: ['n'] },
      ],
    });
    expect(bytes).toEqual(ncgenOne);
    // Our reader steps over the unpadded records (netcdfjs assumes 4-byte records there).
    expect(readNetcdfClassic(bytes).numbers('b')).toEqual([1, 2, 3]);
  });

  it('reads back with netcdfjs: dimensions, global and variable attributes of each type, values', () => {
    const reader = new NetCDFReader(writeNetcdfClassic(allTypes(1)));
    expect(reader.version).toBe('classic format');
    expect(reader.dimensions).toEqual([
      { name: 'rec', size: 0 },
      { name: 'x', size: 3 },
      { name: 's5', size: 5 },
    ]);
    expect(reader.recordDimension).toMatchObject({ length: 2, name: 'rec', id: 0 });
    expect(reader.getAttribute('title')).toBe('all types');
    expect(reader.getAttribute('version')).toBe(3);
    expect(reader.getAttribute('pi')).toBeCloseTo(3.14159, 5);
    const attrs = (name: string) => reader.variables.find((v) => v.name === name)?.attributes as unknown as { name: string; type: string; value: unknown }[];
    expect(attrs('b')).toEqual([
      { name: '_FillValue', type: 'byte', value: [57] },
      { name: 'flag_values', type: 'byte', value: [48, 49, 65] },
    ]);
    expect(attrs('i')).toEqual([{ name: 'valid_range', type: 'int', value: [-5, 5] }]);
    expect(attrs('crs')).toEqual([
      { name: 'epsg_code', type: 'char', value: 'EPSG:4326' },
      { name: 'inverse_flattening', type: 'double', value: 298.257223563 },
    ]);
    // netcdfjs returns each record with its padding: b has 3 bytes + 1 fill byte per record, sh 1 short + 1 fill.
    expect(reader.getDataVariable('b')).toEqual([
      [48, 49, 65, 57],
      [57, 57, 49, 57],
    ]);
    expect(reader.getDataVariable('c')).toEqual(['ab\0\0\0\0\0', 'hello\0\0']);
    expect(reader.getDataVariable('sh')).toEqual([
      [-2, -32767],
      [300, -32767],
    ]);
    expect(reader.getDataVariable('i')).toEqual([1, -2, 3]);
    expect(reader.getDataVariable('f')).toEqual([
      [1.5, -999, 2.25],
      [3, 4, 5],
    ]);
    expect(reader.getDataVariable('d')).toEqual([1e300, -0.125]);
    // crs has no data: the NetCDF-C default int fill.
    expect(reader.getDataVariable('crs')).toEqual([-2147483647]);
  });

  it('reads back the 64-bit offset format with netcdfjs', () => {
    const reader = new NetCDFReader(writeNetcdfClassic(allTypes(2)));
    expect(reader.version).toBe('64-bit offset format');
    expect(reader.getDataVariable('d')).toEqual([1e300, -0.125]);
    expect(reader.getDataVariable('i')).toEqual([1, -2, 3]);
  });

  it('pads names, attribute values and variables to 4 bytes and places every variable on a 4-byte boundary', () => {
    const bytes = writeNetcdfClassic({
      dimensions: [{ name: 'abcde', size: 5 }],
      attributes: [{ name: 'a', type: 'char', value: 'xyz12' }],
      variables: [
        { name: 'b5', type: 'byte', dimensions: ['abcde'], data: [1, 2, 3, 4, 5] },
        { name: 's5', type: 'short', dimensions: ['abcde'], data: [1, 2, 3, 4, 5] },
      ],
    });
    // magic, numrecs, NC_DIMENSION, 1, name length 5, "abcde" + 3 zero bytes, 5.
    expect(Array.from(bytes.subarray(0, 32))).toEqual([0x43, 0x44, 0x46, 1, 0, 0, 0, 0, 0, 0, 0, 0x0a, 0, 0, 0, 1, 0, 0, 0, 5, 0x61, 0x62, 0x63, 0x64, 0x65, 0, 0, 0, 0, 0, 0, 5]);
    const nc = readNetcdfClassic(bytes);
    const b5 = nc.variable('b5');
    const s5 = nc.variable('s5');
    expect(b5?.begin).toBeDefined();
    expect((b5?.begin ?? 1) % 4).toBe(0);
    // b5 takes 8 bytes (5 + 3 bytes of byte fill -127 = 0x81), then s5 10 bytes + 2 bytes of short fill 0x8001.
    expect(s5?.begin).toBe((b5?.begin ?? 0) + 8);
    const b = b5?.begin ?? 0;
    expect(Array.from(bytes.subarray(b, b + 8))).toEqual([1, 2, 3, 4, 5, 0x81, 0x81, 0x81]);
    expect(Array.from(bytes.subarray(b + 18, b + 20))).toEqual([0x80, 0x01]);
    expect(bytes.length).toBe(b + 20);
    expect(nc.text('a')).toBe('xyz12');
  });

  it('fills unwritten elements with _FillValue, else with the NetCDF-C default of the type', () => {
    const bytes = writeNetcdfClassic({
      dimensions: [{ name: 'n', size: 3 }],
      attributes: [],
      variables: [
        { name: 'withFill', type: 'double', dimensions: ['n'], attributes: [{ name: '_FillValue', type: 'double', value: -99999 }], data: [1] },
        { name: 'b', type: 'byte', dimensions: ['n'] },
        { name: 's', type: 'short', dimensions: ['n'] },
        { name: 'i', type: 'int', dimensions: ['n'] },
        { name: 'f', type: 'float', dimensions: ['n'] },
        { name: 'd', type: 'double', dimensions: ['n'] },
      ],
    });
    const reader = new NetCDFReader(bytes);
    expect(reader.getDataVariable('withFill')).toEqual([1, -99999, -99999]);
    const nc = readNetcdfClassic(bytes);
    expect(nc.numbers('b')).toEqual([-127, -127, -127]);
    expect(nc.numbers('s')).toEqual([-32767, -32767, -32767]);
    expect(nc.numbers('i')).toEqual([-2147483647, -2147483647, -2147483647]);
    expect(nc.numbers('f')[0]).toBe(Math.fround(9.969209968386869e36));
    expect(nc.numbers('d')[0]).toBe(9.969209968386869e36);
  });

  it('writes UTF-8 text that our reader decodes (netcdfjs itself reads char as Latin-1)', () => {
    const bytes = writeNetcdfClassic({
      dimensions: [{ name: 'n', size: 12 }],
      attributes: [{ name: 'institution', type: 'char', value: 'Université de Méditerranée' }],
      variables: [{ name: 'station', type: 'char', dimensions: ['n'], data: ['Étang'] }],
    });
    const nc = readNetcdfClassic(bytes);
    expect(nc.text('institution')).toBe('Université de Méditerranée');
    expect(nc.strings('station')).toEqual(['Étang']);
  });

  it('writes an empty file: no dimensions, attributes or variables (the ABSENT markers)', () => {
    const bytes = writeNetcdfClassic({ dimensions: [], attributes: [], variables: [] });
    expect(Array.from(bytes)).toEqual([0x43, 0x44, 0x46, 1, ...new Array<number>(28).fill(0)]);
    expect(new NetCDFReader(bytes).version).toBe('classic format');
  });

  it('writes zero records of the unlimited dimension', () => {
    const bytes = writeNetcdfClassic({
      dimensions: [{ name: 't', size: 0, unlimited: true }],
      attributes: [],
      variables: [{ name: 'v', type: 'double', dimensions: ['t'] }],
    });
    const nc = readNetcdfClassic(bytes);
    expect(nc.numRecords).toBe(0);
    expect(nc.numbers('v')).toEqual([]);
  });

  it('is deterministic', () => {
    expect(writeNetcdfClassic(allTypes(1))).toEqual(writeNetcdfClassic(allTypes(1)));
  });

  it('refuses definitions NetCDF classic cannot hold', () => {
    const dims: NetcdfClassicFile['dimensions'] = [{ name: 'n', size: 2 }];
    const one = (v: NetcdfClassicFile['variables'][number], d = dims) => writeNetcdfClassic({ dimensions: d, attributes: [], variables: [v] });
    expectInvalid(() => one({ name: 'v', type: 'byte', dimensions: ['n'], data: [300] }), /300 is not a byte/);
    expectInvalid(() => one({ name: 'v', type: 'short', dimensions: ['n'], data: [1.5] }), /1.5 is not a short/);
    expectInvalid(() => one({ name: 'v', type: 'int', dimensions: ['n'], data: [1, 2, 3] }), /3 values for 2 elements/);
    expectInvalid(() => one({ name: 'v', type: 'int', dimensions: ['m'] }), /unknown dimension m/);
    expectInvalid(() => one({ name: 'v', type: 'char', dimensions: ['n'], data: ['abc'] }), /3 bytes, the last dimension 2/);
    expectInvalid(() => one({ name: 'v', type: 'double', dimensions: ['n'], data: ['x'] }), /strings given for a double/);
    expectInvalid(() => one({ name: 'v', type: 'double', dimensions: ['n'], attributes: [{ name: '_FillValue', type: 'float', value: 1 }] }), /_FillValue is float/);
    expectInvalid(() => one({ name: 'a/b', type: 'int', dimensions: [] }), /invalid variable name/);
    expectInvalid(() => one({ name: 'v', type: 'int', dimensions: [], attributes: [{ name: 'x', type: 'int', value: 1 }, { name: 'x', type: 'int', value: 2 }] }), /duplicate attribute of v name x/);
    expectInvalid(
      () => one({ name: 'v', type: 'int', dimensions: ['n', 't'] }, [...dims, { name: 't', size: 1, unlimited: true }]),
      /unlimited dimension t must come first/,
    );
    expectInvalid(
      () => writeNetcdfClassic({ dimensions: [{ name: 'a', size: 1, unlimited: true }, { name: 'b', size: 1, unlimited: true }], attributes: [], variables: [] }),
      /one unlimited dimension only/,
    );
    expectInvalid(() => writeNetcdfClassic({ dimensions: [{ name: 'z', size: 0 }], attributes: [], variables: [] }), /fixed dimension cannot have length 0/);
    expectInvalid(() => writeNetcdfClassic({ dimensions: [{ name: 'n', size: 1 }, { name: 'n', size: 2 }], attributes: [], variables: [] }), /duplicate dimension name n/);
  });

  it('round-trips random definitions through netcdfjs and our reader', () => {
    const seed = Number(process.env.NETCDF_TEST_SEED ?? Date.now() % 100000);
    console.log(`writeNetcdfClassic random round trip seed ${seed}`);
    const random = seededRandom(seed);
    const types = ['byte', 'char', 'short', 'int', 'float', 'double'] as const;
    for (let round = 0; round < 25; round++) {
      const records = Math.floor(random() * 4);
      const dims = [
        { name: 'rec', size: records, unlimited: true },
        { name: 'a', size: 1 + Math.floor(random() * 5) },
        { name: 'b', size: 1 + Math.floor(random() * 7) },
      ];
      const variables = Array.from({ length: 1 + Math.floor(random() * 6) }, (_, k) => {
        const type = types[Math.floor(random() * types.length)] ?? 'double';
        const shape = [['rec'], ['a'], ['rec', 'a'], ['a', 'b'], ['rec', 'a', 'b'], []][Math.floor(random() * 6)] ?? [];
        const count = shape.reduce((n, d) => n * (dims.find((x) => x.name === d)?.size ?? 1), 1);
        const data = Array.from({ length: count }, () => sample(type, random));
        return { name: `v${k}`, type, dimensions: shape, data };
      });
      const bytes = writeNetcdfClassic({ dimensions: dims, attributes: [{ name: 'round', type: 'int', value: round }], variables });
      const nc = readNetcdfClassic(bytes);
      const reader = new NetCDFReader(bytes);
      expect(reader.getAttribute('round'), `seed ${seed} round ${round}`).toBe(round);
      for (const v of variables) {
        expect(nc.numbers(v.name), `seed ${seed} round ${round} ${v.name}`).toEqual(v.type === 'float' ? v.data.map(Math.fround) : v.data);
        const recordVars = variables.filter((x) => x.dimensions[0] === 'rec');
        const loneAndPadded = recordVars.length === 1 && v.dimensions[0] === 'rec' && ['byte', 'char', 'short'].includes(v.type);
        if (v.type !== 'char' && !loneAndPadded) {
          // netcdfjs sees the same values once its padding is dropped (it mis-steps a lone padded record variable).
          expect(netcdfjsValues(reader, v.name, v.type, v.dimensions[0] === 'rec', v.data.length, records), `seed ${seed} round ${round} ${v.name}`).toEqual(
            v.type === 'float' ? v.data.map(Math.fround) : v.data,
          );
        }
      }
    }
  });
});

/** netcdfjs's values without its padding: records come as arrays (or numbers), fixed bytes as one-element arrays. */
function netcdfjsValues(reader: NetCDFReader, name: string, type: string, isRecord: boolean, total: number, records: number): number[] {
  const raw = reader.getDataVariable(name) as unknown[];
  const signed = (x: number) => (type === 'byte' && x > 127 ? x - 256 : x);
  if (!isRecord) return raw.slice(0, total).map((x) => signed(Array.isArray(x) ? (x[0] as number) : (x as number)));
  const perRecord = records === 0 ? 0 : total / records;
  return raw.flatMap((x) => (Array.isArray(x) ? (x as number[]).slice(0, perRecord) : [x as number])).map(signed);
}

function sample(type: string, random: () => number): number {
  switch (type) {
    case 'byte':
      return Math.floor(random() * 256) - 128;
    case 'char':
      return 32 + Math.floor(random() * 95);
    case 'short':
      return Math.floor(random() * 65536) - 32768;
    case 'int':
      return Math.floor(random() * 4294967296) - 2147483648;
    default:
      return (random() - 0.5) * 10 ** Math.floor(random() * 20 - 10);
  }
}

