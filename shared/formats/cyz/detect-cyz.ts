/**
 * Recognises a CytoSense `.cyz` measurement file from its first bytes, so the importer can say what to do with it
 * instead of failing on "unknown format". A `.cyz` is a .NET BinaryFormatter (MS-NRBF) object graph with
 * hundreds of versioned classes: it is not parsed here (see formats-cytosense.md §12) — convert it with cyz2json.
 *
 * Layout of the first records (MS-NRBF, little-endian):
 *   SerializationHeaderRecord  00 | RootId i32 | HeaderId i32 (-1) | MajorVersion i32 (1) | MinorVersion i32 (0)
 *   BinaryLibrary              0C | LibraryId i32 | LengthPrefixedString "CytoSense, Version=2.11.7944.22178, …"
 *   ClassWithMembersAndTypes   05 | ObjectId i32 | LengthPrefixedString "CytoSense.Data.Data+DataFile" (or
 *                                   "CytoSense.Data.SegmentedData.SegmentedDataFileHeader" in segmented files)
 */

import { CurationError } from '../../api/errors.js';

export const CYZ_CONVERSION_MESSAGE =
  'this is a CytoSense .cyz file: convert it with cyz2json or export it from CytoClus';

/** How many leading bytes detectCyz needs at most (more are ignored). */
export const CYZ_DETECT_BYTES = 1024;

export interface CyzDetection {
  /** MS-NRBF stream whose first library is the CytoSense assembly. */
  isCyz: boolean;
  /** Starts with an MS-NRBF serialization header (a .NET BinaryFormatter stream, CytoSense or not). */
  isNrbf: boolean;
  /** CytoSense library version from the assembly string, e.g. "2.11.7944.22178". */
  version?: string;
  /** Full assembly string, e.g. "CytoSense, Version=2.4.0.10, Culture=neutral, PublicKeyToken=null". */
  assembly?: string;
  /** .NET class of the root object, e.g. "CytoSense.Data.Data+DataFile". */
  rootClass?: string;
  /** Newer files start with a SegmentedDataFileHeader (particles and images in segments). */
  layout?: 'datafile' | 'segmented';
}

const RECORD_SERIALIZATION_HEADER = 0x00;
const RECORD_BINARY_LIBRARY = 0x0c;
const RECORD_CLASS_WITH_MEMBERS_AND_TYPES = 0x05;
const RECORD_SYSTEM_CLASS_WITH_MEMBERS_AND_TYPES = 0x04;
const RECORD_CLASS_WITH_MEMBERS = 0x03;

/** True when the file name has the `.cyz` extension in any case (`.CYZ` occurs on very old files). */
export function hasCyzExtension(fileName: string): boolean {
  return /\.cyz$/i.test(fileName);
}

export function detectCyz(firstBytes: Uint8Array): CyzDetection {
  const bytes = firstBytes.subarray(0, CYZ_DETECT_BYTES);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 17 || bytes[0] !== RECORD_SERIALIZATION_HEADER) return { isCyz: false, isNrbf: false };
  // HeaderId is always -1 and the format version 1.0 in BinaryFormatter output.
  const headerId = view.getInt32(5, true);
  const major = view.getInt32(9, true);
  const minor = view.getInt32(13, true);
  if (headerId !== -1 || major !== 1 || minor !== 0) return { isCyz: false, isNrbf: false };

  let pos = 17;
  if (bytes[pos] !== RECORD_BINARY_LIBRARY) return { isCyz: false, isNrbf: true };
  const library = readLengthPrefixedString(bytes, pos + 5);
  if (!library) return { isCyz: false, isNrbf: true };
  pos = library.end;
  const assembly = library.text;
  if (!/^CytoSense\s*,/.test(assembly)) return { isCyz: false, isNrbf: true };

  const result: CyzDetection = { isCyz: true, isNrbf: true, assembly };
  const version = /Version=([^,\s]+)/.exec(assembly)?.[1];
  if (version !== undefined) result.version = version;
  const kind = bytes[pos];
  if (
    kind === RECORD_CLASS_WITH_MEMBERS_AND_TYPES ||
    kind === RECORD_SYSTEM_CLASS_WITH_MEMBERS_AND_TYPES ||
    kind === RECORD_CLASS_WITH_MEMBERS
  ) {
    const rootClass = readLengthPrefixedString(bytes, pos + 5);
    if (rootClass) {
      result.rootClass = rootClass.text;
      result.layout = rootClass.text.includes('SegmentedDataFileHeader') ? 'segmented' : 'datafile';
    }
  }
  return result;
}

/** MS-NRBF LengthPrefixedString: 7-bit variable-length byte count (at most 5 bytes), then UTF-8. */
function readLengthPrefixedString(bytes: Uint8Array, start: number): { text: string; end: number } | null {
  let length = 0;
  let pos = start;
  for (let shift = 0; shift <= 28; shift += 7) {
    const b = bytes[pos++];
    if (b === undefined) return null;
    length |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) {
      if (length < 0 || pos + length > bytes.length) return null;
      return { text: new TextDecoder('utf-8').decode(bytes.subarray(pos, pos + length)), end: pos + length };
    }
  }
  return null;
}

/**
 * The error the importer reports for a `.cyz` it was asked to import: not a parse failure, an instruction.
 * The CytoSense version helps the user pick a cyz2json release.
 */
export function cyzConversionError(detection?: CyzDetection): CurationError {
  const message = detection?.version
    ? CYZ_CONVERSION_MESSAGE.replace('.cyz file', `.cyz file (CytoSense ${detection.version})`)
    : CYZ_CONVERSION_MESSAGE;
  return new CurationError({ code: 'invalid-input', message });
}
