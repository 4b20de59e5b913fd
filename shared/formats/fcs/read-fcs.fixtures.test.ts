// Every .fcs fixture under fixtures/real/fcsparser and fixtures/real/flowio. Layouts (DATA start, widths, byte
// order, $PnR) were read by eye from the HEADER and TEXT (hex dump); means come from `slowMeans`, a separate,
// deliberately naive decoder over Node's Buffer readers, and a few are also hard-coded from an independent
// Python/struct reading of the same bytes.
import { describe, expect, it } from 'vitest';
import { readRealFixture } from '../../../electron/test-support/real-fixtures.js';
import { CurationError } from '../../api/errors.js';
import type { FcsDataSet } from './fcs-types.js';
import { fcsKeyword } from './fcs-values.js';
import { readFcs, readFcsDataSetHeads } from './read-fcs.js';

interface Layout {
  begin: number;
  events: number;
  widths: number[];
  little: boolean;
  type: 'I' | 'F';
  ranges?: number[];
}

/** One value at a time, with Buffer's readers and arithmetic masking (v mod 2^ceil(log2 R)). */
function slowMeans(bytes: Uint8Array, l: Layout): number[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sums = l.widths.map(() => 0);
  let o = l.begin;
  for (let e = 0; e < l.events; e++) {
    l.widths.forEach((w, i) => {
      let v: number;
      if (l.type === 'F') v = l.little ? buf.readFloatLE(o) : buf.readFloatBE(o);
      else {
        v = l.little ? buf.readUIntLE(o, w / 8) : buf.readUIntBE(o, w / 8);
        const range = l.ranges?.[i];
        if (range !== undefined) v = v % 2 ** Math.ceil(Math.log2(range));
      }
      sums[i] = sums[i]! + v;
      o += w / 8;
    });
  }
  return sums.map((s) => s / l.events);
}

function only(bytes: Uint8Array): FcsDataSet {
  const file = readFcs(bytes);
  expect(file.datasets).toHaveLength(1);
  expect(file.issues).toEqual([]);
  return file.datasets[0]!;
}

function expectMeans(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((m, i) => expect(Math.abs(m - expected[i]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected[i]!))));
}

const names = (d: FcsDataSet) => d.parameters.map((p) => p.name);
const messages = (d: { issues: { message: string }[] }) => d.issues.map((i) => i.message);

describe('readFcs on the real fixtures', () => {
  it('FACSCalibur HTS (FCS 2.0, int16 big-endian, \\ delimiter, $PnE=4,0, $DATE 22-Sep-13)', () => {
    const bytes = readRealFixture('fcsparser/FACSCaliburHTS/Sample_Well_A02.fcs');
    const d = only(bytes);
    expect(d.version).toBe('FCS2.0');
    expect(d.events).toBe(37395);
    expect(names(d)).toEqual(['FSC-H', 'SSC-H', 'FL1-H', 'FL2-H', 'FL3-H', 'FL2-A', 'FL2-W', 'Time']);
    expect(d.parameters.map((p) => p.label)).toEqual([null, null, 'FL1-Height', 'FL2-Height', 'FL3-Height', null, 'FL4-Height', 'Time (10.24 sec.)']);
    expect(d.parameters[0]).toEqual({ index: 1, name: 'FSC-H', label: null, range: 1024, bits: 16, amplification: { decades: 4, offset: 0 }, gain: null });
    expect(d.parameters[5]!.amplification).toBeNull();
    expect(d.dataType).toBe('I');
    expect(d.byteOrder).toBe('big');
    expect(d.keywords['$CYT']).toBe('FACSCalibur');
    expect(d.keywords['BDPM$Well']).toBe('A02');
    expect(fcsKeyword(d.keywords, 'bdpm$well')).toBe('A02');
    expect(d.metadata).toMatchObject({ date: '22-Sep-13', beginTime: '11:28:29', start: '2013-09-22T11:28:29', end: '2013-09-22T11:28:34' });
    expect(d.segments.data).toEqual({ start: 2816, end: 601136 });
    expect(d.issues).toEqual([]);
    expect(d.columns[0]).toBeInstanceOf(Float32Array);
    expect(Array.from(d.columns.map((c) => c[0]!))).toEqual([71, 83, 0, 1, 0, 1, 0, 0]); // first event (Python)
    const means = slowMeans(bytes, { begin: 2816, events: 37395, widths: Array(8).fill(16), little: false, type: 'I', ranges: Array(8).fill(1024) });
    expectMeans(d.means, means);
    expect(d.means[0]).toBeCloseTo(130.855328, 5); // Python
  });

  it('BD Fortessa (FCS 3.0, form-feed delimiter, padded $TOT, float big-endian, SPILL)', () => {
    const bytes = readRealFixture('fcsparser/Fortessa/FCS_3.0_Fortessa_PBS_Specimen_001_A1_A01.fcs');
    const d = only(bytes);
    expect(d.version).toBe('FCS3.0');
    expect(d.events).toBe(11585);
    expect(d.keywords['$TOT']).toBe('11585'); // written '11585              '
    expect(names(d)).toEqual(['FSC-A', 'FSC-H', 'FSC-W', 'SSC-A', 'SSC-H', 'SSC-W', 'FITC-A', 'PerCP-Cy5-5-A', 'AmCyan-A', 'PE-Texas Red-A', 'Time']);
    expect(d.parameters[10]).toMatchObject({ name: 'Time', range: 262144, bits: 32, amplification: null, gain: 0.01 });
    expect(d.keywords['CREATOR']).toBe('BD FACSDiva Software Version 6.2');
    expect(d.keywords['CST SETUP STATUS']).toBe('');
    expect(d.metadata.cytometer).toBe('LSRII');
    expect(d.metadata.timestep).toBe(0.01);
    expect(d.metadata.start).toBe('2013-02-28T15:19:53');
    expect(d.metadata.spilloverKeyword).toBe('SPILL');
    expect(d.metadata.spillover?.parameters).toEqual(['FITC-A', 'PerCP-Cy5-5-A', 'AmCyan-A', 'PE-Texas Red-A']);
    expect(d.metadata.spillover?.matrix[0]).toEqual([1, 0, 0.15999999430400005, 0]);
    expect(d.metadata.spillover?.matrix[3]).toEqual([0.0030000039808999713, 0, 0.014999998701599989, 1]);
    expect(d.issues).toEqual([]);
    expectMeans(d.means, slowMeans(bytes, { begin: 2462, events: 11585, widths: Array(11).fill(32), little: false, type: 'F' }));
    expect(d.means[2]).toBeCloseTo(113809.44399, 4); // Python
    expect(d.columns[0]![0]).toBeCloseTo(1312.85, 2);
  });

  it('MACSQuant FCS 2.0 (float little-endian, $PnE=0.000000,0.000000, $DATE 2013-Jul-19)', () => {
    const bytes = readRealFixture('fcsparser/MiltenyiBiotec/FCS2.0/EY_2013-07-19_PBS_FCS_2.0_Custom_Without_Add_Well_A1.001.fcs');
    const d = only(bytes);
    expect(d.version).toBe('FCS2.0');
    expect(d.events).toBe(10000);
    expect(names(d)).toEqual(['HDR-T', 'FSC-A', 'FSC-H', 'FSC-W', 'SSC-A', 'SSC-H', 'SSC-W', 'V2-A', 'V2-H', 'V2-W', 'Y2-A', 'Y2-H', 'Y2-W', 'B1-A', 'B1-H', 'B1-W']);
    expect(d.parameters.every((p) => p.amplification === null && p.gain === 1 && p.bits === 32)).toBe(true);
    expect(d.parameters[0]!.range).toBe(32);
    expect(d.keywords['@MCA1DATAMAX']).toBe('5.72662e+07');
    expect(d.metadata).toMatchObject({ cytometer: 'MACSQuant', cytometerSerial: '3057', date: '2013-Jul-19', start: '2013-07-19T13:16:08', end: '2013-07-19T13:16:47' });
    expect(d.issues).toEqual([]);
    expectMeans(d.means, slowMeans(bytes, { begin: 3582, events: 10000, widths: Array(16).fill(32), little: true, type: 'F' }));
    expect(d.means[3]).toBeCloseTo(-103.18783, 4); // Python
  });

  it('MACSQuant FCS 3.1 (DATA far after TEXT, supplementary TEXT, $VOL, $SPILLOVER without values, $ENDDATA one byte over)', () => {
    const bytes = readRealFixture('fcsparser/MiltenyiBiotec/FCS3.1/EY_2013-07-19_PBS_FCS_3.1_Well_A1.001.fcs');
    const d = only(bytes);
    expect(d.version).toBe('FCS3.1');
    expect(d.events).toBe(10000);
    expect(names(d)).toEqual(['Time', 'HDR-CE', 'HDR-SE', 'HDR-V', 'FSC-A', 'FSC-H', 'FSC-W', 'SSC-A', 'SSC-H', 'SSC-W', 'FL2-A', 'FL2-H', 'FL2-W', 'FL4-A', 'FL4-H', 'FL4-W', 'FL7-A', 'FL7-H', 'FL7-W']);
    expect(d.parameters[10]!.label).toBe('V2-A');
    expect(d.parameters[0]!.range).toBe(25.6708);
    expect(d.metadata.volumeNanolitres).toBe(10666);
    // TEXT 256–2406 then spaces; supplementary TEXT 2722–127220 holds the @MB_ keywords.
    expect(d.segments.supplementaryText).toEqual({ start: 2722, end: 127221 });
    expect(d.keywords['@MB_P1_USERNAME']).toBe('HDR-T');
    expect(d.keywords['@MB_SESSIONID']).toBe('7cfcd6dc-0d03-464b-aecd-e2523950a4ce');
    expect(d.keywords['@MB_P1_SCALE']).toBe('0\n25.6708\nLinear');
    expect(d.metadata.spillover).toBeNull();
    expect(messages(d)).toEqual([
      '$SPILLOVER has 6 names and 0 values; 6 parameters need 6 names and 36 values; not read as a spillover matrix',
      'DATA 127605–887605 (from $BEGINDATA/$ENDDATA) is one byte longer than $TOT × 76 bytes = 760000; the last byte is ignored',
    ]);
    expect(d.segments.data).toEqual({ start: 127605, end: 887605 });
    expectMeans(d.means, slowMeans(bytes, { begin: 127605, events: 10000, widths: Array(19).fill(32), little: true, type: 'F' }));
    expect(d.means[0]).toBeCloseTo(12.757881, 5); // Python
  });

  it('MACSQuant FCS 3.1 "duplicate names": escaped delimiters make $P8S/$P9S distinct (GFP/FITC-A, GFP/FITC-H)', () => {
    const bytes = readRealFixture('fcsparser/MiltenyiBiotec/FCS3.1/SG_2014-09-26_Duplicate_Names.fcs');
    const d = only(bytes);
    expect(d.events).toBe(8129);
    expect(names(d)).toEqual(['HDR-CE', 'HDR-SE', 'HDR-V', 'FSC-A', 'FSC-H', 'SSC-A', 'SSC-H', 'FL7-A', 'FL7-H']);
    // Written `$P8S/GFP//FITC-A/`: a naive split on '/' gives "GFP" twice.
    expect(d.parameters.map((p) => p.label).slice(7)).toEqual(['GFP/FITC-A', 'GFP/FITC-H']);
    expect(d.keywords['$P6F']).toBe('561//10 nm'); // written 561////10 nm
    expect(d.metadata).toMatchObject({ cytometer: 'MACSQuant VYB,2.5.1345.9863', volumeNanolitres: 20083, start: '2014-09-26T13:40:19' });
    expect(messages(d)).toEqual(['DATA 2256–294900 (from $BEGINDATA/$ENDDATA) is one byte longer than $TOT × 36 bytes = 292644; the last byte is ignored']);
    expectMeans(d.means, slowMeans(bytes, { begin: 2256, events: 8129, widths: Array(9).fill(32), little: true, type: 'F' }));
  });

  it('CyFlow Cube 8 (FCS 3.0, / delimiter, TEXT at 74, mixed 16/32/8-bit integers, ZIP as supplementary TEXT)', () => {
    const bytes = readRealFixture('fcsparser/cyflow_cube_8/cyflow_cube_8.fcs');
    const d = only(bytes);
    expect(d.version).toBe('FCS3.0');
    expect(d.events).toBe(725);
    expect(names(d)).toEqual(['FSC', 'SSC', 'FL1', 'FL2', 'FL3', 'FL4', 'FL5', 'FL6', 'TIME', 'DOUBLET']);
    expect(d.parameters.map((p) => p.bits)).toEqual([16, 16, 16, 16, 16, 16, 16, 16, 32, 8]);
    expect(d.bytesPerEvent).toBe(21);
    expect(d.segments.text.start).toBe(74);
    expect(d.metadata).toMatchObject({ cytometer: 'Cube_15', cytometerSerial: '0131011431', volumeNanolitres: 99000, beginTime: '09:42:05:509' });
    expect(d.metadata.start).toBe('2017-11-02T09:42:05.509');
    expect(d.keywords['P$CFGTYPE']).toBe('ZIP');
    expect(messages(d)).toEqual([
      'supplementary TEXT 16681–58392 does not start with the TEXT delimiter, so it is not keyword text (some instruments store a binary blob there); ignored',
    ]);
    // TIME keeps 31 bits ($PnR=2147483647): more than float32 holds exactly.
    expect(d.columns[8]).toBeInstanceOf(Float64Array);
    expect(d.columns[0]).toBeInstanceOf(Float32Array);
    const widths = [16, 16, 16, 16, 16, 16, 16, 16, 32, 8];
    const ranges = [...Array(8).fill(65536), 2147483647, 255];
    expectMeans(d.means, slowMeans(bytes, { begin: 1456, events: 725, widths, little: true, type: 'I', ranges }));
    expect(d.means[0]).toBeCloseTo(1120.668966, 5); // Python
    expect(d.means[9]).toBe(0); // DOUBLET is 0 in every event
  });

  it('Cytek Aurora header-only file: readFcs rejects it as truncated, the heads still give the TEXT metadata', () => {
    const bytes = readRealFixture('fcsparser/cytek-nl-2000/sample_header.fcs');
    expect(() => readFcs(bytes)).toThrow(new CurationError({ code: 'invalid-input', message: 'DATA segment ends at byte 2165911 but the file has 3931 bytes (truncated file)' }));
    const heads = readFcsDataSetHeads(bytes);
    expect(heads.datasets).toHaveLength(1);
    const h = heads.datasets[0]!;
    expect(h.dataError).toBe('DATA segment ends at byte 2165911 but the file has 3931 bytes (truncated file)');
    expect(h.version).toBe('FCS3.1');
    expect(h.events).toBe(20000);
    expect(h.parameters).toHaveLength(27);
    expect(h.parameters[0]).toMatchObject({ name: 'Time', range: 1229736 }); // written '   1229736'
    expect(h.metadata).toMatchObject({ cytometer: 'Aurora', volumeNanolitres: 36.6, start: '2020-07-22T18:39:40.590', end: '2020-07-22T18:41:43.490' });
    expect(h.metadata.spillover?.parameters).toHaveLength(22);
    expect(h.metadata.spillover?.matrix).toHaveLength(22);
    // The file was cut inside TEXT: its last value has no closing delimiter.
    expect(h.keywords['GROUPNAME']).toBe('20200722');
    expect(messages(h)).toEqual(['TEXT segment does not end with its delimiter 0x0C; the last value was read up to the end of the segment']);
  });

  it('corrupted.fcs (10 junk bytes) is rejected as not FCS', () => {
    const bytes = readRealFixture('fcsparser/corrupted/corrupted.fcs');
    const message = 'not an FCS file: header does not start with FCS2.0/FCS3.0/FCS3.1 (starts with "oi21j0")';
    expect(() => readFcs(bytes)).toThrow(message);
    expect(() => readFcsDataSetHeads(bytes)).toThrow(message);
  });

  it('FACScan (FCS 2.0, / delimiter, TEXT at 58, no $BEGINDATA)', () => {
    const bytes = readRealFixture('flowio/3FITC_4PE_004.fcs');
    const d = only(bytes);
    expect(d.version).toBe('FCS2.0');
    expect(d.events).toBe(94569);
    expect(names(d)).toEqual(['FSC-H', 'SSC-H', 'FL1-H', 'FL2-H']);
    expect(d.parameters.map((p) => p.amplification)).toEqual([null, null, { decades: 4, offset: 0 }, { decades: 4, offset: 0 }]);
    expect(d.segments.text.start).toBe(58);
    expect(fcsKeyword(d.keywords, '$BEGINDATA')).toBeUndefined();
    expect(d.metadata).toMatchObject({ cytometer: 'FACScan', date: '18-May-05', start: '2005-05-18T17:54:22' });
    expect(d.issues).toEqual([]);
    expectMeans(d.means, slowMeans(bytes, { begin: 1377, events: 94569, widths: [16, 16, 16, 16], little: true, type: 'I', ranges: [1024, 1024, 1024, 1024] }));
    expect(d.means[0]).toBeCloseTo(538.764648, 5); // Python
  });

  it('FACSCalibur data1 (FCS 2.0, int16 big-endian, empty values written as doubled delimiters)', () => {
    const bytes = readRealFixture('flowio/data1.fcs');
    const d = only(bytes);
    expect(d.events).toBe(13367);
    expect(names(d)).toEqual(['FSC-H', 'SSC-H', 'FL1-H', 'FL2-H', 'FL3-H', 'FL2-A', 'FL4-H', 'Time']);
    expect(d.parameters.map((p) => p.label)).toEqual(['FSC-Height', 'SSC-Height', 'CD4 FITC', 'CD8 B PE', 'CD3 PerCP', null, 'CD8 APC', 'Time (102.40 sec.)']);
    expect(d.parameters.map((p) => p.gain)).toEqual([3.67, 8, null, null, null, null, null, null]);
    // `\&13Analysis Doc.\\` ends the TEXT: an empty value, not an escaped delimiter.
    expect(d.keywords['&13Analysis Doc.']).toBe('');
    expect(d.keywords['&12Sample ID']).toBe('T-cells');
    expect(d.keywords['$CYT']).toBe('FACSCalibur');
    expect(messages(d)).toEqual([
      'TEXT: doubled delimiters read as empty values of &5Data File Prefix Part #1, &6Data File Prefix Part #2, &7Data File Prefix Part #3, &13Analysis Doc. (empty values are not allowed by the FCS standard, where a doubled delimiter is an escaped one)',
    ]);
    expect(d.metadata.start).toBe('2002-08-23T16:31:33');
    expectMeans(d.means, slowMeans(bytes, { begin: 2560, events: 13367, widths: Array(8).fill(16), little: false, type: 'I', ranges: Array(8).fill(1024) }));
    expect(d.means[0]).toBeCloseTo(239.361712, 5); // Python
  });

  it('Accuri C6 Plus (FCS 3.1, int32 big-endian masked to 24 bits by $PnR=16777216, supplementary TEXT = TEXT)', () => {
    const bytes = readRealFixture('flowio/B01 KC-A-W---91-US.fcs');
    const d = only(bytes);
    expect(d.version).toBe('FCS3.1');
    expect(d.events).toBe(1589);
    expect(names(d)).toEqual(['FSC-A', 'SSC-A', 'FL1-A', 'FL2-A', 'FL3-A', 'FL4-A', 'FSC-H', 'SSC-H', 'FL1-H', 'FL2-H', 'FL3-H', 'FL4-H', 'Width', 'Time']);
    expect(d.parameters[2]!.label).toBe('FITC-A');
    expect(d.columns.every((c) => c instanceof Float32Array)).toBe(true); // 24 bits fit a float32 exactly
    expect(d.segments.supplementaryText).toBeNull();
    expect(d.metadata).toMatchObject({ cytometer: 'BD Accuri C6 Plus', cytometerSerial: 'R660517590125', volumeNanolitres: 25016, start: '2019-02-19T21:28:25.560' });
    expect(d.metadata.spillover?.parameters).toEqual(['FL1-A', 'FL2-A', 'FL3-A', 'FL4-A', 'FL1-H', 'FL2-H', 'FL3-H', 'FL4-H']);
    expect(d.metadata.spillover?.matrix[0]?.slice(0, 3)).toEqual([1, 0.1203, 0.024]);
    expect(d.issues).toEqual([]);
    expectMeans(d.means, slowMeans(bytes, { begin: 4418, events: 1589, widths: Array(14).fill(32), little: false, type: 'I', ranges: Array(14).fill(16777216) }));
    expect(d.means[0]).toBeCloseTo(71403.991819, 5); // Python
  });

  it('Attune NxT (FCS 3.1, float, UTF-8 ™ in $PnS, zero-padded TEXT offsets, TEXT padded with spaces)', () => {
    const bytes = readRealFixture('flowio/G11.fcs');
    const d = only(bytes);
    expect(d.events).toBe(5785);
    expect(names(d)).toEqual(['Time', 'FSC-A', 'SSC-A', 'BL1-A', 'YL2-A', 'VL1-A', 'FSC-H', 'SSC-H', 'VL1-H', 'FSC-W', 'SSC-W', 'VL1-W']);
    expect(d.parameters[5]!.label).toBe('Alexa Fluor™ 405-A');
    expect(d.keywords['$BEGINDATA']).toBe('000000008192');
    expect(d.keywords['$P3F']).toBe('488/10'); // written 488//10
    expect(d.metadata.cytometer).toBe('4486521 Attune NxT Acoustic Focusing Cytometer (Lasers: BRVY)');
    expect(d.metadata.volumeNanolitres).toBe(46000);
    expect(d.metadata.spillover?.parameters).toEqual(['BL1-A', 'YL2-A', 'VL1-A', 'VL1-H', 'VL1-W']);
    expect(d.issues).toEqual([]);
    expectMeans(d.means, slowMeans(bytes, { begin: 8192, events: 5785, widths: Array(12).fill(32), little: true, type: 'F' }));
    expect(d.means[1]).toBeCloseTo(221351.104581, 4); // Python
  });

  const stratedigmNames = [
    'FSC LogH', 'FSC LogA', 'FSC LinH', 'FSC LinA', 'SSC LogH', 'SSC LogA', 'SSC LinH', 'SSC LinA',
    '488/552nm PECy5.5 (710/40) LogH', '405nm BV710 (710/40) LogH', 'xxxxxxxxxxxxxx (710/40) LogH', '488/552nm PE Cy7 (740LP) LogH',
    '405nm Qdot800 (740LP) LogH', '642nm APC Cy7 (740LP) LogH', '488/552nm PECy5 (676/29) LogH', '642nm APC (676/29) LogH',
    '488/552nm PI (615/30) LogH', '405nm Qdot605 (615/30) LogH', '488/552nm FITC (530/30) LogH', '405nm BV521 (530/30) LogH',
    '488/552nm PE (580/30) LogH', '405nm BV570 (580/30) LogH', '405nm BV421 (445/60) LogH', '405nm 405SSC (405/10) LogH', 'Width', 'Time',
  ];
  const stratedigm: Layout = { begin: 6081, events: 2, widths: [...Array(25).fill(16), 32], little: true, type: 'I', ranges: [...Array(25).fill(65536), 11209599] };
  const timestepIssue = '$TIMESTEP="xxxxxxxxx" is not a number (seconds per time unit); ignored';

  it('Stratedigm variable_int_example (25 × 16-bit + 1 × 32-bit, zero-padded HEADER, $BTIM in 1/60 s)', () => {
    const bytes = readRealFixture('flowio/variable_int_example.fcs');
    const d = only(bytes);
    expect(d.version).toBe('FCS3.0');
    expect(d.events).toBe(2);
    expect(names(d)).toEqual(stratedigmNames);
    expect(d.bytesPerEvent).toBe(54);
    expect(d.parameters[2]).toMatchObject({ amplification: null, gain: 6.5536 });
    expect(d.parameters[0]!.amplification).toEqual({ decades: 4, offset: 1 });
    expect(d.keywords['$TOT']).toBe('000002');
    expect(d.metadata).toMatchObject({ beginTime: '17:29:39:51', start: '2019-06-28T17:29:39.850', end: '2019-06-28T17:32:04.017', timestep: null });
    expect(d.metadata.spillover?.parameters[2]).toBe('xxxxxxxxxxxxxxxxxxxxxxxxxxxx');
    expect(messages(d)).toEqual([timestepIssue]);
    // Two events: values read by eye from the hex dump at 6081 (little-endian).
    expect(Array.from(d.columns.slice(0, 3).map((c) => c[0]!))).toEqual([49135, 61373, 48575]);
    expectMeans(d.means, slowMeans(bytes, stratedigm));
    expect(d.means[25]).toBe(11978341.5); // Python
  });

  it('data_start_offset_discrepancy_example: HEADER DATA begin 5555 vs $BEGINDATA 6081 → TEXT, with a warning', () => {
    const bytes = readRealFixture('flowio/data_start_offset_discrepancy_example.fcs');
    const d = only(bytes);
    expect(d.events).toBe(2);
    expect(names(d)).toEqual(stratedigmNames);
    expect(d.segments.data).toEqual({ start: 6081, end: 6189 });
    expect(d.issues).toContainEqual({
      field: '$BEGINDATA',
      message:
        'HEADER says DATA is 5555–6188, $BEGINDATA/$ENDDATA say 6081–6188; using $BEGINDATA/$ENDDATA (6081–6188), which holds $TOT × 54 bytes = 108 bytes within the file (6263 bytes)',
    });
    expect(messages(d)).toEqual([timestepIssue, expect.stringContaining('HEADER says DATA is 5555–6188')]);
    expectMeans(d.means, slowMeans(bytes, stratedigm));
  });

  it('data_stop_offset_discrepancy_example: HEADER DATA end 6944 (past the 6263-byte file) vs $ENDDATA 6188 → TEXT', () => {
    const bytes = readRealFixture('flowio/data_stop_offset_discrepancy_example.fcs');
    const d = only(bytes);
    expect(d.events).toBe(2);
    expect(d.segments.data).toEqual({ start: 6081, end: 6189 });
    expect(messages(d)).toEqual([
      timestepIssue,
      'HEADER says DATA is 6081–6944, $BEGINDATA/$ENDDATA say 6081–6188; using $BEGINDATA/$ENDDATA (6081–6188), which holds $TOT × 54 bytes = 108 bytes within the file (6263 bytes)',
    ]);
    expectMeans(d.means, slowMeans(bytes, stratedigm));
  });
});
