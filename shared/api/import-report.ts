/** The answer of an import (the CLI's --json document and the UI's summary): literal field names are a contract. */
import type { CurationErrorData } from './errors.js';

/** A file that was recognised but not imported, or not recognised: with the reason, in plain words. */
export interface SkippedFile {
  file: string;
  reason: string;
}

export interface ImportedSampleReport {
  id: string;
  name: string;
  /** imported: new sample; new-version: a new export of a known measurement; unchanged: same content again. */
  status: 'imported' | 'new-version' | 'unchanged';
  version: number;
  /** UTC. */
  measurementStart: string | null;
  /** As the source wrote it. */
  measurementStartSource: string | null;
  timeZoneAssumed: boolean;
  deployment: string | null;
  partial: boolean;
  events: number;
  volumeAnalysed_uL: number | null;
  sets: { name: string; events: number }[];
  images: { linked: number; missing: number[] };
  warnings: number;
}

export interface ImportedTrackReport {
  file: string;
  status: 'imported' | 'unchanged';
  points: number;
  from: string | null;
  to: string | null;
}

export interface ImportReport {
  job: string;
  samples: ImportedSampleReport[];
  tracks: ImportedTrackReport[];
  errors: CurationErrorData[];
  warnings: CurationErrorData[];
  skipped: SkippedFile[];
  cancelled: boolean;
}
