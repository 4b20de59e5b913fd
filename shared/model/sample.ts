/**
 * A sample is one measurement: one CytoSense run (a .cyz and its CytoClus exports) or one FCS data set.
 * Its id is stable: the same measurement imported twice, anywhere, gets the same id (see sample-id.ts).
 */
export type SampleSource = 'cytosense' | 'fcs';

export interface SampleSummary {
  id: string;
  name: string;
  source: SampleSource;
  /** Measurement start, UTC, ISO 8601 with Z. Null when the files carry no usable time. */
  startedAt: string | null;
  /** The start exactly as the source wrote it (local clock, or with its offset when the source has one). */
  startedAtSource: string | null;
  /** True when neither the data nor a deployment gave the clock's zone and the source time was taken as UTC. */
  timeZoneAssumed: boolean;
  /** True when only set exports were imported: the events are the union of those sets, not Default (all). */
  partial: boolean;
  durationSeconds: number | null;
  instrument: string | null;
  instrumentSerial: string | null;
  deployment: string | null;
  station: string | null;
  latitude: number | null;
  longitude: number | null;
  depthMetres: number | null;
  /** Analysed volume in microlitres. */
  volumeMicrolitres: number | null;
  eventCount: number;
  imageCount: number;
  importedAt: string;
  /** Sample flag (its scheme and code), null when not flagged. */
  flag: { scheme: string; code: string } | null;
  reviewState: 'unreviewed' | 'approved' | 'needs-attention';
  /** Who last changed the review state. */
  reviewer: string | null;
  comment: string | null;
  /** Count (and abundance per mL when the volume is known and the sample is complete) of each group. */
  /** By standard group name where the set maps to one, else the set's name; `set`: the set's own name. */
  groups: { name: string; set: string; count: number; abundancePerMl: number | null }[];
}

export interface SampleFile {
  /** Path relative to the library's files/ folder (so a library stays valid when moved). */
  path: string;
  role: 'listmode' | 'info' | 'pulses' | 'image' | 'set-definition' | 'export-settings' | 'fcs' | 'other';
  sizeBytes: number;
  sha256: string;
}

/** Where a sample's data came from: every source file of its current import, with size and SHA-256. */
export interface SampleProvenance {
  sourcePath: string;
  /** Copy kept in the library (relative to files/), or null when the content lives in event columns only. */
  storedPath: string | null;
  role: SampleFile['role'];
  sizeBytes: number;
  sha256: string;
}

export interface SampleImportIssue {
  severity: 'warning' | 'error';
  file: string | null;
  line: number | null;
  field: string | null;
  message: string;
}

export interface SampleDetail extends SampleSummary {
  /** Files stored in the library for this sample (sources kept, images). */
  files: SampleFile[];
  /** Import version in use (1 for a first import). */
  importVersion: number | null;
  provenance: SampleProvenance[];
  /** Event table columns (channel + parameter), in file order. */
  columns: string[];
  /** CytoClus sets exported with the sample, with their event counts. */
  sets: { name: string; events: number }[];
  issues: SampleImportIssue[];
  /** Metadata fields as read from the source (Info file, FCS TEXT), kept verbatim for the metadata panel. */
  metadata: Record<string, string>;
}

/** Columns a sample list can be sorted by; the service maps each to an indexed SQL column. */
export const sampleSortFields = [
  'startedAt',
  'name',
  'deployment',
  'station',
  'eventCount',
  'volumeMicrolitres',
  'importedAt',
  'reviewState',
  'flag',
] as const;
export type SampleSortField = (typeof sampleSortFields)[number];
