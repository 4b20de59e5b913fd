/**
 * Who is in a particle image: particle ID, sample, cropped or not, measurement start and instrument serial —
 * from the EXIF/XMP CytoClus writes (survives renaming) and from the file name, plus the image size.
 * Works on the first bytes of the file (JPEG_HEADER_READ_BYTES is plenty).
 */
import { offsetDateTimeToUtc } from '../cyz2json/offset-date-time.js';
import type { FormatIssue } from '../format-issue.js';
import type { ExifTags } from './exif.js';
import { isJpeg, readJpegHeader, readPngSize } from './jpeg-header.js';
import { baseName, parseParticleImageName } from './particle-image-name.js';
import { readXmpFields } from './xmp.js';
import type { XmpFields } from './xmp.js';

export interface ImageMetadataIdentity {
  sample: string | null;
  particleId: number | null;
  cropped: boolean | null;
  /**
   * Measurement start as written: the EXIF comment's "Date:" with its UTC offset
   * ("2023-05-24T09:26:01.2613822+01:00"), else EXIF DateTimeOriginal as local ISO without zone
   * ("2023-05-24T09:26:01.26"), else XMP CreateDate.
   */
  measurementStart: string | null;
  /** CytoSense serial from the comment ("CytoSense: CS-2022-114"). */
  instrumentSerial: string | null;
  software: string | null;
}

export interface ParticleImage extends ImageMetadataIdentity {
  fileName: string;
  /** Where particleId came from: image metadata wins over the file name (renamed files keep their EXIF). */
  identitySource: 'metadata' | 'file-name' | null;
  /** measurementStart as UTC ISO with Z, only when it carries an offset. */
  measurementStartUtc: string | null;
  format: 'jpeg' | 'png' | 'other';
  width: number | null;
  height: number | null;
  components: number | null;
  /** The head bytes ended before the image size: read more. */
  truncated: boolean;
  issues: FormatIssue[];
}

/** Identity from the tags CytoClus writes (formats-cytosense.md §8.3). */
export function identityFromImageMetadata(exif: ExifTags | null, xmp: XmpFields | null): ImageMetadataIdentity {
  const out: ImageMetadataIdentity = {
    sample: null,
    particleId: null,
    cropped: null,
    measurementStart: null,
    instrumentSerial: null,
    software: exif?.software ?? xmp?.creatorTool ?? null,
  };
  const comment = parseCommentLines(exif?.xpComment ?? exif?.userComment ?? '');
  const titled =
    parseSampleDashId(exif?.imageDescription) ??
    parseSampleDashId(exif?.xpTitle) ??
    parseSampleDashId(xmp?.title) ??
    parseSampleDashId(xmp?.description);
  const commentId = comment.get('particle id');
  out.sample = comment.get('datafile') ?? titled?.sample ?? null;
  out.particleId = commentId !== undefined && /^\d+$/.test(commentId) ? Number(commentId) : (titled?.particleId ?? null);
  const process = comment.get('process')?.toLowerCase();
  if (process === 'cropped') out.cropped = true;
  else if (process === 'uncropped') out.cropped = false;
  out.instrumentSerial = comment.get('cytosense') ?? null;
  out.measurementStart =
    comment.get('date') ??
    exifDateTimeToIso(exif?.dateTimeOriginal, exif?.subSecTimeOriginal, exif?.offsetTimeOriginal) ??
    xmp?.createDate ??
    null;
  return out;
}

/** "<sample> - <id>", split at the last " - " (sample names may contain " - "). */
export function parseSampleDashId(text: string | undefined): { sample: string; particleId: number } | null {
  if (text === undefined) return null;
  const m = /^(.*\S) - (\d+)$/.exec(text.trim());
  return m ? { sample: m[1]!, particleId: Number(m[2]) } : null;
}

/** "Key: value" lines of the CytoClus comment, keys lower-cased. */
function parseCommentLines(comment: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of comment.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const key = line.slice(0, i).trim().toLowerCase();
    const value = line.slice(i + 1).trim();
    if (value !== '' && !out.has(key)) out.set(key, value);
  }
  return out;
}

/** EXIF "YYYY:MM:DD HH:MM:SS" (+ sub-seconds, + offset) → ISO 8601; local time unless an offset is given. */
export function exifDateTimeToIso(dateTime?: string, subSec?: string, offset?: string): string | null {
  const m = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(dateTime?.trim() ?? '');
  if (!m || m[1] === '0000') return null;
  const frac = subSec !== undefined && /^\d+$/.test(subSec.trim()) ? `.${subSec.trim()}` : '';
  const zone = offset !== undefined && /^[+-]\d{2}:\d{2}$|^Z$/.test(offset.trim()) ? offset.trim() : '';
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${frac}${zone}`;
}

/**
 * Inspects one particle image from its file name and its first bytes (or all of them).
 * Never throws: a file that is not a readable image gets an issue and whatever the name tells.
 */
export function inspectParticleImage(fileName: string, head: Uint8Array): ParticleImage {
  const name = baseName(fileName);
  const fromName = parseParticleImageName(name);
  const out: ParticleImage = {
    fileName: name,
    sample: null,
    particleId: null,
    cropped: null,
    measurementStart: null,
    measurementStartUtc: null,
    instrumentSerial: null,
    software: null,
    identitySource: null,
    format: 'other',
    width: null,
    height: null,
    components: null,
    truncated: false,
    issues: [],
  };
  let meta: ImageMetadataIdentity | null = null;
  if (isJpeg(head)) {
    out.format = 'jpeg';
    const header = readJpegHeader(head);
    out.width = header.width;
    out.height = header.height;
    out.components = header.components;
    out.truncated = header.truncated;
    out.issues.push(...header.issues);
    if (header.exif !== null || header.xmp !== null) {
      meta = identityFromImageMetadata(header.exif, header.xmp === null ? null : readXmpFields(header.xmp));
    }
  } else {
    const png = readPngSize(head);
    if (png) {
      out.format = 'png';
      out.width = png.width;
      out.height = png.height;
    } else {
      out.issues.push({ offset: 0, message: head.length === 0 ? 'empty image file' : 'not a JPEG or PNG image' });
    }
  }

  if (meta) {
    out.measurementStart = meta.measurementStart;
    out.instrumentSerial = meta.instrumentSerial;
    out.software = meta.software;
  }
  if (meta !== null && meta.particleId !== null) {
    out.particleId = meta.particleId;
    out.sample = meta.sample;
    out.cropped = meta.cropped ?? fromName?.cropped ?? null;
    out.identitySource = 'metadata';
    if (fromName && fromName.particleId !== meta.particleId) {
      out.issues.push({
        field: 'Particle ID',
        message: `file name says particle ${fromName.particleId} but the image metadata says ${meta.particleId}; using the metadata`,
      });
    }
    if (fromName?.naming === 'cytoclus' && meta.sample !== null && (fromName.sample ?? '').normalize('NFC') !== meta.sample.normalize('NFC')) {
      out.issues.push({
        field: 'Datafile',
        message: `file name says sample "${fromName.sample}" but the image metadata says "${meta.sample}"; using the metadata`,
      });
    }
    if (fromName && fromName.cropped !== null && meta.cropped !== null && fromName.cropped !== meta.cropped) {
      out.issues.push({
        field: 'Process',
        message: `file name says ${processName(fromName.cropped)} but the image metadata says ${processName(meta.cropped)}`,
      });
    }
  } else if (fromName) {
    out.particleId = fromName.particleId;
    out.sample = fromName.sample ?? meta?.sample ?? null;
    out.cropped = fromName.cropped ?? meta?.cropped ?? null;
    out.identitySource = 'file-name';
  } else {
    out.issues.push({ message: 'no particle ID in the image metadata or the file name' });
  }
  if (out.measurementStart !== null) out.measurementStartUtc = offsetDateTimeToUtc(out.measurementStart);
  return out;
}

function processName(cropped: boolean): string {
  return cropped ? 'Cropped' : 'Uncropped';
}
