import { describe, expect, it } from 'vitest';
import { bundledSomlitTableFile, loadSomlitTable } from '../../electron/somlit/somlit-table-file.js';
import type { SomlitProblem } from './consistency-rules.js';
import { cellProblems, describeSomlitProblem, duplicateKey, entryFieldsProblems, fieldProblems, findDuplicates, missingKeyFields, valueProblems } from './consistency-rules.js';
import type { SomlitCode } from './quality-codes.js';
import type { SomlitEntryFields, SomlitValueValue } from './somlit-entry.js';
import { emptyEntryFields } from './somlit-entry.js';
import { findParameter } from './somlit-table.js';

const table = loadSomlitTable(bundledSomlitTableFile());
const param = (code: string) => findParameter(table, code)!;
const cell = (value: number | null, code: string, comment: string | null = null): SomlitValueValue => ({ value, code: code as SomlitCode, comment, source: null });
const rules = (problems: SomlitProblem[]) => problems.map((p) => p.rule);

describe('SOMLIT consistency rules (each with a failing and a passing case)', () => {
  it('codes 1, 5 and 9 mean no value', () => {
    for (const code of ['1', '5', '9']) {
      expect(rules(cellProblems(param('NO3'), cell(3.2, code)))).toEqual(['no-value-code']);
      expect(cellProblems(param('NO3'), cell(null, code))).toEqual([]);
    }
    expect(describeSomlitProblem(cellProblems(param('NO3'), cell(3.2, '5'))[0]!)).toBe('NO3: code 5 (sampled, value not yet reported) means no value; clear the value 3.2 or change the code');
  });

  it('code 0 (below detection limit) stores the detection limit as its value', () => {
    // NH4: the bundled table's detection limit is 0.02 µmol/L
    expect(rules(cellProblems(param('NH4'), cell(0.5, '0')))).toEqual(['detection-limit']);
    expect(cellProblems(param('NH4'), cell(0.02, '0'))).toEqual([]);
    expect(rules(cellProblems(param('NH4'), cell(null, '0')))).toEqual(['needs-detection-limit']);
    // CHLA has no limit in the table: whatever limit the technician types is kept, but one is needed
    expect(cellProblems(param('CHLA'), cell(0.05, '0'))).toEqual([]);
    expect(rules(cellProblems(param('CHLA'), cell(null, '0')))).toEqual(['needs-detection-limit']);
    // The limit itself is never range-checked (DC13 range is -35..-10)
    expect(cellProblems(param('DC13'), cell(0.1, '0'))).toEqual([]);
  });

  it('a value outside its plausible range asks for code 3 or 4 and a comment', () => {
    // T: -2 to 32 °C in the bundled table
    expect(rules(cellProblems(param('T'), cell(45, '2')))).toEqual(['out-of-range']);
    expect(rules(cellProblems(param('T'), cell(45, '6')))).toEqual(['out-of-range']);
    expect(rules(cellProblems(param('T'), cell(45, '3')))).toEqual(['comment-required']);
    expect(rules(cellProblems(param('T'), cell(-3, '4', '   ')))).toEqual(['comment-required']);
    expect(cellProblems(param('T'), cell(45, '3', 'heat wave, checked twice'))).toEqual([]);
    expect(cellProblems(param('T'), cell(-3, '4', 'probe fault'))).toEqual([]);
    expect(cellProblems(param('T'), cell(18.4, '2'))).toEqual([]);
    // The bounds are inside the range
    expect(cellProblems(param('T'), cell(32, '2'))).toEqual([]);
    expect(describeSomlitProblem(cellProblems(param('T'), cell(45, '2'))[0]!)).toBe(
      'T = 45 °C is outside the plausible range -2 to 32: use code 3 (questionable) or 4 (bad) and say why in a comment',
    );
  });

  it('999999 is the file\'s missing value, never a number', () => {
    expect(rules(cellProblems(param('SYNC'), cell(999999, '2')))).toEqual(['missing-value-number']);
    expect(cellProblems(param('SYNC'), cell(99999, '2'))).toEqual([]);
  });

  it('other codes need a value, and a code must be 0 to 9', () => {
    for (const code of ['2', '3', '4', '6', '7', '8']) {
      expect(rules(cellProblems(param('S'), cell(null, code)))).toEqual(['needs-value']);
      expect(cellProblems(param('S'), cell(38.1, code))).toEqual([]);
    }
    expect(rules(cellProblems(param('S'), cell(38.1, 'A')))).toEqual(['unknown-code']);
    expect(rules(valueProblems(table, 'XYZ', cell(1, '2')))).toEqual(['unknown-parameter']);
    expect(valueProblems(table, 'S', cell(38.1, '2'))).toEqual([]);
  });

  it('entry fields: site, date, time, tide coefficient, tide, depth level and depth', () => {
    const bad: [keyof SomlitEntryFields, string | number, string][] = [
      ['site', '99', 'unknown-site'],
      ['date', '2026-02-30', 'bad-date'],
      ['time', '25:00:00', 'bad-time'],
      ['tideCoefficient', 130, 'bad-tide-coefficient'],
      ['tideCoefficient', 70.5, 'bad-tide-coefficient'],
      ['tide', 'PM;BM', 'bad-tide'],
      ['depthLevel', 'X', 'unknown-depth-level'],
      ['depth', -1, 'bad-depth'],
    ];
    for (const [field, value, rule] of bad) expect(rules(fieldProblems(table, field, value)), field).toEqual([rule]);
    const good: SomlitEntryFields = { site: '11', date: '2026-05-14', time: '09:30:00', tideCoefficient: 70, tide: 'PM', depthLevel: 'S', depth: 1 };
    expect(entryFieldsProblems(table, good)).toEqual([]);
    expect(entryFieldsProblems(table, emptyEntryFields)).toEqual([]);
    expect(missingKeyFields(emptyEntryFields).map((p) => p.field)).toEqual(['site', 'date', 'depthLevel']);
    expect(missingKeyFields(good)).toEqual([]);
  });

  it('duplicates: same site, date and depth', () => {
    const a: SomlitEntryFields = { ...emptyEntryFields, site: '11', date: '2026-05-14', depthLevel: 'S', depth: 1 };
    const entries = [
      { id: 'a', fields: a },
      { id: 'b', fields: { ...a, time: '10:00:00' } },
      { id: 'c', fields: { ...a, depthLevel: 'F', depth: 55 } },
      { id: 'd', fields: { ...a, date: '2026-05-28' } },
      { id: 'e', fields: { ...a, site: null } },
      { id: 'f', fields: { ...a, site: null } },
    ];
    expect([...findDuplicates(entries)]).toEqual([['b', 'a']]);
    expect(duplicateKey({ ...a, date: null })).toBeNull();
  });
});
