import { describe, expect, it } from 'vitest';
import { bundledSomlitTableFile, loadSomlitTable } from '../../electron/somlit/somlit-table-file.js';
import type { CellInput } from './cell-input.js';
import { applyCellInput } from './cell-input.js';
import type { SomlitCode } from './quality-codes.js';
import type { SomlitValueValue } from './somlit-entry.js';
import { isMissingMarker, parseDateText, parseDepthLevelText, parseNumberText, parseSiteText, parseTimeText } from './somlit-entry.js';
import { findParameter } from './somlit-table.js';

const table = loadSomlitTable(bundledSomlitTableFile());
const options = { defaultCode: table.defaultCode };
const cell = (value: number | null, code: string, comment: string | null = null): SomlitValueValue => ({ value, code: code as SomlitCode, comment, source: null });
const type = (code: string, current: SomlitValueValue | null, input: CellInput) => applyCellInput(findParameter(table, code)!, current, input, options);

describe('typing into a SOMLIT cell', () => {
  it('a number typed in an empty cell takes the default code 2; a French decimal comma is read', () => {
    expect(type('T', null, { value: '15,25' })).toEqual({ cell: cell(15.25, '2'), problems: [] });
    expect(type('T', cell(15.25, '6'), { value: '15.3' })).toEqual({ cell: cell(15.3, '6'), problems: [] });
  });

  it('a code of 1, 5 or 9 clears the value', () => {
    expect(type('NO3', cell(3.2, '2'), { code: '5' })).toEqual({ cell: cell(null, '5'), problems: [] });
    expect(type('NO3', null, { code: '9' })).toEqual({ cell: cell(null, '9'), problems: [] });
    // A number typed over "not yet reported": the value arrived
    expect(type('NO3', cell(null, '5'), { value: '3.4' })).toEqual({ cell: cell(3.4, '2'), problems: [] });
    // Both typed at once, inconsistent: refused with the rule
    expect(type('NO3', null, { value: '3.4', code: '5' }).problems.map((p) => p.rule)).toEqual(['no-value-code']);
  });

  it('code 0 takes the detection limit of the table', () => {
    expect(type('NH4', cell(0.3, '2'), { code: '0' })).toEqual({ cell: cell(0.02, '0'), problems: [] });
    expect(type('NH4', null, { value: '0.5', code: '0' }).problems.map((p) => p.rule)).toEqual(['detection-limit']);
    // No limit in the table (CHLA): the typed value is the limit; without one it is asked for
    expect(type('CHLA', cell(0.04, '2'), { code: '0' })).toEqual({ cell: cell(0.04, '0'), problems: [] });
    expect(type('CHLA', null, { code: '0' }).problems.map((p) => p.rule)).toEqual(['needs-detection-limit']);
  });

  it('999999 and "-" are the file\'s missing value: never a number', () => {
    const typed = type('T', cell(15, '2'), { value: '999999' });
    expect(typed.problems.map((p) => p.rule)).toEqual(['missing-value-number']);
    expect(type('T', null, { value: '999999' }).problems.map((p) => p.rule)).toEqual(['missing-value-number']);
    // With a no-value code, pasting the file's 999999 is just "no value"
    expect(type('T', null, { value: '999999', code: '9' })).toEqual({ cell: cell(null, '9'), problems: [] });
    expect(type('T', cell(null, '5'), { value: '-' })).toEqual({ cell: cell(null, '5'), problems: [] });
  });

  it('an out-of-range value asks for code 3 or 4 and a comment, then goes in', () => {
    const first = type('T', null, { value: '45' });
    expect(first.problems.map((p) => p.rule)).toEqual(['out-of-range']);
    const coded = type('T', first.cell, { code: '3' });
    expect(coded.problems.map((p) => p.rule)).toEqual(['comment-required']);
    expect(type('T', coded.cell, { comment: 'heat wave' })).toEqual({ cell: cell(45, '3', 'heat wave'), problems: [] });
  });

  it('emptying the value empties the cell; a comment alone keeps where the value came from', () => {
    expect(type('T', cell(15, '2'), { value: '' })).toEqual({ cell: null, problems: [] });
    expect(type('T', cell(15, '2'), { code: '' }).problems.map((p) => p.rule)).toEqual(['needs-code']);
    const linked: SomlitValueValue = { ...cell(1200, '2'), source: { kind: 'file', file: 'a.csv', line: 5 } };
    expect(type('SYNC', linked, { comment: 'checked' }).cell).toEqual({ ...linked, comment: 'checked' });
    expect(type('SYNC', linked, { value: '1300' }).cell?.source).toBeNull();
  });

  it('refuses what is not a number or a code, keeping the stored cell', () => {
    expect(type('T', cell(15, '2'), { value: '15.2.3' })).toEqual({ cell: cell(15, '2'), problems: [{ rule: 'not-a-number', field: 'T', params: { text: '15.2.3' } }] });
    expect(type('T', cell(15, '2'), { code: 'A' }).problems.map((p) => p.rule)).toEqual(['unknown-code']);
  });
});

describe('reading what is typed', () => {
  it('numbers, dates, times, sites and depth levels', () => {
    expect(parseNumberText('1 234,5')).toBe(1234.5);
    expect(parseNumberText('1,234.5')).toBe(1234.5);
    expect(parseNumberText('-0,02')).toBe(-0.02);
    expect(parseNumberText('1e3')).toBe(1000);
    expect(parseNumberText('1,2,3')).toBeNull();
    expect(parseNumberText('abc')).toBeNull();
    expect(isMissingMarker('999999')).toBe(true);
    expect(isMissingMarker('999999,0')).toBe(true);
    expect(isMissingMarker('1e+06')).toBe(true);
    expect(isMissingMarker('1000000')).toBe(false);
    expect(parseDateText('2026-05-14')).toBe('2026-05-14');
    expect(parseDateText('14/05/2026')).toBe('2026-05-14');
    expect(parseDateText('4/5/26')).toBe('2026-05-04');
    expect(parseDateText('29/02/2025')).toBeNull();
    expect(parseTimeText('9h30')).toBe('09:30:00');
    expect(parseTimeText('9:30')).toBe('09:30:00');
    expect(parseTimeText('09:30:15')).toBe('09:30:15');
    expect(parseTimeText('10h')).toBe('10:00:00');
    expect(parseTimeText('930')).toBeNull();
    expect(parseSiteText(table, '11')).toBe('11');
    expect(parseSiteText(table, 'frioul')).toBe('11');
    expect(parseSiteText(table, '12 — Point B')).toBe('12');
    expect(parseSiteText(table, 'pointb')).toBe('12');
    expect(parseSiteText(table, '13')).toBeNull();
    expect(parseDepthLevelText(table, 's')).toBe('S');
    expect(parseDepthLevelText(table, 'bottom')).toBe('F');
    expect(parseDepthLevelText(table, 'Q')).toBeNull();
  });
});
