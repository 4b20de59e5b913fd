/**
 * The entry grid's model, without ag-grid: its columns (the sampling fields, then a value and a q-code column per
 * parameter of the chosen type), its rows (stored entries, rows created in this session, and one blank row at the
 * end to type a new sampling into), and what each cell shows. Pending input that breaks a rule stays in the row as
 * a draft (shown in red, not saved) until it is fixed.
 */
import type { SomlitEntryView } from '../../shared/api/somlit-contract.js';
import type { SomlitProblem } from '../../shared/somlit/consistency-rules.js';
import { duplicateKey } from '../../shared/somlit/consistency-rules.js';
import type { SomlitEntryField, SomlitEntryFields, SomlitValueValue } from '../../shared/somlit/somlit-entry.js';
import { emptyEntryFields, entryFieldNames } from '../../shared/somlit/somlit-entry.js';
import type { SomlitParameter, SomlitTable, SomlitType } from '../../shared/somlit/somlit-table.js';
import { findParameter, findSite, parametersOfType } from '../../shared/somlit/somlit-table.js';

export type GridColumn = { id: string; kind: 'field'; field: SomlitEntryField } | { id: string; kind: 'value' | 'code'; parameter: SomlitParameter };

export interface FieldDraft {
  text: string;
  problems: SomlitProblem[];
}

export interface CellDraft {
  /** The cell as it would be stored (value and code merged from what was typed). */
  cell: SomlitValueValue | null;
  /** What was typed when it could not be read as a number or a code. */
  valueText?: string;
  codeText?: string;
  problems: SomlitProblem[];
}

export interface GridRow {
  /** The entry id, or `new:N` for a row made in this session (kept after the service gave it an id). */
  key: string;
  /** Null until the service created the entry. */
  entryId: string | null;
  fields: SomlitEntryFields;
  values: Record<string, SomlitValueValue>;
  fieldDrafts: Partial<Record<SomlitEntryField, FieldDraft>>;
  cellDrafts: Record<string, CellDraft>;
  /** The empty last row: typing into it starts a new sampling. */
  blank: boolean;
}

export const fieldColumnId = (field: SomlitEntryField) => `f:${field}`;
export const valueColumnId = (code: string) => `v:${code}`;
export const codeColumnId = (code: string) => `q:${code}`;

export function gridColumns(table: SomlitTable, type: SomlitType): GridColumn[] {
  return [
    ...entryFieldNames.map((field) => ({ id: fieldColumnId(field), kind: 'field' as const, field })),
    ...parametersOfType(table, type).flatMap((parameter) => [
      { id: valueColumnId(parameter.code), kind: 'value' as const, parameter },
      { id: codeColumnId(parameter.code), kind: 'code' as const, parameter },
    ]),
  ];
}

export function columnById(table: SomlitTable, id: string): GridColumn | null {
  const [kind, name] = [id.slice(0, 2), id.slice(2)];
  if (kind === 'f:' && (entryFieldNames as readonly string[]).includes(name)) return { id, kind: 'field', field: name as SomlitEntryField };
  const parameter = findParameter(table, name);
  if (!parameter) return null;
  if (kind === 'v:') return { id, kind: 'value', parameter };
  if (kind === 'q:') return { id, kind: 'code', parameter };
  return null;
}

export function blankRow(key: string): GridRow {
  return { key, entryId: null, fields: { ...emptyEntryFields }, values: {}, fieldDrafts: {}, cellDrafts: {}, blank: true };
}

/** Rows of the stored entries; `keyOf` keeps the keys rows already had (so the grid keeps its rows and focus). */
export function rowsFromEntries(entries: readonly SomlitEntryView[], blankKey: string, keyOf: ReadonlyMap<string, string> = new Map()): GridRow[] {
  return [
    ...entries.map((e) => ({ key: keyOf.get(e.id) ?? e.id, entryId: e.id, fields: e.fields, values: e.values, fieldDrafts: {}, cellDrafts: {}, blank: false })),
    blankRow(blankKey),
  ];
}

/** A number as the technician reads it: the language's decimal separator, no grouping (so it pastes back). */
export function formatNumber(n: number, language: string): string {
  const s = String(n);
  return language === 'fr' ? s.replace('.', ',') : s;
}

/** What a cell shows: a draft's text when there is one; never 999999 (no value is an empty cell). */
export function cellText(table: SomlitTable, row: GridRow, column: GridColumn, language: string): string {
  if (column.kind === 'field') {
    const draft = row.fieldDrafts[column.field];
    if (draft) return draft.text;
    const v = row.fields[column.field];
    if (v === null) return '';
    if (column.field === 'site') {
      const site = findSite(table, String(v));
      return site ? `${site.id} — ${site.name}` : String(v);
    }
    return typeof v === 'number' ? formatNumber(v, language) : v;
  }
  const code = column.parameter.code;
  const draft = row.cellDrafts[code];
  const cell = draft ? draft.cell : (row.values[code] ?? null);
  if (column.kind === 'code') return draft?.codeText ?? cell?.code ?? '';
  if (draft?.valueText !== undefined) return draft.valueText;
  return cell?.value === null || cell?.value === undefined ? '' : formatNumber(cell.value, language);
}

/** The problems of one cell: its draft's, or the stored cell's (an entry-level one for key fields). */
export function cellDraftProblems(row: GridRow, column: GridColumn): SomlitProblem[] {
  if (column.kind === 'field') return row.fieldDrafts[column.field]?.problems ?? [];
  return row.cellDrafts[column.parameter.code]?.problems ?? [];
}

/** Rows other than `key` that hold the same sampling as `fields` (same site, date, depth). */
export function duplicateOf(rows: readonly GridRow[], key: string, fields: SomlitEntryFields): GridRow | null {
  const k = duplicateKey(fields);
  if (k === null) return null;
  return rows.find((r) => r.key !== key && !r.blank && duplicateKey(r.fields) === k) ?? null;
}

export function hasDrafts(row: GridRow): boolean {
  return Object.keys(row.fieldDrafts).length > 0 || Object.keys(row.cellDrafts).length > 0;
}
