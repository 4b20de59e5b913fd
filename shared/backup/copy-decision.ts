/**
 * Whether an incremental backup must copy a stored file. Stored files are written once (a new import is a new
 * version folder), so a file whose expected sum is already listed in the backup, with a copy of the same size and
 * modification time there (copies keep the library file's time), is unchanged and is not read again. A file whose
 * time moved was written to since: it is read and checked against its recorded sum before anything is copied.
 * `verify` re-reads everything when asked.
 */

/** FAT and exFAT drives keep modification times to 2 s. */
export const mtimeToleranceMs = 2000;

export interface CopyInput {
  /** Size and modification time of the library's file now. */
  sizeBytes: number;
  mtimeMs: number;
  /** The sum the library recorded for it (at import, or when first seen); null when none is recorded yet. */
  expectedSha256: string | null;
  /** The sum the backup's manifest lists for this path, null when not listed. */
  listedSha256: string | null;
  /** Size and time of the backup's copy, null when there is none. */
  copySizeBytes: number | null;
  copyMtimeMs: number | null;
}

/**
 * - 'unchanged': listed with the expected sum, a copy of the same size and time: nothing to do.
 * - 'recheck': listed with the expected sum and the same size, but the library file's time moved: hash it; when it
 *   still matches nothing is copied, otherwise it is reported and the backup keeps its copy.
 * - 'copy': new or changed: copy it (hashing while reading, checked against the expected sum).
 * - 'compare': no expected sum: hash the library's file, then copy only when it differs from the listed sum.
 */
export type CopyDecision = 'unchanged' | 'recheck' | 'copy' | 'compare';

export function decideCopy(f: CopyInput): CopyDecision {
  const sameCopy = f.copySizeBytes !== null && f.copySizeBytes === f.sizeBytes && f.listedSha256 !== null;
  if (f.expectedSha256 === null) return sameCopy ? 'compare' : 'copy';
  if (!sameCopy || f.listedSha256 !== f.expectedSha256.toLowerCase()) return 'copy';
  const sameTime = f.copyMtimeMs !== null && Math.abs(f.copyMtimeMs - f.mtimeMs) <= mtimeToleranceMs;
  return sameTime ? 'unchanged' : 'recheck';
}
