import { z } from 'zod';

/** Largest file the server takes (bytes). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024;
const SHA256 = /^[0-9a-f]{64}$/;

/** One file a sample needs: what it is, where it sits under the library's files, its hash and size. */
export const sampleFileSchema = z
  .object({
    role: z.string().max(40),
    path: z.string().max(1000),
    sha256: z.string().regex(SHA256, 'a SHA-256 in lower-case hex'),
    bytes: z.number().int().min(0).max(MAX_FILE_BYTES),
  })
  .strict();
export type SampleFile = z.infer<typeof sampleFileSchema>;

/** The schema's own check of one entry, written out: true only where sampleFileSchema accepts the entry as it is. */
export function isPlainSampleFile(f: unknown): f is SampleFile {
  if (typeof f !== 'object' || f === null || Array.isArray(f)) return false;
  let keys = 0;
  for (const k in f) {
    if (!Object.prototype.hasOwnProperty.call(f, k)) continue;
    if (k !== 'role' && k !== 'path' && k !== 'sha256' && k !== 'bytes') return false;
    keys++;
  }
  if (keys !== 4) return false;
  const { role, path, sha256, bytes } = f as Record<string, unknown>;
  return (
    typeof role === 'string' &&
    role.length <= 40 &&
    typeof path === 'string' &&
    path.length <= 1000 &&
    typeof sha256 === 'string' &&
    SHA256.test(sha256) &&
    typeof bytes === 'number' &&
    Number.isSafeInteger(bytes) &&
    bytes >= 0 &&
    bytes <= MAX_FILE_BYTES
  );
}

/**
 * A sample's files, up to 100,000. A record of 100 images went through the per-entry schema at ~1 ms a sample, most
 * of what the server spent on it: each entry is checked by isPlainSampleFile first, and only one it does not accept
 * goes through sampleFileSchema, whose issues (with the entry's index in their path) say what is wrong.
 */
export const sampleFilesSchema = z
  .array(z.unknown())
  .max(100_000)
  .superRefine((files, ctx) => {
    for (let i = 0; i < files.length; i++) {
      if (isPlainSampleFile(files[i])) continue;
      const parsed = sampleFileSchema.safeParse(files[i]);
      if (parsed.success) continue;
      for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: [i, ...issue.path] } as Parameters<typeof ctx.addIssue>[0]);
    }
  })
  .transform((files) => files as SampleFile[]);
