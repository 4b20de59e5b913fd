/**
 * Decoding the base64 parts of a DensityPayload (levels, dotBins, dotCounts) into typed arrays. atob exists in the
 * renderer and in Node ≥ 16, so the helpers are tested in node.
 */

/** Bytes of a base64 string (standard alphabet, padding optional). */
export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Little-endian Uint32 values of a base64 string; a trailing partial value is refused. */
export function base64ToUint32LE(text: string): Uint32Array {
  const bytes = base64ToBytes(text);
  if (bytes.length % 4 !== 0) throw new Error(`base64 Uint32 data has ${bytes.length} bytes, not a multiple of 4`);
  const out = new Uint32Array(bytes.length / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * 4, true);
  return out;
}
