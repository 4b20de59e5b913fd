import { describe, expect, it } from 'vitest';
import { CurationError } from '../../api/errors.js';
import { createFcsDataDecoder } from './fcs-data-decoder.js';
import { readFcsDataSetHead } from './fcs-data-set-head.js';
import { readFcsHeader } from './fcs-header.js';
import type { FcsDataSet } from './fcs-types.js';
import { fcsKeyword } from './fcs-values.js';
import { readFcs, readFcsDataSetHeads } from './read-fcs.js';
import { patchBytes, setHeaderField, writeTestFcs } from './test-support/fcs-test-writer.js';
import type { TestFcsDataSet } from './test-support/fcs-test-writer.js';

const basic = (over: Partial<TestFcsDataSet> = {}): TestFcsDataSet => ({
  dataType: 'I',
  parameters: [
    { name: 'FSC-H', bits: 16, range: 1024, label: 'Forward scatter' },
    { name: 'FL1-H', bits: 16, range: 1024, amplification: '4,0' },
  ],
  events: [[1, 2], [3, 4], [5, 6]],
  ...over,
});

const one = (bytes: Uint8Array): FcsDataSet => {
  const f = readFcs(bytes);
  expect(f.datasets).toHaveLength(1);
  return f.datasets[0]!;
};
const cols = (d: FcsDataSet) => d.columns.map((c) => Array.from(c));
const messages = (d: { issues: { message: string }[] }) => d.issues.map((i) => i.message);
const rejects = (bytes: Uint8Array, message: string) => {
  expect(() => readFcs(bytes)).toThrow(new CurationError({ code: 'invalid-input', message }));
};

describe('readFcs on generated files: TEXT syntax', () => {
  for (const [label, delimiter] of [['/', '/'], ['\\', '\\'], ['|', '|'], ['form feed', '\f'], ['comma', ','], ['*', '*']] as const) {
    it(`reads TEXT delimited by ${label}, with the delimiter doubled inside values`, () => {
      const text = `${delimiter}start, mid${delimiter}dle, end${delimiter}`;
      const d = one(
        writeTestFcs(
          basic({
            delimiter,
            parameters: [{ name: `FL${delimiter}1`, bits: 16, range: 1024, label: text }],
            events: [[7], [9]],
            keywords: [['$FIL', `${delimiter}data${delimiter}x.fcs`]],
          }),
        ),
      );
      expect(d.parameters[0]!.name).toBe(`FL${delimiter}1`);
      expect(d.parameters[0]!.label).toBe(text);
      expect(d.keywords['$FIL']).toBe(`${delimiter}data${delimiter}x.fcs`);
      expect(d.parameters[0]!.amplification).toBeNull(); // $P1E 0,0 (written 0,,0 with a comma delimiter)
      expect(cols(d)).toEqual([[7, 9]]);
      expect(d.issues).toEqual([]);
    });
  }

  it('treats keywords case-insensitively and keeps their written case for display', () => {
    const d = one(
      writeTestFcs(
        basic({
          override: { $PAR: null, $TOT: null, $DATATYPE: null, $P1N: null },
          keywords: [['$par', '2'], ['$Tot', '3'], ['$DataType', 'I'], ['$p1n', 'FSC-H'], ['MyKey', 'v']],
        }),
      ),
    );
    expect(d.events).toBe(3);
    expect(d.parameters[0]!.name).toBe('FSC-H');
    expect(Object.keys(d.keywords)).toContain('$Tot');
    expect(d.keywords['$Tot']).toBe('3');
    expect(fcsKeyword(d.keywords, '$TOT')).toBe('3');
    expect(fcsKeyword(d.keywords, 'mykey')).toBe('v');
  });

  it('reads space-padded values and UTF-8 labels (FCS 3.1)', () => {
    const d = one(writeTestFcs(basic({ override: { $TOT: '3        ', $P1R: '   1024', $P1S: 'Alexa Fluor™ 405' } })));
    expect(d.events).toBe(3);
    expect(d.parameters[0]!.range).toBe(1024);
    expect(d.parameters[0]!.label).toBe('Alexa Fluor™ 405');
  });

  it('decodes Windows-1252 values leniently: silently before 3.1, with an issue in 3.1', () => {
    const latin1 = (version: 'FCS3.0' | 'FCS3.1') => patchBytes(writeTestFcs(basic({ version, keywords: [['$OP', 'Jos#']] })), 'Jos#', [0x4a, 0x6f, 0x73, 0xe9]);
    const d30 = one(latin1('FCS3.0'));
    expect(d30.keywords['$OP']).toBe('José');
    expect(d30.issues).toEqual([]);
    const d31 = one(latin1('FCS3.1'));
    expect(d31.keywords['$OP']).toBe('José');
    expect(messages(d31)).toEqual(['value of $OP is not valid UTF-8 (required by FCS 3.1); decoded as Windows-1252']);
  });

  it('reads empty values written as doubled delimiters (FCS 2.0 habit), with an issue', () => {
    const d = one(writeTestFcs(basic({ version: 'FCS2.0', delimiter: '\\', keywords: [['EMPTY', ''], ['$CYT', 'FACSCalibur'], ['LAST', '']] })));
    expect(d.keywords['EMPTY']).toBe('');
    expect(d.keywords['LAST']).toBe('');
    expect(d.keywords['$CYT']).toBe('FACSCalibur');
    expect(cols(d)).toEqual([[1, 3, 5], [2, 4, 6]]);
    expect(messages(d)).toEqual([expect.stringContaining('doubled delimiters read as empty values of EMPTY, LAST')]);
  });

  it('ignores spaces padding the TEXT segment and a CRC after DATA', () => {
    const d = one(writeTestFcs(basic({ textPadding: 200, trailer: '00000000' })));
    expect(d.issues).toEqual([]);
    expect(cols(d)).toEqual([[1, 3, 5], [2, 4, 6]]);
  });

  it('keeps the first of two values of one keyword and says so', () => {
    const d = one(writeTestFcs(basic({ keywords: [['$CYT', 'A'], ['$cyt', 'B']] })));
    expect(d.metadata.cytometer).toBe('A');
    expect(d.issues).toEqual([{ offset: expect.any(Number), field: '$cyt', message: '$cyt appears again in TEXT ("B"); the first value "A" is kept' }]);
  });

  it('warns about repeated parameter names; parameters stay keyed by index', () => {
    const d = one(writeTestFcs(basic({ parameters: [{ name: 'FL1', bits: 16 }, { name: 'FL1', bits: 16 }] })));
    expect(d.parameters.map((p) => [p.index, p.name])).toEqual([[1, 'FL1'], [2, 'FL1']]);
    expect(messages(d)).toEqual(['parameter name "FL1" is used by $P1N and $P2N']);
  });
});

describe('readFcs on generated files: parameters and metadata', () => {
  it('reads $PnN, $PnS, $PnR, $PnB, $PnE, $PnG and the metadata keywords', () => {
    const d = one(
      writeTestFcs(
        basic({
          parameters: [
            { name: 'FSC', bits: 16, range: 1024, label: 'Forward', amplification: '0,0', gain: '2.5' },
            { name: 'FL1', bits: 16, range: 1024, amplification: '4,1' },
          ],
          keywords: [
            ['$CYT', 'CytoSense'],
            ['$CYTSN', 'CS-2015-61'],
            ['$VOL', '36.6'],
            ['$DATE', '12-JUN-2024'],
            ['$BTIM', '10:00:00'],
            ['$ETIM', '10:05:00.25'],
            ['$SPILLOVER', '2,FSC,FL1,1,0.1,0.2,1'],
          ],
        }),
      ),
    );
    expect(d.parameters).toEqual([
      { index: 1, name: 'FSC', label: 'Forward', range: 1024, bits: 16, amplification: null, gain: 2.5 },
      { index: 2, name: 'FL1', label: null, range: 1024, bits: 16, amplification: { decades: 4, offset: 1 }, gain: null },
    ]);
    expect(d.metadata).toEqual({
      cytometer: 'CytoSense',
      cytometerSerial: 'CS-2015-61',
      totalEvents: 3,
      volumeNanolitres: 36.6,
      timestep: null,
      date: '12-JUN-2024',
      beginTime: '10:00:00',
      endTime: '10:05:00.25',
      start: '2024-06-12T10:00:00',
      end: '2024-06-12T10:05:00.250',
      spillover: { parameters: ['FSC', 'FL1'], matrix: [[1, 0.1], [0.2, 1]] },
      spilloverKeyword: '$SPILLOVER',
    });
  });

  it('reports unreadable parameter keywords and keeps going', () => {
    const d = one(writeTestFcs(basic({ override: { $P1N: null, $P1R: 'wide', $P2E: 'log', $P2G: '0' } })));
    expect(d.parameters.map((p) => p.name)).toEqual(['P1', 'FL1-H']);
    expect(d.parameters[0]!.range).toBeNull();
    expect(cols(d)).toEqual([[1, 3, 5], [2, 4, 6]]);
    expect(messages(d)).toEqual([
      '$P1N missing; parameter 1 named P1',
      '$P1R="wide" is not a number; ignored',
      '$P2E="log" is not "decades,offset"; read as linear',
      '$P2G="0" is not a usable gain; ignored',
    ]);
  });

  it('accepts $PnB other than 32 for float data with an issue', () => {
    const d = one(writeTestFcs(basic({ dataType: 'F', parameters: [{ name: 'a' }], events: [[1.5]], override: { $P1B: '16' } })));
    expect(d.parameters[0]!.bits).toBe(32);
    expect(cols(d)).toEqual([[1.5]]);
    expect(messages(d)).toEqual(['$P1B=16 for $DATATYPE=F; read as 32 bits']);
  });
});

describe('readFcs on generated files: where DATA is', () => {
  it('uses $BEGINDATA/$ENDDATA when the HEADER writes 0 (3.0+ files over 99,999,999 bytes)', () => {
    const d = one(writeTestFcs(basic({ headerData: 'zero' })));
    expect(d.issues).toEqual([]);
    expect(cols(d)).toEqual([[1, 3, 5], [2, 4, 6]]);
  });

  it('uses the HEADER in FCS 2.0, which has no $BEGINDATA', () => {
    const d = one(writeTestFcs(basic({ version: 'FCS2.0' })));
    expect(fcsKeyword(d.keywords, '$BEGINDATA')).toBeUndefined();
    expect(cols(d)).toEqual([[1, 3, 5], [2, 4, 6]]);
    expect(d.issues).toEqual([]);
  });

  it('takes whichever offsets hold $TOT × bytes per event inside the file, naming both values', () => {
    // HEADER wrong: TEXT wins.
    const headerWrong = setHeaderField(writeTestFcs(basic()), 'dataBegin', 100);
    const a = one(headerWrong);
    expect(cols(a)).toEqual([[1, 3, 5], [2, 4, 6]]);
    expect(messages(a)).toEqual([expect.stringMatching(/^HEADER says DATA is 100–\d+, \$BEGINDATA\/\$ENDDATA say \d+–\d+; using \$BEGINDATA\/\$ENDDATA/)]);
    // TEXT wrong: the HEADER wins.
    const bytes = writeTestFcs(basic());
    const begin = readFcsDataSetHeads(bytes).datasets[0]!.segments.data!.start;
    const textWrong = writeTestFcs(basic({ override: { $BEGINDATA: String(begin - 7) } }));
    const b = one(textWrong);
    expect(cols(b)).toEqual([[1, 3, 5], [2, 4, 6]]);
    expect(messages(b)).toEqual([
      `HEADER says DATA is ${begin}–${begin + 11}, $BEGINDATA/$ENDDATA say ${begin - 7}–${begin + 11}; using HEADER (${begin}–${begin + 11}), which holds $TOT × 4 bytes = 12 bytes within the file (${bytes.length} bytes)`,
    ]);
  });

  it('accepts an $ENDDATA one byte too far with an issue', () => {
    const bytes = writeTestFcs(basic({ trailer: 'X' }));
    const h = readFcsDataSetHeads(bytes).datasets[0]!;
    const end = h.segments.data!.end; // exclusive: FCS END + 1
    const d = one(setHeaderField(writeTestFcs(basic({ trailer: 'X', override: { $ENDDATA: String(end) } })), 'dataEnd', end));
    expect(cols(d)).toEqual([[1, 3, 5], [2, 4, 6]]);
    expect(messages(d)).toEqual([`DATA ${end - 12}–${end} (from $BEGINDATA/$ENDDATA) is one byte longer than $TOT × 4 bytes = 12; the last byte is ignored`]);
  });

  it('derives the event count from the DATA length when $TOT is absent (FCS 2.0)', () => {
    const d = one(writeTestFcs(basic({ version: 'FCS2.0', override: { $TOT: null } })));
    expect(d.events).toBe(3);
    expect(messages(d)).toEqual(['$TOT absent: 3 events derived from the DATA length (12 bytes / 4 bytes per event)']);
    const d31 = one(writeTestFcs(basic({ override: { $TOT: null } })));
    expect(d31.events).toBe(3);
    expect(messages(d31)).toEqual(['$TOT absent (required since FCS 3.0): 3 events derived from the DATA length (12 bytes / 4 bytes per event)']);
  });
});

describe('readFcs on generated files: several data sets and supplementary TEXT', () => {
  it('follows $NEXTDATA through every data set', () => {
    const bytes = writeTestFcs(
      basic(),
      { version: 'FCS3.1', dataType: 'F', byteOrder: 'big', delimiter: '|', parameters: [{ name: 'x' }], events: [[0.5], [1.5]] },
      { version: 'FCS3.1', dataType: 'D', parameters: [{ name: 'y' }, { name: 'z' }], events: [[1, 2]], headerData: 'zero' },
    );
    const f = readFcs(bytes);
    expect(f.issues).toEqual([]);
    expect(f.datasets.map((d) => [d.dataType, d.events, d.parameters.map((p) => p.name)])).toEqual([
      ['I', 3, ['FSC-H', 'FL1-H']],
      ['F', 2, ['x']],
      ['D', 1, ['y', 'z']],
    ]);
    expect(f.datasets.map(cols)).toEqual([[[1, 3, 5], [2, 4, 6]], [[0.5, 1.5]], [[1], [2]]]);
    expect(f.datasets[0]!.offset).toBe(0);
    expect(f.datasets[1]!.offset).toBe(f.datasets[0]!.nextDataSet);
    expect(f.datasets[2]!.nextDataSet).toBeNull();
  });

  it('keeps the data sets read when a later one is broken, with a file-level issue', () => {
    const bytes = writeTestFcs(basic(), basic({ override: { $DATATYPE: 'A' } }));
    const f = readFcs(bytes);
    expect(f.datasets).toHaveLength(1);
    const at = readFcsDataSetHeads(bytes).datasets[1]!.offset;
    expect(f.issues).toEqual([{ offset: at, message: `data set at byte ${at} ($NEXTDATA) not read: $DATATYPE=A (ASCII values) is not supported: only I, F and D` }]);
  });

  it('reports a $NEXTDATA past the end of the file', () => {
    const d = one(writeTestFcs(basic({ override: { $NEXTDATA: '999999' } })));
    expect(d.nextDataSet).toBeNull();
    expect(messages(d)).toEqual([expect.stringMatching(/^\$NEXTDATA=999999 points to byte 999999, past the end of the file \(\d+ bytes\); no further data sets read$/)]);
  });

  it('adds keywords from the supplementary TEXT; TEXT wins over a repeated one', () => {
    const d = one(writeTestFcs(basic({ keywords: [['$CYT', 'A']], supplementary: [['$SPILLOVER', '1,FL1-H,1'], ['VENDOR KEY', 'x'], ['$CYT', 'B']] })));
    expect(d.keywords['VENDOR KEY']).toBe('x');
    expect(d.metadata.spillover).toEqual({ parameters: ['FL1-H'], matrix: [[1]] });
    expect(d.metadata.cytometer).toBe('A');
    expect(messages(d)).toEqual(['$CYT appears again in supplementary TEXT ("B"); the first value "A" is kept']);
  });
});

describe('readFcs: the incremental path gives the same result', () => {
  it('HEADER, then TEXT, then supplementary TEXT, then DATA chunks', () => {
    const bytes = writeTestFcs(basic({ keywords: [['$CYT', 'A']], supplementary: [['EXTRA', 'y']], events: Array.from({ length: 100 }, (_, i) => [i, 1000 - i]) }));
    const header = readFcsHeader(bytes.subarray(0, 58));
    const text = bytes.subarray(header.text.start, header.text.end);
    let head = readFcsDataSetHead(header, text, bytes.length);
    expect(head.keywords['EXTRA']).toBeUndefined();
    const s = head.segments.supplementaryText!;
    head = readFcsDataSetHead(header, text, bytes.length, bytes.subarray(s.start, s.end));
    expect(head.keywords['EXTRA']).toBe('y');
    const decoder = createFcsDataDecoder(head);
    const data = head.segments.data!;
    for (let at = data.start; at < data.end; at += 7) decoder.push(bytes.subarray(at, Math.min(at + 7, data.end)));
    const streamed = decoder.finish();
    const whole = one(bytes);
    expect(streamed.means).toEqual(whole.means);
    expect(cols(streamed)).toEqual(cols(whole));
    expect(streamed.keywords).toEqual(whole.keywords);
  });
});

describe('readFcs: broken inputs', () => {
  it('empty file, junk bytes, short HEADER', () => {
    rejects(new Uint8Array(0), 'not an FCS file: the file is empty');
    rejects(new Uint8Array([0x00, 0xff, 0x13, 0x37, 0x42, 0x99, 0x10, 0x20]), 'not an FCS file: header does not start with FCS2.0/FCS3.0/FCS3.1 (starts with "\\x00\\xFF\\x137B\\x99")');
    rejects(new TextEncoder().encode('Particle ID;FWS Total\r\n1;2\r\n'), 'not an FCS file: header does not start with FCS2.0/FCS3.0/FCS3.1 (starts with "Partic")');
    rejects(writeTestFcs(basic()).subarray(0, 40), 'truncated FCS HEADER: 40 bytes, a HEADER needs 58');
  });

  it('TEXT or DATA cut off', () => {
    const bytes = writeTestFcs(basic());
    const h = readFcsHeader(bytes);
    rejects(bytes.subarray(0, 100), `TEXT segment ends at byte ${h.text.end - 1} but the file has 100 bytes (truncated file)`);
    const cut = bytes.subarray(0, bytes.length - 5);
    rejects(cut, `DATA segment ends at byte ${bytes.length - 1} but the file has ${bytes.length - 5} bytes (truncated file)`);
    // The metadata of a truncated file can still be shown.
    expect(readFcsDataSetHeads(cut).datasets[0]!.parameters.map((p) => p.name)).toEqual(['FSC-H', 'FL1-H']);
  });

  it('TEXT without its closing delimiter: read with an issue', () => {
    const bytes = writeTestFcs(basic());
    const h = readFcsHeader(bytes);
    setHeaderField(bytes, 'textEnd', h.text.end - 2); // drop the final delimiter from the TEXT segment
    const d = one(bytes);
    expect(cols(d)).toEqual([[1, 3, 5], [2, 4, 6]]);
    expect(messages(d)).toEqual(["TEXT segment does not end with its delimiter '/'; the last value was read up to the end of the segment"]);
  });

  it('TEXT not starting with a delimiter (wrong HEADER offset)', () => {
    const bytes = setHeaderField(writeTestFcs(basic()), 'textBegin', 59);
    rejects(bytes, 'not a readable FCS TEXT segment: it must start with a delimiter character, found byte 0x24 at byte 59');
  });

  it('keywords DATA cannot do without', () => {
    rejects(writeTestFcs(basic({ override: { $PAR: null } })), '$PAR missing: the number of parameters is unknown');
    rejects(writeTestFcs(basic({ override: { $PAR: 'two' } })), '$PAR="two" is not a number of parameters');
    rejects(writeTestFcs(basic({ override: { $DATATYPE: 'A' } })), '$DATATYPE=A (ASCII values) is not supported: only I, F and D');
    rejects(writeTestFcs(basic({ override: { $DATATYPE: null } })), '$DATATYPE missing');
    rejects(writeTestFcs(basic({ override: { $MODE: 'C' } })), '$MODE=C is not supported: only list mode (L) data can be read');
    rejects(writeTestFcs(basic({ override: { $BYTEORD: '3,4,1,2' } })), '$BYTEORD=3,4,1,2 is not supported: only 1,2,3,4 (little-endian) and 4,3,2,1 (big-endian)');
    rejects(writeTestFcs(basic({ override: { $BYTEORD: null } })), '$BYTEORD missing');
    rejects(writeTestFcs(basic({ override: { $P2B: null } })), '$P2B missing: the width of FL1-H is unknown');
    rejects(writeTestFcs(basic({ override: { $P2B: '10' } })), '$P2B=10 is not supported: integers must be 8, 16, 24, 32 or 64 bits');
    rejects(writeTestFcs(basic({ version: 'FCS2.0', headerData: 'zero' })), 'DATA segment not located: the HEADER DATA offsets are 0 and $BEGINDATA/$ENDDATA are missing');
  });

  it('a $TOT larger than the file holds', () => {
    const bytes = writeTestFcs(basic({ override: { $TOT: '1000' } }));
    expect(() => readFcs(bytes)).toThrow(/^DATA segment \(\d+–\d+\) is shorter than \$TOT=1000 × 4 bytes = 4000 bytes, and the file \(\d+ bytes\) ends before that: truncated file or wrong \$TOT$/);
  });

  it('$MODE missing is read as list mode with an issue; 8-bit data needs no $BYTEORD', () => {
    const d = one(writeTestFcs(basic({ parameters: [{ name: 'a', bits: 8, range: 256 }], events: [[200], [3]], override: { $MODE: null, $BYTEORD: null } })));
    expect(cols(d)).toEqual([[200, 3]]);
    expect(d.byteOrder).toBeNull();
    expect(messages(d)).toEqual(['$MODE missing; read as L (list mode)']);
  });
});
