import { describe, expect, it } from 'vitest';
import type { GateTemplate } from '../gating/gate.js';
import type { ActionContext, StateLookup, TargetState } from './change-event.js';
import { deriveState, emptyState, planUndo, targetKey } from './change-event.js';
import { effectiveTemplate, planApplyTemplate, planConfirmTrigger, planOverrideGate, planSaveTemplate, templateProblems, templateTarget } from './gating-actions.js';

const axis = { parameter: { type: 'single' as const, column: 'FL Red Total' }, transform: { type: 'linear' as const, T: 1000, A: 0 } };
const template: GateTemplate = {
  id: 't_1',
  name: 'Frioul',
  version: 0,
  exclusive: false,
  gates: [{ type: 'range', id: 'g1', name: 'red', axis, min: 0.1, max: 0.5 }],
  sets: [{ id: 's1', name: 'RedPico', expression: { op: 'gate', gateId: 'g1' }, group: 'RedPico', colour: null }],
};

function world() {
  let state = new Map<string, TargetState>();
  let n = 0;
  const lookup: StateLookup = (k) => state.get(k) ?? emptyState;
  const ctx = (changeset: string): ActionContext => ({ actor: 'pi', device: 'laptop', at: '2026-11-29T10:00:00Z', changeset, newId: () => `e${++n}` });
  const apply = (events: ReturnType<typeof planSaveTemplate>) => {
    state = deriveState(events, state);
    return events;
  };
  return { lookup, ctx, apply, state: () => state };
}

describe('gating actions', () => {
  it('saves versions against a base version and refuses a stale one', () => {
    const w = world();
    const v1 = w.apply(planSaveTemplate(w.lookup, template, null, null, w.ctx('c1')));
    expect(v1).toHaveLength(1);
    expect(v1[0]).toMatchObject({ action: 'save-template', target: { sampleId: null, kind: 'template', templateId: 't_1' }, baseRevision: 0 });
    expect(() => planSaveTemplate(w.lookup, template, null, null, w.ctx('c2'))).toThrow(/already exists/);
    const edited = { ...template, gates: [{ ...template.gates[0]!, max: 0.6 }] as GateTemplate['gates'] };
    expect(() => planSaveTemplate(w.lookup, edited, 0, null, w.ctx('c2'))).toThrow(/at version 1; this edit was made on version 0/);
    const v2 = w.apply(planSaveTemplate(w.lookup, edited, 1, 'wider', w.ctx('c2')));
    expect(w.lookup(targetKey(templateTarget('t_1')))).toMatchObject({ revision: 2 });
    // Saving identical gates again changes nothing (the version does not move).
    expect(planSaveTemplate(w.lookup, { ...edited, version: 2 }, 2, null, w.ctx('c3'))).toEqual([]);
    // Undo restores the previous gates as a new revision.
    w.apply(planUndo(w.lookup, v2, w.ctx('c4')));
    expect(w.lookup(targetKey(templateTarget('t_1')))).toMatchObject({ revision: 3, value: { template: { gates: template.gates } } });
  });

  it('rejects unsound templates, naming the gate or set', () => {
    expect(templateProblems({ ...template, sets: [{ ...template.sets[0]!, expression: { op: 'gate', gateId: 'nope' } }] })).toEqual([
      'set "RedPico" refers to gate "nope", which the template does not have',
    ]);
    expect(templateProblems({ ...template, sets: [template.sets[0]!, { ...template.sets[0]!, id: 's2', name: 'redpico' }] })).toEqual(['two sets are named "redpico"']);
  });

  it('applies to samples, overrides one gate for one sample, and confirms trigger rules per set', () => {
    const w = world();
    expect(() => planApplyTemplate(w.lookup, ['cs-1'], 't_1', w.ctx('c0'))).toThrow(/no gate template/);
    w.apply(planSaveTemplate(w.lookup, template, null, null, w.ctx('c1')));
    expect(() => planOverrideGate(w.lookup, 'cs-1', 'g1', null, null, w.ctx('c2'))).toThrow(/has no gate template/);
    expect(w.apply(planApplyTemplate(w.lookup, ['cs-1', 'cs-2', 'cs-1'], 't_1', w.ctx('c2')))).toHaveLength(2);
    expect(planApplyTemplate(w.lookup, ['cs-1'], 't_1', w.ctx('c3'))).toEqual([]);
    const narrow = { ...template.gates[0]!, max: 0.3 } as GateTemplate['gates'][number];
    const o = w.apply(planOverrideGate(w.lookup, 'cs-1', 'g1', narrow, 'bloom', w.ctx('c4')));
    expect(o[0]).toMatchObject({ target: { sampleId: 'cs-1', kind: 'gate-override', group: 'g1', templateId: 't_1' }, after: { gate: narrow } });
    expect(() => planOverrideGate(w.lookup, 'cs-1', 'g9', narrow, null, w.ctx('c5'))).toThrow(/no gate "g9"/);
    expect(() => planOverrideGate(w.lookup, 'cs-1', 'g1', { ...narrow, id: 'other' }, null, w.ctx('c5'))).toThrow(/must keep its id/);
    expect(effectiveTemplate(template, new Map([['g1', narrow]])).gates).toEqual([narrow]);
    // Removing the override is a new revision of the same target.
    const removed = w.apply(planOverrideGate(w.lookup, 'cs-1', 'g1', null, null, w.ctx('c6')));
    expect(removed[0]).toMatchObject({ baseRevision: 1, after: null });
    const c = planConfirmTrigger(w.lookup, 'cs-1', 'RedPico', true, null, w.ctx('c7'));
    expect(c[0]).toMatchObject({ action: 'confirm-trigger', target: { kind: 'trigger-confirmation', group: 'RedPico' }, after: { confirmed: true } });
    expect(planConfirmTrigger(w.lookup, 'cs-1', 'RedPico', false, null, w.ctx('c8'))).toEqual([]);
  });
});
