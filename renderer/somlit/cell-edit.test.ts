import { describe, expect, it } from 'vitest';
import { bundledTable } from './test-support/bundled-table.js';
import type { SomlitCode } from '../../shared/somlit/quality-codes.js';
import { editCell, editComment } from './cell-edit.js';
import type { GridRow } from './grid-model.js';
import { blankRow, cellText, columnById } from './grid-model.js';
import { findParameter } from '../../shared/somlit/somlit-table.js';

const table = bundledTable;
const col = (id: string) => columnById(table, id)!;
const cell = (value: number | null, code: SomlitCode, comment: string | null = null) => ({ value, code, comment, source: null });
const stored = (key: string, date: string, depthLevel = 'S'): GridRow => ({
  key,
  entryId: key,
  fields: { site: '11', date, time: null, tideCoefficient: null, tide: null, depthLevel, depth: depthLevel === 'S' ? 1 : 55 },
  values: {},
  fieldDrafts: {},
  cellDrafts: {},
  blank: false,
});

describe('typing into the entry grid', () => {
  it('a good field on the blank row is saved and starts a sampling; the site shows with its name', () => {
    const out = editCell(table, [blankRow('new:1')], blankRow('new:1'), col('f:site'), 'frioul');
    expect(out).toMatchObject({ kind: 'save', change: { fields: { site: '11' } }, row: { blank: false, fields: { site: '11' } } });
    if (out.kind !== 'save') throw new Error();
    expect(cellText(table, out.row, col('f:site'), 'fr')).toBe('11 — Frioul');
    const date = editCell(table, [out.row], out.row, col('f:date'), '14/05/2026');
    expect(date).toMatchObject({ kind: 'save', change: { fields: { date: '2026-05-14' } } });
  });

  it('a field that cannot be read stays a draft with its problem, shown as typed', () => {
    const row = stored('a', '2026-05-14');
    const out = editCell(table, [row], row, col('f:time'), '25h70');
    expect(out).toMatchObject({ kind: 'draft', problems: [{ rule: 'bad-time' }] });
    if (out.kind !== 'draft') throw new Error();
    expect(cellText(table, out.row, col('f:time'), 'en')).toBe('25h70');
    expect(out.row.fields.time).toBeNull();
    // Fixing it saves it and drops the draft
    const fixed = editCell(table, [out.row], out.row, col('f:time'), '9h30');
    expect(fixed).toMatchObject({ kind: 'save', change: { fields: { time: '09:30:00' } }, row: { fieldDrafts: {} } });
  });

  it('a date that repeats another sampling waits until the depth makes it different', () => {
    const a = stored('a', '2026-05-14');
    const b = stored('b', '2026-05-28');
    const out = editCell(table, [a, b], b, col('f:date'), '2026-05-14');
    expect(out).toMatchObject({ kind: 'draft', problems: [{ rule: 'duplicate' }] });
    if (out.kind !== 'draft') throw new Error();
    const level = editCell(table, [a, out.row], out.row, col('f:depthLevel'), 'F');
    expect(level).toMatchObject({ kind: 'save', change: { fields: { date: '2026-05-14', depthLevel: 'F' } }, row: { fieldDrafts: {} } });
  });

  it('value and q code: rules as you type', () => {
    const row = stored('a', '2026-05-14');
    // A French decimal comma, code 2 by default
    const t = editCell(table, [row], row, col('v:T'), '18,4');
    expect(t).toMatchObject({ kind: 'save', change: { values: { T: cell(18.4, '2') } } });
    if (t.kind !== 'save') throw new Error();
    expect(cellText(table, t.row, col('v:T'), 'fr')).toBe('18,4');
    // Code 5: the value goes
    const five = editCell(table, [t.row], t.row, col('q:T'), '5');
    expect(five).toMatchObject({ kind: 'save', change: { values: { T: cell(null, '5') } } });
    if (five.kind !== 'save') throw new Error();
    expect(cellText(table, five.row, col('v:T'), 'fr')).toBe('');
    // 999999 typed over a code that needs a value: shown as typed, not saved
    const missing = editCell(table, [t.row], t.row, col('v:T'), '999999');
    expect(missing).toMatchObject({ kind: 'draft', problems: [{ rule: 'missing-value-number' }] });
    if (missing.kind !== 'draft') throw new Error();
    expect(cellText(table, missing.row, col('v:T'), 'fr')).toBe('999999');
  });

  it('an out-of-range value asks for code 3 or 4, then a comment, and is saved once both are there', () => {
    const row = stored('a', '2026-05-14');
    const typed = editCell(table, [row], row, col('v:T'), '45');
    expect(typed).toMatchObject({ kind: 'draft', problems: [{ rule: 'out-of-range' }] });
    if (typed.kind !== 'draft') throw new Error();
    expect(cellText(table, typed.row, col('v:T'), 'en')).toBe('45');
    const coded = editCell(table, [typed.row], typed.row, col('q:T'), '3');
    expect(coded).toMatchObject({ kind: 'draft', problems: [{ rule: 'comment-required' }] });
    if (coded.kind !== 'draft') throw new Error();
    const commented = editComment(table, coded.row, findParameter(table, 'T')!, 'heat wave');
    expect(commented).toMatchObject({ kind: 'save', change: { values: { T: cell(45, '3', 'heat wave') } }, row: { cellDrafts: {} } });
  });
});
