import { describe, expect, it } from 'vitest';
import { parseFcsTextSegment } from './fcs-text-segment.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const pairs = (s: string | Uint8Array, utf8Required = true) => {
  const r = parseFcsTextSegment(typeof s === 'string' ? bytes(s) : s, 100, 'TEXT', utf8Required);
  return { pairs: r.entries.map((e) => [e.key, e.value]), issues: r.issues };
};

describe('parseFcsTextSegment', () => {
  it('takes the delimiter from the first byte: / \\ | and form feed', () => {
    for (const d of ['/', '\\', '|', '\f']) {
      expect(pairs(`${d}$PAR${d}2${d}$TOT${d}10${d}`)).toEqual({ pairs: [['$PAR', '2'], ['$TOT', '10']], issues: [] });
    }
  });

  it('reads a doubled delimiter as a literal one, anywhere in a value', () => {
    expect(pairs('/$P1S/GFP//FITC-A/$P1F/561////10 nm/$FIL///data//x.fcs///$KEY/////v/').pairs).toEqual([
      ['$P1S', 'GFP/FITC-A'],
      ['$P1F', '561//10 nm'],
      ['$FIL', '/data/x.fcs/'],
      ['$KEY', '//v'], // after a keyword the terminator comes first
    ]);
    // A comma delimiter: $PnE=0,0 is written 0,,0.
    expect(pairs(',$P1E,0,,0,$P1N,FSC,').pairs).toEqual([['$P1E', '0,0'], ['$P1N', 'FSC']]);
  });

  it('trims values and keys, keeps their case', () => {
    expect(pairs('/$tot/  11585   /\nKey Name/ x /').pairs).toEqual([['$tot', '11585'], ['Key Name', 'x']]);
  });

  it('ignores padding after the last delimiter', () => {
    expect(pairs(`/$A/1/$B/2/${' '.repeat(300)}`)).toEqual({ pairs: [['$A', '1'], ['$B', '2']], issues: [] });
  });

  it('reads doubled delimiters as empty values when the escape reading cannot be right, and says so', () => {
    const r = pairs('\\$A\\1\\EMPTY\\\\$B\\2\\LAST\\\\');
    expect(r.pairs).toEqual([['$A', '1'], ['EMPTY', ''], ['$B', '2'], ['LAST', '']]);
    expect(r.issues).toEqual([
      { offset: 100, message: 'TEXT: doubled delimiters read as empty values of EMPTY, LAST (empty values are not allowed by the FCS standard, where a doubled delimiter is an escaped one)' },
    ]);
  });

  it('prefers the standard reading whenever it is well formed', () => {
    // The empty-value reading would give K1=a, ""=b: an empty keyword.
    expect(pairs('/K1/a//b/K2/v2/')).toEqual({ pairs: [['K1', 'a/b'], ['K2', 'v2']], issues: [] });
  });

  it('keeps the standard reading when neither fits, skipping the keyword left without a value', () => {
    const r = pairs('/K1/a//b/K2//K3/v3/X/');
    expect(r.pairs).toEqual([['K1', 'a/b'], ['K2/K3', 'v3']]);
    expect(r.issues).toEqual([{ offset: 119, field: 'X', message: 'TEXT: keyword "X" has no value; skipped' }]);
  });

  it('reads a segment without its closing delimiter up to the end, with an issue', () => {
    const r = pairs('\f$PAR\f2\fGROUPNAME\f20200722 \n');
    expect(r.pairs).toEqual([['$PAR', '2'], ['GROUPNAME', '20200722']]);
    expect(r.issues).toEqual([{ offset: 127, message: 'TEXT segment does not end with its delimiter 0x0C; the last value was read up to the end of the segment' }]);
  });

  it('skips a keyword cut off without a value', () => {
    const r = pairs('/$PAR/2/$TO');
    expect(r.pairs).toEqual([['$PAR', '2']]);
    expect(r.issues.map((i) => i.message)).toEqual([
      "TEXT segment does not end with its delimiter '/'; the last value was read up to the end of the segment",
      'TEXT: keyword "$TO" has no value; skipped',
    ]);
  });

  it('decodes UTF-8 (FCS 3.1) and falls back to Windows-1252, which only 3.1 reports', () => {
    expect(pairs('/$P6S/Alexa Fluor™ 405-A/').pairs).toEqual([['$P6S', 'Alexa Fluor™ 405-A']]);
    const latin1 = new Uint8Array([0x2f, 0x24, 0x4f, 0x50, 0x2f, 0x4a, 0x6f, 0x73, 0xe9, 0x2f]); // /$OP/José/ in Latin-1
    expect(pairs(latin1, false)).toEqual({ pairs: [['$OP', 'José']], issues: [] });
    expect(pairs(latin1, true)).toEqual({
      pairs: [['$OP', 'José']],
      issues: [{ offset: 105, field: '$OP', message: 'value of $OP is not valid UTF-8 (required by FCS 3.1); decoded as Windows-1252' }],
    });
  });

  it('splits segments with non-ASCII bytes the same way, with byte offsets in issues', () => {
    const ascii = '/$P1S/GFP//FITC-A/$FIL///data//x.fcs///$P1F/561////10/';
    const withUtf8 = `${ascii}$P6S/Alexa Fluor™ 405//A/$OP/Jos#/`;
    const seg = bytes(withUtf8);
    seg[seg.length - 2] = 0xe9; // '#' → Latin-1 é: this one value is not UTF-8
    const r = parseFcsTextSegment(seg, 0, 'TEXT', true);
    expect(r.entries.map((e) => [e.key, e.value])).toEqual([
      ...pairs(ascii).pairs,
      ['$P6S', 'Alexa Fluor™ 405/A'],
      ['$OP', 'José'],
    ]);
    // ™ is 3 bytes: the $OP value starts at byte 85 (string index 83).
    expect(r.issues).toEqual([{ offset: 85, field: '$OP', message: 'value of $OP is not valid UTF-8 (required by FCS 3.1); decoded as Windows-1252' }]);
    expect(r.entries.map((e) => e.offset)).toEqual([1, 18, 39, 54, 81]);
  });

  it('reports an empty keyword and skips its pair', () => {
    const r = pairs('/$A/1/ /x/$B/2/');
    expect(r.pairs).toEqual([['$A', '1'], ['$B', '2']]);
    expect(r.issues).toEqual([{ offset: 106, message: 'TEXT: empty keyword (value "x"); skipped' }]);
  });

  it('handles an empty segment', () => {
    expect(parseFcsTextSegment(new Uint8Array(0), 58, 'TEXT', true).issues).toEqual([{ offset: 58, message: 'TEXT segment is empty' }]);
  });
});
