/**
 * Writes a SOMLIT extraction file (`Somlit_Extraction_<type>_….csv`, formats-seadatanet.md §9) for one type:
 * preamble lines from the table's template, the header (key columns, then each parameter followed by its q column),
 * the units row, then one row per entry, sorted by date, time, site and depth. A cell with no value is the missing
 * value (999999) with its code; a parameter never entered is 999999 with the template's missing code (9, no
 * sample). Numbers are written in their shortest exact form, so a file read back and written again is the same
 * bytes. Extraction files are small (one row per sampling), so the file is built as one string.
 */
import type { SomlitEntryFields } from './somlit-entry.js';
import type { KeyColumnField, SomlitParameter, SomlitTable, SomlitType } from './somlit-table.js';
import { depthLevelOrder, findSite, parametersOfType } from './somlit-table.js';

export interface ExtractionCell {
  value: number | null;
  code: string;
}

export interface ExtractionEntry {
  fields: SomlitEntryFields;
  /** By parameter code; absent: never entered. */
  values: Readonly<Record<string, ExtractionCell | undefined>>;
}

/** Shortest exact decimal form, never with an exponent (1.5e-7 is 0.00000015). */
export function formatSomlitNumber(n: number, decimalSeparator: '.' | ',' = '.'): string {
  let s = String(n);
  if (/e/i.test(s)) {
    const [mantissa, exp] = s.toLowerCase().split('e') as [string, string];
    const e = Number(exp);
    const negative = mantissa.startsWith('-');
    const digits = mantissa.replace('-', '').replace('.', '');
    const point = mantissa.replace('-', '').indexOf('.');
    const intLength = (point < 0 ? mantissa.replace('-', '').length : point) + e;
    if (intLength <= 0) s = `0.${'0'.repeat(-intLength)}${digits}`;
    else if (intLength >= digits.length) s = digits + '0'.repeat(intLength - digits.length);
    else s = `${digits.slice(0, intLength)}.${digits.slice(intLength)}`;
    if (negative) s = `-${s}`;
  }
  return decimalSeparator === ',' ? s.replace('.', ',') : s;
}

/** Rows in file order: date, time, site, depth level (table order), depth. */
export function compareEntries(table: SomlitTable, a: SomlitEntryFields, b: SomlitEntryFields): number {
  const text = (x: string | null, y: string | null) => (x ?? '').localeCompare(y ?? '');
  return (
    text(a.date, b.date) ||
    text(a.time, b.time) ||
    text(a.site, b.site) ||
    depthLevelOrder(table, a.depthLevel) - depthLevelOrder(table, b.depthLevel) ||
    (a.depth ?? -1) - (b.depth ?? -1)
  );
}

export function extractionHeader(table: SomlitTable, parameters: readonly SomlitParameter[]): string[] {
  const x = table.extraction;
  return [...x.keyColumns.map((c) => c.name), ...parameters.flatMap((p) => [p.code, `${x.qualityPrefix}${p.code}`])];
}

function keyCell(table: SomlitTable, field: KeyColumnField, fields: SomlitEntryFields): string {
  const x = table.extraction;
  const num = (n: number | null | undefined) => (n === null || n === undefined ? '' : formatSomlitNumber(n, x.decimalSeparator));
  const site = fields.site === null ? undefined : findSite(table, fields.site);
  switch (field) {
    case 'siteName':
      return site?.name ?? '';
    case 'latitude':
      return num(site?.latitude);
    case 'longitude':
      return num(site?.longitude);
    case 'tideCoefficient':
    case 'depth':
      return num(fields[field]);
    default:
      return fields[field] ?? '';
  }
}

function fillTemplate(line: string, values: Record<string, string>): string {
  return line.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export function writeSomlitExtraction(table: SomlitTable, type: SomlitType, entries: readonly ExtractionEntry[]): string {
  const x = table.extraction;
  const parameters = parametersOfType(table, type);
  const header = extractionHeader(table, parameters);
  const rows = [...entries].sort((a, b) => compareEntries(table, a.fields, b.fields));
  const dates = rows.flatMap((r) => (r.fields.date ? [r.fields.date] : [])).sort();
  const sites = [...new Set(rows.flatMap((r) => (r.fields.site ? [r.fields.site] : [])))].sort();
  const placeholders = { type, sites: sites.join(' '), from: dates[0] ?? '', to: dates.at(-1) ?? '', rows: String(rows.length) };
  const pad = (line: string) => {
    if (!x.padPreamble) return line;
    const present = line.split(x.separator).length;
    return line + x.separator.repeat(Math.max(0, header.length - present));
  };
  const lines: string[] = x.preamble.map((l) => pad(fillTemplate(l, placeholders)));
  lines.push(header.join(x.separator));
  lines.push([...x.keyColumns.map((c) => c.unit), ...parameters.flatMap((p) => [p.unit, x.qualityUnit])].join(x.separator));
  if (x.emptyRowAfterUnits) lines.push(x.separator.repeat(header.length - 1));
  for (const row of rows) {
    const cells = x.keyColumns.map((c) => keyCell(table, c.field, row.fields));
    for (const p of parameters) {
      const cell = row.values[p.code];
      if (!cell) cells.push(x.missingValue, x.missingCode);
      else cells.push(cell.value === null ? x.missingValue : formatSomlitNumber(cell.value, x.decimalSeparator), cell.code);
    }
    lines.push(cells.join(x.separator));
  }
  return (x.bom ? '\ufeff' : '') + lines.join(x.lineEnding) + x.lineEnding;
}

/** The file name the table's template gives (`Somlit_Extraction_hydro_20260514_101500_1a2b3c4d.csv`). */
export function extractionFileName(table: SomlitTable, type: SomlitType, at: Date, hash: string): string {
  const iso = at.toISOString();
  return fillTemplate(table.extraction.fileName, {
    type,
    yyyymmdd: iso.slice(0, 10).replace(/-/g, ''),
    hhmmss: iso.slice(11, 19).replace(/:/g, ''),
    hash: hash.slice(0, 8),
  });
}
