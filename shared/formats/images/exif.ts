/**
 * Minimal EXIF (TIFF) reader for the tags that identify a CytoClus particle image: enough to recover the sample
 * and particle ID of a renamed file (formats-cytosense.md §8.3). Reads IFD0 and the Exif sub-IFD only; no
 * thumbnails, no maker notes. Every offset is bounds-checked, so truncated or corrupt blocks yield issues and
 * whatever tags could be read.
 */
import type { FormatIssue } from '../format-issue.js';
import { decodeText } from '../text/decode-text.js';

export interface ExifTags {
  byteOrder: 'big-endian' | 'little-endian';
  /** CytoClus: "<sample> - <ParticleID>". */
  imageDescription?: string;
  make?: string;
  model?: string;
  software?: string;
  /** As written: "YYYY:MM:DD HH:MM:SS", local time of the instrument PC, no zone. */
  dateTime?: string;
  dateTimeOriginal?: string;
  subSecTimeOriginal?: string;
  /** EXIF 2.31 offset of DateTimeOriginal, e.g. "+01:00" (rare). */
  offsetTimeOriginal?: string;
  userComment?: string;
  /** Windows XPTitle (UTF-16LE). */
  xpTitle?: string;
  /** Windows XPComment (UTF-16LE); CytoClus writes "Datafile: …\r\nParticle ID: …\r\nDate: …" lines here. */
  xpComment?: string;
}

export interface ExifResult {
  tags: ExifTags | null;
  issues: FormatIssue[];
}

type StringTag = Exclude<keyof ExifTags, 'byteOrder'>;

const IFD0_TAGS: Record<number, StringTag> = {
  0x010e: 'imageDescription',
  0x010f: 'make',
  0x0110: 'model',
  0x0131: 'software',
  0x0132: 'dateTime',
  0x9c9b: 'xpTitle',
  0x9c9c: 'xpComment',
};
const EXIF_IFD_TAGS: Record<number, StringTag> = {
  0x9003: 'dateTimeOriginal',
  0x9291: 'subSecTimeOriginal',
  0x9011: 'offsetTimeOriginal',
  0x9286: 'userComment',
};
const TAG_EXIF_IFD = 0x8769;
const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8 };

/**
 * Reads a TIFF-structured EXIF block (what follows "Exif\0\0" in a JPEG APP1 segment).
 * `fileOffset` is where the block starts in the file, so issues point at file offsets.
 */
export function readExif(tiff: Uint8Array, fileOffset = 0): ExifResult {
  const issues: FormatIssue[] = [];
  if (tiff.length < 8) {
    issues.push({ offset: fileOffset, field: 'EXIF', message: 'EXIF block shorter than its 8-byte header' });
    return { tags: null, issues };
  }
  const order = String.fromCharCode(tiff[0]!, tiff[1]!);
  if (order !== 'MM' && order !== 'II') {
    issues.push({ offset: fileOffset, field: 'EXIF', message: `EXIF byte order "${order}" is neither II nor MM` });
    return { tags: null, issues };
  }
  const little = order === 'II';
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  if (view.getUint16(2, little) !== 42) {
    issues.push({ offset: fileOffset + 2, field: 'EXIF', message: 'EXIF TIFF header lacks the magic number 42' });
    return { tags: null, issues };
  }
  const tags: ExifTags = { byteOrder: little ? 'little-endian' : 'big-endian' };

  const readIfd = (ifdOffset: number, known: Record<number, StringTag>, followExif: boolean): void => {
    if (ifdOffset + 2 > tiff.length) {
      issues.push({ offset: fileOffset + ifdOffset, field: 'EXIF', message: 'EXIF directory lies past the end of the data' });
      return;
    }
    const count = view.getUint16(ifdOffset, little);
    for (let i = 0; i < count; i++) {
      const entry = ifdOffset + 2 + i * 12;
      if (entry + 12 > tiff.length) {
        issues.push({ offset: fileOffset + entry, field: 'EXIF', message: `EXIF directory cut after ${i} of ${count} entries` });
        return;
      }
      const tag = view.getUint16(entry, little);
      const type = view.getUint16(entry + 2, little);
      const n = view.getUint32(entry + 4, little);
      if (followExif && tag === TAG_EXIF_IFD) {
        readIfd(view.getUint32(entry + 8, little), EXIF_IFD_TAGS, false);
        continue;
      }
      const name = known[tag];
      if (name === undefined) continue;
      const size = (TYPE_SIZES[type] ?? 0) * n;
      const dataAt = size <= 4 ? entry + 8 : view.getUint32(entry + 8, little);
      if (size === 0 || dataAt + size > tiff.length) {
        issues.push({
          offset: fileOffset + entry,
          field: name,
          message: size === 0 ? `EXIF tag ${name} has an unusable type ${type}` : `EXIF tag ${name} points past the end of the data`,
        });
        continue;
      }
      const data = tiff.subarray(dataAt, dataAt + size);
      const text =
        name === 'xpTitle' || name === 'xpComment'
          ? decodeUtf16(data, true)
          : name === 'userComment'
            ? decodeUserComment(data, little)
            : decodeAscii(data);
      if (text !== '') tags[name] = text;
    }
  };
  readIfd(view.getUint32(4, little), IFD0_TAGS, true);
  return { tags, issues };
}

/** TIFF ASCII: NUL-terminated; CytoClus may put non-ASCII sample names here, so decode as text. */
function decodeAscii(data: Uint8Array): string {
  const nul = data.indexOf(0);
  return decodeText(nul >= 0 ? data.subarray(0, nul) : data).text.trim();
}

function decodeUtf16(data: Uint8Array, little: boolean): string {
  let s = '';
  for (let i = 0; i + 1 < data.length; i += 2) {
    const unit = little ? data[i]! | (data[i + 1]! << 8) : (data[i]! << 8) | data[i + 1]!;
    if (unit === 0) break;
    s += String.fromCharCode(unit);
  }
  return s.trim();
}

/** UserComment: 8-byte character code ("ASCII\0\0\0", "UNICODE\0", "JIS\0\0\0\0\0", or 8 NULs), then text. */
function decodeUserComment(data: Uint8Array, little: boolean): string {
  if (data.length < 8) return '';
  const code = String.fromCharCode(...data.subarray(0, 8)).replace(/\0+$/, '');
  const body = data.subarray(8);
  if (code === 'UNICODE') return decodeUtf16(body, little);
  if (code === 'JIS') return '';
  return decodeAscii(body).replace(/[\0\s]+$/, '');
}
