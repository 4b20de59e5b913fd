/**
 * Image folders exported as `.zip` (`<images output="zip">`). Archives re-zipped on macOS carry `__MACOSX/`
 * AppleDouble files and `.DS_Store`: only image entries are listed or read (formats-cytosense.md §2.2).
 */
import { Unzip, UnzipInflate, UnzipPassThrough, unzipSync } from 'fflate';
import type { UnzipFile, UnzipFileFilter } from 'fflate';
import { CurationError } from '../../api/errors.js';
import type { FormatIssue } from '../format-issue.js';
import { baseName, isImageFileName } from './particle-image-name.js';

export interface ZipImageEntry {
  /** Path inside the archive, `/`-separated. */
  path: string;
  /** Last path segment, e.g. "Pond_NA 2023-05-24 09h23_Cropped_63.jpg". */
  name: string;
  /** Uncompressed size in bytes. */
  size: number;
  compressedSize: number;
}

export interface ZipImageFile {
  path: string;
  bytes: Uint8Array;
}

/** Why an entry is not an image worth reading; null for images. */
export function zipEntrySkipReason(path: string): string | null {
  if (path.endsWith('/')) return 'folder';
  const parts = path.split(/[\\/]/);
  if (parts.includes('__MACOSX')) return 'macOS resource fork';
  const name = parts[parts.length - 1] ?? '';
  if (name === '.DS_Store' || name.startsWith('._')) return 'macOS metadata';
  if (name.toLowerCase() === 'thumbs.db' || name.toLowerCase() === 'desktop.ini') return 'Windows metadata';
  if (!isImageFileName(name)) return 'not an image';
  return null;
}

const STORED = 0;
const DEFLATE = 8;

/** Lists the image entries without decompressing anything. Throws when the bytes are not a zip archive. */
export function listZipImages(zip: Uint8Array): { images: ZipImageEntry[]; ignored: string[]; issues: FormatIssue[] } {
  const images: ZipImageEntry[] = [];
  const ignored: string[] = [];
  const issues: FormatIssue[] = [];
  unzipOrThrow(zip, (info) => {
    if (zipEntrySkipReason(info.name) !== null) ignored.push(info.name);
    else if (info.compression !== STORED && info.compression !== DEFLATE) {
      issues.push({ field: info.name, message: `zip entry uses compression method ${info.compression}, which cannot be read` });
    } else images.push({ path: info.name, name: baseName(info.name), size: info.originalSize, compressedSize: info.size });
    return false;
  });
  return { images, ignored, issues };
}

/**
 * Decompresses the image entries (all, or those `want` accepts). For large archives prefer
 * createZipImageReader, which hands over one image at a time.
 */
export function readZipImages(zip: Uint8Array, want?: (entry: ZipImageEntry) => boolean): ZipImageFile[] {
  const files = unzipOrThrow(zip, (info) => {
    if (zipEntrySkipReason(info.name) !== null) return false;
    if (info.compression !== STORED && info.compression !== DEFLATE) return false;
    return want ? want({ path: info.name, name: baseName(info.name), size: info.originalSize, compressedSize: info.size }) : true;
  });
  return Object.entries(files).map(([path, bytes]) => ({ path, bytes }));
}

function unzipOrThrow(zip: Uint8Array, filter: UnzipFileFilter): Record<string, Uint8Array> {
  try {
    return unzipSync(zip, { filter });
  } catch (e) {
    throw unreadableZip(e);
  }
}

export interface ZipImageReader {
  push(chunk: Uint8Array): void;
  /** Call after the last chunk. */
  finish(): { ignored: string[]; issues: FormatIssue[] };
}

/**
 * Streaming unzip: push the archive in chunks, get each image as soon as it is complete.
 * Reads local headers in order, so it also works on archives written in streaming mode.
 */
export function createZipImageReader(onImage: (image: ZipImageFile) => void): ZipImageReader {
  const ignored: string[] = [];
  const issues: FormatIssue[] = [];
  let sawEntry = false;
  let total = 0;
  /** Entries started but not complete: left over at the end means a cut archive. */
  const open = new Set<string>();
  const unzip = new Unzip((file: UnzipFile) => {
    sawEntry = true;
    const reason = zipEntrySkipReason(file.name);
    if (reason !== null) {
      ignored.push(file.name);
      return;
    }
    if (file.compression !== STORED && file.compression !== DEFLATE) {
      issues.push({ field: file.name, message: `zip entry uses compression method ${file.compression}, which cannot be read` });
      return;
    }
    const parts: Uint8Array[] = [];
    let length = 0;
    open.add(file.name);
    file.ondata = (err, data, final) => {
      if (err) {
        open.delete(file.name);
        issues.push({ field: file.name, message: `zip entry is damaged: ${err.message}` });
        return;
      }
      parts.push(data);
      length += data.length;
      if (final) {
        open.delete(file.name);
        onImage({ path: file.name, bytes: concat(parts, length) });
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  return {
    push(chunk: Uint8Array): void {
      total += chunk.length;
      try {
        unzip.push(chunk, false);
      } catch (e) {
        throw unreadableZip(e);
      }
    },
    finish() {
      let failure: string | null = null;
      try {
        unzip.push(new Uint8Array(0), true);
      } catch (e) {
        failure = e instanceof Error ? e.message : String(e);
      }
      if (!sawEntry && total > 0) throw new CurationError({ code: 'invalid-input', message: 'not a zip archive: no entries found' });
      // Images already delivered stay valid when the archive is cut: report the cut instead of failing.
      for (const name of open) issues.push({ field: name, message: 'zip archive ends inside this entry (truncated download?)' });
      if (failure !== null && open.size === 0) issues.push({ message: `zip archive is cut or damaged at its end: ${failure}` });
      return { ignored, issues };
    },
  };
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function unreadableZip(e: unknown): CurationError {
  return new CurationError({
    code: 'invalid-input',
    message: `not a readable zip archive: ${e instanceof Error ? e.message : String(e)}`,
  });
}
