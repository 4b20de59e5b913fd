import { describe, expect, it } from 'vitest';
import { createManifestReader, formatManifest, manifestLine, parseManifest, parseManifestLine, unsafePathReason } from './sha256-manifest.js';

const enc = (s: string) => new TextEncoder().encode(s);
// SHA-256 of the empty string and of "abc" (FIPS 180-2 test vectors).
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

describe('sha256sum manifest lines', () => {
  it('writes "<hex>  <path>" sorted by path, one line each', () => {
    const text = formatManifest([
      { path: 'files/b.f32', sha256: ABC },
      { path: 'files/a b.jpg', sha256: EMPTY.toUpperCase() },
    ]);
    expect(text).toBe(`${EMPTY}  files/a b.jpg\n${ABC}  files/b.f32\n`);
  });

  it('escapes backslash, line feed and carriage return as GNU sha256sum does (leading backslash)', () => {
    expect(manifestLine({ path: 'odd\\name', sha256: ABC })).toBe(`\\${ABC}  odd\\\\name\n`);
    expect(manifestLine({ path: 'two\nlines', sha256: ABC })).toBe(`\\${ABC}  two\\nlines\n`);
    const parsed = parseManifest(enc(formatManifest([{ path: 'odd\\name', sha256: ABC }, { path: 'two\nlines\r', sha256: EMPTY }])));
    expect(parsed.issues).toEqual([]);
    expect(parsed.entries).toEqual([
      { path: 'odd\\name', sha256: ABC },
      { path: 'two\nlines\r', sha256: EMPTY },
    ]);
  });

  it('refuses to write an unsafe path or a bad sum', () => {
    expect(() => manifestLine({ path: '/etc/passwd', sha256: ABC })).toThrow(/absolute path/);
    expect(() => manifestLine({ path: 'files/../x', sha256: ABC })).toThrow(/"\.\."/);
    expect(() => manifestLine({ path: 'x', sha256: 'abc' })).toThrow(/not a SHA-256 sum/);
    expect(unsafePathReason('files/samples/cs-1/v1/events/000.f32')).toBeNull();
    expect(unsafePathReason('C:/x')).toBe('absolute path');
    expect(unsafePathReason('a//b')).toMatch(/not allowed/);
  });
});

describe('reading manifests', () => {
  it('reads the variants sha256sum -c accepts: binary mode, BSD tags, CRLF, BOM, comments, upper-case hex', () => {
    const text = `\uFEFF# made by hand\r\n${ABC.toUpperCase()} *files/a.jpg\r\n\r\nSHA256 (files/b c.f32) = ${EMPTY}\r\n${EMPTY}  library.sqlite`;
    const parsed = parseManifest(enc(text));
    expect(parsed.issues).toEqual([]);
    expect(parsed.entries).toEqual([
      { path: 'files/a.jpg', sha256: ABC },
      { path: 'files/b c.f32', sha256: EMPTY },
      { path: 'library.sqlite', sha256: EMPTY },
    ]);
  });

  it('gives the same entries whatever the chunking (a multi-byte name split across chunks)', () => {
    const bytes = enc(`${ABC}  files/échantillon µ.txt\n${EMPTY}  files/z.f32\n`);
    const whole = parseManifest(bytes);
    const reader = createManifestReader();
    for (let i = 0; i < bytes.length; i++) reader.push(bytes.subarray(i, i + 1));
    expect(reader.finish()).toEqual(whole);
    expect(whole.entries[0]).toEqual({ path: 'files/échantillon µ.txt', sha256: ABC });
  });

  it('names each bad line and keeps reading', () => {
    const lines = [
      `${ABC}  good/one`,
      `${ABC.slice(1)}  short/hash`, // 63 digits
      `${ABC}\tgood/tab`, // wrong separator
      `${ABC}  /absolute`,
      `${ABC}  a/../b`,
      `${ABC}  good/one`, // listed twice
      `\\${ABC}  bad\\tescape`,
      `${EMPTY}  good/two`,
    ];
    const parsed = parseManifest(enc(lines.join('\n')));
    expect(parsed.entries.map((e) => e.path)).toEqual(['good/one', 'good/two']);
    expect(parsed.issues.map((i) => [i.line, i.message])).toEqual([
      [2, 'expected 64 hex digits, got 63'],
      [3, 'not a sha256sum line ("<64 hex digits>  <path>")'],
      [4, 'absolute path: "/absolute"'],
      [5, 'path part ".." is not allowed: "a/../b"'],
      [6, '"good/one" is listed more than once; the first sum is kept'],
      [7, 'bad escape in an escaped file name (only \\\\, \\n and \\r are allowed)'],
    ]);
  });

  it('reports a line that is not UTF-8 and goes on', () => {
    const bytes = new Uint8Array([...enc(`${ABC}  caf`), 0xe9, ...enc(`\n${EMPTY}  ok\n`)]);
    const parsed = parseManifest(bytes);
    expect(parsed.entries).toEqual([{ path: 'ok', sha256: EMPTY }]);
    expect(parsed.issues).toEqual([{ line: 1, message: 'not UTF-8 text' }]);
  });

  it('reads an empty manifest as empty, and refuses what is not a manifest at all', () => {
    expect(parseManifest(new Uint8Array(0))).toEqual({ entries: [], issues: [] });
    expect(parseManifest(enc('# only a comment\n\n'))).toEqual({ entries: [], issues: [] });
    expect(() => parseManifest(enc('{"format": "json"}\n'))).toThrow(/not a SHA-256 manifest: .*line 1/);
    expect(() => parseManifest(new Uint8Array([0x00, 0xff, 0x13, 0x0a, 0x89, 0x50]))).toThrow(/not a SHA-256 manifest/);
    // A truncated last line (no line feed, sum cut short) is one bad line among good ones.
    const truncated = parseManifest(enc(`${ABC}  a\n${EMPTY.slice(0, 20)}`));
    expect(truncated.entries).toHaveLength(1);
    expect(truncated.issues[0]).toMatchObject({ line: 2 });
  });

  it('parses single lines', () => {
    expect(parseManifestLine('   ', 1)).toBeNull();
    expect(parseManifestLine(`${ABC}  x\r`, 4)).toEqual({ path: 'x', sha256: ABC });
    expect(parseManifestLine(`${ABC}  `, 2)).toMatchObject({ line: 2, message: 'empty path: ""' });
  });
});
