/**
 * Listmode column names are `<channel> <parameter>` (formats-cytosense.md §6.2): the parameter comes from a
 * fixed vocabulary (§6.3), the channel is free text whose case and wording vary between instruments and even
 * between files of one instrument (`FL Red` / `Fl Red`). Parse by name, never by position.
 */

/** Parameter names as CytoClus writes them in CSV headers (the variable length is `Length(xx%)`). */
export type ListmodeParameter =
  | 'Length'
  | 'Total'
  | 'Maximum'
  | 'Average'
  | 'Inertia'
  | 'Center of gravity'
  | 'Fill factor'
  | 'Asymmetry'
  | 'Number of cells'
  | 'First'
  | 'Last'
  | 'Minimum'
  | 'SWS covariance'
  | `Length(${number}%)`
  | 'Sample Length'
  | 'Arrival Time';

/** The same parameters as named in set-definition XML (§10) — what a gate refers to. */
export type ListmodeParameterId =
  | 'Length'
  | 'Total'
  | 'Maximum'
  | 'Average'
  | 'Inertia'
  | 'CentreOfGravity'
  | 'FillFactor'
  | 'Asymmetry'
  | 'NumberOfCells'
  | 'First'
  | 'Last'
  | 'Minimum'
  | 'SWSCOV'
  | 'VariableLength'
  | 'SampleLength'
  | 'TimeOfArrival';

export interface ListmodeColumnName {
  /** Channel as written (`Fl Red`); '' for the per-particle columns `Sample Length` and `Arrival Time`; the
   *  whole trimmed header when it does not end in a known parameter (e.g. R's `ArrivalTime`). */
  channel: string;
  /** Canonical parameter spelling, or null when the header does not end in a known parameter. */
  parameter: ListmodeParameter | null;
  parameterId: ListmodeParameterId | null;
  /** For `Length(xx%)`: xx. */
  variableLengthPercent?: number;
  /** Case-, whitespace- and R-dot-insensitive channel key for matching across files: `Fl Red` → `fl red`. */
  key: string;
}

// Separators between words: spaces as CytoClus writes them, dots/underscores after R's make.names (`FL.Red.Total`).
const SEP = '[\\s._]+';

// Longest suffix first, so `SWS covariance` wins over anything shorter and `Length(50%)` over `Length`.
const FIXED_PARAMETERS: ReadonlyArray<readonly [ListmodeParameter, ListmodeParameterId]> = (
  [
    ['Center of gravity', 'CentreOfGravity'],
    ['Number of cells', 'NumberOfCells'],
    ['SWS covariance', 'SWSCOV'],
    ['Fill factor', 'FillFactor'],
    ['Asymmetry', 'Asymmetry'],
    ['Maximum', 'Maximum'],
    ['Average', 'Average'],
    ['Inertia', 'Inertia'],
    ['Minimum', 'Minimum'],
    ['Length', 'Length'],
    ['Total', 'Total'],
    ['First', 'First'],
    ['Last', 'Last'],
  ] as const
).slice().sort((a, b) => b[0].length - a[0].length);

const SUFFIX_PATTERNS = FIXED_PARAMETERS.map(([name, id]) => ({
  name,
  id,
  pattern: new RegExp(`^(.*?)${SEP}${name.split(' ').join(SEP)}$`, 'i'),
}));

// `FWS Length(50%)`; R turns it into `FWS.Length.50..`.
const VARIABLE_LENGTH = /^(.*?)\s*Length\s*\(\s*(\d+(?:[.,]\d+)?)\s*%\s*\)$/i;
const VARIABLE_LENGTH_R = /^(.*?)[._]+Length[._](\d+)[._]{2}$/i;

const PER_PARTICLE: ReadonlyArray<readonly [ListmodeParameter, ListmodeParameterId]> = [
  ['Sample Length', 'SampleLength'],
  ['Arrival Time', 'TimeOfArrival'],
];

/** Lower case, BOM and mojibake removed, runs of spaces/dots/underscores collapsed to one space. */
export function normaliseName(text: string): string {
  return text
    .replace(/\uFEFF|\u00EF\u00BB\u00BF/g, '')
    .toLowerCase()
    .replace(/[\s._]+/g, ' ')
    .trim();
}

/** Normalised channel key: `FL Red`, `Fl  Red`, `FL.Red` → `fl red`. `SWS` and `Sidewards Scatter` stay
 *  different keys: telling those apart needs the user-editable alias table (§6.2), not this function. */
export function channelKey(channel: string): string {
  return normaliseName(channel);
}

export function splitColumnName(header: string): ListmodeColumnName {
  const name = header.replace(/\uFEFF/g, '').trim();
  const whole = normaliseName(name);
  for (const [parameter, parameterId] of PER_PARTICLE) {
    if (whole === normaliseName(parameter)) return { channel: '', parameter, parameterId, key: '' };
  }
  const variable = VARIABLE_LENGTH.exec(name) ?? VARIABLE_LENGTH_R.exec(name);
  if (variable && variable[1]?.trim()) {
    const channel = variable[1].trim();
    const percent = Number((variable[2] ?? '').replace(',', '.'));
    return {
      channel,
      parameter: `Length(${percent}%)`,
      parameterId: 'VariableLength',
      variableLengthPercent: percent,
      key: channelKey(channel),
    };
  }
  for (const { name: parameter, id, pattern } of SUFFIX_PATTERNS) {
    const m = pattern.exec(name);
    const channel = m?.[1]?.trim();
    if (channel) return { channel, parameter, parameterId: id, key: channelKey(channel) };
  }
  return { channel: name, parameter: null, parameterId: null, key: channelKey(name) };
}

/**
 * Is this header the particle ID column? CytoClus writes `Particle ID`; tables re-written by R carry `ID`,
 * sometimes with the BOM mangled into the name (`i..ID`, `X.U.FEFF.ID`, `ï..ID`, §3).
 */
export function particleIdHeaderKind(header: string): 'cytoclus' | 'rewritten' | null {
  const n = normaliseName(header.replace(/^(?:i\.\.|\u00EF\.\.|X\.U\.FEFF\.)/i, ''));
  if (n === 'particle id') return 'cytoclus';
  if (n === 'id' || n === 'particleid') return 'rewritten';
  return null;
}
