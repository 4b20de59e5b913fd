import { describe, expect, it } from 'vitest';
import { base64ToBytes, base64ToUint32LE } from './base64.js';

/** What the service sends: base64 of the raw bytes (Buffer there, btoa here; the renderer has no Buffer). */
const encode = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

describe('base64 decoding', () => {
  it('decodes bytes', () => {
    expect(Array.from(base64ToBytes(encode(Uint8Array.from([0, 1, 254, 255, 7]))))).toEqual([0, 1, 254, 255, 7]);
    expect(base64ToBytes('').length).toBe(0);
  });

  it('decodes little-endian Uint32 values', () => {
    const values = [0, 1, 65535, 65536, 4294967295, 123456789];
    const bytes = new Uint8Array(values.length * 4);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => view.setUint32(i * 4, v, true));
    expect(bytes[4]).toBe(1); // little-endian: low byte first
    expect(Array.from(base64ToUint32LE(encode(bytes)))).toEqual(values);
  });

  it('refuses a partial Uint32', () => {
    expect(() => base64ToUint32LE(encode(Uint8Array.from([1, 2, 3])))).toThrow(/multiple of 4/);
  });
});
