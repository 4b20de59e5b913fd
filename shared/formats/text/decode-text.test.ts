import { describe, expect, it } from 'vitest';
import { decodeText, splitLines } from './decode-text.js';

describe('decodeText', () => {
  it('strips the UTF-8 BOM and decodes UTF-8', () => {
    const r = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x46, 0x6c, 0x20, 0xce, 0xbc, 0x4c]));
    expect(r).toEqual({ text: 'Fl μL', encoding: 'utf-8', bom: true });
  });
  it('falls back to Windows-1252 on invalid UTF-8 (Excel re-saves)', () => {
    const r = decodeText(new Uint8Array([0x44, 0xe9, 0x62, 0x69, 0x74, 0x20, 0xb5, 0x4c])); // "Débit µL"
    expect(r).toEqual({ text: 'Débit µL', encoding: 'windows-1252', bom: false });
  });
  it('splits CRLF and LF lines', () => {
    expect(splitLines('a\r\nb\nc\r\n')).toEqual(['a', 'b', 'c']);
    expect(splitLines('')).toEqual([]);
  });
});
