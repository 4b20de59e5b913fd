import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * Streams a file once: every chunk goes to the parser and to SHA-256, so provenance costs no second read and no
 * file is ever held whole in memory.
 */
export async function readStreamed(
  file: string,
  onChunk: (chunk: Uint8Array) => void,
  shouldStop: () => boolean = () => false,
): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    if (shouldStop()) throw new ImportCancelled();
    const bytes = chunk as Buffer;
    hash.update(bytes);
    sizeBytes += bytes.length;
    onChunk(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}

export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled');
    this.name = 'ImportCancelled';
  }
}
