import type { IncomingMessage } from 'node:http';
import { BINARY_BATCH_ENTRY_BYTES, binaryBatchHeaderLength, binaryBatchSizes } from '../../shared/sync/binary-file-batch.js';
import type { FileBatchHeader } from '../../shared/sync/sync-protocol.js';
import { MAX_BATCH_BYTES, MAX_BATCH_FILES, MAX_BATCH_HEADER_BYTES, fileBatchHeaderSchema } from '../../shared/sync/sync-protocol.js';
import { HttpError } from './http-error.js';

export interface FileBatchBody {
  header: FileBatchHeader;
  /** Each header entry's bytes, in order (views into one buffer). */
  files: Buffer[];
}

/** The two framings (shared/sync/sync-protocol.ts, shared/sync/binary-file-batch.ts). */
export type FileBatchForm = 'json' | 'binary';

/** The longest body a batch can be: length prefix, header, files. */
export const MAX_BATCH_BODY_BYTES = 4 + Math.max(MAX_BATCH_HEADER_BYTES, MAX_BATCH_FILES * BINARY_BATCH_ENTRY_BYTES) + MAX_BATCH_BYTES;

/** How a framing's header is found and read: its length from the first 4 bytes, then the header itself. */
interface HeaderReader {
  length(first4: number): number;
  parse(header: Buffer): FileBatchHeader;
}

const jsonHeader: HeaderReader = {
  length(n) {
    if (n > MAX_BATCH_HEADER_BYTES) throw tooLarge(`the batch header is ${n} bytes, more than ${MAX_BATCH_HEADER_BYTES}`);
    if (n === 0) throw new HttpError(400, 'the batch header is empty (the body starts with a 4-byte big-endian header length)', 'body');
    return 4 + n;
  },
  parse: (header) => parseHeader(header.subarray(4)),
};

const binaryHeader: HeaderReader = {
  length(count) {
    const r = binaryBatchHeaderLength(count);
    if ('status' in r) throw r.status === 413 ? tooLarge(r.message) : new HttpError(400, r.message, 'body');
    return r.length;
  },
  parse(header) {
    const checked = binaryBatchSizes(header);
    if ('status' in checked) throw checked.status === 413 ? tooLarge(checked.message) : new HttpError(400, `${checked.field}: ${checked.message}`, checked.field);
    // Hex by Buffer (native): the store and its answers name files by their hex hash.
    return { files: checked.sizes.map((size, i) => ({ sha256: header.toString('hex', 4 + i * BINARY_BATCH_ENTRY_BYTES, 4 + i * BINARY_BATCH_ENTRY_BYTES + 32), size })) };
  },
};

/**
 * Reads a `POST /files/batch` body (framing in shared/sync/sync-protocol.ts) while it streams in: the header is
 * validated as soon as it has arrived, so a batch over the limits is refused (413) before its files are read, and
 * the body may not run past the length the header announces.
 */
export async function readFileBatch(req: IncomingMessage, form: FileBatchForm = 'json'): Promise<FileBatchBody> {
  const reader = form === 'binary' ? binaryHeader : jsonHeader;
  const declaredRaw = req.headers['content-length'];
  const declared = declaredRaw === undefined ? null : Number(declaredRaw);
  if (declared !== null && declared > MAX_BATCH_BODY_BYTES) throw tooLarge(`the request body is larger than ${MAX_BATCH_BODY_BYTES} bytes`);

  const chunks: Buffer[] = [];
  let received = 0;
  let header: FileBatchHeader | null = null;
  let headerEnd = 0;
  /** Body length announced by the header (known once the header is in). */
  let expected = MAX_BATCH_BODY_BYTES;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > expected) {
      throw header ? new HttpError(400, `the body is longer than the ${header.files.length} files its header announces (${expected} bytes)`, 'body') : tooLarge(`the request body is larger than ${MAX_BATCH_BODY_BYTES} bytes`);
    }
    chunks.push(chunk);
    if (header === null && received >= 4) {
      const head = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      const length = reader.length(head.readUInt32BE(0));
      if (received >= length) {
        header = reader.parse(head.subarray(0, length));
        headerEnd = length;
        const filesBytes = header.files.reduce((sum, f) => sum + f.size, 0);
        if (filesBytes > MAX_BATCH_BYTES) throw tooLarge(`the batch's files total ${filesBytes} bytes, more than ${MAX_BATCH_BYTES}; send fewer at a time`);
        expected = headerEnd + filesBytes;
        if (declared !== null && declared !== expected) throw new HttpError(400, `the body is ${declared} bytes but its header announces ${expected}`, 'body');
        if (received > expected) throw new HttpError(400, `the body is longer than the ${header.files.length} files its header announces (${expected} bytes)`, 'body');
        chunks.splice(0, chunks.length, head);
      }
    }
  }
  if (header === null) {
    if (received < 4) throw new HttpError(400, `the body is too short for a batch (a 4-byte big-endian ${form === 'binary' ? 'count of files' : 'header length'}, the header, the files)`, 'body');
    throw new HttpError(400, 'the body ends inside the batch header', 'body');
  }
  if (received < expected) throw new HttpError(400, `the body ends after ${received} bytes; its header announces ${expected}`, 'body');
  const body = Buffer.concat(chunks, received);
  const files: Buffer[] = [];
  let at = headerEnd;
  for (const f of header.files) {
    files.push(body.subarray(at, at + f.size));
    at += f.size;
  }
  return { header, files };
}

function parseHeader(bytes: Buffer): FileBatchHeader {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    throw new HttpError(400, `the batch header is not valid JSON (${err instanceof Error ? err.message : String(err)})`, 'body');
  }
  const parsed = fileBatchHeaderSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 20).map((i) => ({ field: i.path.map(String).join('.') || '(header)', message: i.message }));
    const first = issues[0]!;
    throw new HttpError(400, `${first.field}: ${first.message}`, first.field, { issues });
  }
  return parsed.data;
}

function tooLarge(message: string): HttpError {
  return new HttpError(413, message, 'body');
}
