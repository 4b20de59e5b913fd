/**
 * The binary form of `POST /api/v1/files/batch` (Content-Type BINARY_FILE_BATCH_TYPE): the same batch of small
 * files as the JSON-header form, with the header as fixed-size entries and a short answer. At 100,000 images a
 * sync, the JSON header (64 hex digits per file, parsed and checked one entry at a time) and an answer echoing every
 * hash with its status were a tenth of what client and server spent; the hashes travel here as their 32 bytes.
 *
 * Body: a 4-byte big-endian count N (1 to MAX_BATCH_FILES), then N entries of 36 bytes (the file's SHA-256, then its
 * size as a 4-byte big-endian integer, at most MAX_BATCH_FILE_BYTES), then the files' bytes concatenated in that
 * order, nothing before, between or after. The files' sizes total at most MAX_BATCH_BYTES.
 *
 * Answer (200, FileBatchAnswer): how many files were judged (N), and the positions of those the server already had
 * (`exists`) and of those it refused, with why (bytes that do not match their SHA-256). Every other file was stored.
 * A server from before this form answers 415; the client then sends the JSON-header form (sync-protocol.ts).
 */
import { z } from 'zod';
import type { FileBatchResult } from './sync-protocol.js';
import { MAX_BATCH_BYTES, MAX_BATCH_FILE_BYTES, MAX_BATCH_FILES } from './sync-protocol.js';

export const BINARY_FILE_BATCH_TYPE = 'application/vnd.cytocurator.file-batch';
/** One header entry: 32 bytes of SHA-256, 4 of size. */
export const BINARY_BATCH_ENTRY_BYTES = 36;

export interface FileBatchAnswer {
  files: number;
  exists: number[];
  refused: { index: number; reason: string }[];
}

const index = z.number().int().min(0).max(MAX_BATCH_FILES - 1);
/** The client's check of the answer (that the positions are those of the files sent: see batchAnswerProblem). */
export const fileBatchAnswerSchema = z.object({
  files: z.number().int().min(1).max(MAX_BATCH_FILES),
  exists: z.array(index).max(MAX_BATCH_FILES),
  refused: z.array(z.object({ index, reason: z.string().max(10_000) })).max(MAX_BATCH_FILES),
});

/** The short answer for a batch's results, one per file in order. */
export function shortBatchAnswer(results: readonly FileBatchResult[]): FileBatchAnswer {
  const answer: FileBatchAnswer = { files: results.length, exists: [], refused: [] };
  results.forEach((r, i) => {
    if (r.status === 'exists') answer.exists.push(i);
    else if (r.status === 'refused') answer.refused.push({ index: i, reason: r.reason ?? 'refused' });
  });
  return answer;
}

/** What is wrong with an answer to a batch of `sent` files (null: nothing), for the client's error. */
export function batchAnswerProblem(answer: FileBatchAnswer, sent: number): string | null {
  if (answer.files !== sent) return `it judged ${answer.files} files, not the ${sent} sent`;
  const seen = new Set<number>();
  for (const i of [...answer.exists, ...answer.refused.map((r) => r.index)]) {
    if (i >= sent) return `it names file ${i} of a batch of ${sent}`;
    if (seen.has(i)) return `it names file ${i} twice`;
    seen.add(i);
  }
  return null;
}

const HEX = '0123456789abcdef';
/** Hex digit values by character code (-1: not a lower-case hex digit). */
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) DIGIT[HEX.charCodeAt(i)] = i;

/** Writes a lower-case hex SHA-256 as its 32 bytes at `at`; false (nothing written that counts) when it is not one. */
function writeHash(hex: string, out: Uint8Array, at: number): boolean {
  if (hex.length !== 64) return false;
  for (let i = 0; i < 32; i++) {
    const hi = DIGIT[hex.charCodeAt(2 * i)] ?? -1;
    const lo = DIGIT[hex.charCodeAt(2 * i + 1)] ?? -1;
    if (hi < 0 || lo < 0) return false;
    out[at + i] = (hi << 4) | lo;
  }
  return true;
}

/** The 32 bytes at `at` as lower-case hex. */
export function hashHexAt(bytes: Uint8Array, at: number): string {
  let s = '';
  for (let i = at; i < at + 32; i++) s += HEX[(bytes[i] as number) >> 4]! + HEX[(bytes[i] as number) & 15]!;
  return s;
}

/** Frames a batch in the binary form (the client sends it; tests build bodies with it). Throws on a hash that is not lower-case hex. */
export function frameBinaryFileBatch(files: readonly { sha256: string; bytes: Uint8Array }[]): Uint8Array {
  const head = 4 + files.length * BINARY_BATCH_ENTRY_BYTES;
  let total = head;
  for (const f of files) total += f.bytes.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  view.setUint32(0, files.length, false);
  let entry = 4;
  let at = head;
  for (const f of files) {
    if (!writeHash(f.sha256, out, entry)) throw new Error(`not a SHA-256 in lower-case hex: ${JSON.stringify(f.sha256.slice(0, 80))}`);
    view.setUint32(entry + 32, f.bytes.length, false);
    out.set(f.bytes, at);
    entry += BINARY_BATCH_ENTRY_BYTES;
    at += f.bytes.length;
  }
  return out;
}

/** The header's length for a count read from the first 4 bytes, or why the count cannot be. */
export function binaryBatchHeaderLength(count: number): { length: number } | { status: 400 | 413; message: string } {
  if (count === 0) return { status: 400, message: 'the batch is empty (the body starts with a 4-byte big-endian count of files, at least 1)' };
  if (count > MAX_BATCH_FILES) return { status: 413, message: `the batch announces ${count} files, more than ${MAX_BATCH_FILES}; send fewer at a time` };
  return { length: 4 + count * BINARY_BATCH_ENTRY_BYTES };
}

/**
 * Each file's size from a complete header (`header`: the count and the entries), checked: the field of a wrong
 * one as `files.<i>.size`, as the JSON form names it.
 */
export function binaryBatchSizes(header: Uint8Array): { sizes: number[]; total: number } | { status: 400 | 413; field: string; message: string } {
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const count = view.getUint32(0, false);
  const sizes: number[] = new Array(count);
  let total = 0;
  for (let i = 0; i < count; i++) {
    const size = view.getUint32(4 + i * BINARY_BATCH_ENTRY_BYTES + 32, false);
    if (size > MAX_BATCH_FILE_BYTES) return { status: 400, field: `files.${i}.size`, message: `at most ${MAX_BATCH_FILE_BYTES} bytes in a batch; larger files go by PUT in chunks` };
    sizes[i] = size;
    total += size;
  }
  if (total > MAX_BATCH_BYTES) return { status: 413, field: 'body', message: `the batch's files total ${total} bytes, more than ${MAX_BATCH_BYTES}; send fewer at a time` };
  return { sizes, total };
}
