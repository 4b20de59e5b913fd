/**
 * Streaming reader for SeaDataNet ODV spreadsheets (shared/docs/formats-seadatanet.md §2.7): `//` comments with
 * the structured `//<sdn_reference …/>` and `//SDN_parameter_mapping` blocks, one column-label line, then
 * TAB-separated rows where a row with metadata opens a station. Decoding follows the shared line stream (strict
 * UTF-8 first, Windows-1252 — a superset of the Latin-1 SeaDataNet prescribes — from the first byte that is not
 * UTF-8), so ASCII, Latin-1 and UTF-8 with or without BOM all read.
 *
 * Problems are OdvIssues (a FormatIssue with the id of the rule it breaks) and reading goes on; only input that is
 * not text at all (NUL bytes, a megabyte without a line break) throws CurationError('invalid-input').
 */
import { CurationError } from '../../api/errors.js';
import { createLineStream } from '../../formats/cytoclus/pulses/line-stream.js';
import type { TextEncoding } from '../../formats/text/decode-text.js';
import { isIsoPattern } from './odv-date.js';
import { mappingHeader, parseMappingLine, parseReferenceLine } from './odv-header-lines.js';
import type { OdvMappingEntry, OdvReference } from './odv-header-lines.js';
import { metadataKeyOfLabel, odvFlagLabel, odvMetadataKeys, p06Iso8601, p06NotApplicable, splitColumnLabel } from './odv-layout.js';
import type { OdvMetadataKey } from './odv-layout.js';
import { parseOdvNumber } from './odv-number.js';
import { OdvIssueList } from './odv-rules.js';
import type { OdvIssue, OdvRule } from './odv-rules.js';

export interface OdvVariable {
  /** 0-based column of the value. */
  column: number;
  label: string;
  /** Label without ` [unit]`: the mapping subject. */
  name: string;
  /** Free-text unit from the label's brackets, null when there are none. */
  unit: string | null;
  /** 0-based column of its `QV:SEADATANET` flags, null when the label line lacks it. */
  flagColumn: number | null;
  mapping: OdvMappingEntry | null;
  /** `time` for ISO 8601 strings (P06 TISO or an ISO precision as unit), `text` for P06 XXXX, else `numeric`. */
  kind: 'numeric' | 'time' | 'text';
  /** For `time` variables, the precision the label states (`yyyy-mm-ddThh:mm:ss`), null when it states none. */
  timePattern: string | null;
}

export interface OdvCell {
  /** The value as written, trimmed; '' = missing. */
  text: string;
  /** Parsed number for numeric variables (null when empty or not a number, and for time/text variables). */
  value: number | null;
  /** L20 flag as written, trimmed. */
  flag: string;
}

export interface OdvRow {
  line: number;
  /** Fields on the line (differs from the label count only in a broken file). */
  fieldCount: number;
  /** Index into `stations`; -1 for rows before any metadata row. */
  station: number;
  /** One cell per entry of `variables`, same order. */
  cells: OdvCell[];
}

export interface OdvStation {
  /** Line of the row that opened the station. */
  line: number;
  /** Metadata as written (trimmed, '' when empty or when the column is absent). */
  metadata: Record<OdvMetadataKey, string>;
  longitude: number | null;
  latitude: number | null;
  bottomDepth: number | null;
  /** Index of its first row in `rows` and the number of rows. */
  firstRow: number;
  rowCount: number;
}

export interface OdvMappingBlock {
  /** Line of `//SDN_parameter_mapping`, null when the file has none. */
  headerLine: number | null;
  /** Line of the closing bare `//`, null when the block is not closed. */
  endLine: number | null;
  /** Every mapping line found (also those outside a block, which are reported). */
  entries: OdvMappingEntry[];
}

export interface OdvFile {
  encoding: TextEncoding;
  bom: boolean;
  /** Line of the first byte ≥ 0x80 (anything beyond ASCII), null for a pure ASCII file. */
  firstNonAsciiLine: number | null;
  /** Counts of CRLF and bare-LF line ends (mixed files are normal: diap.txt has both). */
  lineEndings: { crlf: number; lf: number };
  /** Free-text comment lines, without `//`. */
  comments: string[];
  /** `//<SDN_REFERENCES>` documentation links. */
  documentation: string[];
  references: OdvReference[];
  mapping: OdvMappingBlock;
  labelLine: number | null;
  labels: string[];
  /** Column separator found on the label line (SeaDataNet requires TAB; generic ODV also allows `;`). */
  separator: '\t' | ';';
  /** 0-based column of each metadata column present. */
  metadataColumns: Partial<Record<OdvMetadataKey, number>>;
  /** Label of the station date-time column (states its precision), null when absent. */
  dateLabel: string | null;
  variables: OdvVariable[];
  stations: OdvStation[];
  rows: OdvRow[];
  issues: OdvIssue[];
  /** Issues not kept, per rule (at most `maxIssuesPerRule` of each are kept). */
  droppedIssues: Partial<Record<OdvRule, number>>;
}

export interface OdvReader {
  push(chunk: Uint8Array): void;
  finish(): OdvFile;
}

export interface OdvReaderOptions {
  /** Issues kept per rule (default 200); the rest are counted in `droppedIssues`. */
  maxIssuesPerRule?: number;
}

export function readOdv(bytes: Uint8Array, options: OdvReaderOptions = {}): OdvFile {
  const reader = createOdvReader(options);
  reader.push(bytes);
  return reader.finish();
}

export function createOdvReader(options: OdvReaderOptions = {}): OdvReader {
  const lines = createLineStream();
  const issues = new OdvIssueList(options.maxIssuesPerRule ?? 200);
  const file: Omit<OdvFile, 'encoding' | 'bom' | 'issues' | 'droppedIssues'> = {
    firstNonAsciiLine: null,
    lineEndings: { crlf: 0, lf: 0 },
    comments: [],
    documentation: [],
    references: [],
    mapping: { headerLine: null, endLine: null, entries: [] },
    labelLine: null,
    labels: [],
    separator: '\t',
    metadataColumns: {},
    dateLabel: null,
    variables: [],
    stations: [],
    rows: [],
  };
  let lineNo = 0;
  let byteOffset = 0;
  let previousByte = -1;
  let inMapping = false;
  let orphanMappingLine: number | null = null;
  let commentAfterLabels = 0;
  let finished = false;

  function scanBytes(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (b === 0x0a) {
        if (previousByte === 0x0d) file.lineEndings.crlf++;
        else file.lineEndings.lf++;
      } else if (b === 0) {
        throw new CurationError({ code: 'invalid-input', message: `NUL byte at offset ${byteOffset + i}: binary data, not an ODV text file` });
      } else if (b >= 0x80 && file.firstNonAsciiLine === null) {
        file.firstNonAsciiLine = file.lineEndings.crlf + file.lineEndings.lf + 1;
      }
      previousByte = b;
    }
    byteOffset += chunk.length;
  }

  function onLine(raw: string): void {
    lineNo++;
    if (raw.includes('\r')) {
      issues.add('odv.line-endings', 'carriage return (CR) without a line feed: lines must end with CRLF or LF', lineNo);
    }
    const line = raw.replace(/\r/g, '');
    if (line.trim() === '') return; // empty and TAB-only lines are tolerated (OCTOPUS ≥ 1.3.9)
    if (line.startsWith('//')) {
      onComment(line.slice(2).replace(/[\t ]+$/, ''));
      return;
    }
    if (file.labelLine === null) {
      if (line.trimStart().startsWith('<subject>')) {
        issues.add('odv.mapping-syntax', 'mapping line does not start with //', lineNo);
        onComment(line.trim());
        return;
      }
      onLabels(line);
      return;
    }
    onData(line);
  }

  function onComment(body: string): void {
    if (file.labelLine !== null) {
      commentAfterLabels++;
      if (commentAfterLabels === 1) issues.add('odv.structure', 'comment line after the column labels: all // lines must come before them', lineNo);
      return;
    }
    if (inMapping) {
      if (body === '') {
        inMapping = false;
        file.mapping.endLine = lineNo;
        return;
      }
      addMappingLine(body);
      return;
    }
    if (body === mappingHeader) {
      if (file.mapping.headerLine !== null) {
        issues.add('odv.mapping-block', `second //${mappingHeader} line (the first is on line ${file.mapping.headerLine})`, lineNo);
      } else {
        file.mapping.headerLine = lineNo;
      }
      inMapping = true;
      return;
    }
    if (body.startsWith('<subject>')) {
      orphanMappingLine ??= lineNo;
      addMappingLine(body);
      return;
    }
    if (body.startsWith('<sdn_reference')) {
      const ref = parseReferenceLine(body, lineNo);
      if (ref === null) {
        issues.add('odv.sdn-reference', 'sdn_reference line is not a <sdn_reference xlink:href="…" xlink:role="…" xlink:type="…"/> element', lineNo);
      } else {
        file.references.push(ref);
      }
      return;
    }
    if (body.startsWith('<SDN_REFERENCES>')) {
      file.documentation.push(body.slice('<SDN_REFERENCES>'.length).trim());
      return;
    }
    file.comments.push(body);
  }

  function addMappingLine(body: string): void {
    const entry = parseMappingLine(body, lineNo);
    if ('error' in entry) {
      issues.add('odv.mapping-syntax', entry.error, lineNo);
      return;
    }
    file.mapping.entries.push(entry);
  }

  function onLabels(line: string): void {
    file.labelLine = lineNo;
    if (!line.includes('\t') && line.includes(';')) {
      file.separator = ';';
      issues.add('odv.separator', 'columns are separated by ";": SeaDataNet ODV files use TAB', lineNo);
    }
    if (inMapping) {
      issues.add('odv.mapping-block', `the //${mappingHeader} block (line ${file.mapping.headerLine}) is not closed by a line holding only //`, lineNo);
      inMapping = false;
    }
    if (file.mapping.headerLine === null) {
      const where = orphanMappingLine === null ? '' : ` (mapping lines from line ${orphanMappingLine} have no block header)`;
      issues.add('odv.mapping-block', `no //${mappingHeader} line before the column labels${where}`, orphanMappingLine ?? lineNo);
    }
    file.labels = line.split(file.separator).map((l) => l.trim());
    const labels = file.labels;
    for (let c = 0; c < labels.length; c++) {
      const label = labels[c] as string;
      const key = metadataKeyOfLabel(label);
      if (key !== null) {
        if (file.metadataColumns[key] !== undefined) {
          issues.add('odv.mandatory-columns', `metadata column "${label}" appears twice`, lineNo, label);
        } else {
          file.metadataColumns[key] = c;
          if (key === 'date') file.dateLabel = label;
        }
        continue;
      }
      if (label === '') {
        issues.add('odv.structure', `column ${c + 1} has no label`, lineNo);
        continue;
      }
      if (label === odvFlagLabel) {
        const previous = file.variables[file.variables.length - 1];
        if (previous !== undefined && previous.column === c - 1) previous.flagColumn = c;
        else issues.add('odv.flag-columns', `${odvFlagLabel} in column ${c + 1} does not follow a data column`, lineNo, label);
        continue;
      }
      if (label.startsWith('QV:')) {
        issues.add('odv.flag-columns', `flag column "${label}" in column ${c + 1}: SeaDataNet files use ${odvFlagLabel}`, lineNo, label);
        continue;
      }
      file.variables.push(makeVariable(c, label));
    }
    for (const v of file.variables) {
      if (v.flagColumn === null) issues.add('odv.flag-columns', `data column "${v.label}" is not followed by ${odvFlagLabel}`, lineNo, v.label);
    }
  }

  function makeVariable(column: number, label: string): OdvVariable {
    const { name, unit } = splitColumnLabel(label);
    const mapping = file.mapping.entries.find((e) => e.subject === name) ?? null;
    const unitIsIso = unit !== null && isIsoPattern(unit);
    let kind: OdvVariable['kind'] = 'numeric';
    if (mapping?.p06 === p06Iso8601 || unitIsIso) kind = 'time';
    else if (mapping?.p06 === p06NotApplicable) kind = 'text';
    return { column, label, name, unit, flagColumn: null, mapping, kind, timePattern: kind === 'time' && unitIsIso ? unit : null };
  }

  function onData(line: string): void {
    const fields = line.split(file.separator);
    if (fields.length !== file.labels.length) {
      issues.add('odv.field-count', `${fields.length} fields where the label line has ${file.labels.length}`, lineNo);
    }
    const field = (c: number | null | undefined): string => (c === null || c === undefined ? '' : (fields[c] ?? '').trim());

    const metadata = {} as Record<OdvMetadataKey, string>;
    let anyMetadata = false;
    for (const key of odvMetadataKeys) {
      metadata[key] = field(file.metadataColumns[key]);
      if (metadata[key] !== '') anyMetadata = true;
    }
    const current = file.stations[file.stations.length - 1];
    // A row with metadata opens a station, unless it only repeats the current station's metadata.
    if (anyMetadata && (current === undefined || odvMetadataKeys.some((k) => current.metadata[k] !== metadata[k]))) {
      file.stations.push({
        line: lineNo,
        metadata,
        longitude: metadataNumber(metadata.longitude, 'longitude'),
        latitude: metadataNumber(metadata.latitude, 'latitude'),
        bottomDepth: metadataNumber(metadata.bottomDepth, 'bottomDepth'),
        firstRow: file.rows.length,
        rowCount: 0,
      });
    }
    const stationIndex = file.stations.length - 1;
    const station = file.stations[stationIndex];
    if (station !== undefined) station.rowCount++;

    const cells: OdvCell[] = file.variables.map((v) => {
      const text = field(v.column);
      const flag = field(v.flagColumn);
      let value: number | null = null;
      if (v.kind === 'numeric' && text !== '') {
        value = parseOdvNumber(text);
        if (value === null) issues.add('odv.numeric', `"${text}" in column "${v.label}" is not a number`, lineNo, v.label);
      }
      return { text, value, flag };
    });
    file.rows.push({ line: lineNo, fieldCount: fields.length, station: stationIndex, cells });
  }

  function metadataNumber(text: string, key: OdvMetadataKey): number | null {
    if (text === '') return null;
    const n = parseOdvNumber(text);
    const label = file.labels[file.metadataColumns[key] ?? -1] ?? key;
    if (n === null) issues.add('odv.numeric', `"${text}" in column "${label}" is not a number`, lineNo, label);
    return n;
  }

  return {
    push(chunk) {
      if (finished) throw new Error('ODV reader: push after finish');
      scanBytes(chunk);
      for (const l of lines.push(chunk)) onLine(l);
    },
    finish() {
      if (finished) throw new Error('ODV reader: finish called twice');
      finished = true;
      for (const l of lines.finish()) onLine(l);
      if (file.labelLine === null) {
        issues.add('odv.structure', lineNo === 0 ? 'empty file' : 'no column-label line: the file has only comments or empty lines', lineNo || undefined);
        if (file.mapping.headerLine === null) issues.add('odv.mapping-block', `no //${mappingHeader} line`);
      } else if (file.rows.length === 0) {
        issues.add('odv.structure', 'no data rows after the column labels', file.labelLine);
      }
      const droppedIssues: Partial<Record<OdvRule, number>> = {};
      for (const [rule, n] of issues.dropped) droppedIssues[rule] = n;
      return { ...file, encoding: lines.encoding, bom: lines.bom, issues: issues.issues, droppedIssues };
    },
  };
}
