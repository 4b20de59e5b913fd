import { describe, expect, it } from 'vitest';
import { Base64Stream, base64ByteLength } from './base64-stream.js';

const enc = (s: string) => new TextEncoder().encode(s);

function decode(text: string, chunk = text.length || 1, decodeBytes = true) {
  const s = new Base64Stream(decodeBytes);
  const bytes = enc(text);
  for (let at = 0; at < bytes.length; at += chunk) s.push(bytes.subarray(at, at + chunk));
  const out = s.finish();
  return { out: out && Array.from(out), byteLength: s.byteLength, error: s.error };
}

describe('Base64Stream', () => {
  it('decodes with and without padding, in any chunking', () => {
    // Node's Buffer gives the reference bytes.
    for (const bytes of [[], [0], [0xff, 0xd8], [0xff, 0xd8, 0xff], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]) {
      const b64 = Buffer.from(bytes).toString('base64');
      for (const chunk of [1, 2, 3, 5, 64]) {
        expect(decode(b64, chunk), `${b64} / ${chunk}`).toEqual({ out: bytes, byteLength: bytes.length, error: null });
        expect(decode(b64.replace(/=+$/, ''), chunk).out).toEqual(bytes);
      }
    }
  });
  it('counts without decoding', () => {
    expect(decode('/9j/4AAQ', 3, false)).toEqual({ out: [], byteLength: 6, error: null });
    expect(base64ByteLength('/9j/4A==')).toBe(4); // 6 data characters → 4 bytes
  });
  it('accepts the URL-safe alphabet and line breaks', () => {
    expect(decode('-_-_\r\n-w==').out).toEqual(Array.from(Buffer.from('+/+/+w==', 'base64')));
  });
  it('reports junk instead of throwing', () => {
    expect(decode('AA!A').error).toBe('invalid base64 character "!" at 2');
    expect(decode('AA==AA').error).toBe('base64 data continues after "=" padding at 4');
    expect(decode('AAAAA')).toEqual({ out: null, byteLength: 3, error: 'base64 data ends with a single dangling character' });
  });
});
