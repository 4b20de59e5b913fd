/**
 * Offline checker for SeaDataNet ODV spreadsheets: the checks OCTOPUS makes (shared/docs/formats-seadatanet.md
 * §2.1, with the layout of §2.2–2.4 and the L20 flags of §3) and the ODV side of the ODV ↔ CDI consistency (§8).
 * Each error names its rule (odv-rules.ts) and line. Rules that need registries which are not bundled (P01, P06,
 * L22 lists unless the caller passes them; EDMO; remote CDI records) are listed as skipped, never passed.
 */
import { CurationError } from '../../api/errors.js';
import type { ValidationError, ValidationReport } from '../publication-dataset.js';
import { isIsoDateTime, matchesIsoPattern } from './odv-date.js';
import { cdiUrlPatterns, nvsUrlPatterns } from './odv-header-lines.js';
import {
  isoDateTimeP01,
  l20FlagCodes,
  missingValueFlag,
  odvDateLabels,
  odvMandatoryMetadata,
  odvMetadataKeys,
  odvMetadataLabels,
  odvTypeCodes,
  p06Dimensionless,
} from './odv-layout.js';
import type { OdvMetadataKey } from './odv-layout.js';
import { parseOdvNumber } from './odv-number.js';
import type { OdvRule } from './odv-rules.js';
import { readOdv } from './read-odv.js';
import type { OdvFile, OdvStation } from './read-odv.js';

/** NVS code lists the caller may supply (e.g. from the bundled resources); each one turns a skipped rule on. */
export interface OdvVocabularies {
  p01?: ReadonlySet<string>;
  p06?: ReadonlySet<string>;
  l22?: ReadonlySet<string>;
}

export interface OdvValidationOptions {
  vocabularies?: OdvVocabularies;
  /** Errors reported per rule before the rest are summed up in one error (default 100). */
  maxErrorsPerRule?: number;
}

export function validateOdv(bytes: Uint8Array, options: OdvValidationOptions = {}): ValidationReport {
  let file: OdvFile;
  try {
    file = readOdv(bytes, { maxIssuesPerRule: options.maxErrorsPerRule ?? 100 });
  } catch (err) {
    if (!(err instanceof CurationError)) throw err;
    const error: ValidationError = { rule: 'odv.structure', message: err.message };
    if (err.line !== undefined) error.line = err.line;
    return { valid: false, format: 'sdn-odv', errors: [error], skipped: [] };
  }
  return validateOdvFile(file, options);
}

/** Same checks over a file already read with readOdv (its issues become errors). */
export function validateOdvFile(file: OdvFile, options: OdvValidationOptions = {}): ValidationReport {
  const max = options.maxErrorsPerRule ?? 100;
  const counts = new Map<OdvRule, number>();
  const errors: ValidationError[] = [];
  const skipped: ValidationReport['skipped'] = [];

  const fail = (rule: OdvRule, message: string, line?: number | null): void => {
    const n = (counts.get(rule) ?? 0) + 1;
    counts.set(rule, n);
    if (n > max) return;
    const e: ValidationError = { rule, message };
    if (line !== undefined && line !== null) e.line = line;
    errors.push(e);
  };

  for (const issue of file.issues) fail(issue.rule, issue.message, issue.line);
  for (const [rule, n] of Object.entries(file.droppedIssues) as [OdvRule, number][]) counts.set(rule, (counts.get(rule) ?? 0) + n);

  checkEncoding(file, fail);
  if (file.labelLine !== null) {
    checkColumns(file, fail);
    checkStations(file, fail);
    checkCells(file, fail);
    checkMappingCodes(file, fail);
    checkReferences(file, fail);
  }
  checkVocabularies(file, options.vocabularies ?? {}, fail, skipped);
  skipped.push(
    { rule: 'odv.edmo-directory', reason: 'EDMO codes exist only in the remote EDMO directory (edmo.seadatanet.org), which is not bundled: only the integer form is checked' },
    {
      rule: 'odv.depth-column',
      reason: 'OCTOPUS wants a depth column in time series unless a parameter belongs to P02 ASLV; that needs the NVS P01→P02 mapping, which is not bundled',
    },
    {
      rule: 'odv.cdi-record',
      reason: 'whether each LOCAL_CDI_ID/EDMO_code has a CDI record is checked against the CDI XML (formats-seadatanet.md §8), not from the ODV bytes alone',
    },
  );

  for (const [rule, n] of counts) {
    if (n > max) errors.push({ rule, message: `${n - max} more errors of this rule not listed` });
  }
  // Reading order for people: by line, file-level errors (no line) first; stable within a line.
  const ordered = errors.map((e, i) => ({ e, i })).sort((a, b) => (a.e.line ?? 0) - (b.e.line ?? 0) || a.i - b.i);
  const all = ordered.map((o) => o.e);
  return { valid: all.length === 0, format: 'sdn-odv', errors: all, skipped };
}

type Fail = (rule: OdvRule, message: string, line?: number | null) => void;

function checkEncoding(file: OdvFile, fail: Fail): void {
  if (file.firstNonAsciiLine !== null && file.encoding === 'utf-8' && !file.bom) {
    fail(
      'odv.encoding',
      'non-ASCII characters in UTF-8 without a byte-order mark: SeaDataNet ODV is Latin-1 (ISO-8859-1), so OCTOPUS would misread them; save as Latin-1, or as UTF-8 with a BOM',
      file.firstNonAsciiLine,
    );
  }
}

function checkColumns(file: OdvFile, fail: Fail): void {
  const line = file.labelLine;
  for (const key of odvMetadataKeys) {
    if (file.metadataColumns[key] !== undefined) continue;
    const label = key === 'date' ? `a station date column (${odvDateLabels.join(', ')})` : `"${odvMetadataLabels[key]}"`;
    fail('odv.mandatory-columns', `missing metadata column ${label}`, line);
  }
  if (file.variables.length === 0) {
    fail('odv.primary-variable', 'no data column after the metadata columns: the primary variable is missing', line);
  }

  const byName = new Map<string, string>();
  for (const v of file.variables) {
    const other = byName.get(v.name);
    if (other !== undefined) fail('odv.mapping-columns', `columns "${other}" and "${v.label}" have the same local name "${v.name}"`, line);
    else byName.set(v.name, v.label);
    if (v.mapping === null) {
      fail('odv.mapping-columns', `data column "${v.label}" has no mapping line (//<subject>SDN:LOCAL:${v.name}</subject>…)`, line);
    }
  }
  const seen = new Map<string, number>();
  for (const entry of file.mapping.entries) {
    const first = seen.get(entry.subject);
    if (first !== undefined) {
      fail('odv.mapping-columns', `second mapping line for SDN:LOCAL:${entry.subject} (the first is on line ${first})`, entry.line);
      continue;
    }
    seen.set(entry.subject, entry.line);
    if (!byName.has(entry.subject)) fail('odv.mapping-columns', `mapping line for SDN:LOCAL:${entry.subject} matches no column label`, entry.line);
  }
}

function checkStations(file: OdvFile, fail: Fail): void {
  const firstRow = file.rows[0];
  if (firstRow !== undefined && firstRow.station === -1) {
    fail('odv.first-row-metadata', 'the first data row has no metadata: Cruise, Station, Type, date, position, LOCAL_CDI_ID and EDMO_code go on the first row of each station', firstRow.line);
  }
  const cdiIds = new Map<string, number>();
  for (const s of file.stations) {
    const empty = odvMandatoryMetadata.filter((k) => file.metadataColumns[k] !== undefined && s.metadata[k] === '');
    if (empty.length > 0) {
      fail('odv.first-row-metadata', `station row with empty ${empty.map((k) => columnName(file, k)).join(', ')} (mandatory on the first row of a station)`, s.line);
    }
    const { type, date, edmoCode, localCdiId } = s.metadata;
    if (type !== '' && !odvTypeCodes.includes(type)) fail('odv.type-code', `Type "${type}" is not B, C or *`, s.line);
    if (date !== '' && file.dateLabel !== null && !matchesIsoPattern(date, file.dateLabel)) {
      fail('odv.date-format', `station date "${date}" is not a date-time written as ${file.dateLabel} (the precision its column label states)`, s.line);
    }
    if (s.longitude !== null && (s.longitude < -180 || s.longitude > 360)) fail('odv.position', `longitude ${s.longitude} is outside -180…360`, s.line);
    if (s.latitude !== null && (s.latitude < -90 || s.latitude > 90)) fail('odv.position', `latitude ${s.latitude} is outside -90…90`, s.line);
    if (edmoCode !== '' && !/^\d+$/.test(edmoCode)) fail('odv.edmo-code', `EDMO_code "${edmoCode}" is not an integer`, s.line);
    if (localCdiId !== '') {
      const first = cdiIds.get(localCdiId);
      if (first !== undefined) fail('odv.local-cdi-id', `LOCAL_CDI_ID "${localCdiId}" already names the station on line ${first}: each station needs its own CDI`, s.line);
      else cdiIds.set(localCdiId, s.line);
    }
    checkPrimary(file, s, fail);
  }
}

function checkPrimary(file: OdvFile, s: OdvStation, fail: Fail): void {
  const primary = file.variables[0];
  if (primary === undefined) return;
  for (let r = s.firstRow; r < s.firstRow + s.rowCount; r++) {
    if (file.rows[r]?.cells[0]?.text) return;
  }
  fail('odv.primary-variable', `station "${s.metadata.station}" has no value of the primary variable "${primary.label}"`, s.line);
}

function checkCells(file: OdvFile, fail: Fail): void {
  const textInDimensionless = new Set<number>();
  for (const row of file.rows) {
    for (let i = 0; i < file.variables.length; i++) {
      const v = file.variables[i];
      const cell = row.cells[i];
      if (v === undefined || cell === undefined) continue;
      // Columns a short row lacks are reported once as odv.field-count, not as empty flags.
      if (v.flagColumn !== null && v.flagColumn < row.fieldCount) {
        if (cell.flag === '') {
          fail('odv.flag-values', `empty flag after "${v.label}" (a missing value has flag 9)`, row.line);
        } else if (!l20FlagCodes.has(cell.flag)) {
          fail('odv.flag-values', `flag "${cell.flag}" after "${v.label}" is not an L20 code (0-9, A, B, Q)`, row.line);
        } else if (cell.text === '' && cell.flag !== missingValueFlag) {
          fail('odv.flag-coherence', `empty "${v.label}" has flag ${cell.flag}: a missing value has flag 9`, row.line);
        } else if (cell.text !== '' && cell.flag === missingValueFlag) {
          fail('odv.flag-coherence', `"${v.label}" = ${cell.text} has flag 9 (missing value): write the cell empty or give another flag`, row.line);
        }
      }
      if (cell.text === '') continue;
      if (v.kind === 'time') {
        const ok = v.timePattern === null ? isIsoDateTime(cell.text) : matchesIsoPattern(cell.text, v.timePattern);
        if (!ok) fail('odv.date-format', `"${cell.text}" in "${v.label}" is not a date-time written as ${v.timePattern ?? 'ISO 8601 (yyyy-mm-ddThh:mm:ss…)'}`, row.line);
      } else if (v.mapping?.p06 === p06Dimensionless && !textInDimensionless.has(i) && parseOdvNumber(cell.text) === null) {
        textInDimensionless.add(i);
        fail('odv.units', `"${v.label}" holds text ("${cell.text}") but its unit is SDN:P06::UUUU: text-valued parameters use SDN:P06::XXXX`, row.line);
      }
    }
  }
}

function checkMappingCodes(file: OdvFile, fail: Fail): void {
  for (const e of file.mapping.entries) {
    if (!/^[A-Za-z0-9]+$/.test(e.p01)) fail('odv.mapping-syntax', `P01 code "${e.p01}" of SDN:LOCAL:${e.subject} is not a code (letters and digits)`, e.line);
    if (e.l22 !== null && !/^[A-Za-z0-9]+$/.test(e.l22)) fail('odv.mapping-syntax', `L22 code "${e.l22}" of SDN:LOCAL:${e.subject} is not a code (letters and digits)`, e.line);
    if (!/^[A-Z0-9]{4}$/.test(e.p06)) fail('odv.units', `P06 unit "${e.p06}" of SDN:LOCAL:${e.subject} is not a four-character P06 code`, e.line);
    else if (isoDateTimeP01.has(e.p01) && e.p06 !== 'TISO') fail('odv.units', `${e.p01} is an ISO 8601 date-time: its unit must be SDN:P06::TISO, not ${e.p06}`, e.line);
  }
}

/** Without any station (already an odv.structure error) a CDI reference has nothing to be compared with. */
function checkReferences(file: OdvFile, fail: Fail): void {
  const stationScopes = new Set(file.stations.map((s) => `${s.metadata.edmoCode}:${s.metadata.localCdiId}`));
  for (const ref of file.references) {
    if (!/^SDN:L23::[A-Za-z0-9]+$/.test(ref.type)) {
      fail('odv.sdn-reference', `xlink:type "${ref.type}" is not an L23 metadata entity (SDN:L23::CDI, SDN:L23::NVS2CON, …)`, ref.line);
      continue;
    }
    if (ref.type === 'SDN:L23::CDI') {
      if (ref.role !== 'isDescribedBy') fail('odv.sdn-reference', `a CDI reference has xlink:role "isDescribedBy", not "${ref.role}"`, ref.line);
      const url = cdiUrlPatterns.map((p) => p.exec(ref.href)).find((m) => m !== null);
      if (url === undefined || url === null) {
        fail('odv.sdn-reference', `CDI link "${ref.href}" is not a CDI report URL (https://cdi.seadatanet.org/report/edmo/<EDMO>/<LOCAL_CDI_ID>/xml)`, ref.line);
        continue;
      }
      const urlScope = `${url[1]}:${decodeURIComponent(url[2] ?? '')}`;
      if (ref.scope === null) {
        fail('odv.sdn-reference', 'a CDI reference needs sdn:scope="<EDMO>:<LOCAL_CDI_ID>"', ref.line);
      } else if (ref.scope !== urlScope) {
        fail('odv.sdn-reference', `sdn:scope "${ref.scope}" differs from the CDI named by the link (${urlScope})`, ref.line);
      } else if (file.stations.length > 0 && !stationScopes.has(ref.scope)) {
        fail('odv.sdn-reference', `CDI reference ${ref.scope} names no station of this file (EDMO_code:LOCAL_CDI_ID)`, ref.line);
      }
    } else if (ref.type === 'SDN:L23::NVS2CON') {
      if (!nvsUrlPatterns.some((p) => p.test(ref.href))) {
        fail('odv.sdn-reference', `NVS link "${ref.href}" is not an NVS term URL (https://www.seadatanet.org/urnurl/SDN:<collection>::<code>)`, ref.line);
      }
    } else if (!/^https?:\/\/\S+$/.test(ref.href)) {
      fail('odv.sdn-reference', `link "${ref.href}" is not an http(s) URL`, ref.line);
    }
  }
}

function checkVocabularies(file: OdvFile, vocab: OdvVocabularies, fail: Fail, skipped: ValidationReport['skipped']): void {
  const lists: [OdvRule, string, ReadonlySet<string> | undefined, (e: OdvFile['mapping']['entries'][number]) => string | null][] = [
    ['odv.p01-vocabulary', 'P01', vocab.p01, (e) => e.p01],
    ['odv.p06-vocabulary', 'P06', vocab.p06, (e) => e.p06],
    ['odv.l22-vocabulary', 'L22', vocab.l22, (e) => e.l22],
  ];
  for (const [rule, collection, codes, codeOf] of lists) {
    if (codes === undefined) {
      skipped.push({ rule, reason: `needs the NVS ${collection} list, which is not bundled with the validator (pass it in options.vocabularies to check)` });
      continue;
    }
    for (const e of file.mapping.entries) {
      const code = codeOf(e);
      if (code !== null && !codes.has(code)) fail(rule, `SDN:${collection}::${code} (SDN:LOCAL:${e.subject}) is not in the ${collection} list`, e.line);
    }
  }
}

function columnName(file: OdvFile, key: OdvMetadataKey): string {
  return file.labels[file.metadataColumns[key] ?? -1] ?? key;
}
