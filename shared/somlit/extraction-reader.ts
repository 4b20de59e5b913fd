/**
 * Reads a SOMLIT extraction file (`Somlit_Extraction_<type>_….csv`, formats-seadatanet.md §9): `;`-separated,
 * preamble lines, the header (ID_SITE, DATE, HEURE, COEF_MAREE, MAREE, PROF_TEXT, PROF_NUM, nomSite*, gpsLat*,
 * gpsLong*, then each parameter followed by `q<PARAM>`), a units row, then data with 999999 for missing values.
 *
 * No real file was available, so the preamble and units rows are read leniently (any number of preamble lines
 * before the header; the line after the header is the units row when it does not read as data; empty `;;;` rows
 * and `//` lines are skipped); the column rules are strict. A malformed row is left out whole, with one issue per
 * problem naming its line and column; the other rows are read. Throws invalid-input only when the bytes are not a
 * SOMLIT extraction at all. Extraction files are small (one row per sampling), so they are read from one buffer.
 */
import { CurationError } from '../api/errors.js';
import type { FormatIssue } from '../formats/format-issue.js';
import { decodeText, splitLines } from '../formats/text/decode-text.js';
import { cellProblems, describeSomlitProblem, fieldProblems, unreadableFieldProblem } from './consistency-rules.js';
import { isSomlitCode } from './quality-codes.js';
import type { SomlitEntryField, SomlitEntryFields, SomlitValueValue } from './somlit-entry.js';
import { emptyEntryFields, isMissingMarker, parseEntryFieldText, parseNumberText } from './somlit-entry.js';
import type { SomlitParameter, SomlitTable, SomlitType } from './somlit-table.js';
import { findParameter } from './somlit-table.js';

export interface ExtractionRow {
  /** 1-based line in the file. */
  line: number;
  fields: SomlitEntryFields;
  /** By parameter code, for every parameter column of the file whose cell is not blank. */
  values: Record<string, SomlitValueValue>;
}

export interface ExtractionFile {
  /** From the file name (`Somlit_Extraction_hydro_…`), else from its parameters; null when it has none. */
  type: SomlitType | null;
  preamble: string[];
  header: string[];
  /** The units row as written, or null when the file has none. */
  units: string[] | null;
  /** Parameter codes read (each with its q column), in file order. */
  parameters: string[];
  rows: ExtractionRow[];
  /** Data rows left out because of a problem. */
  rejectedRows: number;
  /** Why each left-out row was left out: one issue per problem, with its line and column. */
  rowErrors: FormatIssue[];
  /** File-level notes that left nothing out of the rows read (columns ignored, preamble length, no units row). */
  issues: FormatIssue[];
}

const entryFieldOf: Partial<Record<string, SomlitEntryField>> = {
  site: 'site',
  date: 'date',
  time: 'time',
  tideCoefficient: 'tideCoefficient',
  tide: 'tide',
  depthLevel: 'depthLevel',
  depth: 'depth',
};

/** Header names compare without case, spaces or a trailing `*` (`nomSite*`). */
function norm(name: string): string {
  return name.trim().replace(/\*+$/, '').replace(/\s+/g, '').toUpperCase();
}

function unquote(cell: string): string {
  const t = cell.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"') : t;
}

/** The type in a SOMLIT file name, if it is one. */
export function extractionTypeFromName(fileName: string): SomlitType | 'ctd' | null {
  const m = /Somlit_Extraction_(hydro|piconano|ctd)_/i.exec(fileName);
  return m ? (m[1]!.toLowerCase() as SomlitType | 'ctd') : null;
}

export function readSomlitExtraction(bytes: Uint8Array, table: SomlitTable, options: { fileName?: string } = {}): ExtractionFile {
  const x = table.extraction;
  const fromName = options.fileName ? extractionTypeFromName(options.fileName) : null;
  if (fromName === 'ctd') {
    throw new CurationError({ code: 'invalid-input', message: 'a Somlit_Extraction_ctd file holds CTD profiles, not lab entries: import hydro or piconano extractions' });
  }
  if (bytes.length === 0) throw new CurationError({ code: 'invalid-input', message: 'the file is empty, not a SOMLIT extraction' });
  if (bytes.subarray(0, 4096).includes(0)) throw new CurationError({ code: 'invalid-input', message: 'the file is binary, not a SOMLIT extraction (CSV text)' });
  const lines = splitLines(decodeText(bytes).text);
  const split = (line: string) => line.split(x.separator).map(unquote);

  const siteColumn = x.keyColumns.find((c) => c.field === 'site')!;
  const headerIndex = lines.slice(0, 50).findIndex((l) => norm(split(l)[0] ?? '') === norm(siteColumn.name));
  if (headerIndex < 0) {
    throw new CurationError({
      code: 'invalid-input',
      message: `no SOMLIT header found: no line of the first 50 starts with ${siteColumn.name}${x.separator} (is it a ${x.separator === ';' ? 'semicolon' : 'separator'}-separated SOMLIT extraction?)`,
    });
  }
  const issues: FormatIssue[] = [];
  const preamble = lines.slice(0, headerIndex);
  if (preamble.length !== x.preamble.length) {
    issues.push({ line: headerIndex + 1, message: `${preamble.length} preamble line(s) before the header where SOMLIT files have ${x.preamble.length}: read anyway` });
  }
  const header = split(lines[headerIndex]!);
  const headerLine = headerIndex + 1;

  // Columns: key columns by name, each parameter with the q column right after it.
  const keyAt = new Map<number, (typeof x.keyColumns)[number]>();
  const params: { code: string; parameter: SomlitParameter; valueAt: number; codeAt: number }[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < header.length; i++) {
    const name = header[i]!;
    if (name === '') continue;
    if (seen.has(norm(name))) throw new CurationError({ code: 'invalid-input', line: headerLine, field: name, message: `column ${name} appears twice in the header` });
    seen.add(norm(name));
    const key = x.keyColumns.find((c) => norm(c.name) === norm(name));
    if (key) {
      keyAt.set(i, key);
      continue;
    }
    const isQuality = name.startsWith(x.qualityPrefix) && findParameter(table, name.slice(x.qualityPrefix.length)) !== undefined;
    const parameter = isQuality ? undefined : table.parameters.find((p) => norm(p.code) === norm(name));
    if (parameter) {
      const next = header[i + 1];
      if (next === undefined || norm(next) !== norm(`${x.qualityPrefix}${parameter.code}`)) {
        issues.push({ line: headerLine, field: name, message: `${name} is not followed by its quality column ${x.qualityPrefix}${parameter.code}: its values are not read` });
        continue;
      }
      params.push({ code: parameter.code, parameter, valueAt: i, codeAt: i + 1 });
      i++;
      seen.add(norm(header[i]!));
      continue;
    }
    issues.push({
      line: headerLine,
      field: name,
      message: isQuality ? `${name} does not follow its parameter column: ignored` : `${name} is not a column of the SOMLIT table: ignored`,
    });
  }
  for (const required of ['site', 'date', 'depthLevel'] as const) {
    if (![...keyAt.values()].some((c) => c.field === required)) {
      const name = x.keyColumns.find((c) => c.field === required)?.name ?? required;
      throw new CurationError({ code: 'invalid-input', line: headerLine, field: name, message: `the header has no ${name} column` });
    }
  }

  const type =
    fromName ??
    (params.length === 0
      ? null
      : params.filter((p) => p.parameter.type === 'piconano').length > params.length / 2
        ? 'piconano'
        : 'hydro');

  // The units row: the line after the header, unless it reads as data (a known site and a date).
  let next = headerIndex + 1;
  let units: string[] | null = null;
  const dateAt = [...keyAt].find(([, c]) => c.field === 'date')?.[0] ?? -1;
  const siteAt = [...keyAt].find(([, c]) => c.field === 'site')?.[0] ?? -1;
  if (next < lines.length) {
    const cells = split(lines[next]!);
    const looksLikeData =
      parseEntryFieldText(table, 'site', cells[siteAt] ?? '').ok && (cells[siteAt] ?? '') !== '' && parseEntryFieldText(table, 'date', cells[dateAt] ?? '').ok && (cells[dateAt] ?? '') !== '';
    if (!looksLikeData) {
      units = cells;
      next++;
    } else {
      issues.push({ line: next + 1, message: 'no units row after the header: the line after it is read as data' });
    }
  }

  const rows: ExtractionRow[] = [];
  const rowErrors: FormatIssue[] = [];
  let rejectedRows = 0;
  for (let li = next; li < lines.length; li++) {
    const line = li + 1;
    const raw = lines[li]!;
    if (raw.trim() === '' || raw.trim().startsWith('//') || raw.split(x.separator).every((c) => c.trim() === '')) continue;
    const cells = split(raw);
    if (cells.length !== header.length && !(cells.length > header.length && cells.slice(header.length).every((c) => c === ''))) {
      rowErrors.push({ line, message: `${cells.length} fields where the header has ${header.length}: row left out` });
      rejectedRows++;
      continue;
    }
    const problems: { field: string; message: string }[] = [];
    const fields: SomlitEntryFields = { ...emptyEntryFields };
    for (const [i, column] of keyAt) {
      const field = entryFieldOf[column.field];
      if (!field) continue; // nomSite*, gpsLat*, gpsLong*: written from the table, not read
      const text = cells[i] ?? '';
      const parsed = parseEntryFieldText(table, field, text, x.missingValue);
      if (!parsed.ok) {
        problems.push({ field: column.name, message: describeSomlitProblem(unreadableFieldProblem(table, field, text)) });
        continue;
      }
      const value = field === 'tideCoefficient' || field === 'depth' ? (parsed.value as number | null) : (parsed.value as string | null);
      const found = fieldProblems(table, field, value);
      if (found.length) problems.push(...found.map((p) => ({ field: column.name, message: describeSomlitProblem(p) })));
      else (fields as unknown as Record<string, string | number | null>)[field] = value;
    }
    for (const f of ['site', 'date', 'depthLevel'] as const) {
      const name = x.keyColumns.find((c) => c.field === f)!.name;
      if (fields[f] === null && !problems.some((p) => p.field === name)) problems.push({ field: name, message: `${name} is empty` });
    }
    const values: Record<string, SomlitValueValue> = {};
    for (const p of params) {
      const valueText = cells[p.valueAt] ?? '';
      const codeText = (cells[p.codeAt] ?? '').trim();
      const qName = header[p.codeAt]!;
      const missing = valueText.trim() === '' || isMissingMarker(valueText, x.missingValue);
      if (codeText === '') {
        if (missing) continue; // nothing entered for this parameter
        problems.push({ field: qName, message: `${p.code} has a value but ${qName} is empty` });
        continue;
      }
      if (!isSomlitCode(codeText)) {
        problems.push({ field: qName, message: `"${codeText}" is not a SOMLIT quality code (0 to 9)` });
        continue;
      }
      const value = missing ? null : parseNumberText(valueText);
      if (!missing && value === null) {
        problems.push({ field: header[p.valueAt]!, message: `"${valueText.trim()}" is not a number` });
        continue;
      }
      const cell: SomlitValueValue = { value, code: codeText, comment: null, source: null };
      let found = cellProblems(p.parameter, cell, x.missingValue);
      // 999999 where the code needs a value: the missing value was written as if it were a measurement.
      if (missing && valueText.trim() !== '' && found.some((f) => f.rule === 'needs-value')) found = [{ rule: 'missing-value-number', field: p.code, params: { value: valueText.trim() } }];
      // A file has no comment column: an out-of-range value the file already marks 3 or 4 says where it came from.
      if (found.length === 1 && found[0]!.rule === 'comment-required') {
        cell.comment = `outside the plausible range ${p.parameter.plausible?.join(' to ') ?? ''} in ${options.fileName ?? 'the imported file'}, line ${line}`;
        found = [];
      }
      if (found.length) problems.push(...found.map((pr) => ({ field: pr.rule === 'unknown-code' ? qName : header[p.valueAt]!, message: describeSomlitProblem(pr) })));
      else values[p.code] = cell;
    }
    if (problems.length) {
      rejectedRows++;
      for (const pr of problems) rowErrors.push({ line, field: pr.field, message: `${pr.message}: row left out` });
      continue;
    }
    rows.push({ line, fields, values });
  }
  return { type, preamble, header, units, parameters: params.map((p) => p.code), rows, rejectedRows, rowErrors, issues };
}
