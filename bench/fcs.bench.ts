// FCS reading speed against the `fcs` npm package (baseline) on the real fixtures it reads correctly and on
// large generated files. Both read every event into numbers; MB/s is file bytes over wall time.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { realFixture } from '../electron/test-support/real-fixtures.js';
import { createFcsDataDecoder } from '../shared/formats/fcs/fcs-data-decoder.js';
import { readFcsDataSetHead } from '../shared/formats/fcs/fcs-data-set-head.js';
import { readFcsHeader } from '../shared/formats/fcs/fcs-header.js';
import { readFcs } from '../shared/formats/fcs/read-fcs.js';
import type { BenchResult } from './measure.js';
import { medianMs } from './measure.js';

interface FcsPackage {
  new (options: Record<string, unknown>, buffer: Buffer): { dataAsNumbers: number[][] | null };
}
const FCS = createRequire(import.meta.url)('fcs') as FcsPackage;

// The fcs package reads every parameter with $P1B's width, so files with mixed widths (cyflow_cube_8,
// Stratedigm) are left out; the truncated and corrupted fixtures are not readable by either.
const FIXTURES = [
  'fcsparser/FACSCaliburHTS/Sample_Well_A02.fcs',
  'fcsparser/Fortessa/FCS_3.0_Fortessa_PBS_Specimen_001_A1_A01.fcs',
  'fcsparser/MiltenyiBiotec/FCS2.0/EY_2013-07-19_PBS_FCS_2.0_Custom_Without_Add_Well_A1.001.fcs',
  'fcsparser/MiltenyiBiotec/FCS3.1/EY_2013-07-19_PBS_FCS_3.1_Well_A1.001.fcs',
  'fcsparser/MiltenyiBiotec/FCS3.1/SG_2014-09-26_Duplicate_Names.fcs',
  'flowio/3FITC_4PE_004.fcs',
  'flowio/B01 KC-A-W---91-US.fcs',
  'flowio/G11.fcs',
  'flowio/data1.fcs',
];

/** An FCS 3.1 file of `events` × `params` values, float32 or int16, little-endian, values from a fixed LCG. */
function generate(events: number, params: number, type: 'F' | 'I16'): Uint8Array {
  const bits = type === 'F' ? 32 : 16;
  const dataLength = (events * params * bits) / 8;
  const pad = (n: number) => String(n).padStart(12, '0'); // fixed width: TEXT length does not depend on offsets
  const pairs: [string, string][] = [
    ['$BEGINANALYSIS', '0'],
    ['$ENDANALYSIS', '0'],
    ['$BEGINSTEXT', '0'],
    ['$ENDSTEXT', '0'],
    ['$BEGINDATA', ''],
    ['$ENDDATA', ''],
    ['$BYTEORD', '1,2,3,4'],
    ['$DATATYPE', type === 'F' ? 'F' : 'I'],
    ['$MODE', 'L'],
    ['$NEXTDATA', '0'],
    ['$PAR', String(params)],
    ['$TOT', String(events)],
  ];
  for (let n = 1; n <= params; n++) pairs.push([`$P${n}N`, `FL${n}`], [`$P${n}B`, String(bits)], [`$P${n}E`, '0,0'], [`$P${n}R`, '65536']);
  const textFor = (begin: number) =>
    '/' + pairs.map(([k, v]) => `${k}/${k === '$BEGINDATA' ? pad(begin) : k === '$ENDDATA' ? pad(begin + dataLength - 1) : v}/`).join('');
  const textLength = textFor(0).length;
  const dataBegin = 58 + textLength;
  const text = textFor(dataBegin);
  const field = (n: number) => String(n > 99_999_999 ? 0 : n).padStart(8, ' ');
  const header = `FCS3.1    ${field(58)}${field(58 + textLength - 1)}${field(dataBegin)}${field(dataBegin + dataLength - 1)}${field(0)}${field(0)}`;
  const out = new Uint8Array(dataBegin + dataLength);
  out.set(new TextEncoder().encode(header + text), 0);
  const dv = new DataView(out.buffer, dataBegin);
  let seed = 12345;
  for (let i = 0; i < events * params; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    if (type === 'F') dv.setFloat32(i * 4, (seed >>> 8) / 1024, true);
    else dv.setUint16(i * 2, seed >>> 16, true);
  }
  return out;
}

function streamed(bytes: Uint8Array, chunk: number): void {
  const header = readFcsHeader(bytes.subarray(0, 58));
  const head = readFcsDataSetHead(header, bytes.subarray(header.text.start, header.text.end), bytes.length);
  const decoder = createFcsDataDecoder(head);
  const data = head.segments.data;
  if (!data) throw new Error('no DATA');
  for (let at = data.start; at < data.end; at += chunk) decoder.push(bytes.subarray(at, Math.min(at + chunk, data.end)));
  decoder.finish();
}

function compare(label: string, bytes: Uint8Array, runs: number): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const theirs = medianMs(() => new FCS({ dataFormat: 'asNumber', eventsToRead: -1, groupBy: 'byEvent' }, buffer), runs);
  const ours = medianMs(() => readFcs(bytes), runs);
  const mb = bytes.length / 1e6;
  return `${label} (${mb.toFixed(1)} MB): ${(mb / (ours / 1000)).toFixed(0)} MB/s vs fcs ${(mb / (theirs / 1000)).toFixed(0)} MB/s = ${(theirs / ours).toFixed(1)}× fcs package`;
}

export async function benchFcs(): Promise<BenchResult> {
  const lines: string[] = [];
  // Warm both readers up on every fixture first, so the first file timed is not paying for compilation.
  const all = FIXTURES.map((rel) => new Uint8Array(fs.readFileSync(realFixture(rel))));
  for (let i = 0; i < 30; i++) {
    for (const bytes of all) {
      readFcs(bytes);
      new FCS({ dataFormat: 'asNumber', eventsToRead: -1, groupBy: 'byEvent' }, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    }
  }
  let oursTotal = 0;
  let theirsTotal = 0;
  let bytesTotal = 0;
  for (const [i, rel] of FIXTURES.entries()) {
    const bytes = all[i] as Uint8Array;
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const theirs = medianMs(() => new FCS({ dataFormat: 'asNumber', eventsToRead: -1, groupBy: 'byEvent' }, buffer), 15);
    const ours = medianMs(() => readFcs(bytes), 15);
    oursTotal += ours;
    theirsTotal += theirs;
    bytesTotal += bytes.length;
    lines.push(`${path.basename(rel)}: ${(theirs / ours).toFixed(1)}× fcs package (${ours.toFixed(2)} ms vs ${theirs.toFixed(2)} ms)`);
  }
  const mb = bytesTotal / 1e6;
  lines.push(
    `all ${FIXTURES.length} fixtures (${mb.toFixed(1)} MB): ${(mb / (oursTotal / 1000)).toFixed(0)} MB/s vs fcs ${(mb / (theirsTotal / 1000)).toFixed(0)} MB/s = ${(theirsTotal / oursTotal).toFixed(1)}× fcs package`,
  );

  const float32 = generate(1_000_000, 10, 'F');
  const int16 = generate(1_000_000, 10, 'I16');
  lines.push(compare('generated 1,000,000 events × 10 float32', float32, 3));
  lines.push(compare('generated 1,000,000 events × 10 int16', int16, 3));
  const chunk = 64 * 1024;
  const streamMs = medianMs(() => streamed(float32, chunk), 3);
  lines.push(`streaming decoder, float32 file in 64 KiB chunks: ${(float32.length / 1e6 / (streamMs / 1000)).toFixed(0)} MB/s`);
  return { name: 'FCS reader vs the fcs npm package (baseline), all events as numbers', lines };
}
