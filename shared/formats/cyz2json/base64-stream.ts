/**
 * Incremental base64 (RFC 4648, also the URL-safe alphabet) over byte chunks, for the images cyz2json inlines:
 * counts the decoded size without keeping anything, or decodes into a growing buffer when the bytes are wanted.
 * Whitespace is ignored; anything else outside the alphabet is an error (reported, not thrown).
 */
const TABLE = new Int16Array(256).fill(-1);
for (let i = 0; i < 64; i++) TABLE['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;
TABLE[0x2d] = 62; // '-' URL-safe
TABLE[0x5f] = 63; // '_' URL-safe
const PAD = 0x3d;

export class Base64Stream {
  private quad = 0;
  private quadLen = 0;
  private padding = 0;
  private out: Uint8Array | null;
  private outLen = 0;
  /** Decoded bytes so far (also when not decoding). */
  byteLength = 0;
  /** First problem found, e.g. 'invalid base64 character "!" at 12'. */
  error: string | null = null;
  private seen = 0;

  constructor(decode: boolean, expectedBytes = 0) {
    this.out = decode ? new Uint8Array(Math.max(expectedBytes, 1024)) : null;
  }

  push(bytes: Uint8Array): void {
    if (this.error !== null) return;
    for (let k = 0; k < bytes.length; k++) {
      const c = bytes[k]!;
      const v = TABLE[c]!;
      if (v < 0) {
        if (c === PAD) {
          this.padding++;
          continue;
        }
        if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
        this.error = `invalid base64 character ${JSON.stringify(String.fromCharCode(c))} at ${this.seen + k}`;
        return;
      }
      if (this.padding > 0) {
        this.error = `base64 data continues after "=" padding at ${this.seen + k}`;
        return;
      }
      this.quad = (this.quad << 6) | v;
      if (++this.quadLen === 4) {
        this.emit(3);
        this.quad = 0;
        this.quadLen = 0;
      }
    }
    this.seen += bytes.length;
  }

  /** Decoded bytes (empty when not decoding), or null after an error. */
  finish(): Uint8Array | null {
    if (this.error === null) {
      if (this.quadLen === 1) this.error = 'base64 data ends with a single dangling character';
      else if (this.quadLen === 2) {
        this.quad <<= 12;
        this.emit(1);
      } else if (this.quadLen === 3) {
        this.quad <<= 6;
        this.emit(2);
      }
      this.quadLen = 0;
    }
    if (this.error !== null) return null;
    return this.out ? this.out.subarray(0, this.outLen) : new Uint8Array(0);
  }

  private emit(count: number): void {
    this.byteLength += count;
    const out = this.out;
    if (out === null) return;
    if (this.outLen + 3 > out.length) {
      const grown = new Uint8Array(out.length * 2);
      grown.set(out.subarray(0, this.outLen));
      this.out = grown;
    }
    const o = this.out!;
    const q = this.quad;
    o[this.outLen++] = (q >> 16) & 0xff;
    if (count > 1) o[this.outLen++] = (q >> 8) & 0xff;
    if (count > 2) o[this.outLen++] = q & 0xff;
  }
}

/** Decoded size of a complete base64 text (no decoding). */
export function base64ByteLength(text: string): number {
  const s = new Base64Stream(false);
  s.push(new TextEncoder().encode(text));
  s.finish();
  return s.byteLength;
}
