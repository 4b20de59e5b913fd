import type { FormatIssue } from '../../format-issue.js';
import type { DecimalSeparator, ListmodeDelimiter } from './listmode-cell.js';
import type { ListmodeParameter, ListmodeParameterId } from './listmode-column-name.js';

export interface ListmodeColumn {
  /** Header text as in the file (quotes removed, BOM stripped). */
  header: string;
  /** Channel as written (`Fl Red`); '' for `Sample Length`/`Arrival Time`; the whole header when the header
   *  does not end in a known parameter. */
  channel: string;
  /** Canonical parameter (`Center of gravity`, `Length(50%)`), null when the header has none. */
  parameter: ListmodeParameter | null;
  /** The parameter as set-definition XML names it (`CentreOfGravity`, `VariableLength`), or null. */
  parameterId: ListmodeParameterId | null;
  /** For `Length(xx%)`: xx. */
  variableLengthPercent?: number;
  /** Normalised channel key (case, whitespace and R dots ignored): `Fl Red` and `FL  Red` → `fl red`. */
  key: string;
  /** `time-of-day` when cells were written `HH:mm:ss.fff` (stored as seconds since 00:00:00). */
  valueFormat: 'number' | 'time-of-day';
}

/** One listmode file: one row per particle, one Float32 column per `<channel> <parameter>` header. */
export interface ListmodeTable {
  /** Every column except the particle ID, in file order; `values[i]` belongs to `columns[i]`. */
  columns: ListmodeColumn[];
  /** Particle ID of each row (sparse, 0 is valid), the join key to pulses, images and JSON. Same storage note. */
  particleIds: Uint32Array;
  /** One array per column, exactly `rows` long (possibly a view on a slightly larger buffer: use `length`, not
   *  `buffer.byteLength`). A cell that is not a number is NaN (and an issue). */
  values: Float32Array[];
  rows: number;
  delimiter: ListmodeDelimiter;
  decimalSeparator: DecimalSeparator;
  bom: boolean;
  /** Of the header line; `none` for a header-only file without a final line break. */
  lineEnding: 'crlf' | 'lf' | 'none';
  /** Encoding of the header text (only names can be non-ASCII). */
  encoding: 'utf-8' | 'windows-1252';
  /** Header of the particle ID column: `Particle ID`, or `ID` in tables re-written by R. */
  particleIdHeader: string;
  /** Lines dropped (wrong field count, bad Particle ID, unclosed quote, over-long line). */
  rejectedRows: number;
  /** Cells stored as NaN because they were not numbers. */
  nonNumericCells: number;
  /** At most ~100 listed; a final issue counts the rest. */
  issues: FormatIssue[];
}
