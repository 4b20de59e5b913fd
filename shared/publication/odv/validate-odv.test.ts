// Broken variants of a generated valid file: each breaks one OCTOPUS rule (formats-seadatanet.md §2.1) and must be
// reported with that rule's id and the line it is on. Line numbers of the base file (writer output for
// timeSeriesUnit): 1-9 free comments, 10 CDI reference, 11 //SDN_parameter_mapping, 12-16 mapping lines (time,
// depth, OraPicoProk, RedPico, HetHNA), 17 closing //, 18 labels, 19-21 data rows.
import { describe, expect, it } from 'vitest';
import { readOdv } from './read-odv.js';
import { seededRandom, testDataset, timeSeriesUnit } from './test-support/odv-test-dataset.js';
import { validateOdv } from './validate-odv.js';
import { writeOdv } from './write-odv.js';

const T = '\t';
const baseText = writeOdv(testDataset([timeSeriesUnit()]), timeSeriesUnit());
const baseLines = baseText.split('\r\n').slice(0, -1);

/** The base file with its lines edited (1-based line numbers as in the header comment), CRLF-joined. */
function variant(edit: (lines: string[]) => void, eol = '\r\n'): Uint8Array {
  const lines = baseLines.slice();
  edit(lines);
  return new TextEncoder().encode(lines.map((l) => l + eol).join(''));
}

/** Sets field `col` (0-based) of line `n` (1-based). */
function setField(lines: string[], n: number, col: number, value: string): void {
  const fields = lines[n - 1]!.split(T);
  fields[col] = value;
  lines[n - 1] = fields.join(T);
}

function rules(bytes: Uint8Array): string[] {
  return [...new Set(validateOdv(bytes).errors.map((e) => e.rule))].sort();
}

function errorsOf(bytes: Uint8Array, rule: string): { line?: number; message: string }[] {
  return validateOdv(bytes)
    .errors.filter((e) => e.rule === rule)
    .map((e) => (e.line === undefined ? { message: e.message } : { line: e.line, message: e.message }));
}

describe('validateOdv: the base file', () => {
  it('is valid and laid out as the header comment of this test says', () => {
    expect(validateOdv(new TextEncoder().encode(baseText)).errors).toEqual([]);
    expect(baseLines[10]).toBe('//SDN_parameter_mapping');
    expect(baseLines[16]).toBe('//');
    expect(baseLines[17]!.startsWith('Cruise\t')).toBe(true);
    expect(baseLines).toHaveLength(21);
  });
});

describe('validateOdv: mapping block', () => {
  it('a data column without its mapping line → odv.mapping-columns', () => {
    const bytes = variant((l) => l.splice(14, 1)); // drop the RedPico mapping line; labels move to line 17
    expect(rules(bytes)).toEqual(['odv.mapping-columns']);
    expect(errorsOf(bytes, 'odv.mapping-columns')).toEqual([{ line: 17, message: 'data column "RedPico [#/ml]" has no mapping line (//<subject>SDN:LOCAL:RedPico</subject>…)' }]);
  });

  it('a mapping line for a column that does not exist → odv.mapping-columns', () => {
    const bytes = variant((l) => l.splice(16, 0, '//<subject>SDN:LOCAL:Ghost</subject><object>SDN:P01::P700A90Z</object><units>SDN:P06::UCML</units>'));
    expect(errorsOf(bytes, 'odv.mapping-columns')).toEqual([{ line: 17, message: 'mapping line for SDN:LOCAL:Ghost matches no column label' }]);
  });

  it('no //SDN_parameter_mapping line → odv.mapping-block at the first orphan mapping line', () => {
    const bytes = variant((l) => l.splice(10, 1));
    expect(rules(bytes)).toEqual(['odv.mapping-block']);
    expect(errorsOf(bytes, 'odv.mapping-block')[0]!.line).toBe(11);
  });

  it('no closing // → odv.mapping-block at the label line', () => {
    const bytes = variant((l) => l.splice(16, 1));
    expect(rules(bytes)).toEqual(['odv.mapping-block']);
    expect(errorsOf(bytes, 'odv.mapping-block')).toEqual([{ line: 17, message: 'the //SDN_parameter_mapping block (line 11) is not closed by a line holding only //' }]);
  });

  it('a mapping line without // → odv.mapping-syntax', () => {
    const bytes = variant((l) => (l[13] = l[13]!.slice(2)));
    expect(rules(bytes)).toEqual(['odv.mapping-syntax']);
    expect(errorsOf(bytes, 'odv.mapping-syntax')).toEqual([{ line: 14, message: 'mapping line does not start with //' }]);
  });

  it('a mapping line off the grammar → odv.mapping-syntax (and its column is then unmapped)', () => {
    const bytes = variant((l) => (l[13] = '//<subject>SDN:LOCAL:OraPicoProk</subject><object>SDN:P01::P700A90Z</object>'));
    expect(rules(bytes)).toEqual(['odv.mapping-columns', 'odv.mapping-syntax']);
    expect(errorsOf(bytes, 'odv.mapping-syntax')[0]!.line).toBe(14);
  });

  it('comment lines with trailing TABs (spreadsheet exports, as in ts_dateFormat.txt) are fine', () => {
    const bytes = variant((l) => {
      for (let i = 0; i < 17; i++) l[i] += T.repeat(16);
    });
    expect(validateOdv(bytes).errors).toEqual([]);
  });
});

describe('validateOdv: columns and stations', () => {
  it('a missing metadata column → odv.mandatory-columns', () => {
    const bytes = variant((l) => {
      for (let n = 18; n <= 21; n++) l[n - 1] = l[n - 1]!.split(T).slice(1).join(T);
    });
    expect(rules(bytes)).toEqual(['odv.mandatory-columns']);
    expect(errorsOf(bytes, 'odv.mandatory-columns')).toEqual([{ line: 18, message: 'missing metadata column "Cruise"' }]);
  });

  it('a data column without QV:SEADATANET → odv.flag-columns', () => {
    const bytes = variant((l) => {
      for (let n = 18; n <= 21; n++) {
        const f = l[n - 1]!.split(T);
        f.splice(16, 1); // the QV after RedPico
        l[n - 1] = f.join(T);
      }
    });
    expect(rules(bytes)).toEqual(['odv.flag-columns']);
    expect(errorsOf(bytes, 'odv.flag-columns')).toEqual([{ line: 18, message: 'data column "RedPico [#/ml]" is not followed by QV:SEADATANET' }]);
  });

  it('the first data row without metadata → odv.first-row-metadata', () => {
    const bytes = variant((l) => l.splice(18, 0, `${T.repeat(9)}2024-05-02T09:30:00.000${T}1${T}3${T}1${T}1${T}1${T}1${T}1${T}1${T}1`));
    expect(rules(bytes)).toEqual(['odv.first-row-metadata']);
    expect(errorsOf(bytes, 'odv.first-row-metadata')[0]!.line).toBe(19);
  });

  it('a station row with an empty mandatory field → odv.first-row-metadata naming it', () => {
    const bytes = variant((l) => setField(l, 19, 1, ''));
    expect(errorsOf(bytes, 'odv.first-row-metadata')).toEqual([{ line: 19, message: 'station row with empty Station (mandatory on the first row of a station)' }]);
  });

  it('metadata repeated on every row is one station (ODV rule), and the file stays valid', () => {
    const bytes = variant((l) => {
      const meta = l[18]!.split(T).slice(0, 9);
      for (const n of [20, 21]) l[n - 1] = [...meta, ...l[n - 1]!.split(T).slice(9)].join(T);
    });
    expect(validateOdv(bytes).errors).toEqual([]);
    expect(readOdv(bytes).stations).toHaveLength(1);
  });

  it('two stations with the same LOCAL_CDI_ID → odv.local-cdi-id', () => {
    const bytes = variant((l) => {
      setField(l, 20, 0, 'Planier CytoSense 2024');
      setField(l, 20, 1, 'Planier bis');
      setField(l, 20, 2, '*');
      setField(l, 20, 3, '2024-05-02T12:30:00.000');
      setField(l, 20, 4, '5.23');
      setField(l, 20, 5, '43.19917');
      setField(l, 20, 6, 'CYTO-PLANIER-2024-01');
      setField(l, 20, 7, '1084');
    });
    expect(rules(bytes)).toEqual(['odv.local-cdi-id']);
    expect(errorsOf(bytes, 'odv.local-cdi-id')[0]!.line).toBe(20);
  });

  it('Type other than B, C, * → odv.type-code', () => {
    const bytes = variant((l) => setField(l, 19, 2, 'T'));
    expect(errorsOf(bytes, 'odv.type-code')).toEqual([{ line: 19, message: 'Type "T" is not B, C or *' }]);
    expect(rules(bytes)).toEqual(['odv.type-code']);
  });

  it('position out of range → odv.position; EDMO not an integer → odv.edmo-code', () => {
    expect(errorsOf(variant((l) => setField(l, 19, 4, '400')), 'odv.position')).toEqual([{ line: 19, message: 'longitude 400 is outside -180…360' }]);
    expect(errorsOf(variant((l) => setField(l, 19, 5, '-91')), 'odv.position')).toHaveLength(1);
    const edmo = variant((l) => setField(l, 19, 7, '10A4'));
    expect(errorsOf(edmo, 'odv.edmo-code')).toEqual([{ line: 19, message: 'EDMO_code "10A4" is not an integer' }]);
  });

  it('no value of the primary variable in a station → odv.primary-variable', () => {
    const bytes = variant((l) => {
      for (const n of [19, 20, 21]) {
        setField(l, n, 9, '');
        setField(l, n, 10, '9');
      }
    });
    expect(rules(bytes)).toEqual(['odv.primary-variable']);
    expect(errorsOf(bytes, 'odv.primary-variable')).toEqual([{ line: 19, message: 'station "Planier" has no value of the primary variable "time_ISO8601 [yyyy-mm-ddThh:mm:ss.sss]"' }]);
  });

  it('a row with another field count → odv.field-count; a file cut mid-line too', () => {
    const extra = variant((l) => (l[19] += `${T}1`));
    expect(errorsOf(extra, 'odv.field-count')).toEqual([{ line: 20, message: '20 fields where the label line has 19' }]);
    const cut = baseText.slice(0, baseText.lastIndexOf('99999999') + 4);
    expect(rules(new TextEncoder().encode(cut))).toEqual(['odv.field-count']);
    expect(errorsOf(new TextEncoder().encode(cut), 'odv.field-count')[0]!.line).toBe(21);
  });

  it('empty and TAB-only lines among the rows are tolerated', () => {
    expect(validateOdv(variant((l) => l.splice(19, 0, '', T.repeat(18)))).errors).toEqual([]);
  });

  it('a comment after the labels → odv.structure', () => {
    expect(errorsOf(variant((l) => l.splice(19, 0, '//late comment')), 'odv.structure')).toEqual([
      { line: 20, message: 'comment line after the column labels: all // lines must come before them' },
    ]);
  });
});

describe('validateOdv: values, dates and flags', () => {
  it('a station date off the label precision or not a real date → odv.date-format', () => {
    for (const date of ['2024-05-02 10:30:00.000', '2024-05-02T10:30:00', '2024-02-30T10:30:00.000', '2024-05-02T24:00:00.000']) {
      const bytes = variant((l) => setField(l, 19, 3, date));
      expect(rules(bytes), date).toEqual(['odv.date-format']);
      expect(errorsOf(bytes, 'odv.date-format')[0]!.line).toBe(19);
    }
  });

  it('a primary time off its label precision → odv.date-format', () => {
    const bytes = variant((l) => setField(l, 20, 9, '2024-05-02T12:30'));
    expect(errorsOf(bytes, 'odv.date-format')).toEqual([
      { line: 20, message: '"2024-05-02T12:30" in "time_ISO8601 [yyyy-mm-ddThh:mm:ss.sss]" is not a date-time written as yyyy-mm-ddThh:mm:ss.sss' },
    ]);
  });

  it('a flag outside L20, or empty → odv.flag-values', () => {
    for (const flag of ['X', 'a', '10', '']) {
      const bytes = variant((l) => setField(l, 20, 14, flag));
      expect(rules(bytes), flag).toEqual(['odv.flag-values']);
      expect(errorsOf(bytes, 'odv.flag-values')[0]!.line).toBe(20);
    }
  });

  it('an empty value not flagged 9, or a value flagged 9 → odv.flag-coherence', () => {
    const empty = variant((l) => setField(l, 19, 13, ''));
    expect(errorsOf(empty, 'odv.flag-coherence')).toEqual([{ line: 19, message: 'empty "OraPicoProk [#/ml]" has flag 1: a missing value has flag 9' }]);
    const valueWith9 = variant((l) => setField(l, 19, 14, '9'));
    expect(rules(valueWith9)).toEqual(['odv.flag-coherence']);
  });

  it('a value that is not a number → odv.numeric', () => {
    const bytes = variant((l) => setField(l, 21, 13, 'abc'));
    expect(rules(bytes)).toEqual(['odv.numeric']);
    expect(errorsOf(bytes, 'odv.numeric')).toEqual([{ line: 21, message: '"abc" in column "OraPicoProk [#/ml]" is not a number' }]);
    expect(rules(variant((l) => setField(l, 19, 4, 'east')))).toEqual(['odv.numeric']);
  });

  it('a legacy decimal comma, a + sign and padding are read (as OCTOPUS reads julianDate.txt and diap.txt)', () => {
    const bytes = variant((l) => {
      setField(l, 19, 15, '2301,5');
      setField(l, 19, 4, '+5.23');
      setField(l, 19, 13, '  12345');
    });
    expect(validateOdv(bytes).errors).toEqual([]);
    expect(readOdv(bytes).rows[0]!.cells.map((c) => c.value)).toEqual([null, 3, 12345, 2301.5, 812000]);
  });

  it('more errors than the per-rule limit are summed up', () => {
    const bytes = variant((l) => {
      const row = l[19]!.split(T);
      row[14] = 'X';
      for (let i = 0; i < 300; i++) l.push(row.join(T));
    });
    const errors = validateOdv(bytes).errors.filter((e) => e.rule === 'odv.flag-values');
    expect(errors).toHaveLength(101);
    expect(errors.filter((e) => e.line === undefined)).toEqual([{ rule: 'odv.flag-values', message: '200 more errors of this rule not listed' }]);
    expect(validateOdv(bytes, { maxErrorsPerRule: 5 }).errors.filter((e) => e.rule === 'odv.flag-values').at(0)).toEqual({
      rule: 'odv.flag-values',
      message: '295 more errors of this rule not listed',
    });
  });
});

describe('validateOdv: units and vocabularies', () => {
  it('a P06 code that is not one → odv.units', () => {
    const bytes = variant((l) => (l[13] = l[13]!.replace('SDN:P06::UCML', 'SDN:P06::cells/ml')));
    expect(errorsOf(bytes, 'odv.units')).toEqual([{ line: 14, message: 'P06 unit "cells/ml" of SDN:LOCAL:OraPicoProk is not a four-character P06 code' }]);
  });

  it('an ISO date-time parameter not in TISO → odv.units', () => {
    const bytes = variant((l) => (l[11] = l[11]!.replace('SDN:P06::TISO', 'SDN:P06::UTAA')));
    expect(rules(bytes)).toEqual(['odv.units']);
  });

  it('text in a UUUU (dimensionless) column → odv.units: text-valued parameters use XXXX', () => {
    const bytes = variant((l) => {
      l[13] = l[13]!.replace('SDN:P06::UCML', 'SDN:P06::UUUU');
      setField(l, 20, 13, 'many');
    });
    expect(errorsOf(bytes, 'odv.units')[0]!.line).toBe(20);
    const xxxx = variant((l) => {
      l[13] = l[13]!.replace('SDN:P06::UCML', 'SDN:P06::XXXX');
      setField(l, 20, 13, 'many');
    });
    expect(validateOdv(xxxx).errors).toEqual([]);
  });

  it('codes are checked against the NVS lists the caller passes, and skipped without them', () => {
    const bytes = new TextEncoder().encode(baseText);
    const skipped = validateOdv(bytes).skipped.map((s) => s.rule);
    expect(skipped).toEqual(expect.arrayContaining(['odv.p01-vocabulary', 'odv.p06-vocabulary', 'odv.l22-vocabulary', 'odv.edmo-directory']));
    const report = validateOdv(bytes, { vocabularies: { p06: new Set(['TISO', 'ULAA']), l22: new Set(['TOOL1209']), p01: new Set(['DTUT8601', 'ADEPZZ01', 'P700A90Z', 'PYEUA00A', 'P18318A9']) } });
    expect(report.errors.map((e) => [e.rule, e.line])).toEqual([
      ['odv.p06-vocabulary', 14],
      ['odv.p06-vocabulary', 15],
      ['odv.p06-vocabulary', 16],
    ]);
    expect(report.skipped.map((s) => s.rule)).not.toEqual(expect.arrayContaining(['odv.p06-vocabulary']));
  });
});

describe('validateOdv: sdn_reference lines', () => {
  it('a CDI scope that names no station, or differs from its link → odv.sdn-reference', () => {
    const other = variant((l) => (l[9] = l[9]!.replace(/CYTO-PLANIER-2024-01/g, 'CYTO-OTHER')));
    expect(errorsOf(other, 'odv.sdn-reference')).toEqual([{ line: 10, message: 'CDI reference 1084:CYTO-OTHER names no station of this file (EDMO_code:LOCAL_CDI_ID)' }]);
    const mismatch = variant((l) => (l[9] = l[9]!.replace('sdn:scope="1084:', 'sdn:scope="486:')));
    expect(errorsOf(mismatch, 'odv.sdn-reference')[0]!.message).toContain('differs from the CDI named by the link');
  });

  it('a malformed reference or a link that is not a CDI report URL → odv.sdn-reference', () => {
    expect(rules(variant((l) => (l[9] = '//<sdn_reference xlink:href="x"/>')))).toEqual(['odv.sdn-reference']);
    expect(rules(variant((l) => (l[9] = l[9]!.replace('https://cdi.seadatanet.org/report/edmo/', 'https://example.org/'))))).toEqual(['odv.sdn-reference']);
  });
});

describe('validateOdv: bytes, line ends and encodings', () => {
  it('LF, CRLF and mixed line ends are all valid', () => {
    expect(validateOdv(variant(() => undefined, '\n')).errors).toEqual([]);
    const mixed = baseLines.map((l, i) => l + (i < 18 ? '\r\n' : '\n')).join('');
    expect(validateOdv(new TextEncoder().encode(mixed)).errors).toEqual([]);
    expect(readOdv(new TextEncoder().encode(mixed)).lineEndings).toEqual({ crlf: 18, lf: 3 });
  });

  it('CR-only line ends → odv.line-endings', () => {
    const report = validateOdv(variant(() => undefined, '\r'));
    expect(report.valid).toBe(false);
    expect(report.errors.map((e) => e.rule)).toContain('odv.line-endings');
  });

  it('";" columns (other locale, decimal comma) → odv.separator, though the values are still read', () => {
    const bytes = variant((l) => {
      for (let n = 18; n <= 21; n++) {
        l[n - 1] = l[n - 1]!
          .split(T)
          .map((f) => (/^-?\d+\.\d+$/.test(f) ? f.replace('.', ',') : f))
          .join(';');
      }
    });
    expect(rules(bytes)).toEqual(['odv.separator']);
    expect(errorsOf(bytes, 'odv.separator')[0]!.line).toBe(18);
    const file = readOdv(bytes);
    expect(file.stations[0]!.latitude).toBe(43.19917);
    expect(file.rows[0]!.cells[3]!.value).toBe(2301.5);
  });

  it('UTF-8 without BOM with non-ASCII text → odv.encoding; with a BOM, or in Windows-1252, it is fine', () => {
    const withAccent = baseText.replace('//Project: JERICO-S3', '//Project: JERICO-S3 (Étang de Berre)');
    const utf8 = new TextEncoder().encode(withAccent);
    expect(errorsOf(utf8, 'odv.encoding')).toHaveLength(1);
    expect(errorsOf(utf8, 'odv.encoding')[0]!.line).toBe(3);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    expect(validateOdv(bom).errors).toEqual([]);
    expect(readOdv(bom).comments).toContain('Project: JERICO-S3 (Étang de Berre)');
    const latin1 = Uint8Array.from(withAccent, (c) => c.charCodeAt(0)); // every character here is < 0x100
    expect(validateOdv(latin1).errors).toEqual([]);
    const file = readOdv(latin1);
    expect(file.encoding).toBe('windows-1252');
    expect(file.comments).toContain('Project: JERICO-S3 (Étang de Berre)');
  });

  it('an empty file, comments only, or binary junk → odv.structure', () => {
    expect(validateOdv(new Uint8Array(0)).errors).toEqual([
      { rule: 'odv.structure', message: 'empty file' },
      { rule: 'odv.mapping-block', message: 'no //SDN_parameter_mapping line' },
    ]);
    expect(rules(new TextEncoder().encode(baseLines.slice(0, 17).join('\r\n')))).toEqual(['odv.structure']);
    expect(rules(new TextEncoder().encode(baseLines.slice(0, 18).join('\r\n')))).toEqual(['odv.structure']);
    const seed = Date.now() % 1_000_000;
    console.log(`odv junk seed ${seed}`);
    const random = seededRandom(seed);
    // Junk with no NUL of its own before offset 100: the random bytes are 1–255, so the only NUL is the one placed.
    const junk = Uint8Array.from({ length: 4096 }, (_, i) => (i === 100 ? 0 : 1 + Math.floor(random() * 255)));
    const report = validateOdv(junk);
    expect(report.valid).toBe(false);
    expect(report.errors).toEqual([{ rule: 'odv.structure', message: 'NUL byte at offset 100: binary data, not an ODV text file' }]);
  });
});
