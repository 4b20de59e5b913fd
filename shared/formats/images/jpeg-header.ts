/**
 * Reads what precedes the compressed data of a JPEG: frame size (SOF), EXIF (APP1 "Exif") and XMP (APP1 XMP).
 * Works on the first bytes of a file — CytoClus images carry all of it in the first ~2 KB; JPEG_HEADER_READ_BYTES
 * is a safe amount to read for images from other writers (large EXIF thumbnails come before the SOF).
 */
import { CurationError } from '../../api/errors.js';
import type { FormatIssue } from '../format-issue.js';
import { readExif } from './exif.js';
import type { ExifTags } from './exif.js';

export const JPEG_HEADER_READ_BYTES = 65_536;

export interface JpegHeader {
  width: number | null;
  height: number | null;
  /** 1 = grayscale (CytoClus exports), 3 = colour. */
  components: number | null;
  bitsPerSample: number | null;
  exif: ExifTags | null;
  /** The XMP packet text, when present. */
  xmp: string | null;
  /** The bytes ended before the frame header: read more of the file for the dimensions. */
  truncated: boolean;
  issues: FormatIssue[];
}

const EXIF_ID = [0x45, 0x78, 0x69, 0x66, 0, 0]; // "Exif\0\0"
const XMP_ID = 'http://ns.adobe.com/xap/1.0/\0';

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** Throws CurationError('invalid-input') when the bytes are not a JPEG at all (no SOI marker). */
export function readJpegHeader(bytes: Uint8Array): JpegHeader {
  if (!isJpeg(bytes)) throw new CurationError({ code: 'invalid-input', message: 'not a JPEG image (no FFD8 start marker)' });
  const out: JpegHeader = {
    width: null,
    height: null,
    components: null,
    bitsPerSample: null,
    exif: null,
    xmp: null,
    truncated: false,
    issues: [],
  };
  let pos = 2;
  let broken = false;
  for (;;) {
    if (pos >= bytes.length) {
      out.truncated = true;
      break;
    }
    if (bytes[pos] !== 0xff) {
      out.issues.push({ offset: pos, message: `expected a JPEG marker at byte ${pos}, found 0x${hex(bytes[pos]!)}` });
      broken = true;
      break;
    }
    while (bytes[pos + 1] === 0xff) pos++; // fill bytes
    const marker = bytes[pos + 1];
    if (marker === undefined) {
      out.truncated = true;
      break;
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image / start of scan: header done
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      pos += 2;
      continue;
    }
    if (pos + 4 > bytes.length) {
      out.truncated = true;
      break;
    }
    const length = (bytes[pos + 2]! << 8) | bytes[pos + 3]!;
    if (length < 2) {
      out.issues.push({ offset: pos, message: `JPEG segment 0x${hex(marker)} has impossible length ${length}` });
      broken = true;
      break;
    }
    const dataStart = pos + 4;
    const segmentEnd = pos + 2 + length;
    const data = bytes.subarray(dataStart, Math.min(segmentEnd, bytes.length));
    const cut = segmentEnd > bytes.length;
    if (isStartOfFrame(marker)) {
      if (data.length >= 6) {
        out.bitsPerSample = data[0]!;
        out.height = (data[1]! << 8) | data[2]!;
        out.width = (data[3]! << 8) | data[4]!;
        out.components = data[5]!;
      } else out.truncated = true;
    } else if (marker === 0xe1) {
      if (startsWith(data, EXIF_ID) && out.exif === null) {
        if (cut) {
          out.issues.push({
            offset: pos,
            field: 'EXIF',
            message: `EXIF segment cut: ${data.length - 6} of ${length - 8} bytes present`,
          });
        }
        const exif = readExif(data.subarray(6), dataStart + 6);
        out.exif = exif.tags;
        out.issues.push(...exif.issues);
      } else if (startsWithText(data, XMP_ID) && out.xmp === null && !cut) {
        out.xmp = new TextDecoder('utf-8').decode(data.subarray(XMP_ID.length));
      }
    }
    if (cut) {
      out.truncated = true;
      break;
    }
    pos = segmentEnd;
  }
  if (!out.truncated && !broken && out.width === null) out.issues.push({ message: 'JPEG has no frame header (SOF): size unknown' });
  return out;
}

function isStartOfFrame(marker: number): boolean {
  // C0–CF are SOF markers except C4 (DHT), C8 (JPG extension) and CC (DAC).
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function startsWith(data: Uint8Array, prefix: readonly number[]): boolean {
  if (data.length < prefix.length) return false;
  return prefix.every((b, i) => data[i] === b);
}

function startsWithText(data: Uint8Array, prefix: string): boolean {
  if (data.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (data[i] !== prefix.charCodeAt(i)) return false;
  return true;
}

function hex(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}

/** PNG size from the IHDR chunk (CytoClus can export PNG: `img="png"`). Null when not a PNG. */
export function readPngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || !startsWith(bytes, signature) || !startsWithText(bytes.subarray(12), 'IHDR')) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
