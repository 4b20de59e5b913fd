import { describe, expect, it } from 'vitest';
import { CurationError } from '../../api/errors.js';
import { readFcsHeader } from './fcs-header.js';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('readFcsHeader', () => {
  it('reads space-padded offsets (END inclusive → exclusive range)', () => {
    const h = readFcsHeader(ascii('FCS3.0         256    2456    2462  512201       0       0'));
    expect(h).toEqual({ version: 'FCS3.0', offset: 0, text: { start: 256, end: 2457 }, data: { start: 2462, end: 512202 }, analysis: null, issues: [] });
  });

  it('reads zero-padded offsets without spaces (Stratedigm)', () => {
    const h = readFcsHeader(ascii('FCS3.0    00000074000060800000608100006188       0       0'));
    expect(h.text).toEqual({ start: 74, end: 6081 });
    expect(h.data).toEqual({ start: 6081, end: 6189 });
  });

  it('gives null DATA for 0/0 (FCS 3.x files over 99,999,999 bytes) and makes later data sets absolute', () => {
    const h = readFcsHeader(ascii('FCS3.1          58    1000       0       0    2000    2100'), 5000);
    expect(h.text).toEqual({ start: 5058, end: 6001 });
    expect(h.data).toBeNull();
    expect(h.analysis).toEqual({ start: 7000, end: 7101 });
  });

  it('reports doubtful optional parts as issues', () => {
    const h = readFcsHeader(ascii('FCS2.0xxxx      58    1000    1001    abcd       0       0'));
    expect(h.issues).toEqual([
      { offset: 6, message: 'HEADER bytes 6–9 should be 4 spaces, found "xxxx"' },
      { offset: 26, field: 'DATA', message: 'HEADER DATA offsets "    1001", "    abcd" are not numbers; ignored' },
    ]);
    expect(h.data).toBeNull();
  });

  const rejects = (bytes: Uint8Array, message: string) => {
    expect(() => readFcsHeader(bytes)).toThrow(new CurationError({ code: 'invalid-input', message }));
  };

  it('rejects what is not an FCS HEADER, saying why', () => {
    rejects(new Uint8Array(0), 'not an FCS file: the file is empty');
    rejects(ascii('oi21j08cn\n'), 'not an FCS file: header does not start with FCS2.0/FCS3.0/FCS3.1 (starts with "oi21j0")');
    rejects(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'not an FCS file: header does not start with FCS2.0/FCS3.0/FCS3.1 (starts with "\\x89PNG\\x0D\\x0A")');
    rejects(ascii('FCS3.2          58    1000    1001    2000       0       0'), 'unsupported FCS version FCS3.2: this reader handles FCS2.0, FCS3.0 and FCS3.1');
    rejects(ascii('FCS3.1          58    10'), 'truncated FCS HEADER: 24 bytes, a HEADER needs 58');
    rejects(ascii('FCS3.1        xx58    1000    1001    2000       0       0'), 'not a readable FCS HEADER: TEXT offsets "    xx58", "    1000" are not numbers');
    rejects(ascii('FCS3.1        1000      58    1001    2000       0       0'), 'not a readable FCS HEADER: TEXT segment 1000–58 is not a valid byte range after the HEADER');
    rejects(ascii('FCS3.1           0       0    1001    2000       0       0'), 'not a readable FCS HEADER: TEXT segment 0–0 is not a valid byte range after the HEADER');
  });

  it('names the data set in errors about later data sets', () => {
    expect(() => readFcsHeader(ascii('junk'), 4096)).toThrow('not an FCS file: header does not start with FCS2.0/FCS3.0/FCS3.1 (data set at byte 4096) (starts with "junk")');
  });
});
