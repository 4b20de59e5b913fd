import { describe, expect, it } from 'vitest';
import { createLineStream } from './line-stream.js';

function feed(chunks: number[][]): { lines: string[]; encoding: string; bom: boolean } {
  const s = createLineStream();
  const lines: string[] = [];
  for (const c of chunks) lines.push(...s.push(Uint8Array.from(c)));
  lines.push(...s.finish());
  return { lines, encoding: s.encoding, bom: s.bom };
}
const bytes = (t: string) => [...new TextEncoder().encode(t)];

describe('createLineStream', () => {
  it('strips a BOM split over chunks and CRLF split over chunks; keeps a last line without newline', () => {
    const all = [0xef, 0xbb, 0xbf, ...bytes('ab\r\ncd\r\nlast')];
    const r = feed([all.slice(0, 1), all.slice(1, 6), all.slice(6, 7), all.slice(7)]);
    expect(r).toEqual({ lines: ['ab', 'cd', 'last'], encoding: 'utf-8', bom: true });
  });

  it('keeps a multi-byte character split over chunks', () => {
    const all = bytes('Fl μ\nx\n');
    expect(feed([all.slice(0, 4), all.slice(4)]).lines).toEqual(['Fl μ', 'x']);
  });

  it('switches to Windows-1252 at the first invalid UTF-8 and stays there', () => {
    const r = feed([bytes('ID;FWS\n'), [0x31, 0x3b, 0xb5, 0x0a], [0xe9, 0x0a]]);
    expect(r).toEqual({ lines: ['ID;FWS', '1;µ', 'é'], encoding: 'windows-1252', bom: false });
  });

  it('does not keep a reference to the caller’s chunk', () => {
    const s = createLineStream();
    const chunk = Uint8Array.from(bytes('abc'));
    s.push(chunk);
    chunk.fill(0x7a);
    expect(s.push(Uint8Array.from(bytes('\n')))).toEqual(['abc']);
  });

  it('refuses a line longer than 1 MiB (binary input)', () => {
    const s = createLineStream();
    expect(() => {
      for (let i = 0; i < 20; i++) s.push(new Uint8Array(100_000).fill(0x41));
    }).toThrow(/no line break/);
  });
});
