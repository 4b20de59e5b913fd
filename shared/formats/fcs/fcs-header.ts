import { fcsError } from './fcs-error.js';
import type { FormatIssue } from '../format-issue.js';
import type { FcsByteRange, FcsHeader, FcsVersion } from './fcs-types.js';

/** HEADER = version (6) + 4 spaces + six 8-character offsets. */
export const FCS_HEADER_BYTES = 58;

const VERSIONS: readonly FcsVersion[] = ['FCS2.0', 'FCS3.0', 'FCS3.1'];

function ascii(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end && i < bytes.length; i++) s += String.fromCharCode(bytes[i] ?? 0);
  return s;
}

/** Quoted, with bytes outside printable ASCII as \xNN, so junk shows as what it is. */
function printable(s: string): string {
  return `"${s.replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`)}"`;
}

/**
 * Offsets are 8-character fields, right-justified with spaces or zero-padded without any ("00000074"), so each
 * field is parsed on its own. Blank means 0. Returns null when the field is not a number.
 */
function offsetField(bytes: Uint8Array, at: number): number | null {
  const raw = ascii(bytes, at, at + 8).trim();
  if (raw === '') return 0;
  return /^\d+$/.test(raw) ? Number(raw) : null;
}

/**
 * Reads the HEADER of the data set starting at `bytes[0]`, which sits at file offset `offset`.
 * Throws a CurationError when the bytes are not an FCS HEADER at all; doubtful optional parts become issues.
 */
export function readFcsHeader(bytes: Uint8Array, offset = 0): FcsHeader {
  const where = offset === 0 ? '' : ` (data set at byte ${offset})`;
  if (bytes.length === 0) throw fcsError(`not an FCS file: the file is empty${where}`);
  const magic = ascii(bytes, 0, 6);
  if (!(VERSIONS as readonly string[]).includes(magic)) {
    if (magic.startsWith('FCS') && /^FCS\d\.\d$/.test(magic)) {
      throw fcsError(`unsupported FCS version ${magic}${where}: this reader handles FCS2.0, FCS3.0 and FCS3.1`);
    }
    throw fcsError(`not an FCS file: header does not start with FCS2.0/FCS3.0/FCS3.1${where} (starts with ${printable(magic)})`);
  }
  if (bytes.length < FCS_HEADER_BYTES) {
    throw fcsError(`truncated FCS HEADER${where}: ${bytes.length} bytes, a HEADER needs ${FCS_HEADER_BYTES}`);
  }
  const version = magic as FcsVersion;
  const issues: FormatIssue[] = [];
  if (ascii(bytes, 6, 10) !== '    ') {
    issues.push({ offset: offset + 6, message: `HEADER bytes 6–9 should be 4 spaces, found ${printable(ascii(bytes, 6, 10))}` });
  }

  const textBegin = offsetField(bytes, 10);
  const textEnd = offsetField(bytes, 18);
  if (textBegin === null || textEnd === null) {
    throw fcsError(
      `not a readable FCS HEADER${where}: TEXT offsets ${printable(ascii(bytes, 10, 18))}, ${printable(ascii(bytes, 18, 26))} are not numbers`,
    );
  }
  if (textBegin < FCS_HEADER_BYTES || textEnd < textBegin) {
    throw fcsError(`not a readable FCS HEADER${where}: TEXT segment ${textBegin}–${textEnd} is not a valid byte range after the HEADER`);
  }

  const pair = (at: number, label: string): FcsByteRange | null => {
    const b = offsetField(bytes, at);
    const e = offsetField(bytes, at + 8);
    if (b === null || e === null) {
      issues.push({
        offset: offset + at,
        field: label,
        message: `HEADER ${label} offsets ${printable(ascii(bytes, at, at + 8))}, ${printable(ascii(bytes, at + 8, at + 16))} are not numbers; ignored`,
      });
      return null;
    }
    if (b === 0 && e === 0) return null;
    if (e < b) {
      issues.push({ offset: offset + at, field: label, message: `HEADER ${label} segment ${b}–${e} ends before it begins; ignored` });
      return null;
    }
    return { start: offset + b, end: offset + e + 1 };
  };

  return {
    version,
    offset,
    text: { start: offset + textBegin, end: offset + textEnd + 1 },
    data: pair(26, 'DATA'),
    analysis: pair(42, 'ANALYSIS'),
    issues,
  };
}
