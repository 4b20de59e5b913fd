import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { readFloat32File, readUint32File, writeFloat32File, writeUint32File } from './column-store.js';

const tempDir = useTempDirs();

describe('column store', () => {
  it('round-trips Float32 and Uint32 columns as little-endian bytes', () => {
    const dir = tempDir();
    const values = new Float32Array([0, 1.5, -2.25, 6.421e6, Number.NaN]);
    writeFloat32File(path.join(dir, 'a.f32'), values);
    const bytes = fs.readFileSync(path.join(dir, 'a.f32'));
    expect(bytes.readFloatLE(12)).toBe(Math.fround(6.421e6));
    expect(Array.from(readFloat32File(path.join(dir, 'a.f32'), 5))).toEqual(Array.from(values));
    writeUint32File(path.join(dir, 'b.u32'), new Uint32Array([0, 63, 4294967295]));
    expect(Array.from(readUint32File(path.join(dir, 'b.u32')))).toEqual([0, 63, 4294967295]);
  });

  it('refuses a column of the wrong length or a torn file', () => {
    const dir = tempDir();
    writeFloat32File(path.join(dir, 'a.f32'), new Float32Array(3));
    expect(() => readFloat32File(path.join(dir, 'a.f32'), 4)).toThrow(/holds 3 values, expected 4/);
    fs.writeFileSync(path.join(dir, 'torn.f32'), Buffer.alloc(7));
    expect(() => readFloat32File(path.join(dir, 'torn.f32'))).toThrow(/not a multiple of 4/);
  });
});
