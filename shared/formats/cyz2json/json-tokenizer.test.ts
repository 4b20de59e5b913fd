import { describe, expect, it } from 'vitest';
import { CurationError } from '../../api/errors.js';
import { JsonTokenizer } from './json-tokenizer.js';
import type { JsonHandler, JsonScalar } from './json-tokenizer.js';

type Json = JsonScalar | Json[] | { [k: string]: Json };

/** Rebuilds the value from events (long strings concatenated), to compare with JSON.parse. */
class Builder implements JsonHandler {
  stack: (Json[] | { [k: string]: Json })[] = [];
  keys: string[] = [];
  root: Json | undefined;
  longParts: Uint8Array[] = [];
  longStrings = 0;
  constructor(private readonly skip: (path: string) => boolean = () => false) {}
  private path(): string {
    return this.keys.join('.');
  }
  private put(v: Json): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) this.root = v;
    else if (Array.isArray(top)) top.push(v);
    else top[this.keys[this.keys.length - 1]!] = v;
  }
  startObject() {
    if (this.skip(this.path())) return true;
    const o = {};
    this.put(o);
    this.stack.push(o);
    this.keys.push('');
  }
  endObject() {
    this.stack.pop();
    this.keys.pop();
  }
  startArray() {
    if (this.skip(this.path())) return true;
    const a: Json[] = [];
    this.put(a);
    this.stack.push(a);
    this.keys.push('[]');
  }
  endArray() {
    this.stack.pop();
    this.keys.pop();
  }
  key(name: string) {
    this.keys[this.keys.length - 1] = name;
  }
  value(v: JsonScalar) {
    this.put(v);
  }
  longStringStart() {
    this.longStrings++;
    this.longParts = [];
    if (this.skip(this.path())) {
      this.put('<skipped>');
      return true;
    }
  }
  longStringChunk(bytes: Uint8Array) {
    this.longParts.push(bytes.slice());
  }
  longStringEnd(byteLength: number) {
    if (this.longParts.length === 0) return;
    const all = new Uint8Array(byteLength);
    let at = 0;
    for (const p of this.longParts) {
      all.set(p, at);
      at += p.length;
    }
    expect(at).toBe(byteLength);
    this.put(new TextDecoder().decode(all));
  }
}

function parse(bytes: Uint8Array, chunks: number[] = [bytes.length], limit = 65_536, skip?: (p: string) => boolean) {
  const b = new Builder(skip);
  const t = new JsonTokenizer(b, { inlineStringLimit: limit });
  let at = 0;
  for (const n of chunks) {
    t.push(bytes.subarray(at, at + n));
    at += n;
  }
  if (at < bytes.length) t.push(bytes.subarray(at));
  const end = t.finish();
  return { value: b.root, end, longStrings: b.longStrings, maxBuffered: t.maxBufferedBytes };
}

const enc = (s: string) => new TextEncoder().encode(s);

const DOC = JSON.stringify(
  {
    filename: 'SWS250-setFLRMax50-1000im-PMTlow 2025-02-13 14h27.cyz',
    esc: 'quote " backslash \\ slash / tab \t nl \n cr \r ff \f bs \b ctl \u0001',
    unicode: 'µ μ Âµ é 水 😀 \u2028',
    numbers: [0, -0, 1, -1, 3.1851401, 0.083333336, 1.79e-7, 6.421e6, -257.76773, 2147483600, 1e21],
    lits: [true, false, null],
    empty: { o: {}, a: [] },
    nested: [[[{ a: [1, { b: 'x' }] }]]],
    'key with "quotes" and µ': 'v',
  },
  null,
  2,
);

describe('JsonTokenizer', () => {
  it('gives the same value as JSON.parse', () => {
    const r = parse(enc(DOC));
    expect(r.end).toEqual({ complete: true, offset: enc(DOC).length });
    expect(r.value).toEqual(JSON.parse(DOC));
  });

  it('splits at every byte boundary, with strings inline and streamed', () => {
    const bytes = enc(DOC);
    const expected = JSON.parse(DOC);
    for (const limit of [65_536, 4]) {
      for (let cut = 0; cut <= bytes.length; cut++) {
        const r = parse(bytes, [cut], limit);
        expect(r.value, `cut at ${cut}, limit ${limit}`).toEqual(expected);
        expect(r.end.complete).toBe(true);
      }
      // and one byte at a time
      expect(parse(bytes, Array(bytes.length).fill(1), limit).value).toEqual(expected);
    }
  });

  it('decodes \\u escapes including surrogate pairs split across chunks', () => {
    const text = '["\\u00b5\\u03BC \\ud83d\\ude00 lone \\ud800 x \\udc00 end"]';
    const bytes = enc(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(parse(bytes, [cut]).value).toEqual(['µμ 😀 lone \ufffd x \ufffd end']);
    }
  });

  it('accepts a BOM and the bare NaN/Infinity some .NET writers emit', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc('{"a":NaN,"b":-Infinity,"c":Infinity,"d":"NaN"}')]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(parse(bytes, [cut]).value).toEqual({ a: NaN, b: -Infinity, c: Infinity, d: 'NaN' });
    }
  });

  it('top-level scalars', () => {
    expect(parse(enc(' 42 ')).value).toBe(42);
    expect(parse(enc('-1.5e3')).value).toBe(-1500);
    expect(parse(enc('"x"')).value).toBe('x');
    expect(parse(enc('null')).value).toBeNull();
  });

  it('skips containers and long strings the handler does not want', () => {
    const doc = '{"keep":1,"skip":[1,{"a":"]}\\"[{"},[[]],"\\\\"],"blob":"' + 'A'.repeat(100) + '","after":[2]}';
    const r = parse(enc(doc), [doc.length], 16, (p) => p === 'skip' || p === 'blob');
    expect(r.value).toEqual({ keep: 1, blob: '<skipped>', after: [2] });
    for (let cut = 0; cut <= doc.length; cut++) {
      expect(parse(enc(doc), [cut], 16, (p) => p === 'skip' || p === 'blob').value).toEqual({ keep: 1, blob: '<skipped>', after: [2] });
    }
  });

  it('never buffers a multi-MB string: streamed with the buffer bounded by the inline limit', () => {
    const big = 'QUJD'.repeat(1_500_000); // 6 MB of base64
    const doc = enc(`{"images":[{"particleId":1,"base64":"${big}"}]}`);
    const chunk = 65_536;
    const sizes = Array(Math.ceil(doc.length / chunk)).fill(chunk);
    let streamed = 0;
    const handler: JsonHandler = {
      startObject: () => undefined,
      endObject: () => undefined,
      startArray: () => undefined,
      endArray: () => undefined,
      key: () => undefined,
      value: () => undefined,
      longStringStart: () => undefined,
      longStringChunk: (b) => {
        streamed += b.length;
      },
      longStringEnd: (n) => expect(n).toBe(big.length),
    };
    const t = new JsonTokenizer(handler, { inlineStringLimit: 65_536 });
    let at = 0;
    for (const n of sizes) {
      t.push(doc.subarray(at, at + n));
      at += n;
    }
    expect(t.finish().complete).toBe(true);
    expect(streamed).toBe(big.length);
    expect(t.maxBufferedBytes).toBeLessThanOrEqual(65_536);
    // Even pushed as one 6 MB chunk, the string is handed over as a view, not buffered.
    const one = new JsonTokenizer(handler, { inlineStringLimit: 65_536 });
    one.push(doc);
    expect(one.finish().complete).toBe(true);
    expect(one.maxBufferedBytes).toBeLessThan(100);
  });

  it('reports a cut document without throwing', () => {
    const cut = (s: string) => parse(enc(s)).end;
    expect(cut('')).toEqual({ complete: false, reason: 'no JSON value (empty file)', offset: 0 });
    expect(cut('{"a":[1,2')).toEqual({ complete: false, reason: 'file ends inside 2 open containers', offset: 9 });
    expect(cut('{"a":"abc')).toMatchObject({ complete: false, reason: 'file ends inside a string' });
    expect(cut('{"ab')).toMatchObject({ complete: false, reason: 'file ends inside a key' });
  });

  it('throws on syntax errors with the byte offset', () => {
    const bad: [string, string][] = [
      ['{"a" 1}', 'JSON syntax error at byte 5: expected ":"'],
      ['[1,]', 'JSON syntax error at byte 3: expected a value'],
      ['[1 2]', 'JSON syntax error at byte 3: expected "," or "]"'],
      ['{"a":1,}', 'JSON syntax error at byte 7: expected a key'],
      ['{1:2}', 'JSON syntax error at byte 1: expected a key or "}"'],
      ['{"a":tru}', 'JSON syntax error at byte 5: "tru" is not a JSON value'],
      ['[01]', 'JSON syntax error at byte 1: "01" is not a JSON value'],
      ['{} x', 'JSON syntax error at byte 3: expected the end of the document'],
      ['["\\x"]', 'JSON syntax error at byte 3: expected a valid escape after "\\"'],
      ['["\\u12G4"]', 'JSON syntax error at byte 6: expected a hex digit in a \\u escape'],
      ['{"a":}', 'JSON syntax error at byte 5: expected a value'],
      [']', 'JSON syntax error at byte 0: expected a value'],
    ];
    for (const [text, message] of bad) {
      let err: unknown;
      try {
        parse(enc(text));
      } catch (e) {
        err = e;
      }
      expect(err, text).toBeInstanceOf(CurationError);
      expect((err as CurationError).message, text).toBe(message);
      expect((err as CurationError).code).toBe('invalid-input');
    }
    // Binary junk fails at once rather than being scanned.
    expect(() => parse(new Uint8Array([0x00, 0x01, 0xff, 0x7b]))).toThrow('JSON syntax error at byte 0: expected a value');
  });
});
