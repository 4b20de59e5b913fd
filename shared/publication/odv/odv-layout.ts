/**
 * The fixed parts of a SeaDataNet ODV spreadsheet (SeaDataNet D8.5 "ODV import format 0.4"; the layout is the one
 * of the OCTOPUS-valid file octopus/odv/profile/diap.txt — see shared/docs/formats-seadatanet.md §2).
 */

/** Keys of the nine metadata columns, in the order SeaDataNet files write them. */
export type OdvMetadataKey =
  | 'cruise'
  | 'station'
  | 'type'
  | 'date'
  | 'longitude'
  | 'latitude'
  | 'localCdiId'
  | 'edmoCode'
  | 'bottomDepth';

export const odvMetadataKeys: readonly OdvMetadataKey[] = [
  'cruise',
  'station',
  'type',
  'date',
  'longitude',
  'latitude',
  'localCdiId',
  'edmoCode',
  'bottomDepth',
];

/** Exact column labels. The date column's label states its precision, so it has several accepted forms. */
export const odvMetadataLabels: Readonly<Record<Exclude<OdvMetadataKey, 'date'>, string>> = {
  cruise: 'Cruise',
  station: 'Station',
  type: 'Type',
  longitude: 'Longitude [degrees_east]',
  latitude: 'Latitude [degrees_north]',
  localCdiId: 'LOCAL_CDI_ID',
  edmoCode: 'EDMO_code',
  bottomDepth: 'Bot. Depth [m]',
};

/** Accepted labels of the station date-time column (precision stated by the label, values must match it). */
export const odvDateLabels: readonly string[] = ['yyyy-mm-ddThh:mm:ss.sss', 'yyyy-mm-ddThh:mm:ss', 'yyyy-mm-ddThh:mm', 'yyyy-mm-dd'];

/** The date label the writer uses: millisecond precision, as in diap.txt. */
export const odvWriterDateLabel = 'yyyy-mm-ddThh:mm:ss.sss';

/** Every data column is followed by one flag column with exactly this label. */
export const odvFlagLabel = 'QV:SEADATANET';

/** Metadata columns that must hold a value on every station row (Bot. Depth may be empty = unknown). */
export const odvMandatoryMetadata: readonly OdvMetadataKey[] = odvMetadataKeys.filter((k) => k !== 'bottomDepth');

/** `B` bottle/discrete profile, `C` CTD or > 250 levels, `*` SeaDataNet default (time series, trajectories). */
export const odvTypeCodes: readonly string[] = ['B', 'C', '*'];

/**
 * NVS L20 "SeaDataNet measurand qualifier flags", version 8 (SDN.L20.8, 2022-05-14): 0 no quality control,
 * 1 good, 2 probably good, 3 probably bad, 4 bad, 5 changed, 6 below detection, 7 in excess, 8 interpolated,
 * 9 missing, A phenomenon uncertain, B nominal, Q below limit of quantification.
 */
export const l20FlagCodes: ReadonlySet<string> = new Set(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'Q']);

/** L20 flag written with an empty value. */
export const missingValueFlag = '9';

/** P06 units with special rules: ISO 8601 strings, and "not applicable" for text-valued parameters. */
export const p06Iso8601 = 'TISO';
export const p06NotApplicable = 'XXXX';
export const p06Dimensionless = 'UUUU';

/** P01 date-time parameters whose unit must be TISO (OCTOPUS enforces it for ENDX8601 since 1.7.0). */
export const isoDateTimeP01: ReadonlySet<string> = new Set(['DTUT8601', 'ENDX8601']);

export function metadataKeyOfLabel(label: string): OdvMetadataKey | null {
  if (odvDateLabels.includes(label)) return 'date';
  for (const key of odvMetadataKeys) {
    if (key !== 'date' && odvMetadataLabels[key] === label) return key;
  }
  return null;
}

/** Splits a column label into the local name (the mapping subject) and the bracketed free-text unit. */
export function splitColumnLabel(label: string): { name: string; unit: string | null } {
  const m = /^(.*?)\s*\[([^\]]*)\]\s*$/.exec(label);
  if (m === null) return { name: label.trim(), unit: null };
  return { name: (m[1] ?? '').trim(), unit: m[2] ?? '' };
}
