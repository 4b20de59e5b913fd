/**
 * What the SeaDataNet writers (ODV, CDI XML, NetCDF) take: a dataset already resolved by the library — approved
 * samples only, each value with its final L20 flag, vocabulary codes looked up. The writers are pure and
 * deterministic: every date they write comes from `lastChangeAt`, never from a clock, so the same dataset gives
 * byte-identical files.
 */

/** A published group (a gated set with a standard name) and its SeaDataNet parameter codes. */
export interface PublishedGroup {
  /** Standard group name, e.g. `OraPicoProk` (also the ODV column's local name). */
  name: string;
  /** Human label written in the file (e.g. "Abundance of OraPicoProk (Synechococcus-like) by flow cytometry"). */
  label: string;
  /** P01 parameter code, e.g. `P700A90Z`. */
  p01: string;
  /** P06 unit code, e.g. `UCML`; `unitLabel` is the unit as written in an ODV column header (`#/ml`). */
  p06: string;
  unitLabel: string;
  /** P02 discovery term for CDI keywords, e.g. `PNTX`. */
  p02: string | null;
  /** True when the vocabulary entry was not confirmed against NVS (reported as a warning, never hidden). */
  unverified: boolean;
}

/** One value of one group in one sample: null = missing (written empty, flag `9`). */
export interface PublishedValue {
  group: string;
  value: number | null;
  /** NVS L20 flag code: `0`…`9`, `A`, `B`, `Q`. */
  flag: string;
}

export interface PublishedSample {
  sampleId: string;
  /** UTC, ISO 8601 with Z (e.g. `2024-05-02T10:30:00.000Z`). */
  time: string;
  latitude: number;
  longitude: number;
  /** Sampling depth, metres (positive down); null when unknown (the unit's sampling depth is used). */
  depth_m: number | null;
  values: PublishedValue[];
}

export interface Station {
  name: string;
  latitude: number;
  longitude: number;
  samplingDepth_m: number | null;
  bottomDepth_m: number | null;
}

/**
 * One CDI record's worth of data: a fixed station over a period (`time-series`, ODV type `*`) or one cast of a
 * cruise (`profile`, ODV type `B`, primary variable depth).
 */
export interface CdiUnit {
  localCdiId: string;
  station: Station;
  featureType: 'time-series' | 'profile';
  /** In time order (time series) or depth order (profile). */
  samples: PublishedSample[];
}

export interface PublicationContact {
  name: string;
  email: string;
  /** EDMO code of the contact's organisation, when known. */
  edmo?: string | null;
}

export interface PublicationMetadata {
  title: string;
  abstract: string;
  /** EDMO code of the data-holding centre (CDI partner, ODV EDMO_code). */
  holdingCentreEdmo: string;
  /** EDMO code of the originator. */
  originatorEdmo: string;
  pi: PublicationContact;
  project: string | null;
  /** Cruise name (ODV `Cruise` column); for a fixed station the deployment or station series name. */
  cruise: string;
  /** L06 platform class, e.g. `14` (fixed buoy) or `31` (research vessel). */
  platformClass: string;
  /** C17 ship code when there is one. */
  platformCode: string | null;
  /** L22 instrument, e.g. `TOOL1209` (CytoSense). */
  instrument: string;
  /** L05 device category, e.g. `LAB37` (flow cytometers). */
  deviceCategory: string;
  /** P02 discovery parameters (CDI keywords). */
  discoveryParameters: string[];
  /** L08 access restriction, e.g. `LS` (no restriction). */
  accessRestriction: string;
  /** ISO 8601 UTC of the dataset's last change event: every date written into a file comes from it. */
  lastChangeAt: string;
  /** Smart-trigger rules and other acquisition notes carried into files (plain text, may be empty). */
  acquisitionNotes: string[];
}

export interface PublicationDataset {
  id: string;
  metadata: PublicationMetadata;
  groups: PublishedGroup[];
  units: CdiUnit[];
}

/** A problem found by a validator: `line` for text formats, `path` for XML/NetCDF; `rule` names the rule checked. */
export interface ValidationError {
  line?: number;
  path?: string;
  rule: string;
  message: string;
}

export interface ValidationReport {
  valid: boolean;
  format: 'sdn-odv' | 'cdi-xml' | 'sdn-netcdf';
  errors: ValidationError[];
  /** Rules not checked (e.g. they need remote code lists), each with why. */
  skipped: { rule: string; reason: string }[];
  /** Findings that do not make the file invalid (e.g. newer rules than the profile a harvested record declares). */
  warnings?: ValidationError[];
}
