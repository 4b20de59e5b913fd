import { describe, expect, it } from 'vitest';
import { bundledTable } from './test-support/bundled-table.js';
import type { SomlitCode } from '../../shared/somlit/quality-codes.js';
import type { GridRow } from './grid-model.js';
import { blankRow, gridColumns } from './grid-model.js';
import { parseClipboardBlock, planPaste } from './paste-block.js';

const table = bundledTable;
const columns = gridColumns(table, 'hydro');
const col = (id: string) => columns.findIndex((c) => c.id === id);
const cell = (value: number | null, code: SomlitCode) => ({ value, code, comment: null, source: null });

function row(key: string, date: string, values: GridRow['values'] = {}): GridRow {
  return { key, entryId: key, fields: { site: '11', date, time: '09:30:00', tideCoefficient: null, tide: null, depthLevel: 'S', depth: 1 }, values, fieldDrafts: {}, cellDrafts: {}, blank: false };
}
const rows = [row('a', '2026-05-14', { T: cell(18.4, '2') }), row('b', '2026-05-28'), blankRow('new:1')];

describe('pasting a block from a spreadsheet', () => {
  it('reads tab-separated rows, with quoted cells and CRLF', () => {
    expect(parseClipboardBlock('a\tb\r\nc\t"d\te"\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd\te'],
    ]);
    expect(parseClipboardBlock('"say ""hi"""\t\n')).toEqual([['say "hi"', '']]);
    expect(parseClipboardBlock('one')).toEqual([['one']]);
    expect(parseClipboardBlock('')).toEqual([]);
  });

  it('checks every cell, and changes nothing when one is bad, naming its row and column', () => {
    // From T of the first row: T, qT, S, qS over two rows; the second row's S code says "not measured" with a value
    const block = parseClipboardBlock('18,9\t2\t38,1\t2\n17,2\t2\t38,0\t1\n');
    const plan = planPaste(table, rows, columns, { rowIndex: 0, columnIndex: col('v:T') }, block);
    expect(plan.rows).toEqual([]);
    expect(plan.problems).toEqual([{ rowIndex: 1, columnId: 'v:S', problem: { rule: 'no-value-code', field: 'S', params: { code: '1', value: 38 } } }]);

    const bad = planPaste(table, rows, columns, { rowIndex: 0, columnIndex: col('v:T') }, parseClipboardBlock('abc\t2\t38,1\tX\n'));
    expect(bad.problems.map((p) => [p.rowIndex, p.columnId, p.problem.rule])).toEqual([
      [0, 'v:T', 'not-a-number'],
      [0, 'q:S', 'unknown-code'],
    ]);
  });

  it('applies a good block: values with their codes, 999999 with a no-value code, new rows past the end', () => {
    const block = parseClipboardBlock('18,9\t2\t999999\t5\n17,2\t6\t38\t2\n');
    const plan = planPaste(table, rows, columns, { rowIndex: 0, columnIndex: col('v:T') }, block);
    expect(plan.problems).toEqual([]);
    expect(plan.rows).toEqual([
      { rowKey: 'a', change: { values: { T: cell(18.9, '2'), S: cell(null, '5') } } },
      { rowKey: 'b', change: { values: { T: cell(17.2, '6'), S: cell(38, '2') } } },
    ]);
    // Whole rows from the first column, pasted on the blank row: two new samplings
    const fresh = planPaste(
      table,
      rows,
      columns,
      { rowIndex: 2, columnIndex: 0 },
      parseClipboardBlock('11\t11/06/2026\t10:00\t\t\tS\t1\t16,5\t2\nFrioul\t25/06/2026\t10h00\t\t\tS\t1\t17\t7\n'),
    );
    expect(fresh.problems).toEqual([]);
    expect(fresh.rows.map((r) => [r.rowKey, r.change.fields?.date, r.change.values?.['T']?.value])).toEqual([
      [null, '2026-06-11', 16.5],
      [null, '2026-06-25', 17],
    ]);
  });

  it('refuses a pasted row that repeats a sampling, and cells past the last column', () => {
    const dup = planPaste(table, rows, columns, { rowIndex: 2, columnIndex: 0 }, parseClipboardBlock('11\t2026-05-28\t\t\t\tS\t1\n'));
    expect(dup.problems.map((p) => [p.rowIndex, p.columnId, p.problem.rule])).toEqual([[2, 'f:date', 'duplicate']]);
    const wide = planPaste(table, rows, columns, { rowIndex: 0, columnIndex: col('v:CHLA') }, parseClipboardBlock('1,5\t2\textra\n'));
    expect(col('q:CHLA')).toBe(columns.length - 1);
    expect(wide.problems.map((p) => [p.columnId, p.problem.rule])).toEqual([[`#${columns.length + 1}`, 'outside-grid']]);
  });
});
