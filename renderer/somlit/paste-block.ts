/**
 * Pasting a block copied from a spreadsheet into the entry grid, from the focused cell: every cell is read and
 * checked with the same rules as typing (a value and its q code pasted side by side are checked together, and a
 * pasted row must not repeat another sampling). Nothing is changed unless every cell is good; otherwise each bad
 * cell is named by its row and column. Rows past the last entry become new entries.
 */
import type { SomlitProblem } from '../../shared/somlit/consistency-rules.js';
import { duplicateKey, duplicateProblem, fieldProblems, unreadableFieldProblem } from '../../shared/somlit/consistency-rules.js';
import type { CellInput } from '../../shared/somlit/cell-input.js';
import { applyCellInput } from '../../shared/somlit/cell-input.js';
import type { SomlitEntryField, SomlitEntryFields, SomlitValueValue } from '../../shared/somlit/somlit-entry.js';
import { parseEntryFieldText } from '../../shared/somlit/somlit-entry.js';
import type { SomlitTable } from '../../shared/somlit/somlit-table.js';
import { findParameter } from '../../shared/somlit/somlit-table.js';
import { sameValue } from '../../shared/model/change-event.js';
import type { SaveChange } from './cell-edit.js';
import type { GridColumn, GridRow } from './grid-model.js';

/** Tab-separated rows as spreadsheets put them on the clipboard (quoted cells may hold tabs, newlines, quotes). */
export function parseClipboardBlock(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === '\t') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export interface PasteProblem {
  /** 0-based index of the grid row, and the grid column, of the bad cell. */
  rowIndex: number;
  columnId: string;
  problem: SomlitProblem | { rule: 'outside-grid'; field: string; params: Record<string, string | number> };
}

export interface PastedRow {
  /** The grid row changed, or null for a new entry (rows past the end). */
  rowKey: string | null;
  change: SaveChange;
}

export interface PastePlan {
  rows: PastedRow[];
  problems: PasteProblem[];
}

export function planPaste(table: SomlitTable, rows: readonly GridRow[], columns: readonly GridColumn[], anchor: { rowIndex: number; columnIndex: number }, block: readonly (readonly string[])[]): PastePlan {
  const problems: PasteProblem[] = [];
  const existing = rows.filter((r) => !r.blank);
  const planned: { rowIndex: number; row: GridRow | null; fields: SomlitEntryFields; change: SaveChange }[] = [];
  block.forEach((cells, i) => {
    const rowIndex = anchor.rowIndex + i;
    const row = rowIndex < existing.length ? existing[rowIndex]! : null;
    const fields: SomlitEntryFields = row ? { ...row.fields } : { site: null, date: null, time: null, tideCoefficient: null, tide: null, depthLevel: null, depth: null };
    const fieldChange: Partial<SomlitEntryFields> = {};
    const inputs = new Map<string, { input: CellInput; columnIds: string[] }>();
    cells.forEach((text, j) => {
      const column = columns[anchor.columnIndex + j];
      if (!column) {
        if (text.trim() !== '') problems.push({ rowIndex, columnId: `#${anchor.columnIndex + j + 1}`, problem: { rule: 'outside-grid', field: '', params: { text } } });
        return;
      }
      if (column.kind === 'field') {
        const f: SomlitEntryField = column.field;
        const parsed = parseEntryFieldText(table, f, text, table.extraction.missingValue);
        if (!parsed.ok) {
          problems.push({ rowIndex, columnId: column.id, problem: unreadableFieldProblem(table, f, text.trim()) });
          return;
        }
        const found = fieldProblems(table, f, parsed.value);
        if (found.length) problems.push(...found.map((problem) => ({ rowIndex, columnId: column.id, problem })));
        else {
          (fields as Record<SomlitEntryField, string | number | null>)[f] = parsed.value;
          if (parsed.value !== (row?.fields[f] ?? null)) (fieldChange as Record<SomlitEntryField, string | number | null>)[f] = parsed.value;
        }
        return;
      }
      const code = column.parameter.code;
      const entry = inputs.get(code) ?? { input: {}, columnIds: [] };
      if (column.kind === 'value') entry.input.value = text;
      else entry.input.code = text;
      entry.columnIds.push(column.id);
      inputs.set(code, entry);
    });
    const values: Record<string, SomlitValueValue | null> = {};
    for (const [code, { input, columnIds }] of inputs) {
      const parameter = findParameter(table, code)!;
      const stored = row?.values[code] ?? null;
      const result = applyCellInput(parameter, stored, input, { defaultCode: table.defaultCode, missingValue: table.extraction.missingValue });
      if (result.problems.length) {
        for (const problem of result.problems) {
          const onCode = problem.rule === 'unknown-code' || problem.rule === 'needs-code' || (input.value === undefined && input.code !== undefined);
          problems.push({ rowIndex, columnId: onCode ? `q:${code}` : columnIds.includes(`v:${code}`) ? `v:${code}` : columnIds[0]!, problem });
        }
      } else if (!sameValue(result.cell, stored)) values[code] = result.cell;
    }
    const change: SaveChange = {};
    if (Object.keys(fieldChange).length) change.fields = fieldChange;
    if (Object.keys(values).length) change.values = values;
    planned.push({ rowIndex, row, fields, change });
  });
  // No two samplings alike, among the pasted rows and the rows left as they were.
  const keys = new Map<string, number>();
  const pastedKeys = new Set(planned.flatMap((p) => (p.row ? [p.row.key] : [])));
  existing.forEach((r, i) => {
    const k = duplicateKey(r.fields);
    if (k !== null && !pastedKeys.has(r.key)) keys.set(k, i);
  });
  for (const p of planned) {
    const k = duplicateKey(p.fields);
    if (k === null) continue;
    if (keys.has(k)) problems.push({ rowIndex: p.rowIndex, columnId: 'f:date', problem: duplicateProblem(p.fields) });
    else keys.set(k, p.rowIndex);
  }
  if (problems.length) return { rows: [], problems };
  return {
    rows: planned.filter((p) => p.change.fields || p.change.values).map((p) => ({ rowKey: p.row?.key ?? null, change: p.change })),
    problems: [],
  };
}
