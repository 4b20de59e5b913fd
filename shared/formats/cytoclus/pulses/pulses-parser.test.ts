import { describe, expect, it } from 'vitest';
import { readRealFixture } from '../../../../electron/test-support/real-fixtures.js';
import { CurationError } from '../../../api/errors.js';
import { createPulsesParser, parsePulses } from './pulses-parser.js';
import type { PulseParticle, PulsesResult } from './pulses-parser.js';
import { seededRandom } from '../../../random/seeded-random.js';

const cefasPulses = 'ecotaxa-pipeline/cefas/Pond_NA 2023-05-24 09h23_All Imaged Particles_Pulses.csv';
const cefasListmode = 'ecotaxa-pipeline/cefas/Pond_NA 2023-05-24 09h23_All Imaged Particles_Listmode.csv';
const rPulses = 'rclustool/sample_example_pulses.csv';

const utf8 = (s: string) => new TextEncoder().encode(s);
const bom = (s: string) => utf8(`\uFEFF${s}`);

function channel(p: PulseParticle | undefined, name: string): number[] {
  if (!p) throw new Error('no particle');
  const i = p.channels.indexOf(name);
  return Array.from(p.values[i] ?? []);
}

/** Straightforward independent reading of a CC4 pulse file: lines, cells, all-zero test. */
function independentCounts(text: string, delimiter: string) {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l !== '');
  const rows = lines.slice(1).map((l) => l.split(delimiter));
  const isZero = (r: string[]) => r.slice(1).every((v) => Number(v.replace(',', '.')) === 0);
  const separators = rows.filter(isZero).length;
  const ids: number[] = [];
  for (const r of rows) if (!isZero(r) && Number(r[0]) !== ids[ids.length - 1]) ids.push(Number(r[0]));
  return { rows: rows.length, separators, ids };
}

/** Sample Length per particle from the listmode, read by plain splitting (column named "Sample Length"). */
function listmodeSampleLengths(): Map<number, number> {
  const text = new TextDecoder().decode(readRealFixture(cefasListmode)).replace(/^\uFEFF/, '');
  const [head, ...rows] = text.split(/\r?\n/).filter((l) => l !== '');
  const col = head!.split(',').indexOf('Sample Length');
  return new Map(rows.map((r) => [Number(r.split(',')[0]), Number(r.split(',')[col])]));
}

function parseInChunks(bytes: Uint8Array, sizes: () => number, options = {}): PulsesResult {
  const parser = createPulsesParser(options);
  const particles: PulseParticle[] = [];
  for (let at = 0; at < bytes.length; ) {
    const n = Math.max(1, sizes());
    particles.push(...parser.push(bytes.slice(at, at + n)));
    at += n;
  }
  const end = parser.finish();
  return { ...end.summary, particles: particles.concat(end.particles) };
}

interface SynthParticle {
  id: number;
  rows: number[][];
}

/** Writes a pulse file the way CytoClus 4 does (separators ID 0) or R does (separators with the own ID). */
function writePulses(particles: SynthParticle[], o: { channels: string[]; delimiter: ',' | ';'; eol: string; bom: boolean; separatorId: 'zero' | 'own' }): string {
  const fmt = (v: number) => (o.delimiter === ';' ? String(v).replace('.', ',') : String(v));
  // R's write.csv names the ID column `ID`; CytoClus writes `Particle ID`.
  const lines = [[o.separatorId === 'own' ? 'ID' : 'Particle ID', ...o.channels].join(o.delimiter)];
  const zero = o.channels.map(() => '0');
  for (const p of particles) {
    for (const r of p.rows) lines.push([String(p.id), ...r.map(fmt)].join(o.delimiter));
    const sepId = o.separatorId === 'zero' ? '0' : String(p.id);
    lines.push([sepId, ...zero].join(o.delimiter), [sepId, ...zero].join(o.delimiter));
  }
  return (o.bom ? '\uFEFF' : '') + lines.join(o.eol) + o.eol;
}

const synthChannels = ['FWS', 'SWS', 'FL Red', 'Curvature'];
/** Hand-made blocks covering the ID-0 collisions: particle 0 between others, zero rows at block starts and ends. */
const tricky: SynthParticle[] = [
  { id: 63, rows: [[13, 3.5, 2.167, 0.3932], [26.69, 5.781, 4.531, 0.4615], [0, 0, 0, 0]] },
  { id: 0, rows: [[0, 0, 0, 0], [1.5, 2.25, 3, -0.125], [0, 0, 0, 0]] },
  { id: 7, rows: [[0, 0, 0, 0], [0, 0, 0, 0], [1695, 0.0001234, 6.421e6, -1.226e-13]] },
  { id: 88, rows: [[12.83, 13.75, 0.2917, -0.1361]] },
];

describe('parsePulses — real Cefas CC4 file', () => {
  const bytes = readRealFixture(cefasPulses);
  const text = new TextDecoder().decode(bytes);

  it('splits 817 particles from 63,104 data rows by particle ID', () => {
    const r = parsePulses(bytes);
    const ind = independentCounts(text, ',');
    expect(ind.rows).toBe(63104);
    expect(ind.separators).toBe(1634);
    expect(r.issues).toEqual([]);
    expect(r.header?.channels).toEqual(['FWS', 'Sidewards Scatter', 'Fl Yellow', 'Fl Orange', 'Fl Red', 'Curvature']);
    expect(r.header?.dialect).toBe('cytoclus');
    expect(r.header?.delimiter).toBe(',');
    expect(r.encoding).toBe('utf-8');
    expect(r.rowCount).toBe(63104);
    expect(r.separatorRowCount).toBe(1634);
    expect(r.sampleRowCount).toBe(63104 - 1634);
    expect(r.particleCount).toBe(817);
    expect(r.particles.map((p) => p.id)).toEqual(ind.ids);
  });

  it('reads particle 63 (18 rows) and 88 (58 rows) as in the file', () => {
    const r = parsePulses(bytes);
    const p63 = r.particles[0];
    expect(p63?.id).toBe(63);
    expect(p63?.line).toBe(2);
    expect(p63?.sampleCount).toBe(18);
    // First and last FWS equal listmode "FWS First" = 13 and "FWS Last" = 12.04 (doc §6.3).
    const fws = channel(p63, 'FWS');
    expect(fws[0]).toBe(13);
    expect(fws[17]).toBeCloseTo(12.04, 5);
    expect(channel(p63, 'Curvature')[0]).toBeCloseTo(0.3932, 6);
    expect(channel(p63, 'Curvature')[7]).toBeCloseTo(-0.005307, 7);
    const p88 = r.particles[1];
    expect(p88?.id).toBe(88);
    expect(p88?.line).toBe(22); // header + 18 rows + 2 separators
    expect(p88?.sampleCount).toBe(58);
    expect(channel(p88, 'Sidewards Scatter')[0]).toBe(13.75);
    const last = r.particles[816];
    expect(last?.id).toBe(202802);
    expect(channel(last, 'FWS').at(-1)).toBeCloseTo(18.42, 5);
  });

  it('with Sample Length from the listmode: every block has exactly its Sample Length rows', () => {
    const lengths = listmodeSampleLengths();
    expect(lengths.size).toBe(817);
    const r = parsePulses(bytes, { sampleLengths: lengths });
    expect(r.issues).toEqual([]);
    expect(r.particleCount).toBe(817);
    expect(r.sampleRowCount).toBe([...lengths.values()].reduce((a, b) => a + b, 0)); // 61,470
    expect(r.sampleRowCount).toBe(61470);
    for (const p of r.particles) expect(p.sampleCount).toBe(lengths.get(p.id));
  });

  it('gives the same particles when streamed in random chunks', () => {
    const seed = Date.now() % 100000;
    console.log(`pulses chunk seed ${seed}`);
    const rnd = seededRandom(seed);
    const whole = parsePulses(bytes);
    const streamed = parseInChunks(bytes, () => Math.floor(rnd() * 5000), {});
    expect(streamed.particleCount).toBe(817);
    expect(streamed.issues).toEqual([]);
    expect(streamed.particles.map((p) => [p.id, p.sampleCount])).toEqual(whole.particles.map((p) => [p.id, p.sampleCount]));
    expect(channel(streamed.particles[500], 'Fl Red')).toEqual(channel(whole.particles[500], 'Fl Red'));
  });

  it('push returns particles as soon as their block is complete', () => {
    const parser = createPulsesParser();
    // Up to the end of line 22: header, particle 63 (18 rows), 2 separators, first row of 88 (which closes 63).
    let cut = 0;
    for (let newlines = 0; newlines < 22; cut++) if (bytes[cut] === 0x0a) newlines++;
    expect(parser.push(bytes.subarray(0, cut)).map((p) => p.id)).toEqual([63]);
    const rest = parser.push(bytes.subarray(cut));
    expect(rest.length).toBe(815);
    expect(parser.finish().particles.map((p) => p.id)).toEqual([202802]);
  });
});

describe('parsePulses — R re-write (rclustool)', () => {
  it('uses the own-ID separators, drops the trailing X column, 20 rows for a 22-row block', () => {
    const bytes = readRealFixture(rPulses);
    const r = parsePulses(bytes);
    // Independent: rows per ID minus the two separator rows (each ID has exactly one block in this file).
    const text = new TextDecoder().decode(bytes);
    const perId = new Map<number, number>();
    for (const l of text.split(/\r?\n/).slice(1).filter((x) => x !== '')) {
      const id = Number(l.split(',')[0]);
      perId.set(id, (perId.get(id) ?? 0) + 1);
    }
    expect(perId.size).toBe(150);
    expect(r.issues).toEqual([]);
    expect(r.header).toEqual({
      idColumn: 'ID',
      channels: ['FWS', 'SWS.HS', 'FL.Yellow.HS', 'FL.Orange.HS', 'FL.Red.HS', 'SWS.LS', 'FL.Yellow.LS', 'FL.Red.LS', 'Curvature'],
      delimiter: ',',
      decimalSeparator: '.',
      dialect: 'r-rewrite',
    });
    expect(r.particleCount).toBe(150);
    expect(r.rowCount).toBe(3745);
    expect(r.separatorRowCount).toBe(300);
    for (const p of r.particles) expect(p.sampleCount).toBe((perId.get(p.id) ?? 0) - 2);
    const p0 = r.particles[0];
    expect(p0?.id).toBe(0);
    expect(p0?.sampleCount).toBe(20);
    expect(channel(p0, 'FWS')[0]).toBeCloseTo(0.9155554, 6);
    expect(channel(p0, 'FL.Red.LS')[0]).toBeCloseTo(0.7629628, 6);
    expect(r.particles.find((p) => p.id === 3)?.sampleCount).toBe(40);
    const last = r.particles[149];
    expect(last?.id).toBe(149);
    expect(channel(last, 'Curvature').at(-1)).toBeCloseTo(-0.003430814, 8);
  });
});

describe('parsePulses — generated variants', () => {
  const variants = [
    { name: 'UK CRLF BOM CC4', delimiter: ',' as const, eol: '\r\n', bom: true, separatorId: 'zero' as const },
    { name: 'French ; decimal comma LF no BOM', delimiter: ';' as const, eol: '\n', bom: false, separatorId: 'zero' as const },
    { name: 'R-style own-ID separators', delimiter: ',' as const, eol: '\n', bom: false, separatorId: 'own' as const },
  ];
  for (const v of variants) {
    it(`${v.name}: particle 0 and all-zero rows at block edges land in the right blocks`, () => {
      const text = writePulses(tricky, { ...v, channels: synthChannels });
      for (const lengths of [undefined, new Map(tricky.map((p) => [p.id, p.rows.length]))]) {
        const r = parsePulses(utf8(text), lengths ? { sampleLengths: lengths } : {});
        expect(r.issues).toEqual([]);
        expect(r.header?.decimalSeparator).toBe(v.delimiter === ';' ? ',' : '.');
        expect(r.particles.map((p) => [p.id, p.sampleCount])).toEqual([[63, 3], [0, 3], [7, 3], [88, 1]]);
        expect(channel(r.particles[1], 'SWS')).toEqual([0, 2.25, 0]);
        expect(channel(r.particles[2], 'FL Red')[2]).toBe(Math.fround(6.421e6));
        expect(channel(r.particles[2], 'Curvature')[2]).toBe(Math.fround(-1.226e-13));
        expect(r.separatorRowCount).toBe(8);
      }
    });
  }

  it('decimal comma inside E-notation and a Windows-1252 channel name', () => {
    const head = 'Particle ID;FWS;Fl Rouge é\r\n';
    const body = '5;1,695E+05;-1,234E-07\r\n5;2;3\r\n0;0;0\r\n0;0;0\r\n';
    const bytes = Uint8Array.from([...head, ...body].map((c) => (c === 'é' ? 0xe9 : c.charCodeAt(0))));
    const r = parsePulses(bytes);
    expect(r.encoding).toBe('windows-1252');
    expect(r.header?.channels).toEqual(['FWS', 'Fl Rouge é']);
    expect(channel(r.particles[0], 'FWS')).toEqual([169500, 2]);
    expect(channel(r.particles[0], 'Fl Rouge é')[0]).toBe(Math.fround(-1.234e-7));
  });

  it('delimiter and decimal separator from Export settings override sniffing', () => {
    const r = parsePulses(utf8('Particle ID|FWS\n1|2,5\n0|0\n0|0\n'), { delimiter: '|', decimalSeparator: ',' });
    expect(r.issues).toEqual([]);
    expect(channel(r.particles[0], 'FWS')).toEqual([2.5]);
  });

  it('randomised CC4 files split the same with and without Sample Length', () => {
    const seed = (Date.now() * 7) % 1000003;
    console.log(`pulses random-file seed ${seed}`);
    const rnd = seededRandom(seed);
    for (let round = 0; round < 20; round++) {
      const ids = new Set<number>();
      while (ids.size < 1 + Math.floor(rnd() * 12)) ids.add(rnd() < 0.2 ? 0 : Math.floor(rnd() * 500));
      const particles: SynthParticle[] = [...ids].map((id) => {
        const n = 1 + Math.floor(rnd() * 10);
        const rows: number[][] = [];
        for (let k = 0; k < n; k++) {
          // Edge rows are sometimes all zero; inner rows never are (a mid-block zero row is indistinguishable by ID alone only at edges).
          const edge = k === 0 || k === n - 1;
          rows.push(edge && rnd() < 0.3 ? [0, 0, 0, 0] : [1 + Math.round(rnd() * 1000) / 10, Math.round(rnd() * 100) / 4, rnd() < 0.5 ? 0 : 3, -0.5]);
        }
        return { id, rows };
      });
      const text = writePulses(particles, { channels: synthChannels, delimiter: rnd() < 0.5 ? ',' : ';', eol: '\r\n', bom: true, separatorId: 'zero' });
      const expected = particles.map((p) => [p.id, p.rows.length]);
      const withLengths = parsePulses(utf8(text), { sampleLengths: new Map(particles.map((p) => [p.id, p.rows.length])) });
      expect(withLengths.issues, `seed ${seed} round ${round}`).toEqual([]);
      expect(withLengths.particles.map((p) => [p.id, p.sampleCount])).toEqual(expected);
      const byId = parsePulses(utf8(text));
      // By ID alone a block made only of zero rows cannot be told from separators; the others must match.
      if (particles.every((p) => p.rows.some((r) => r.some((v) => v !== 0)))) {
        expect(byId.particles.map((p) => [p.id, p.sampleCount]), `seed ${seed} round ${round}`).toEqual(expected);
      }
    }
  });

  it('a trailing delimiter gives no channel; values in that column are reported once', () => {
    const r = parsePulses(utf8('Particle ID,FWS,\n1,5,\n1,6,7\n1,6,8\n0,0,\n0,0,\n'));
    expect(r.header?.channels).toEqual(['FWS']);
    expect(r.issues).toEqual([{ line: 3, message: 'the unnamed last column holds "7" (expected empty or NA); that column is ignored' }]);
    expect(channel(r.particles[0], 'FWS')).toEqual([5, 6, 6]);
  });

  it('a header-only file (empty set) is valid', () => {
    const r = parsePulses(bom('Particle ID,FWS,SWS\r\n'));
    expect(r.particles).toEqual([]);
    expect(r.issues).toEqual([]);
    expect(r.header?.channels).toEqual(['FWS', 'SWS']);
  });
});

describe('parsePulses — broken inputs', () => {
  const good = writePulses(tricky, { channels: synthChannels, delimiter: ',', eol: '\r\n', bom: true, separatorId: 'zero' });

  it('empty file and BOM-only file are not pulse exports', () => {
    expect(() => parsePulses(new Uint8Array(0))).toThrow(/empty file/);
    expect(() => parsePulses(bom(''))).toThrow(CurationError);
  });

  it('binary junk is refused', () => {
    const junk = Uint8Array.from({ length: 4096 }, (_, i) => (i * 73 + 11) % 256);
    expect(() => parsePulses(junk)).toThrow(/not a CytoClus pulse-shape export/);
  });

  it('a listmode file is refused with a reason', () => {
    expect(() => parsePulses(bom('Particle ID,Sample Length,FWS Total\r\n1,3,5\r\n'))).toThrow(/listmode/);
    expect(() => parsePulses(bom('Particle ID,FWS Total,SWS Total\r\n1,3,5\r\n'))).toThrow(/listmode/);
  });

  it('rows with a wrong field count are reported by line and skipped, not shifted', () => {
    const lines = good.split('\r\n');
    lines[2] = `${lines[2]},99`; // second row of particle 63
    const r = parsePulses(utf8(lines.join('\r\n')));
    expect(r.issues).toContainEqual({ line: 3, message: '6 fields, the header has 5; row skipped' });
    expect(r.skippedRowCount).toBe(1);
    expect(r.particles[0]?.sampleCount).toBe(2);
  });

  it('a non-numeric value and a non-integer ID are reported', () => {
    const lines = good.split('\r\n');
    lines[1] = lines[1]!.replace('13,', 'abc,');
    lines[2] = lines[2]!.replace('63,', '6x3,');
    const r = parsePulses(utf8(lines.join('\r\n')));
    expect(r.issues).toContainEqual({ line: 2, field: 'FWS', message: '"abc" is not a number' });
    expect(r.issues).toContainEqual({ line: 3, field: 'Particle ID', message: 'particle ID "6x3" is not a whole number; row skipped' });
    expect(Number.isNaN(channel(r.particles[0], 'FWS')[0])).toBe(true);
  });

  it('a block shorter than its Sample Length is reported', () => {
    const lengths = new Map(tricky.map((p) => [p.id, p.rows.length]));
    lengths.set(63, 4);
    const r = parsePulses(utf8(good), { sampleLengths: lengths });
    expect(r.issues[0]?.message).toBe('particle 63 (line 2) has 3 rows, its Sample Length is 4');
    expect(r.particles.map((p) => [p.id, p.sampleCount])).toEqual([[63, 3], [0, 3], [7, 3], [88, 1]]);
  });

  it('a block longer than its Sample Length falls back to the particle ID', () => {
    const lengths = new Map(tricky.map((p) => [p.id, p.rows.length]));
    lengths.set(88, 0);
    lengths.set(7, 2);
    const r = parsePulses(utf8(good), { sampleLengths: lengths });
    expect(r.issues.map((i) => i.message)).toEqual([
      'particle 7 (line 12) has more rows than its Sample Length 2; split by particle ID instead',
      'particle 88: Sample Length 0 is not a row count; split by particle ID',
    ]);
    expect(r.particles.map((p) => [p.id, p.sampleCount])).toEqual([[63, 3], [0, 3], [7, 3], [88, 1]]);
  });

  it('pulse blocks missing from the listmode and listmode particles without a block are summarised', () => {
    const lengths = new Map([[63, 3], [0, 3], [999, 5]]);
    const r = parsePulses(utf8(good), { sampleLengths: lengths });
    expect(r.issues.map((i) => i.message)).toEqual([
      '2 pulse blocks have no Sample Length in the listmode (IDs 7, 88); split by particle ID',
      '1 particles of the listmode have no pulse block (IDs 999)',
    ]);
    expect(r.particleCount).toBe(4);
  });

  it('missing separator rows and a duplicated block are reported', () => {
    const text = 'Particle ID,FWS\n1,5\n1,6\n2,7\n0,0\n0,0\n1,8\n0,0\n0,0\n';
    const r = parsePulses(utf8(text));
    expect(r.issues.map((i) => i.message)).toEqual([
      'particle 1 (line 2): expected two all-zero separator rows before the next block, found 0',
      'particle 1 has a second pulse block',
    ]);
    expect(r.particles.map((p) => [p.id, p.sampleCount])).toEqual([[1, 2], [2, 1], [1, 1]]);
  });

  it('stray all-zero rows between blocks are reported and ignored', () => {
    const r = parsePulses(utf8('Particle ID,FWS\n1,5\n0,0\n0,0\n0,0\n2,7\n0,0\n0,0\n'));
    expect(r.issues).toEqual([{ line: 5, message: 'unexpected all-zero row with particle ID 0 between blocks; ignored' }]);
    expect(r.particles.map((p) => [p.id, p.sampleCount])).toEqual([[1, 1], [2, 1]]);
  });

  it('a truncated file reports the cut line and the missing separators', () => {
    const cut = good.slice(0, good.indexOf('7,1695') + 4); // ends inside particle 7's last row (line 14)
    const r = parsePulses(utf8(cut));
    expect(r.issues).toEqual([
      { line: 14, message: '2 fields, the header has 5; row skipped' },
      { line: 13, message: 'particle 7 (line 12): expected two all-zero separator rows at the end of the file, found 0' },
    ]);
    expect(r.particles.map((p) => [p.id, p.sampleCount])).toEqual([[63, 3], [0, 3], [7, 2]]);
  });

  it('too many broken rows are capped', () => {
    const rows = Array.from({ length: 500 }, () => '1,2,3').join('\n');
    const r = parsePulses(utf8(`Particle ID,FWS\n${rows}\n`));
    expect(r.issues.length).toBe(201);
    expect(r.issues.at(-1)?.message).toBe('300 further issues not listed (limit 200)');
  });
});
