/**
 * Stable ids of the SeaDataNet ODV rules (the checks OCTOPUS makes, shared/docs/formats-seadatanet.md §2.1, plus
 * the consistency rules of §8). The reader reports the structural ones while parsing; the validator adds the rest.
 */
import type { FormatIssue } from '../../formats/format-issue.js';

export type OdvRule =
  /** The file is text with one column-label line and data lines after it; comments only before the labels. */
  | 'odv.structure'
  /** SeaDataNet ODV columns are TAB-separated. */
  | 'odv.separator'
  /** Latin-1/ASCII; UTF-8 only with a BOM (OCTOPUS ≥ 1.3.9). */
  | 'odv.encoding'
  /** CRLF or LF (also mixed); a lone CR is not a line end OCTOPUS understands. */
  | 'odv.line-endings'
  /** `//SDN_parameter_mapping` present before the labels and closed by a bare `//`; no mapping line outside it. */
  | 'odv.mapping-block'
  /** Every mapping line starts with `//` and follows the subject/object/units[/instrument] grammar. */
  | 'odv.mapping-syntax'
  /** One mapping line per data column (subject = label without ` [unit]`), none unused, none twice. */
  | 'odv.mapping-columns'
  /** The nine metadata columns are present (Cruise … Bot. Depth [m]). */
  | 'odv.mandatory-columns'
  /** Every data column is followed by `QV:SEADATANET`, and every `QV:SEADATANET` follows a data column. */
  | 'odv.flag-columns'
  /** Every data line has as many fields as the label line. */
  | 'odv.field-count'
  /** The first data row opens a station, and station rows fill every mandatory metadata column. */
  | 'odv.first-row-metadata'
  /** `Type` is `B`, `C` or `*`. */
  | 'odv.type-code'
  /** Date-times match the precision their column label states and are real calendar instants. */
  | 'odv.date-format'
  /** Longitude in −180…360, latitude in −90…90. */
  | 'odv.position'
  /** EDMO_code is an integer. */
  | 'odv.edmo-code'
  /** Each station has its own LOCAL_CDI_ID. */
  | 'odv.local-cdi-id'
  /** Numeric columns hold numbers (`.`; a legacy decimal comma is accepted). */
  | 'odv.numeric'
  /** Flags are NVS L20 codes (0–9, A, B, Q). */
  | 'odv.flag-values'
  /** An empty value has flag 9 and flag 9 has an empty value. */
  | 'odv.flag-coherence'
  /** P06 codes are well formed; ISO date-time parameters use TISO; text-valued parameters use XXXX, not UUUU. */
  | 'odv.units'
  /** The primary variable (first data column) has at least one value in each station. */
  | 'odv.primary-variable'
  /** `sdn_reference` lines are well formed and CDI references point to a station of the file. */
  | 'odv.sdn-reference'
  /** Codes exist in the NVS lists (run only when the caller passes the lists). */
  | 'odv.p01-vocabulary'
  | 'odv.p06-vocabulary'
  | 'odv.l22-vocabulary'
  /** Rules that need remote registries (always skipped offline). */
  | 'odv.edmo-directory'
  | 'odv.depth-column'
  | 'odv.cdi-record';

export interface OdvIssue extends FormatIssue {
  rule: OdvRule;
}

/**
 * Keeps at most `perRule` issues of each rule (a broken 1 MB file would otherwise give one issue per line) and
 * counts the rest.
 */
export class OdvIssueList {
  readonly issues: OdvIssue[] = [];
  readonly dropped = new Map<OdvRule, number>();
  private readonly counts = new Map<OdvRule, number>();

  constructor(private readonly perRule: number) {}

  add(rule: OdvRule, message: string, line?: number, field?: string): void {
    const n = this.counts.get(rule) ?? 0;
    this.counts.set(rule, n + 1);
    if (n >= this.perRule) {
      this.dropped.set(rule, (this.dropped.get(rule) ?? 0) + 1);
      return;
    }
    const issue: OdvIssue = { rule, message };
    if (line !== undefined) issue.line = line;
    if (field !== undefined) issue.field = field;
    this.issues.push(issue);
  }
}
