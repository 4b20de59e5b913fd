// The OCTOPUS test files (fixtures/real/octopus/odv, PROVENANCE-seadatanet.md): diap.txt is the valid reference,
// diap_inputNoRef.txt its older form without sdn_reference lines, ts_dateFormat.txt and julianDate.txt time series
// OCTOPUS reads (the latter with a legacy decimal comma), diap_invalid.txt the negative test (mapping header
// removed). Expected values are read from the files by eye (quoted in formats-seadatanet.md §2.2/§2.5) or counted
// below with a few lines of independent string code.
import { describe, expect, it } from 'vitest';
import { readRealFixture } from '../../../electron/test-support/real-fixtures.js';
import { createOdvReader, readOdv } from './read-odv.js';
import type { OdvFile } from './read-odv.js';
import { seededRandom } from './test-support/odv-test-dataset.js';
import { validateOdv } from './validate-odv.js';
import type { OdvVocabularies } from './validate-odv.js';

const valid = ['octopus/odv/profile/diap.txt', 'octopus/odv/profile/diap_inputNoRef.txt', 'octopus/odv/timeseries/ts_dateFormat.txt', 'octopus/odv/timeseries/julianDate.txt'];

/** Codes of an NVS flat-XML extract (`<element key="SDN:P06::UCML" …/>`). */
function vocabCodes(relPath: string): Set<string> {
  const text = new TextDecoder().decode(readRealFixture(relPath));
  return new Set([...text.matchAll(/key="SDN:[A-Z0-9]+::([^"]+)"/g)].map((m) => m[1]!));
}

/** Independent split of the data part: non-comment lines, CR removed, split on TAB. */
function dataLines(bytes: Uint8Array): string[][] {
  const text = new TextDecoder('latin1').decode(bytes);
  return text
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l !== '' && !l.startsWith('//'))
    .map((l) => l.split('\t'));
}

describe('validateOdv on the OCTOPUS fixtures', () => {
  const vocabularies: OdvVocabularies = { p06: vocabCodes('octopus/vocab/SDN.P06.146..xml'), l22: vocabCodes('octopus/vocab/SDN.L22.749..xml') };

  it.each(valid)('%s is valid', (path) => {
    const report = validateOdv(readRealFixture(path));
    expect(report.errors).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.format).toBe('sdn-odv');
    expect(report.skipped.map((s) => s.rule).sort()).toEqual(
      ['odv.cdi-record', 'odv.depth-column', 'odv.edmo-directory', 'odv.l22-vocabulary', 'odv.p01-vocabulary', 'odv.p06-vocabulary'].sort(),
    );
    // With the bundled NVS extracts passed in, the unit codes are checked too and all exist.
    const withVocab = validateOdv(readRealFixture(path), { vocabularies });
    expect(withVocab.errors).toEqual([]);
    expect(withVocab.skipped.map((s) => s.rule)).not.toContain('odv.p06-vocabulary');
  });

  it('diap_invalid.txt (mapping header removed) fails with odv.mapping-block only', () => {
    const report = validateOdv(readRealFixture('octopus/odv/profile_invalid/diap_invalid.txt'));
    expect(report.valid).toBe(false);
    expect(new Set(report.errors.map((e) => e.rule))).toEqual(new Set(['odv.mapping-block']));
    // `grep -n '<subject>' diap_invalid.txt`: the orphan mapping lines are lines 100-102.
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]!.line).toBe(100);
    expect(report.errors[0]!.message).toContain('SDN_parameter_mapping');
  });
});

describe('readOdv on the OCTOPUS fixtures', () => {
  it('diap.txt: 13 bottle stations, 3 mapped variables, CDI references', () => {
    const bytes = readRealFixture('octopus/odv/profile/diap.txt');
    const file = readOdv(bytes);
    expect(file.issues).toEqual([]);
    expect(file.encoding).toBe('utf-8');
    expect(file.firstNonAsciiLine).toBeNull();
    const text = new TextDecoder('latin1').decode(bytes);
    const crlf = text.split('\r\n').length - 1;
    expect(file.lineEndings).toEqual({ crlf, lf: text.split('\n').length - 1 - crlf });
    expect(file.lineEndings.lf).toBeGreaterThan(0); // mixed: CRLF header, LF data
    expect(file.mapping.entries.map((e) => [e.subject, e.p01, e.p06, e.l22])).toEqual([
      ['DEPHPR01', 'DEPHPR01', 'ULAA', null],
      ['PRESPR01', 'PRESPR01', 'PASX', null],
      ['NTRAYYDZ', 'NTRAYYDZ', 'UPOX', null],
    ]);
    expect(file.mapping.endLine! - file.mapping.headerLine!).toBe(4);
    expect(file.documentation).toEqual(['https://www.bodc.ac.uk/data/documents/series/436972/']);
    expect(file.references).toHaveLength(14);
    expect(file.references[0]).toMatchObject({ href: 'http://vocab.nerc.ac.uk/collection/C17/current/35AY', role: 'isObservedBy', type: 'SDN:L23::NVS2CON', scope: null });
    expect(file.references[1]).toMatchObject({
      href: 'http://seadatanet.maris2.nl/v_cdi_v3/print_xml.asp?edmo=486&identifier=FI35200110014_00001_H09',
      type: 'SDN:L23::CDI',
      scope: '486:FI35200110014_00001_H09',
    });
    expect(file.dateLabel).toBe('yyyy-mm-ddThh:mm:ss.sss');
    expect(file.variables.map((v) => [v.label, v.flagColumn, v.kind])).toEqual([
      ['DEPHPR01 [m]', 10, 'numeric'],
      ['PRESPR01 [Pascals]', 12, 'numeric'],
      ['NTRAYYDZ [Micromoles per litre]', 14, 'numeric'],
    ]);

    const lines = dataLines(bytes);
    const rows = lines.slice(1);
    expect(file.rows).toHaveLength(rows.length);
    expect(file.rows).toHaveLength(110);
    expect(file.stations).toHaveLength(rows.filter((r) => r[0] !== '').length);
    expect(file.stations).toHaveLength(13);
    const s1 = file.stations[0]!;
    expect(s1.metadata).toEqual({
      cruise: 'DIAPALIS 2',
      station: '1',
      type: 'B',
      date: '2001-12-10T17:29:00.000',
      longitude: '+166.747000',
      latitude: '-21.951667',
      localCdiId: 'FI35200110014_00001_H09',
      edmoCode: '486',
      bottomDepth: '',
    });
    expect([s1.longitude, s1.latitude, s1.bottomDepth, s1.rowCount]).toEqual([166.747, -21.951667, null, 7]);
    // Third row of station 1: "   9.9  0  10.0  0  0.0  0".
    expect(file.rows[2]!.cells).toEqual([
      { text: '9.9', value: 9.9, flag: '0' },
      { text: '10.0', value: 10, flag: '0' },
      { text: '0.0', value: 0, flag: '0' },
    ]);
    expect(file.stations.map((s) => s.rowCount).reduce((a, b) => a + b, 0)).toBe(110);
    // Independent sum of the nitrate column (col 14) over all rows.
    const nitrate = rows.reduce((sum, r) => sum + Number(r[13]), 0);
    const read = file.rows.reduce((sum, r) => sum + r.cells[2]!.value!, 0);
    expect(read).toBeCloseTo(nitrate, 9);
  });

  it('ts_dateFormat.txt: one time series, ISO primary variable, 272 missing values flagged 9', () => {
    const bytes = readRealFixture('octopus/odv/timeseries/ts_dateFormat.txt');
    const file = readOdv(bytes);
    expect(file.issues).toEqual([]);
    expect(file.lineEndings.lf).toBe(0);
    expect(file.stations).toHaveLength(1);
    expect(file.stations[0]!.metadata).toEqual({
      cruise: 'FS1 Weather Buoy Deployment',
      station: 'FS1',
      type: '*',
      date: '2003-01-23T12:00:00',
      longitude: '-7.9',
      latitude: '51.4',
      localCdiId: '62023',
      edmoCode: '396',
      bottomDepth: '80',
    });
    expect(file.variables.map((v) => [v.name, v.unit, v.kind, v.timePattern])).toEqual([
      ['time_ISO8601', 'yyyy-mm-ddThh:mm:ss', 'time', 'yyyy-mm-ddThh:mm:ss'],
      ['Depth', 'm', 'numeric', null],
      ['WaveHeight', 'm', 'numeric', null],
      ['WavePeriod', 's', 'numeric', null],
    ]);
    const rows = dataLines(bytes).slice(1);
    expect(file.rows).toHaveLength(rows.length);
    let emptyWith9 = 0;
    for (const r of rows) for (let c = 9; c < r.length; c += 2) if (r[c]!.trim() === '' && r[c + 1] === '9') emptyWith9++;
    expect(emptyWith9).toBe(272);
    const read = file.rows.flatMap((r) => r.cells).filter((c) => c.text === '' && c.flag === '9').length;
    expect(read).toBe(272);
    expect(file.rows[0]!.cells[0]).toEqual({ text: '2003-01-23T12:00:00', value: null, flag: '1' });
    expect(file.rows[1]!.cells[2]).toEqual({ text: '1.3', value: 1.3, flag: '1' });
  });

  it('julianDate.txt: two stations, the legacy decimal comma in the Julian date is read', () => {
    const file = readOdv(readRealFixture('octopus/odv/timeseries/julianDate.txt'));
    expect(file.issues).toEqual([]);
    expect(file.stations.map((s) => [s.metadata.station, s.metadata.localCdiId, s.metadata.edmoCode, s.bottomDepth])).toEqual([
      ['1300', 'FI35199758001_01300_D01', '487', 1890],
      ['1550', 'FI35199758001_01550_D01', '487', 1890],
    ]);
    // First row: "2450516,459062" (decimal comma) and 1365.6 dbar.
    expect(file.rows[0]!.cells[0]).toEqual({ text: '2450516,459062', value: 2450516.459062, flag: '0' });
    expect(file.rows[0]!.cells[2]!.value).toBe(1365.6);
    expect(file.variables[0]!.mapping).toMatchObject({ subject: 'Chronological Julian Date', p01: 'CJDY1101', p06: 'UTAA' });
    expect(file.variables).toHaveLength(8);
  });

  it('streaming in random chunk sizes gives the same result as one push', () => {
    const seed = Date.now() % 1_000_000;
    console.log(`odv streaming chunk seed ${seed}`);
    const random = seededRandom(seed);
    for (const path of ['octopus/odv/profile/diap.txt', 'octopus/odv/timeseries/julianDate.txt']) {
      const bytes = readRealFixture(path);
      const whole = readOdv(bytes);
      const reader = createOdvReader();
      for (let at = 0; at < bytes.length; ) {
        const size = 1 + Math.floor(random() * 5000);
        reader.push(bytes.subarray(at, at + size));
        at += size;
      }
      const chunked: OdvFile = reader.finish();
      expect(chunked).toEqual(whole);
    }
  });
});
