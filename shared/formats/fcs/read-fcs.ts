// Whole files in memory: readFcs. Large files, streamed, one data set at a time from offset 0:
//   const header = readFcsHeader(bytesAt(offset, offset + FCS_HEADER_BYTES), offset);
//   const text = bytesAt(header.text.start, header.text.end);
//   let head = readFcsDataSetHead(header, text, fileSize);
//   const s = head.segments.supplementaryText;
//   if (s) head = readFcsDataSetHead(header, text, fileSize, bytesAt(s.start, s.end));
//   const decoder = createFcsDataDecoder(head); // throws head.dataError
//   for await (const chunk of fs.createReadStream(path, { start: data.start, end: data.end - 1 })) decoder.push(chunk);
//   const dataSet = decoder.finish(); // then the next data set at head.nextDataSet, if any
import type { FormatIssue } from '../format-issue.js';
import { CurationError, fcsError } from './fcs-error.js';
import { createFcsDataDecoder } from './fcs-data-decoder.js';
import { readFcsDataSetHead } from './fcs-data-set-head.js';
import { readFcsHeader } from './fcs-header.js';
import type { FcsDataSetHead, FcsFile } from './fcs-types.js';

/** DATA is fed to the decoder in slices this size so each per-parameter pass stays in cache. */
const SLICE_BYTES = 256 * 1024;

function readHead(bytes: Uint8Array, offset: number): FcsDataSetHead {
  const header = readFcsHeader(bytes.subarray(offset), offset);
  if (header.text.end > bytes.length) {
    throw fcsError(`TEXT segment ends at byte ${header.text.end - 1} but the file has ${bytes.length} bytes (truncated file)`);
  }
  const text = bytes.subarray(header.text.start, header.text.end);
  return readFcsDataSetHead(header, text, bytes.length, (r) => bytes.subarray(r.start, r.end));
}

/** Follows $NEXTDATA; a later data set that cannot be read ends the chain with a file-level issue. */
function eachHead(bytes: Uint8Array, visit: (head: FcsDataSetHead) => void, issues: FormatIssue[]): void {
  let offset: number | null = 0;
  while (offset !== null) {
    let head: FcsDataSetHead;
    try {
      head = readHead(bytes, offset);
      visit(head);
    } catch (err) {
      if (offset === 0 || !(err instanceof CurationError)) throw err;
      issues.push({ offset, message: `data set at byte ${offset} ($NEXTDATA) not read: ${err.message}` });
      return;
    }
    offset = head.nextDataSet;
  }
}

/**
 * Reads a whole FCS 2.0/3.0/3.1 file held in memory: every data set with its columns. Throws a CurationError
 * (code invalid-input) with the reason when the first data set cannot be read (not FCS, truncated, $PAR missing,
 * unsupported $DATATYPE or $MODE…). For large files use readFcsHeader + readFcsDataSetHead + createFcsDataDecoder.
 */
export function readFcs(bytes: Uint8Array): FcsFile {
  const file: FcsFile = { datasets: [], issues: [] };
  eachHead(
    bytes,
    (head) => {
      const decoder = createFcsDataDecoder(head);
      const data = head.segments.data;
      if (data) for (let at = data.start; at < data.end; at += SLICE_BYTES) decoder.push(bytes.subarray(at, Math.min(at + SLICE_BYTES, data.end)));
      file.datasets.push(decoder.finish());
    },
    file.issues,
  );
  return file;
}

/**
 * Keywords, parameters and layout of every data set without decoding DATA, and without failing on DATA problems
 * (each head's `dataError` says why its DATA cannot be read): shows the metadata of a truncated file.
 * Throws only when the first HEADER or TEXT cannot be read (not FCS, cut off inside TEXT).
 */
export function readFcsDataSetHeads(bytes: Uint8Array): { datasets: FcsDataSetHead[]; issues: FormatIssue[] } {
  const out: { datasets: FcsDataSetHead[]; issues: FormatIssue[] } = { datasets: [], issues: [] };
  eachHead(bytes, (head) => out.datasets.push(head), out.issues);
  return out;
}
