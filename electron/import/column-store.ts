/**
 * Event columns on disk: one little-endian Float32 file per column (and Uint32 files for particle ids and set
 * members), so a cytogram reads two columns without touching the rest, and the files are checkable with any tool.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';

const littleEndian = os.endianness() === 'LE';

function bytesOf(values: Float32Array | Uint32Array): Uint8Array {
  if (littleEndian) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(values.byteLength);
  const view = new DataView(out.buffer);
  const isFloat = values instanceof Float32Array;
  for (let i = 0; i < values.length; i++) {
    if (isFloat) view.setFloat32(i * 4, values[i]!, true);
    else view.setUint32(i * 4, values[i]!, true);
  }
  return out;
}

/**
 * Writes the column and returns the SHA-256 of what it wrote: recorded at import in the library's fixity record,
 * so a file damaged before its first backup is found (hashing bytes in hand costs far less than reading them back).
 */
export function writeFloat32File(file: string, values: Float32Array): string {
  return writeBytes(file, bytesOf(values));
}

export function writeUint32File(file: string, values: Uint32Array): string {
  return writeBytes(file, bytesOf(values));
}

function writeBytes(file: string, bytes: Uint8Array): string {
  fs.writeFileSync(file, bytes);
  return createHash('sha256').update(bytes).digest('hex');
}

function readBytes(file: string, expectedCount?: number): Buffer {
  const buf = fs.readFileSync(file);
  if (buf.length % 4 !== 0) throw new Error(`${file}: size ${buf.length} is not a multiple of 4`);
  if (expectedCount !== undefined && buf.length !== expectedCount * 4) {
    throw new Error(`${file}: holds ${buf.length / 4} values, expected ${expectedCount}`);
  }
  return buf;
}

export function readFloat32File(file: string, expectedCount?: number): Float32Array {
  const buf = readBytes(file, expectedCount);
  const out = new Float32Array(buf.length / 4);
  if (littleEndian) new Uint8Array(out.buffer).set(buf);
  else for (let i = 0; i < out.length; i++) out[i] = buf.readFloatLE(i * 4);
  return out;
}

export function readUint32File(file: string, expectedCount?: number): Uint32Array {
  const buf = readBytes(file, expectedCount);
  const out = new Uint32Array(buf.length / 4);
  if (littleEndian) new Uint8Array(out.buffer).set(buf);
  else for (let i = 0; i < out.length; i++) out[i] = buf.readUInt32LE(i * 4);
  return out;
}
