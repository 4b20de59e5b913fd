import { describe, expect, it } from 'vitest';
import type { AxisDefinition } from '../../shared/gating/axes/axis-parameter.js';
import { logAxis } from '../../shared/gating/axes/axis-transform.js';
import type { GateTemplate, PolygonGate, RectangleGate } from '../../shared/gating/gate.js';
import {
  addGateWithSet,
  canOverride,
  emptyTemplate,
  gateColour,
  newId,
  nextColour,
  rebaseDraft,
  removeGate,
  renameSet,
  replaceGate,
  sameValue,
  SET_COLOURS,
  setNameProblem,
  setSetGroup,
  setsUsingGate,
  templateDiff,
  templateForSave,
  uniqueName,
} from './template-edit.js';

const ax: AxisDefinition = { parameter: { type: 'single', column: 'FWS Total' }, transform: logAxis(1, 1e6) };
const ay: AxisDefinition = { parameter: { type: 'single', column: 'Fl Red Total' }, transform: logAxis(1, 1e6) };
const box = { type: 'rectangle' as const, x: ax, y: ay, xMin: 0.1, xMax: 0.4, yMin: 0.2, yMax: 0.5 };

function twoGates(): GateTemplate {
  let t = addGateWithSet(emptyTemplate('T'), box, { gateId: 'g1', setId: 's1', baseName: 'Set' });
  t = addGateWithSet(t, { ...box, xMin: 0.5, xMax: 0.9 }, { gateId: 'g2', setId: 's2', baseName: 'Set' });
  return t;
}

describe('drawing gates into a template', () => {
  it('adds a gate with a set of exactly it, fresh name and unused colour', () => {
    const t = twoGates();
    expect(t.gates.map((g) => [g.id, g.name])).toEqual([
      ['g1', 'Set 1'],
      ['g2', 'Set 2'],
    ]);
    expect(t.sets).toEqual([
      { id: 's1', name: 'Set 1', expression: { op: 'gate', gateId: 'g1' }, group: null, colour: SET_COLOURS[0] },
      { id: 's2', name: 'Set 2', expression: { op: 'gate', gateId: 'g2' }, group: null, colour: SET_COLOURS[1] },
    ]);
    expect(nextColour(t)).toBe(SET_COLOURS[2]);
    expect(gateColour(t, 'g2')).toBe(SET_COLOURS[1]);
  });

  it('names uniquely without case', () => {
    expect(uniqueName('Set', ['set 1', 'Set 2', 'Other'])).toBe('Set 3');
    expect(uniqueName('Set', [])).toBe('Set 1');
  });

  it('makes ids with a prefix and 16 hex digits', () => {
    expect(newId('gate')).toMatch(/^gate-[0-9a-f]{16}$/);
    let i = 0;
    expect(newId('set', () => (i++ % 16) / 16)).toBe('set-00102030405060708'.slice(0, 4 + 16));
  });
});

describe('deleting gates', () => {
  it('removes the sets built on the gate, directly or through other sets', () => {
    const t: GateTemplate = {
      ...twoGates(),
      sets: [
        ...twoGates().sets,
        { id: 'u', name: 'Union', expression: { op: 'or', operands: [{ op: 'set', setId: 's1' }, { op: 'gate', gateId: 'g2' }] }, group: null, colour: null },
        { id: 'n', name: 'Not union', expression: { op: 'not', operand: { op: 'set', setId: 'u' } }, group: null, colour: '#123456' },
      ],
    };
    expect(setsUsingGate(t, 'g1').map((s) => s.id)).toEqual(['s1', 'u', 'n']);
    const { template, removedSets } = removeGate(t, 'g1');
    expect(template.gates.map((g) => g.id)).toEqual(['g2']);
    expect(template.sets.map((s) => s.id)).toEqual(['s2']);
    expect(removedSets.map((s) => s.name)).toEqual(['Set 1', 'Union', 'Not union']);
    // colour of a gate only used through a compound set
    const notG1 = { id: 'x', name: 'Outside', expression: { op: 'not' as const, operand: { op: 'gate' as const, gateId: 'g1' } }, group: null, colour: '#123456' };
    expect(gateColour({ ...t, sets: [notG1] }, 'g1')).toBe('#123456');
  });
});

describe('naming sets', () => {
  it('renames a one-gate set and its gate together; refuses empty and taken names', () => {
    const t = renameSet(twoGates(), 's1', '  Synechococcus ');
    expect(t.sets[0]!.name).toBe('Synechococcus');
    expect(t.gates[0]!.name).toBe('Synechococcus');
    expect(renameSet(t, 's2', 'synechococcus')).toBe(t);
    expect(setNameProblem(t, 's2', 'SYNECHOCOCCUS')).toBe('taken');
    expect(setNameProblem(t, 's2', '  ')).toBe('empty');
    expect(setNameProblem(t, 's2', 'x'.repeat(201))).toBe('too-long');
    expect(setNameProblem(t, 's1', 'Synechococcus')).toBeNull();
  });

  it('sets the standard group, naming an auto-named set after it', () => {
    const t = setSetGroup(twoGates(), 's2', 'Prochlorococcus', true);
    expect(t.sets[1]).toMatchObject({ name: 'Prochlorococcus', group: 'Prochlorococcus' });
    expect(t.gates[1]!.name).toBe('Prochlorococcus');
    const kept = setSetGroup(twoGates(), 's2', 'Prochlorococcus', false);
    expect(kept.sets[1]).toMatchObject({ name: 'Set 2', group: 'Prochlorococcus' });
    // the name is taken by another set: group set, name kept
    const clash = setSetGroup(renameSet(twoGates(), 's1', 'Prochlorococcus'), 's2', 'Prochlorococcus', true);
    expect(clash.sets[1]).toMatchObject({ name: 'Set 2', group: 'Prochlorococcus' });
  });
});

describe('what changed, and what is saved', () => {
  it('lists changed, added and removed gates', () => {
    const saved = twoGates();
    const moved = replaceGate(saved, { ...(saved.gates[0] as RectangleGate), xMin: 0.15 });
    const d = templateDiff(saved, moved);
    expect(d).toMatchObject({ changedGates: ['g1'], addedGates: [], removedGates: [], setsChanged: false, dirty: true });
    expect(templateDiff(saved, structuredClone(saved)).dirty).toBe(false);
    const grown = addGateWithSet(removeGate(saved, 'g2').template, box, { gateId: 'g3', setId: 's3', baseName: 'Set' });
    expect(templateDiff(saved, grown)).toMatchObject({ addedGates: ['g3'], removedGates: ['g2'], setsChanged: true });
    expect(templateDiff(saved, { ...saved, exclusive: true })).toMatchObject({ settingsChanged: true, dirty: true });
    expect(canOverride(saved, moved, 'g1')).toBe(true);
    expect(canOverride(saved, moved, 'g2')).toBe(false); // unchanged
    const poly: PolygonGate = { type: 'polygon', id: 'g1', name: 'Set 1', x: ax, y: ay, vertices: [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 0, y: 1 }] };
    expect(canOverride(saved, replaceGate(saved, poly), 'g1')).toBe(false); // another type
  });

  it('keeps this sample’s untouched overrides out of a new version', () => {
    const base = twoGates();
    const override = { ...(base.gates[0] as RectangleGate), xMax: 0.45 };
    const effective = replaceGate(base, override);
    // the user moved gate 2 only
    const draft = replaceGate(effective, { ...(base.gates[1] as RectangleGate), xMin: 0.55 });
    const saved = templateForSave({ ...base, id: 'tpl', version: 3 }, effective, draft, ['g1']);
    expect(saved.gates[0]).toEqual(base.gates[0]); // the template's own gate 1
    expect((saved.gates[1] as RectangleGate).xMin).toBe(0.55);
    expect(saved).toMatchObject({ id: 'tpl', version: 3 });
    // an overridden gate the user changed again goes into the version
    const changed = replaceGate(draft, { ...override, yMax: 0.7 });
    expect((templateForSave(base, effective, changed, ['g1']).gates[0] as RectangleGate).yMax).toBe(0.7);
  });

  it('rebases a draft: untouched parts follow, edits stay', () => {
    const before = twoGates();
    const after = replaceGate({ ...before, name: 'T renamed', version: 2 }, { ...(before.gates[0] as RectangleGate), yMin: 0.25 });
    const draft = replaceGate(before, { ...(before.gates[1] as RectangleGate), yMax: 0.6 });
    const r = rebaseDraft(before, after, draft);
    expect(r.name).toBe('T renamed');
    expect(r.version).toBe(2);
    expect((r.gates[0] as RectangleGate).yMin).toBe(0.25);
    expect((r.gates[1] as RectangleGate).yMax).toBe(0.6);
    expect(sameValue(r.sets, before.sets)).toBe(true);
    // a gate the new version adds is appended; one the user deleted stays deleted
    const withNew = addGateWithSet(after, box, { gateId: 'g9', setId: 's9', baseName: 'Set' });
    const r2 = rebaseDraft(before, withNew, removeGate(before, 'g2').template);
    expect(r2.gates.map((g) => g.id)).toEqual(['g1', 'g9']);
    expect(r2.sets.map((s) => s.id)).toEqual(['s1', 's9']);
  });
});
