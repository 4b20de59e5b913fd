import { CurationError } from '../../../api/errors.js';
import type { TextEncoding } from '../../text/decode-text.js';

/**
 * Turns byte chunks into complete text lines without ever holding the whole file as one string. Lines are cut
 * at the byte 0x0A before decoding (the same byte in UTF-8 and Windows-1252), so a multi-byte character is never
 * split. UTF-8 is tried strictly; at the first invalid segment the stream switches to Windows-1252 for good
 * (bytes already decoded were valid UTF-8, and for the ASCII that dominates these files both agree).
 */
export interface LineStream {
  /** Complete lines found so far in this chunk (CR stripped, BOM removed from the first line). */
  push(chunk: Uint8Array): string[];
  /** The last line if the file does not end with a newline. */
  finish(): string[];
  readonly encoding: TextEncoding;
  readonly bom: boolean;
}

/** A line longer than this without a newline means the input is not a line-based text export. */
const maxLineBytes = 1 << 20;

export function createLineStream(): LineStream {
  let carry: Uint8Array = new Uint8Array(0);
  let encoding: TextEncoding = 'utf-8';
  let started = false;
  let bom = false;
  let utf8: TextDecoder | null = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let cp1252: TextDecoder | null = null;

  function decode(bytes: Uint8Array): string {
    if (!started) {
      started = true;
      if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        bom = true;
        bytes = bytes.subarray(3);
      }
    }
    if (utf8) {
      try {
        return utf8.decode(bytes);
      } catch {
        utf8 = null;
        encoding = 'windows-1252';
      }
    }
    cp1252 ??= new TextDecoder('windows-1252');
    return cp1252.decode(bytes);
  }

  function toLines(text: string): string[] {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i] as string;
      if (l.endsWith('\r')) lines[i] = l.slice(0, -1);
    }
    return lines;
  }

  return {
    push(chunk) {
      const lastNewline = chunk.lastIndexOf(0x0a);
      if (lastNewline < 0) {
        // Copy: the caller may reuse its chunk buffer.
        carry = carry.length === 0 ? chunk.slice() : concat(carry, chunk);
        if (carry.length > maxLineBytes) {
          throw new CurationError({ code: 'invalid-input', message: `no line break in the first ${maxLineBytes} bytes of a line: not a text export` });
        }
        return [];
      }
      const head = concat(carry, chunk.subarray(0, lastNewline));
      carry = chunk.slice(lastNewline + 1);
      return toLines(decode(head));
    },
    finish() {
      if (carry.length === 0) {
        if (!started) decode(carry);
        return [];
      }
      const text = decode(carry);
      carry = new Uint8Array(0);
      return text === '' ? [] : toLines(text);
    },
    get encoding() {
      return encoding;
    },
    get bom() {
      return bom;
    },
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
