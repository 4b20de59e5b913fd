/**
 * What typing into one cell of the entry grid does, with the SOMLIT rules enforced as the technician types: the
 * result is either the change to save (and the row as it looks once saved) or a draft that says what is wrong and
 * is not saved. Fields pending in a row are checked together, so a date that would repeat another sampling is saved
 * as soon as the depth that makes it different is typed.
 */
import type { SomlitProblem } from '../../shared/somlit/consistency-rules.js';
import { duplicateProblem, fieldProblems, unreadableFieldProblem } from '../../shared/somlit/consistency-rules.js';
import type { CellInput } from '../../shared/somlit/cell-input.js';
import { applyCellInput } from '../../shared/somlit/cell-input.js';
import type { SomlitEntryField, SomlitEntryFields, SomlitValueValue } from '../../shared/somlit/somlit-entry.js';
import { parseEntryFieldText } from '../../shared/somlit/somlit-entry.js';
import type { SomlitParameter, SomlitTable } from '../../shared/somlit/somlit-table.js';
import { sameValue } from '../../shared/model/change-event.js';
import type { CellDraft, FieldDraft, GridColumn, GridRow } from './grid-model.js';
import { duplicateOf } from './grid-model.js';

export interface SaveChange {
  fields?: Partial<SomlitEntryFields>;
  values?: Record<string, SomlitValueValue | null>;
}

export type EditOutcome =
  /** Save this change; `row` is the row once saved. */
  | { kind: 'save'; row: GridRow; change: SaveChange }
  /** Not saved: the row now carries a draft with its problems (or a draft was dropped). */
  | { kind: 'draft'; row: GridRow; problems: SomlitProblem[] }
  | { kind: 'none' };

const keyFields: readonly SomlitEntryField[] = ['site', 'date', 'depthLevel', 'depth'];

function editFields(table: SomlitTable, rows: readonly GridRow[], row: GridRow, field: SomlitEntryField, text: string): EditOutcome {
  const texts: Partial<Record<SomlitEntryField, string>> = {};
  for (const [f, d] of Object.entries(row.fieldDrafts) as [SomlitEntryField, FieldDraft][]) texts[f] = d.text;
  texts[field] = text;
  const candidate: SomlitEntryFields = { ...row.fields };
  const problems = new Map<SomlitEntryField, SomlitProblem[]>();
  for (const [f, t] of Object.entries(texts) as [SomlitEntryField, string][]) {
    const parsed = parseEntryFieldText(table, f, t, table.extraction.missingValue);
    if (!parsed.ok) {
      problems.set(f, [unreadableFieldProblem(table, f, t.trim())]);
      continue;
    }
    const value = parsed.value;
    const found = fieldProblems(table, f, value);
    if (found.length) problems.set(f, found);
    else (candidate as Record<SomlitEntryField, string | number | null>)[f] = value;
  }
  // The fields that can go in, and whether with them the row repeats another sampling.
  let ready = (Object.keys(texts) as SomlitEntryField[]).filter((f) => !problems.has(f));
  const saved: SomlitEntryFields = { ...row.fields };
  for (const f of ready) (saved as Record<SomlitEntryField, string | number | null>)[f] = candidate[f];
  if (duplicateOf(rows, row.key, saved)) {
    for (const f of ready.filter((f) => keyFields.includes(f))) problems.set(f, [duplicateProblem(saved)]);
    ready = ready.filter((f) => !keyFields.includes(f));
  }
  const fieldDrafts: GridRow['fieldDrafts'] = {};
  for (const [f, p] of problems) fieldDrafts[f] = { text: texts[f]!.trim(), problems: p };
  const change: Partial<SomlitEntryFields> = {};
  const fields = { ...row.fields };
  for (const f of ready) {
    if (candidate[f] !== row.fields[f]) (change as Record<SomlitEntryField, string | number | null>)[f] = candidate[f];
    (fields as Record<SomlitEntryField, string | number | null>)[f] = candidate[f];
  }
  const next: GridRow = { ...row, fields, fieldDrafts, blank: row.blank && Object.keys(change).length === 0 && problems.size === 0 };
  if (Object.keys(change).length) return { kind: 'save', row: next, change: { fields: change } };
  if (problems.size || Object.keys(row.fieldDrafts).length) return { kind: 'draft', row: { ...next, blank: false }, problems: problems.get(field) ?? [] };
  return { kind: 'none' };
}

function editValue(table: SomlitTable, row: GridRow, parameter: SomlitParameter, input: CellInput): EditOutcome {
  const code = parameter.code;
  const stored = row.values[code] ?? null;
  const draft = row.cellDrafts[code];
  const result = applyCellInput(parameter, draft ? draft.cell : stored, input, { defaultCode: table.defaultCode, missingValue: table.extraction.missingValue });
  const cellDrafts = { ...row.cellDrafts };
  delete cellDrafts[code];
  if (result.problems.length) {
    const unreadable = result.problems.some((p) => p.rule === 'not-a-number' || p.rule === 'unknown-code');
    const next: CellDraft = { cell: result.cell, problems: result.problems };
    if (input.value !== undefined && (unreadable || result.problems.some((p) => p.rule === 'missing-value-number'))) next.valueText = input.value.trim();
    else if (draft?.valueText !== undefined && input.value === undefined) next.valueText = draft.valueText;
    if (input.code !== undefined && unreadable) next.codeText = input.code.trim();
    return { kind: 'draft', row: { ...row, blank: false, cellDrafts: { ...cellDrafts, [code]: next } }, problems: result.problems };
  }
  const values = { ...row.values };
  if (result.cell) values[code] = result.cell;
  else delete values[code];
  const next: GridRow = { ...row, values, cellDrafts, blank: false };
  if (sameValue(result.cell, stored)) return draft ? { kind: 'draft', row: next, problems: [] } : { kind: 'none' };
  return { kind: 'save', row: next, change: { values: { [code]: result.cell } } };
}

/** Typing `text` into a cell (Enter, Tab, a paste of one cell). */
export function editCell(table: SomlitTable, rows: readonly GridRow[], row: GridRow, column: GridColumn, text: string): EditOutcome {
  if (column.kind === 'field') return editFields(table, rows, row, column.field, text);
  return editValue(table, row, column.parameter, column.kind === 'value' ? { value: text } : { code: text });
}

/** The comment of a cell (required with codes 3 and 4 for an out-of-range value). */
export function editComment(table: SomlitTable, row: GridRow, parameter: SomlitParameter, text: string): EditOutcome {
  if (!row.values[parameter.code] && !row.cellDrafts[parameter.code]) return { kind: 'none' };
  return editValue(table, row, parameter, { comment: text });
}
