/**
 * Quality flags. The library stores every flag with its scheme; SeaDataNet L20 is the curation scheme and the one
 * published. SOMLIT and QARTOD codes are mapped to L20 through tables the user can read and change; the defaults
 * are the recommendations of formats-seadatanet.md §3.3–3.4 (no authoritative crosswalk exists).
 */
export type FlagScheme = 'L20' | 'SOMLIT' | 'QARTOD';

export interface FlagCode {
  code: string;
  label: string;
  shortLabel: string;
}

/** NVS L20 "SeaDataNet measurand qualifier flags" v8. */
export const l20Flags: readonly FlagCode[] = [
  { code: '0', label: 'no quality control', shortLabel: 'none' },
  { code: '1', label: 'good value', shortLabel: 'good' },
  { code: '2', label: 'probably good value', shortLabel: 'probably_good' },
  { code: '3', label: 'probably bad value', shortLabel: 'probably_bad' },
  { code: '4', label: 'bad value', shortLabel: 'bad' },
  { code: '5', label: 'changed value', shortLabel: 'changed' },
  { code: '6', label: 'value below detection', shortLabel: 'BD' },
  { code: '7', label: 'value in excess', shortLabel: 'excess' },
  { code: '8', label: 'interpolated value', shortLabel: 'interpolated' },
  { code: '9', label: 'missing value', shortLabel: 'missing' },
  { code: 'A', label: 'value phenomenon uncertain', shortLabel: 'ID_uncertain' },
  { code: 'B', label: 'nominal value', shortLabel: 'nominal' },
  { code: 'Q', label: 'value below limit of quantification', shortLabel: 'BelowLOQ' },
];

export const somlitFlags: readonly FlagCode[] = [
  { code: '0', label: 'data below detection limit', shortLabel: 'below_DL' },
  { code: '1', label: 'sampling performed, measurement not performed', shortLabel: 'not_measured' },
  { code: '2', label: 'good data, non-replicated', shortLabel: 'good' },
  { code: '3', label: 'questionable data', shortLabel: 'questionable' },
  { code: '4', label: 'bad data (kept because measured)', shortLabel: 'bad' },
  { code: '5', label: 'sampled, value not yet reported', shortLabel: 'not_reported' },
  { code: '6', label: 'good data, mean of several replicates', shortLabel: 'good_mean' },
  { code: '7', label: 'good data, acquired outside SOMLIT protocols', shortLabel: 'good_other_protocol' },
  { code: '8', label: 'data not yet flagged', shortLabel: 'unflagged' },
  { code: '9', label: 'no sample', shortLabel: 'no_sample' },
];

export const qartodFlags: readonly FlagCode[] = [
  { code: '1', label: 'pass', shortLabel: 'PASS' },
  { code: '2', label: 'not evaluated', shortLabel: 'NOT_EVALUATED' },
  { code: '3', label: 'suspect or of high interest', shortLabel: 'SUSPECT' },
  { code: '4', label: 'fail', shortLabel: 'FAIL' },
  { code: '9', label: 'missing data', shortLabel: 'MISSING' },
];

export const flagsByScheme: Record<FlagScheme, readonly FlagCode[]> = { L20: l20Flags, SOMLIT: somlitFlags, QARTOD: qartodFlags };

/** scheme → (code → L20 code). */
export type FlagMappingTables = Record<Exclude<FlagScheme, 'L20'>, Record<string, string>>;

export const defaultFlagMappings: FlagMappingTables = {
  SOMLIT: { '0': '6', '1': '9', '2': '1', '3': '3', '4': '4', '5': '9', '6': '1', '7': '1', '8': '0', '9': '9' },
  QARTOD: { '1': '1', '2': '0', '3': '3', '4': '4', '9': '9' },
};

export interface Flag {
  scheme: FlagScheme;
  code: string;
}

export function isValidFlag(flag: Flag): boolean {
  return flagsByScheme[flag.scheme].some((f) => f.code === flag.code);
}

/** The L20 code of a flag of any scheme, through the mapping tables; null when the table has no entry. */
export function toL20(flag: Flag, tables: FlagMappingTables = defaultFlagMappings): string | null {
  if (flag.scheme === 'L20') return isValidFlag(flag) ? flag.code : null;
  const mapped = tables[flag.scheme][flag.code];
  return mapped !== undefined && l20Flags.some((f) => f.code === mapped) ? mapped : null;
}

/** Checks a user-edited table: every source code mapped, every target an L20 code. */
export function mappingProblems(tables: FlagMappingTables): string[] {
  const problems: string[] = [];
  for (const scheme of ['SOMLIT', 'QARTOD'] as const) {
    for (const f of flagsByScheme[scheme]) {
      const to = tables[scheme][f.code];
      if (to === undefined) problems.push(`${scheme} ${f.code} (${f.label}) has no L20 code`);
      else if (!l20Flags.some((l) => l.code === to)) problems.push(`${scheme} ${f.code} maps to "${to}", which is not an L20 code`);
    }
  }
  return problems;
}
