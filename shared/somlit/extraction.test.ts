import { describe, expect, it } from 'vitest';
import { bundledSomlitTableFile, loadSomlitTable } from '../../electron/somlit/somlit-table-file.js';
import { CurationError } from '../api/errors.js';
import { extractionTypeFromName, readSomlitExtraction } from './extraction-reader.js';
import type { ExtractionEntry } from './extraction-writer.js';
import { extractionFileName, formatSomlitNumber, writeSomlitExtraction } from './extraction-writer.js';
import { parametersOfType } from './somlit-table.js';
import { generateEntries } from './test-support/generate-entries.js';

const table = loadSomlitTable(bundledSomlitTableFile());
const enc = (text: string) => new TextEncoder().encode(text);

function issuesOf(text: string, fileName?: string) {
  return readSomlitExtraction(enc(text), table, fileName ? { fileName } : {});
}

/** A hand-made hydro file with T and NO3 only: key columns as the table lists them, then the data rows. */
function hydroFile(rows: string[], options: { preamble?: string[]; units?: boolean; eol?: string } = {}): string {
  const header = 'ID_SITE;DATE;HEURE;COEF_MAREE;MAREE;PROF_TEXT;PROF_NUM;nomSite*;gpsLat*;gpsLong*;T;qT;NO3;qNO3';
  const units = '//;(yyyy-mm-dd);(hh:mm:ss);;;;m;;°;°;°C;;µmol/L;';
  const lines = [...(options.preamble ?? ['// SOMLIT somlit.fr;;;;;;;;;;;;;', '// hand-made;;;;;;;;;;;;;']), header, ...(options.units === false ? [] : [units]), ...rows];
  return lines.join(options.eol ?? '\r\n') + (options.eol ?? '\r\n');
}
const row = (cells: string) => cells;
const good1 = row('11;2026-05-14;09:30:00;;;S;1;Frioul;43.2417;5.29167;18.4;2;0.02;0');
const good2 = row('11;2026-05-14;09:45:00;;;F;55;Frioul;43.2417;5.29167;14.1;2;999999;5');

describe('SOMLIT extraction files', () => {
  for (const type of ['hydro', 'piconano'] as const) {
    it(`round-trips generated ${type} files byte for byte`, () => {
      for (let run = 0; run < 5; run++) {
        const seed = (Date.now() + run * 7919) >>> 0;
        console.log(`somlit ${type} round trip seed ${seed}`);
        const entries = generateEntries(table, type, seed, 40);
        const written = writeSomlitExtraction(table, type, entries);
        const read = readSomlitExtraction(enc(written), table, { fileName: extractionFileName(table, type, new Date('2026-05-14T10:15:00Z'), 'abcdef0123') });
        expect([...read.issues, ...read.rowErrors], `seed ${seed}`).toEqual([]);
        expect(read.type).toBe(type);
        expect(read.rows).toHaveLength(40);
        expect(read.parameters).toEqual(parametersOfType(table, type).map((p) => p.code));
        // Every cell read back as written: never-entered cells come back as 999999 with code 9 (no sample).
        const byKey = new Map(entries.map((e) => [`${e.fields.site} ${e.fields.date} ${e.fields.depthLevel}`, e]));
        for (const r of read.rows) {
          const e = byKey.get(`${r.fields.site} ${r.fields.date} ${r.fields.depthLevel}`)!;
          expect(r.fields, `seed ${seed}`).toEqual(e.fields);
          for (const p of parametersOfType(table, type)) {
            const stored = e.values[p.code] ?? { value: null, code: '9' };
            expect({ value: r.values[p.code]!.value, code: r.values[p.code]!.code }, `seed ${seed} ${p.code}`).toEqual(stored);
          }
        }
        const again = writeSomlitExtraction(
          table,
          type,
          read.rows.map((r) => ({ fields: r.fields, values: r.values })),
        );
        expect(again, `seed ${seed}`).toBe(written);
      }
    });
  }

  it('writes the SOMLIT layout: preamble padded to the columns, header with q columns, units row, one row per entry, 999999', () => {
    const entry: ExtractionEntry = {
      fields: { site: '11', date: '2026-05-14', time: '09:30:00', tideCoefficient: null, tide: null, depthLevel: 'S', depth: 1 },
      values: { T: { value: 18.4, code: '2' }, NH4: { value: 0.02, code: '0' }, NO2: { value: null, code: '5' } },
    };
    const lines = writeSomlitExtraction(table, 'hydro', [entry]).split('\r\n');
    // 2 preamble lines, header, units, 1 row, and the final line ending
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe('');
    const columns = 10 + 15 * 2;
    expect(lines[0]).toBe(`// SOMLIT somlit.fr${';'.repeat(columns - 1)}`);
    expect(lines[1]).toBe(`// Extraction hydro - ID_SITE 11 - 2026-05-14 to 2026-05-14 - CytoCurator${';'.repeat(columns - 1)}`);
    expect(lines[2]!.split(';')).toHaveLength(columns);
    expect(lines[2]!.split(';').slice(0, 14)).toEqual(['ID_SITE', 'DATE', 'HEURE', 'COEF_MAREE', 'MAREE', 'PROF_TEXT', 'PROF_NUM', 'nomSite*', 'gpsLat*', 'gpsLong*', 'T', 'qT', 'S', 'qS']);
    expect(lines[3]!.split(';').slice(0, 12)).toEqual(['//', '(yyyy-mm-dd)', '(hh:mm:ss)', '', '', '', 'm', '', '°', '°', '°C', '']);
    // T, S, O, PH, NH4, NO3, NO2, then PO4 … CHLA (8 parameters) never entered
    const absent = '999999;9';
    expect(lines[4]).toBe(['11;2026-05-14;09:30:00;;;S;1;Frioul;43.2417;5.29167', '18.4;2', absent, absent, absent, '0.02;0', absent, '999999;5', ...Array(8).fill(absent)].join(';'));
  });

  it('formats numbers exactly and without exponents', () => {
    expect(formatSomlitNumber(1.5e-7)).toBe('0.00000015');
    expect(formatSomlitNumber(-2.5e-8)).toBe('-0.000000025');
    expect(formatSomlitNumber(1e21)).toBe('1000000000000000000000');
    expect(formatSomlitNumber(1234.5, ',')).toBe('1234,5');
    expect(Number(formatSomlitNumber(0.1 + 0.2))).toBe(0.1 + 0.2);
    expect(extractionFileName(table, 'piconano', new Date('2026-05-14T10:15:03Z'), 'abcdef0123')).toBe('Somlit_Extraction_piconano_20260514_101503_abcdef01.csv');
    expect(extractionTypeFromName('Somlit_Extraction_hydro_20240101_000000_x.csv')).toBe('hydro');
  });
});

describe('reading SOMLIT extraction files', () => {
  it('reads a hand-made file: rows, values, codes and missing values', () => {
    const read = issuesOf(hydroFile([good1, good2]), 'Somlit_Extraction_hydro_20260514_101500_x.csv');
    expect([...read.issues, ...read.rowErrors]).toEqual([]);
    expect(read.type).toBe('hydro');
    expect(read.preamble).toHaveLength(2);
    expect(read.units?.[0]).toBe('//');
    expect(read.parameters).toEqual(['T', 'NO3']);
    expect(read.rows.map((r) => r.line)).toEqual([5, 6]);
    expect(read.rows[0]!.fields).toEqual({ site: '11', date: '2026-05-14', time: '09:30:00', tideCoefficient: null, tide: null, depthLevel: 'S', depth: 1 });
    expect(read.rows[0]!.values).toEqual({ T: { value: 18.4, code: '2', comment: null, source: null }, NO3: { value: 0.02, code: '0', comment: null, source: null } });
    expect(read.rows[1]!.values['NO3']).toEqual({ value: null, code: '5', comment: null, source: null });
  });

  it('reads the same rows from other locales and encodings', () => {
    const base = issuesOf(hydroFile([good1, good2])).rows;
    // LF line endings, a BOM
    expect(issuesOf(hydroFile([good1, good2], { eol: '\n' })).rows).toEqual(base);
    expect(issuesOf(`\ufeff${hydroFile([good1, good2])}`).rows).toEqual(base);
    // Decimal commas (a file re-saved by French Excel), quoted cells, a French date
    const french = hydroFile([good1.replace('18.4', '18,4').replace('0.02', '"0,02"').replace('2026-05-14', '14/05/2026'), good2]);
    expect(issuesOf(french).rows).toEqual(base);
    // Windows-1252 (é in the preamble, ° in the units row)
    const latin = hydroFile([good1, good2], { preamble: ['// SOMLIT somlit.fr', '// extraction été'] });
    const bytes = Uint8Array.from([...latin].map((c) => c.charCodeAt(0)));
    const read = readSomlitExtraction(bytes, table);
    expect(read.rows).toEqual(base);
    expect(read.preamble[1]).toBe('// extraction été');
    expect(read.units?.[8]).toBe('°');
  });

  it('reads the preamble and units row leniently', () => {
    const three = issuesOf(hydroFile([good1], { preamble: ['// a', '// b', '// c'] }));
    expect(three.rows).toHaveLength(1);
    expect(three.issues).toEqual([{ line: 4, message: '3 preamble line(s) before the header where SOMLIT files have 2: read anyway' }]);
    const noUnits = issuesOf(hydroFile([good1, good2], { units: false }));
    expect(noUnits.rows).toHaveLength(2);
    expect(noUnits.units).toBeNull();
    expect(noUnits.issues).toEqual([{ line: 4, message: 'no units row after the header: the line after it is read as data' }]);
    // An empty ;;; row after the units row (as CTD files have) and // lines are skipped
    expect(issuesOf(hydroFile([';;;;;;;;;;;;;', good1, '// comment', good2])).rows.map((r) => r.line)).toEqual([6, 8]);
  });

  it('leaves out malformed rows, naming the line and column of every problem', () => {
    const rows = [
      good1,
      '11;2026-05-14;10:00:00;;;S;1;Frioul;43.2417;5.29167;18.4;A;1;2', // bad q code
      '11;2026-05-15;10:00:00;;;S;1;Frioul;43.2417;5.29167;18.4;2;3.2;5', // code 5 with a value
      '99;2026-05-16;10:00:00;;;S;1;Frioul;43.2417;5.29167;18.4;2;1;2', // unknown site
      '11;2026-13-01;10:00:00;;;S;1;Frioul;43.2417;5.29167;18.4;2;1;2', // bad date
      '11;2026-05-17;10:00:00;;;S;1;Frioul;43.2417;5.29167;45;2;1;2', // out of range with code 2
      '11;2026-05-18;10:00:00;;;S;1;Frioul;43.2417;5.29167;18.4;;1;2', // value without its code
      '11;2026-05-19;10:00:00;;;S;1;Frioul;43.2417;5.29167;18.4;2', // too few fields
      '11;2026-05-20;10:00:00;;;X;1;Frioul;43.2417;5.29167;abc;2;1;2', // unknown level, not a number
      '11;2026-05-21;10:00:00;;;S;1;Frioul;43.2417;5.29167;999999;2;1;2', // 999999 with a code that needs a value
      good2,
    ];
    const read = issuesOf(hydroFile(rows));
    expect(read.rows.map((r) => r.line)).toEqual([5, 15]);
    expect(read.rejectedRows).toBe(9);
    expect(read.issues).toEqual([]);
    expect(read.rowErrors.map((i) => [i.line, i.field])).toEqual([
      [6, 'qT'],
      [7, 'NO3'],
      [8, 'ID_SITE'],
      [9, 'DATE'],
      [10, 'T'],
      [11, 'qT'],
      [12, undefined],
      [13, 'PROF_TEXT'],
      [13, 'T'],
      [14, 'T'],
    ]);
    expect(read.rowErrors[0]!.message).toBe('"A" is not a SOMLIT quality code (0 to 9): row left out');
    expect(read.rowErrors[1]!.message).toMatch(/^NO3: code 5 \(sampled, value not yet reported\) means no value/);
    expect(read.rowErrors[4]!.message).toMatch(/^T = 45 °C is outside the plausible range -2 to 32/);
    expect(read.rowErrors[6]!.message).toBe('12 fields where the header has 14: row left out');
    expect(read.rowErrors[9]!.message).toMatch(/^T: 999999 is the file's missing value, not a number/);
  });

  it('keeps an out-of-range value the file marks 3 or 4, saying where it came from', () => {
    const read = issuesOf(hydroFile(['11;2026-05-17;10:00:00;;;S;1;Frioul;43.2417;5.29167;45;3;1;2']), 'Somlit_Extraction_hydro_x_y_z.csv');
    expect([...read.issues, ...read.rowErrors]).toEqual([]);
    expect(read.rows[0]!.values['T']).toMatchObject({ value: 45, code: '3', comment: 'outside the plausible range -2 to 32 in Somlit_Extraction_hydro_x_y_z.csv, line 5' });
  });

  it('notes columns it cannot read and reads the rest', () => {
    const text = hydroFile([good1])
      .replace('qT;NO3', 'qT;XYZ;NO3')
      .replace('°C;;µmol/L', '°C;;;µmol/L')
      .replace('18.4;2;0.02', '18.4;2;7;0.02')
      .replace(';T;qT;', ';T;');
    const read = issuesOf(text.replace(';18.4;2;', ';18.4;').replace('°C;;', '°C;'));
    expect(read.issues.map((i) => [i.line, i.field, i.message])).toEqual([
      [3, 'T', 'T is not followed by its quality column qT: its values are not read'],
      [3, 'XYZ', 'XYZ is not a column of the SOMLIT table: ignored'],
    ]);
    expect(read.parameters).toEqual(['NO3']);
    expect(read.rows[0]!.values).toEqual({ NO3: { value: 0.02, code: '0', comment: null, source: null } });
  });

  it('reads a truncated file up to where it stops', () => {
    const text = hydroFile([good1, good2]);
    const cut = text.slice(0, text.length - 20);
    const read = issuesOf(cut);
    expect(read.rows.map((r) => r.line)).toEqual([5]);
    // The last row lost its last 18 characters (20 with the CRLF): 10 fields left
    expect(read.issues).toEqual([]);
    expect(read.rowErrors).toEqual([{ line: 6, message: '10 fields where the header has 14: row left out' }]);
  });

  it('refuses what is not a SOMLIT extraction', () => {
    const refuse = (bytes: Uint8Array, fileName?: string) => {
      try {
        readSomlitExtraction(bytes, table, fileName ? { fileName } : {});
      } catch (err) {
        expect(err).toBeInstanceOf(CurationError);
        return (err as CurationError).message;
      }
      throw new Error('accepted');
    };
    expect(refuse(new Uint8Array())).toMatch(/empty/);
    expect(refuse(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3]))).toMatch(/binary/);
    expect(refuse(enc('a,b,c\n1,2,3\n'))).toMatch(/no SOMLIT header found/);
    expect(refuse(enc(hydroFile([good1]).replace('ID_SITE', 'ID_SITE;ID_SITE')))).toMatch(/appears twice/);
    expect(refuse(enc(hydroFile([good1]).replace(';DATE;', ';JOUR;')))).toMatch(/no DATE column/);
    expect(refuse(enc(hydroFile([good1])), 'Somlit_Extraction_ctd_20240101_000000_x.csv')).toMatch(/CTD profiles/);
  });
});
