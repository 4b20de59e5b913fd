import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRealFixture } from '../../../../electron/test-support/real-fixtures.js';
import { CurationError } from '../../../api/errors.js';
import type { ListmodeParserOptions } from './listmode-parser.js';
import { MAX_LINE_BYTES, createListmodeParser, parseListmode } from './listmode-parser.js';
import type { ListmodeTable } from './listmode-table.js';
import { seededRandom } from '../../../random/seeded-random.js';

const CEFAS = 'ecotaxa-pipeline/cefas/Pond_NA 2023-05-24 09h23_All Imaged Particles_Listmode.csv';
const RCLUSTOOL = 'rclustool/sample_example_features.csv';
const DEMO_DIR = path.resolve(import.meta.dirname, '../../../../resources/demo/exports/Export_2026-05-14 08h00m00s');

const enc = new TextEncoder();
const bytes = (text: string): Uint8Array => enc.encode(text);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

/** Independent reader for checks: split lines, split cells, Number() with the decimal point swapped in. */
function simpleRead(content: string, delimiter: string): { header: string[]; rows: string[][] } {
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l !== '');
  const [head = '', ...rest] = lines;
  return { header: head.split(delimiter), rows: rest.map((l) => l.split(delimiter)) };
}
const f32 = (cell: string): number => Math.fround(Number(cell.replace(',', '.')));

/** Every cell of t equals the independent reading of the file. */
function expectSameAsSimpleReader(t: ListmodeTable, content: string, delimiter: string): void {
  const { header, rows } = simpleRead(content, delimiter);
  expect(t.columns.map((c) => c.header)).toEqual(header.slice(1));
  expect(t.rows).toBe(rows.length);
  expect(Array.from(t.particleIds)).toEqual(rows.map((r) => Number(r[0])));
  t.values.forEach((column, c) => {
    expect(column.length).toBe(t.rows);
    const expected = Float32Array.from(rows.map((r) => f32(r[c + 1] ?? '')));
    expect(column).toEqual(expected);
  });
}

function pushInPieces(data: Uint8Array, sizes: () => number, options?: ListmodeParserOptions): ListmodeTable {
  const parser = createListmodeParser(options);
  for (let at = 0; at < data.length; ) {
    const n = Math.max(1, sizes());
    parser.push(data.subarray(at, at + n));
    at += n;
  }
  return parser.finish();
}

function expectInvalidInput(fn: () => unknown, message: RegExp): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CurationError);
    expect((err as CurationError).code).toBe('invalid-input');
    expect((err as CurationError).message).toMatch(message);
    return;
  }
  throw new Error('expected a CurationError');
}

describe('parseListmode — real Cefas CytoClus 4 export (UK locale, BOM, CRLF)', () => {
  const raw = readRealFixture(CEFAS);
  const content = text(raw);
  const t = parseListmode(raw);

  it('reads 817 particles × 73 columns with the file dialect', () => {
    expect(t.rows).toBe(817);
    expect(t.columns).toHaveLength(72); // 73 header cells minus Particle ID
    expect(t.particleIdHeader).toBe('Particle ID');
    expect({ delimiter: t.delimiter, decimal: t.decimalSeparator, bom: t.bom, lineEnding: t.lineEnding, encoding: t.encoding }).toEqual({
      delimiter: ',',
      decimal: '.',
      bom: true,
      lineEnding: 'crlf',
      encoding: 'utf-8',
    });
    expect(t.issues).toEqual([]);
    expect(t.rejectedRows + t.nonNumericCells).toBe(0);
  });

  it('splits the header into channel + parameter (§6.1)', () => {
    expect(t.columns.slice(0, 4).map((c) => [c.header, c.channel, c.parameter])).toEqual([
      ['Sample Length', '', 'Sample Length'],
      ['Arrival Time', '', 'Arrival Time'],
      ['FWS Length', 'FWS', 'Length'],
      ['FWS Total', 'FWS', 'Total'],
    ]);
    expect(t.columns.at(-1)).toEqual({
      header: 'Fl Red Length(50%)',
      channel: 'Fl Red',
      parameter: 'Length(50%)',
      parameterId: 'VariableLength',
      variableLengthPercent: 50,
      key: 'fl red',
      valueFormat: 'number',
    });
    // 5 channels × 14 parameters + Sample Length + Arrival Time
    expect(new Set(t.columns.map((c) => c.channel))).toEqual(new Set(['', 'FWS', 'Sidewards Scatter', 'Fl Yellow', 'Fl Orange', 'Fl Red']));
    expect(t.columns.filter((c) => c.key === 'fl red')).toHaveLength(14);
    expect(t.columns.every((c) => c.parameter !== null)).toBe(true);
  });

  it('reads the first particles as written in the file', () => {
    // Particle IDs 63, 88, 118, 151, 181 (formats-cytosense.md §6.1), sparse and sorted
    expect(Array.from(t.particleIds.subarray(0, 5))).toEqual([63, 88, 118, 151, 181]);
    const col = (header: string): Float32Array => t.values[t.columns.findIndex((c) => c.header === header)] ?? new Float32Array();
    // First data line: "63,18,0.1873,2.914,4866,644,285.5,0.3434,8.34,0.5842,0.01881,1.041,13,12.04,12.04,6.421E+06,…"
    expect(col('Sample Length')[0]).toBe(18);
    expect(col('Arrival Time')[0]).toBe(Math.fround(0.1873));
    expect(col('FWS Total')[0]).toBe(4866);
    expect(col('FWS First')[0]).toBe(13); // = first FWS sample of particle 63's pulse (§6.3)
    expect(col('FWS Last')[0]).toBe(Math.fround(12.04));
    expect(col('FWS SWS covariance')[0]).toBe(Math.fround(6.421e6));
    expect(col('FWS Total')[1]).toBe(Math.fround(1.695e5)); // line 3: "88,58,0.1873,14.51,1.695E+05,…"
    const firstLine = content.split('\r\n')[1]?.split(',') ?? [];
    expect(Array.from(t.values, (v) => v[0])).toEqual(firstLine.slice(1).map(f32));
  });

  it('gives column sums equal to an independent string-splitting reader', () => {
    const { header, rows } = simpleRead(content, ',');
    for (const name of ['FWS Total', 'Fl Red Total', 'Fl Orange SWS covariance', 'Arrival Time', 'Sidewards Scatter Fill factor']) {
      const i = header.indexOf(name);
      const expected = rows.reduce((s, r) => s + f32(r[i] ?? ''), 0);
      const column = t.values[i - 1] ?? new Float32Array();
      expect(column.reduce((s, v) => s + v, 0), name).toBe(expected);
    }
    expectSameAsSimpleReader(t, content, ',');
  });

  it('gives the same table in the French locale, with LF, without BOM, with quoted headers, in Windows-1252', () => {
    const body = content.replace(/^\uFEFF/, '');
    const french = body.replaceAll(',', ';').replace(/(\d)\.(\d)/g, '$1,$2');
    expect(french).toContain('6,421E+06'); // decimal comma inside E notation
    const variants: Array<[string, Uint8Array, Partial<ListmodeTable>]> = [
      ['; + , CRLF BOM', bytes(`\uFEFF${french}`), { delimiter: ';', decimalSeparator: ',', bom: true, lineEnding: 'crlf' }],
      ['; + , LF no BOM', bytes(french.replaceAll('\r\n', '\n')), { delimiter: ';', decimalSeparator: ',', bom: false, lineEnding: 'lf' }],
      [', + . LF', bytes(body.replaceAll('\r\n', '\n')), { delimiter: ',', decimalSeparator: '.', bom: false, lineEnding: 'lf' }],
      [
        'quoted headers',
        bytes(body.replace(/^[^\r]*/, (h) => h.split(',').map((c) => `"${c}"`).join(','))),
        { delimiter: ',', bom: false },
      ],
    ];
    for (const [name, data, expected] of variants) {
      const v = parseListmode(data);
      expect(v, name).toMatchObject(expected);
      expect(v.issues, name).toEqual([]);
      expect(v.columns, name).toEqual(t.columns);
      expect(v.particleIds, name).toEqual(t.particleIds);
      expect(v.values, name).toEqual(t.values);
    }
    // Excel re-saved on a French PC: Windows-1252 header with a non-ASCII channel name.
    const latin1 = french.replace('Fl Red Total', 'Fl Rouge é Total');
    const cp1252 = Uint8Array.from(latin1, (ch) => (ch === 'é' ? 0xe9 : ch.charCodeAt(0)));
    const w = parseListmode(cp1252);
    expect(w.encoding).toBe('windows-1252');
    expect(w.columns.find((c) => c.header === 'Fl Rouge é Total')).toMatchObject({ channel: 'Fl Rouge é', parameter: 'Total', key: 'fl rouge é' });
    expect(w.values).toEqual(t.values);
  });
});

describe('parseListmode — synthetic demo exports', () => {
  const files = fs.readdirSync(DEMO_DIR).filter((f) => f.endsWith('_Listmode.csv'));
  const manifest = JSON.parse(fs.readFileSync(path.join(DEMO_DIR, '../../demo-manifest.json'), 'utf8')) as {
    samples: Array<{ name: string; eventCount: number }>;
  };

  it('finds the four demo listmodes', () => {
    expect(files).toHaveLength(4);
  });

  it.each(files)('%s: event count of the manifest, 20 columns, every cell as the simple reader', (file) => {
    const raw = new Uint8Array(fs.readFileSync(path.join(DEMO_DIR, file)));
    const t = parseListmode(raw);
    const sample = manifest.samples.find((s) => file.startsWith(`${s.name}_`));
    expect(t.rows).toBe(sample?.eventCount);
    expect(t.columns).toHaveLength(20);
    expect(t.columns.map((c) => c.key)).toContain('sidewards scatter');
    expect(t.issues).toEqual([]);
    expectSameAsSimpleReader(t, text(raw), ',');
  });
});

describe('parseListmode — listmode re-written by R (rclustool)', () => {
  const raw = readRealFixture(RCLUSTOOL);
  const t = parseListmode(raw);

  it('reads the ID column as Particle ID and says the file is not a CytoClus original', () => {
    expect(t.rows).toBe(150);
    expect(t.particleIdHeader).toBe('ID');
    expect(Array.from(t.particleIds.subarray(0, 3))).toEqual([0, 1, 2]); // 0 is a valid ID
    expect(t.issues).toEqual([{ line: 1, field: 'ID', message: expect.stringMatching(/not 'Particle ID'.*re-written/) }]);
    expect(t.bom).toBe(false);
    expect(t.lineEnding).toBe('lf');
  });

  it('handles its parameter-major columns and the HH:mm:ss ArrivalTime column (§6.1)', () => {
    expect(t.columns).toHaveLength(57);
    const [arrivalText, sampleLength, arrival] = t.columns;
    expect(arrivalText).toMatchObject({ header: 'ArrivalTime', parameter: null, valueFormat: 'time-of-day' });
    expect(sampleLength).toMatchObject({ parameter: 'Sample Length', valueFormat: 'number' });
    expect(arrival).toMatchObject({ parameter: 'Arrival Time', valueFormat: 'number' });
    // ArrivalTime `00:00:00.010` and Arrival Time `0.01` are the same instant, on every row.
    const [asTime = new Float32Array(), , asSeconds = new Float32Array()] = t.values;
    for (let r = 0; r < t.rows; r++) expect(Math.abs((asTime[r] ?? 0) - (asSeconds[r] ?? 0))).toBeLessThan(0.0015);
    const col = (header: string): Float32Array => t.values[t.columns.findIndex((c) => c.header === header)] ?? new Float32Array();
    // Line 2: "0,00:00:00.010,17.5,0.01,2.997635,…,15160.53,…,1.081615E-06,…,8123378,16.43781,…"
    expect(col('Sample Length')[0]).toBe(17.5);
    expect(col('FWS Total')[0]).toBe(Math.fround(15160.53));
    expect(col('Curvature Total')[0]).toBe(Math.fround(1.081615e-6));
    expect(col('Curvature Inertia')[0]).toBe(8123378);
    expect(col('FWS Center of gravity')[0]).toBe(Math.fround(16.43781));
    expect(t.columns.filter((c) => c.key === 'curvature').length).toBeGreaterThan(5);
  });
});

describe('parseListmode — chunk boundaries', () => {
  // Small file with everything a boundary can cut: BOM, multi-byte UTF-8 in a quoted header holding the
  // delimiter, CRLF, E notation, a quoted cell, a blank line, and a last line without line break.
  const sample =
    '\uFEFFParticle ID,"FWS µ, Total",Fl Red Total,FWS Length(50%)\r\n' +
    '0,4866,6.421E+06,2.914\r\n' +
    '63,-1.234E-07,"1.5",0.01881\r\n' +
    '\r\n' +
    '88,1.695E+05,3.927E+09,14.51\r\n' +
    '4294967295,1.2345678901234567,1E+30,.5';
  const data = bytes(sample);
  const whole = parseListmode(data);

  it('reads the sample as expected', () => {
    expect(whole.rows).toBe(4);
    expect(Array.from(whole.particleIds)).toEqual([0, 63, 88, 4294967295]);
    expect(whole.columns.map((c) => [c.channel, c.parameter])).toEqual([
      ['FWS µ,', 'Total'],
      ['Fl Red', 'Total'],
      ['FWS', 'Length(50%)'],
    ]);
    expect(Array.from(whole.values[1] ?? [])).toEqual([6.421e6, 1.5, 3.927e9, 1e30].map(Math.fround));
    expect(Array.from(whole.values[0] ?? [])).toEqual([4866, -1.234e-7, 1.695e5, 1.2345678901234567].map(Math.fround));
    expect(whole.issues).toEqual([]);
  });

  it('gives the same table one byte at a time', () => {
    expect(pushInPieces(data, () => 1)).toEqual(whole);
  });

  it('gives the same table split in two at every position', () => {
    for (let cut = 0; cut <= data.length; cut++) {
      const parser = createListmodeParser();
      parser.push(data.subarray(0, cut));
      parser.push(data.subarray(cut));
      expect(parser.finish(), `cut at ${cut}`).toEqual(whole);
    }
  });

  it('gives the same table in random pieces of the real Cefas file (seeded)', () => {
    const seed = Math.floor(Math.random() * 1e6);
    console.log(`listmode chunk seed ${seed}`);
    const random = seededRandom(seed);
    const raw = readRealFixture(CEFAS);
    const reference = parseListmode(raw);
    for (const maxPiece of [3, 64, 1000, 100_000]) {
      expect(pushInPieces(raw, () => Math.floor(random() * maxPiece)), `pieces ≤ ${maxPiece}, seed ${seed}`).toEqual(reference);
    }
  });

  it('reads Buffers (what Node streams hand out) like plain Uint8Arrays', () => {
    expect(parseListmode(Buffer.from(data))).toEqual(whole);
  });
});

describe('parseListmode — numbers equal Math.fround(Number(text)) (seeded random corpus)', () => {
  /** CytoClus-like cells: 1–7 significant digits, E notation from 1e4 or below 1e-5 (§3.2), negatives. */
  function randomCell(random: () => number): string {
    const digits = 1 + Math.floor(random() * 7);
    const exponent = Math.floor(random() * 32) - 16;
    const v = (random() < 0.15 ? -1 : 1) * (1 + random() * 9) * 10 ** exponent;
    const kind = random();
    if (kind < 0.05) return String(Math.floor(random() * 100000)); // integers as written (`4866`, `0`)
    if (exponent >= 4 || exponent < -5 || kind < 0.2) {
      const [m = '0', e = '0'] = v.toExponential(digits - 1).split('e');
      return `${m}E${Number(e) < 0 ? '-' : '+'}${String(Math.abs(Number(e))).padStart(2, '0')}`;
    }
    return String(Number(v.toPrecision(digits)));
  }

  it.each([
    [',', '.'],
    [';', ','],
  ])('delimiter %s, decimal %s', (delimiter, decimal) => {
    const seed = Math.floor(Math.random() * 1e6);
    console.log(`listmode number corpus seed ${seed} (${delimiter} ${decimal})`);
    const random = seededRandom(seed);
    const columns = 8;
    const cells: string[][] = [];
    for (let r = 0; r < 3000; r++) cells.push(Array.from({ length: columns }, () => randomCell(random)));
    const header = ['Particle ID', ...Array.from({ length: columns }, (_, c) => `Ch${c} Total`)].join(delimiter);
    const lines = cells.map((row, r) => [String(r * 3), ...row.map((c) => c.replace('.', decimal))].join(delimiter));
    const t = parseListmode(bytes(`${header}\r\n${lines.join('\r\n')}\r\n`));
    expect(t.rows).toBe(3000);
    expect(t.decimalSeparator).toBe(decimal);
    for (let c = 0; c < columns; c++) {
      const expected = Float32Array.from(cells.map((row) => Math.fround(Number(row[c]))));
      expect(t.values[c], `column ${c}, seed ${seed}`).toEqual(expected);
    }
  });

  it('handles the cases outside the fast path (long mantissas, huge exponents) the same way', () => {
    const cells = ['1.2345678901234567', '123456789012345678', '1E+30', '1e-30', '0.000000000000000000000000001', '9.999999E+37', '1E+39', '-0', '0E+99'];
    const t = parseListmode(bytes(`Particle ID,X Total\n${cells.map((c, i) => `${i},${c}`).join('\n')}\n`));
    expect(Array.from(t.values[0] ?? [])).toEqual(cells.map((c) => Math.fround(Number(c))));
    expect(Object.is(t.values[0]?.[7], -0)).toBe(true);
  });
});

describe('parseListmode — column storage', () => {
  const lines = Array.from({ length: 5000 }, (_, i) => `${i * 2},${i}.5,${(i % 97) * 1e5},${i % 3}`);
  const data = bytes(`Particle ID,FWS Total,SWS Total,FL Red Total\r\n${lines.join('\r\n')}\r\n`);
  const expectedFws = Float32Array.from(lines, (_, i) => i + 0.5);

  it('gives the same table in growing blocks (no size hint) and with right, low and high size hints', () => {
    const reference = pushInPieces(data, () => 1 << 20); // blocks of 1024, 2048, 4096 rows
    expect(reference.rows).toBe(5000);
    expect(reference.values[0]).toEqual(expectedFws);
    expect(reference.values[0]?.buffer.byteLength).toBe(5000 * 4); // copied together, exact
    for (const expectedBytes of [data.length, Math.floor(data.length / 3), data.length * 3]) {
      const t = pushInPieces(data, () => 4096, { expectedBytes });
      expect(t, `expectedBytes ${expectedBytes}`).toEqual(reference);
      for (const column of t.values) expect(column.length).toBe(5000);
    }
  });

  it('returns a view when the estimated block is nearly full, an exact copy when it is mostly empty', () => {
    const right = parseListmode(data); // expectedBytes = data.length: estimate + 10 %
    const size = right.values[0]?.buffer.byteLength ?? 0;
    expect(size).toBeGreaterThanOrEqual(5000 * 4);
    expect(size).toBeLessThanOrEqual(5000 * 4 * 1.15);
    const high = parseListmode(data, { expectedBytes: data.length * 3 });
    expect(high.values[0]?.buffer.byteLength).toBe(5000 * 4);
    expect(high.particleIds.buffer.byteLength).toBe(5000 * 4);
  });
});

describe('parseListmode — header-only, dialect and options', () => {
  it('reads a header-only file (a set with no particles) as 0 rows', () => {
    const t = parseListmode(bytes('\uFEFFParticle ID,FWS Total,SWS Total,FL Yellow Total,FL Orange Total,FL Red Total,FL Green Total\r\n'));
    expect(t.rows).toBe(0);
    expect(t.columns.map((c) => c.key)).toEqual(['fws', 'sws', 'fl yellow', 'fl orange', 'fl red', 'fl green']);
    expect(t.values.every((v) => v.length === 0)).toBe(true);
    expect(t.particleIds).toHaveLength(0);
    expect(t.lineEnding).toBe('crlf');
    expect(t.issues).toEqual([]);
    expect(parseListmode(bytes('Particle ID;FWS Total;FL Red Total')).lineEnding).toBe('none');
  });

  it('detects the delimiter from header and rows: never "," when the header has ";"', () => {
    expect(parseListmode(bytes('Particle ID;FWS Total;FL Red Total\n1;2,5;3\n'))).toMatchObject({ delimiter: ';', decimalSeparator: ',', rows: 1 });
    // `;` + `.` (a hand-made file): rows tell the decimal point.
    const pointy = parseListmode(bytes('Particle ID;FWS Total\n1;2.5\n2;3.25\n'));
    expect(pointy).toMatchObject({ delimiter: ';', decimalSeparator: '.' });
    expect(Array.from(pointy.values[0] ?? [])).toEqual([2.5, 3.25]);
    expect(parseListmode(bytes('Particle ID\tFWS Total\n1\t2.5\n'))).toMatchObject({ delimiter: '\t', rows: 1 });
    // The `;` header splits only into one field per row under `,`: detection picks `;`.
    expect(parseListmode(bytes('Particle ID;FWS Total;SWS Total\n1;2,5;3,5\n2;1;1\n')).delimiter).toBe(';');
  });

  it('reads `.` in a decimal-comma file (no thousands separators exist)', () => {
    const t = parseListmode(bytes('Particle ID;FWS Total;SWS Total\n1;2,5;1.5\n'));
    expect(t.decimalSeparator).toBe(',');
    expect(Array.from(t.values, (v) => v[0])).toEqual([2.5, 1.5]);
    expect(t.issues).toEqual([]);
  });

  it('takes delimiter and decimal separator from options (Export settings.xml)', () => {
    const t = parseListmode(bytes('Particle ID;FWS Total\n1;2,5\n'), { delimiter: ';', decimalSeparator: ',' });
    expect(Array.from(t.values[0] ?? [])).toEqual([2.5]);
    expect(() => createListmodeParser({ delimiter: ',', decimalSeparator: ',' })).toThrow(CurationError);
  });

  it('reads rows ending in a trailing delimiter when the header has one', () => {
    const t = parseListmode(bytes('Particle ID,FWS Total,\r\n1,2,\r\n2,3,\r\n'));
    expect(t.columns).toHaveLength(1);
    expect(Array.from(t.values[0] ?? [])).toEqual([2, 3]);
    expect(t.issues).toEqual([]);
  });

  it('finds Particle ID where it is and parses rows with spaces or quotes through the slow path', () => {
    const t = parseListmode(bytes('FWS Total,Particle ID,SWS Total\n1.5,7,2\n "2.5" , 8 ,3 \n'));
    expect(Array.from(t.particleIds)).toEqual([7, 8]);
    expect(t.columns.map((c) => c.header)).toEqual(['FWS Total', 'SWS Total']);
    expect(Array.from(t.values[0] ?? [])).toEqual([1.5, 2.5]);
    expect(Array.from(t.values[1] ?? [])).toEqual([2, 3]);
  });
});

describe('parseListmode — broken inputs', () => {
  const header = 'Particle ID,FWS Total,FWS Length,SWS Total,SWS Length,FL Red Total';

  it('rejects a line with the wrong field count, naming its line, and keeps the rest', () => {
    const t = parseListmode(bytes(`${header}\r\n1,1,1,1,1,1\r\n2,2,2,2\r\n3,3,3,3,3,3,3\r\n4,4,4,4,4,4\r\n`));
    expect(Array.from(t.particleIds)).toEqual([1, 4]);
    expect(t.rejectedRows).toBe(2);
    expect(t.issues).toEqual([
      { line: 3, message: '4 fields, header has 6: line rejected' },
      { line: 4, message: '7 fields, header has 6: line rejected' },
    ]);
  });

  it('keeps a particle with a non-numeric cell: NaN plus an issue with line and column', () => {
    const t = parseListmode(bytes(`${header}\n1,1,1,1,1,1\n2,2,abc,2,,2\n3,3,3,3,3,3\n`));
    expect(t.rows).toBe(3);
    expect(t.values[1]?.[1]).toBeNaN();
    expect(t.values[3]?.[1]).toBeNaN();
    expect(t.values[0]?.[1]).toBe(2);
    expect(t.nonNumericCells).toBe(2);
    expect(t.issues).toEqual([
      { line: 3, field: 'FWS Length', message: "'abc' is not a number" },
      { line: 3, field: 'SWS Length', message: 'empty cell' },
    ]);
  });

  it('rejects a line whose Particle ID is not a non-negative integer', () => {
    const t = parseListmode(bytes(`${header}\n-1,1,1,1,1,1\n1.5,1,1,1,1,1\nx,1,1,1,1,1\n0,1,1,1,1,1\n`));
    expect(Array.from(t.particleIds)).toEqual([0]);
    expect(t.issues.map((i) => [i.line, i.field, i.message])).toEqual([
      [2, 'Particle ID', "Particle ID '-1' is not a non-negative integer: line rejected"],
      [3, 'Particle ID', "Particle ID '1.5' is not a non-negative integer: line rejected"],
      [4, 'Particle ID', "Particle ID 'x' is not a non-negative integer: line rejected"],
    ]);
  });

  it('rejects a line with an unclosed quote, and only that line', () => {
    const t = parseListmode(bytes(`${header}\n1,"1,1,1,1,1\n2,2,2,2,2,2\n`));
    expect(Array.from(t.particleIds)).toEqual([2]);
    expect(t.issues).toEqual([{ line: 2, message: 'unclosed quote: line rejected' }]);
  });

  it('reports repeated Particle IDs (the join key) but keeps the rows', () => {
    const t = parseListmode(bytes(`${header}\n5,1,1,1,1,1\n3,1,1,1,1,1\n5,1,1,1,1,1\n5,1,1,1,1,1\n`));
    expect(t.rows).toBe(4);
    expect(t.issues).toEqual([{ field: 'Particle ID', message: 'Particle ID 5 appears 3 times' }]);
  });

  it('reads a last line without line break, and rejects one cut in the middle', () => {
    expect(Array.from(parseListmode(bytes(`${header}\r\n1,1,1,1,1,1\r\n2,2,2,2,2,2.5`)).values[4] ?? [])).toEqual([1, 2.5]);
    const cut = parseListmode(bytes(`${header}\r\n1,1,1,1,1,1\r\n2,2,2,2`));
    expect(cut.rows).toBe(1);
    expect(cut.issues).toEqual([{ line: 3, message: '4 fields, header has 6: line rejected' }]);
  });

  it('throws invalid-input for an empty file, a lone BOM or blank lines', () => {
    expectInvalidInput(() => parseListmode(new Uint8Array(0)), /^empty file/);
    expectInvalidInput(() => parseListmode(bytes('\uFEFF')), /empty file: only a byte-order mark/);
    expectInvalidInput(() => parseListmode(bytes('\r\n\r\n  \n')), /empty file: no header line/);
    expectInvalidInput(() => createListmodeParser().finish(), /^empty file/);
  });

  it('throws invalid-input for binary junk, UTF-16 and files without a Particle ID column', () => {
    const random = seededRandom(7);
    const junk = Uint8Array.from({ length: 5000 }, () => Math.floor(random() * 256));
    expectInvalidInput(() => parseListmode(junk), /not a CytoClus listmode/);
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x0a, 0x00]);
    expectInvalidInput(() => parseListmode(jpeg), /binary data/);
    const utf16 = Uint8Array.from([0xff, 0xfe, ...Array.from('Particle ID,FWS Total\n', (c) => [c.charCodeAt(0), 0]).flat()]);
    expectInvalidInput(() => parseListmode(utf16), /UTF-16/);
    expectInvalidInput(() => parseListmode(bytes('Time;FWS Total\n1;2\n')), /no 'Particle ID' column \(header starts 'Time;FWS Total'\)/);
    expectInvalidInput(() => parseListmode(new Uint8Array(MAX_LINE_BYTES + 10).fill(0x41)), /no header line in the first/);
  });

  it('rejects a data line longer than the limit and reads on after it, in any chunking', () => {
    const long = `1,${'9'.repeat(MAX_LINE_BYTES + 5)},1,1,1,1`;
    const data = bytes(`${header}\n0,1,1,1,1,1\n${long}\n2,2,2,2,2,2\n`);
    for (const piece of [data.length, 1 << 16, 4096]) {
      const t = pushInPieces(data, () => piece);
      expect(Array.from(t.particleIds), `pieces of ${piece}`).toEqual([0, 2]);
      expect(t.issues, `pieces of ${piece}`).toEqual([{ line: 3, message: `line longer than ${MAX_LINE_BYTES} bytes: line rejected` }]);
    }
  });

  it('lists at most 100 problems and counts the rest', () => {
    const lines = Array.from({ length: 300 }, (_, i) => (i % 2 ? `${i},1,1` : `${i},x,1,1,1,1`));
    const t = parseListmode(bytes(`${header}\n${lines.join('\n')}\n`));
    expect(t.rejectedRows).toBe(150);
    expect(t.nonNumericCells).toBe(150);
    expect(t.issues).toHaveLength(101);
    expect(t.issues.at(-1)?.message).toBe('200 more problems not listed (in all: 150 lines rejected, 150 cells not numbers)');
  });

  it('refuses push() after finish()', () => {
    const parser = createListmodeParser();
    parser.push(bytes(`${header}\n`));
    parser.finish();
    expect(() => parser.push(bytes('1,1,1,1,1,1\n'))).toThrow(/after finish/);
  });
});
