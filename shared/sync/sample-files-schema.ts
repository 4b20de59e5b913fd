import { z } from 'zod';
import { checkedArray, hasOnlyKeys } from './checked-array.js';
import { SHA256_HEX_MESSAGE, isSha256Hex } from './sha256-hex.js';

/** Largest file the server takes (bytes). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024;

/** One file a sample needs: what it is, where it sits under the library's files, its hash and size. */
export const sampleFileSchema = z
  .object({
    role: z.string().max(40),
    path: z.string().max(1000),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, SHA256_HEX_MESSAGE),
    bytes: z.number().int().min(0).max(MAX_FILE_BYTES),
  })
  .strict();
export type SampleFile = z.infer<typeof sampleFileSchema>;

/** The schema's own check of one entry, written out: true only where sampleFileSchema accepts the entry as it is. */
export function isPlainSampleFile(f: unknown): f is SampleFile {
  if (!hasOnlyKeys(f, SAMPLE_FILE_KEYS, SAMPLE_FILE_KEYS)) return false;
  const { role, path, sha256, bytes } = f;
  return (
    typeof role === 'string' &&
    role.length <= 40 &&
    typeof path === 'string' &&
    path.length <= 1000 &&
    isSha256Hex(sha256) &&
    typeof bytes === 'number' &&
    Number.isSafeInteger(bytes) &&
    bytes >= 0 &&
    bytes <= MAX_FILE_BYTES
  );
}
const SAMPLE_FILE_KEYS = ['role', 'path', 'sha256', 'bytes'];

/**
 * A sample's files, up to 100,000. A record of 100 images went through the per-entry schema at ~1 ms a sample, most
 * of what the server spent on it (checked-array.ts).
 */
export const MAX_SAMPLE_FILES = 100_000;
export const sampleFilesSchema = checkedArray(sampleFileSchema, isPlainSampleFile, { max: MAX_SAMPLE_FILES });
