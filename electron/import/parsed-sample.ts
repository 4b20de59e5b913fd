/**
 * What parsing one sample produced, ready to commit: plain data (it crosses from the import worker to the main
 * thread), with the event columns, set memberships, images and copied sources already written to a staging folder.
 * Paths in it are relative to that folder.
 */
import type { CurationErrorData } from '../../shared/api/errors.js';

export interface StagedColumn {
  header: string;
  channel: string | null;
  parameter: string | null;
  key: string;
  path: string;
  /** SHA-256 of the column file as written. */
  sha256: string;
}

export interface StagedFile {
  sourcePath: string;
  /** Relative to the staging folder; null when the file's content lives in columns only (a listmode). */
  storedPath: string | null;
  role: 'listmode' | 'info' | 'pulses' | 'image' | 'set-definition' | 'export-settings' | 'fcs' | 'other';
  sizeBytes: number;
  sha256: string;
}

export interface ParsedSample {
  kind: 'cytoclus' | 'fcs' | 'cyz2json';
  name: string;
  /** Identity parts (see sample-id.ts): source, instrument serial, start as written, name. */
  identity: { instrument: string | null; startedAt: string | null; name: string };
  instrument: string | null;
  instrumentSerial: string | null;
  /** Start as the source wrote it (local, or with an offset). */
  startedAtSource: string | null;
  /** UTC when an explicit offset was known (EXIF, cyz2json); null otherwise (deployment zone decides). */
  startedAtUtc: string | null;
  durationSeconds: number | null;
  volumeMicrolitres: number | null;
  eventCount: number;
  partial: boolean;
  particleIdsPath: string;
  /** SHA-256 of the particle-ids file as written. */
  particleIdsSha256: string;
  columns: StagedColumn[];
  sets: { name: string; eventCount: number; membersPath: string; membersSha256: string }[];
  images: { particleId: number; cropped: boolean; path: string; sha256: string; sizeBytes: number; width: number | null; height: number | null; takenAt: string | null }[];
  imagesMissing: number[];
  files: StagedFile[];
  metadata: Record<string, string>;
  /** Problems found (file, line, field); warnings do not stop the import. */
  issues: (CurationErrorData & { severity: 'warning' | 'error' })[];
}
