import { describe, expect, it } from 'vitest';
import { bundledSomlitTableFile, loadSomlitTable } from '../../electron/somlit/somlit-table-file.js';
import { CurationError } from '../api/errors.js';
import type { ActionContext, ChangeEvent, StateLookup, TargetState } from '../model/change-event.js';
import { deriveState, describeTarget, emptyState, planUndo, targetKey } from '../model/change-event.js';
import type { SomlitEntryFields, SomlitValueValue } from './somlit-entry.js';
import { emptyEntryFields } from './somlit-entry.js';
import type { SomlitEntryEdit } from './somlit-actions.js';
import { planSomlitDelete, planSomlitEdits, somlitEditProblems, somlitEntryTarget, somlitValueTarget } from './somlit-actions.js';

const table = loadSomlitTable(bundledSomlitTableFile());

function harness() {
  let state = new Map<string, TargetState>();
  let n = 0;
  let entry = 0;
  const lookup: StateLookup = (key) => state.get(key) ?? emptyState;
  const ctx = (): ActionContext => ({ actor: 'tech', device: 'bench', at: '2026-05-14T10:00:00Z', changeset: `c${++n}`, newId: () => `e${n}-${Math.random()}` });
  const stored = () => {
    const m = new Map<string, SomlitEntryFields>();
    for (const [key, s] of state) if (key.startsWith('\u0000somlit-entry\u0000') && s.value) m.set(key.split('\u0000')[2]!, s.value as SomlitEntryFields);
    return m;
  };
  const apply = (events: ChangeEvent[]) => {
    state = deriveState(events, state);
    return events;
  };
  const save = (edits: SomlitEntryEdit[], action: 'somlit-save' | 'somlit-import' = 'somlit-save') =>
    planSomlitEdits(lookup, table, stored(), edits, { action, reason: null, newEntryId: () => `se_${++entry}` }, ctx());
  return { lookup, ctx, stored, apply, save, state: () => state };
}

const cell = (value: number | null, code: SomlitValueValue['code'], comment: string | null = null): SomlitValueValue => ({ value, code, comment, source: null });
const frioul: Partial<SomlitEntryFields> = { site: '11', date: '2026-05-14', time: '09:30:00', depthLevel: 'S', depth: 1 };

describe('SOMLIT actions', () => {
  it('a new row and its cells are one changeset of entry and value events', () => {
    const h = harness();
    const plan = h.save([{ id: null, fields: frioul, values: { T: cell(18.4, '2'), NO2: cell(null, '5') } }]);
    expect(plan.entryIds).toEqual(['se_1']);
    expect(plan.events.map((e) => [e.action, e.target.kind, e.target.entryId, e.target.group ?? null, e.target.sampleId])).toEqual([
      ['somlit-save', 'somlit-entry', 'se_1', null, null],
      ['somlit-save', 'somlit-value', 'se_1', 'T', null],
      ['somlit-save', 'somlit-value', 'se_1', 'NO2', null],
    ]);
    expect(new Set(plan.events.map((e) => e.changeset)).size).toBe(1);
    expect(plan.events[0]!.after).toEqual({ ...emptyEntryFields, ...frioul });
    expect(plan.events[1]!).toMatchObject({ before: null, baseRevision: 0, after: { value: 18.4, code: '2', comment: null, source: null } });
    h.apply(plan.events);
    // The same cell again: nothing to do
    expect(h.save([{ id: 'se_1', values: { T: cell(18.4, '2') } }]).events).toEqual([]);
    // One cell edit is one event, based on the cell's revision
    const edit = h.save([{ id: 'se_1', values: { T: cell(18.6, '2') } }]);
    expect(edit.events).toHaveLength(1);
    expect(edit.events[0]).toMatchObject({ baseRevision: 1, before: { value: 18.4 }, after: { value: 18.6 } });
    expect(describeTarget(edit.events[0]!.target)).toBe('the SOMLIT value T of entry se_1');
    expect(targetKey(somlitValueTarget('se_1', 'T'))).not.toBe(targetKey(somlitEntryTarget('se_1')));
  });

  it('refuses an edit that breaks a rule, naming every problem, and plans nothing', () => {
    const h = harness();
    const bad: SomlitEntryEdit[] = [{ id: null, fields: { ...frioul, date: '2026-02-30' }, values: { T: cell(45, '2'), NO3: cell(3, '5') } }];
    expect(somlitEditProblems(table, h.stored(), bad).map((p) => `${p.field}:${p.rule}`)).toEqual(['date:bad-date', 'T:out-of-range', 'NO3:no-value-code']);
    try {
      h.save(bad);
      throw new Error('accepted');
    } catch (err) {
      expect(err).toBeInstanceOf(CurationError);
      expect((err as CurationError).field).toBe('entries.0.date');
      expect((err as CurationError).message).toMatch(/date "2026-02-30" is not a date.*; T = 45 °C is outside the plausible range.*; NO3: code 5/);
    }
    expect(() => h.save([{ id: 'se_404', values: { T: cell(1, '2') } }])).toThrow(/no SOMLIT entry se_404/);
  });

  it('refuses a duplicate row (same site, date and depth), in the batch or against stored entries', () => {
    const h = harness();
    h.apply(h.save([{ id: null, fields: frioul }]).events);
    expect(() => h.save([{ id: null, fields: { ...frioul, time: '11:00:00' } }])).toThrow(/another entry has the same site, date and depth \(site 11, 2026-05-14, S 1 m\)/);
    expect(() => h.save([{ id: null, fields: { ...frioul, date: '2026-05-28' } }, { id: null, fields: { ...frioul, date: '2026-05-28' } }])).toThrow(/entry 2: another entry/);
    // Another depth, or moving the existing row away first in the same batch, is fine
    expect(h.save([{ id: null, fields: { ...frioul, depthLevel: 'F', depth: 55 } }]).events).toHaveLength(1);
    expect(h.save([{ id: 'se_1', fields: { date: '2026-05-13' } }, { id: null, fields: frioul }]).events).toHaveLength(2);
  });

  it('undo restores cells and the row; deleting clears the row and its values in one changeset', () => {
    const h = harness();
    const created = h.apply(h.save([{ id: null, fields: frioul, values: { T: cell(18.4, '2'), S: cell(38.1, '2') } }]).events);
    const edit = h.apply(h.save([{ id: 'se_1', values: { T: cell(45, '3', 'heat wave') } }]).events);
    h.apply(planUndo(h.lookup, edit, h.ctx()));
    expect(h.lookup(targetKey(somlitValueTarget('se_1', 'T'))).value).toEqual(cell(18.4, '2'));
    const deleted = h.apply(planSomlitDelete(h.lookup, [{ id: 'se_1', parameters: ['T', 'S', 'NO3'] }], 'entered twice', h.ctx()));
    expect(deleted.map((e) => [e.action, e.target.kind, e.target.group ?? null, e.after])).toEqual([
      ['somlit-delete', 'somlit-value', 'T', null],
      ['somlit-delete', 'somlit-value', 'S', null],
      ['somlit-delete', 'somlit-entry', null, null],
    ]);
    expect(h.stored().size).toBe(0);
    h.apply(planUndo(h.lookup, deleted, h.ctx()));
    expect(h.stored().get('se_1')).toEqual(created[0]!.after);
    expect(h.lookup(targetKey(somlitValueTarget('se_1', 'S'))).value).toEqual(cell(38.1, '2'));
    expect(() => planSomlitDelete(h.lookup, [{ id: 'se_9', parameters: [] }], null, h.ctx())).toThrow(/no SOMLIT entry se_9/);
  });

  it('an edit to an entry that already repeats another (after a sync) is not refused unless it sets the site, date or depth', () => {
    const h = harness();
    // Two devices entered the same sampling: both arrive
    h.apply(h.save([{ id: null, fields: frioul }]).events);
    const twin = h.save([{ id: null, fields: { ...frioul, date: '2026-05-15' } }]);
    h.apply(twin.events);
    const state = h.state();
    state.set(targetKey(somlitEntryTarget('se_2')), { value: { ...emptyEntryFields, ...frioul }, revision: 2 });
    expect(h.save([{ id: 'se_2', values: { T: cell(18.4, '2') } }]).events).toHaveLength(1);
    expect(() => h.save([{ id: 'se_2', fields: { depth: 1 } }])).toThrow(/another entry/);
  });
});
