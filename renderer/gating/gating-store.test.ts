import { describe, expect, it } from 'vitest';
import type { CurationApi } from '../../shared/api/contract.js';
import { CurationError } from '../../shared/api/errors.js';
import type { GateCounts, SampleGating, TemplateVersionInfo } from '../../shared/api/gating-contract.js';
import type { AxisDefinition } from '../../shared/gating/axes/axis-parameter.js';
import { logAxis } from '../../shared/gating/axes/axis-transform.js';
import type { GateTemplate, RectangleGate } from '../../shared/gating/gate.js';
import type { GatingNotice } from './gating-store.js';
import { createGatingStore, isDirty } from './gating-store.js';
import { manualTimers } from './manual-timers.js';

const ax: AxisDefinition = { parameter: { type: 'single', column: 'FWS Total' }, transform: logAxis(1, 1e6) };
const ay: AxisDefinition = { parameter: { type: 'single', column: 'Fl Red Total' }, transform: logAxis(1, 1e6) };
const rect = (id: string, xMin: number): RectangleGate => ({ type: 'rectangle', id, name: id.toUpperCase(), x: ax, y: ay, xMin, xMax: xMin + 0.2, yMin: 0.1, yMax: 0.4 });

const template: GateTemplate = {
  id: 'tpl',
  name: 'Coastal',
  version: 2,
  gates: [rect('a', 0.1), rect('b', 0.5)],
  sets: [
    { id: 'sa', name: 'A', expression: { op: 'gate', gateId: 'a' }, group: 'Synechococcus', colour: '#ff0000' },
    { id: 'sb', name: 'B', expression: { op: 'gate', gateId: 'b' }, group: null, colour: '#00ff00' },
  ],
  exclusive: false,
};
const history: TemplateVersionInfo[] = [{ version: 2, at: '2026-05-01T10:00:00Z', actor: 'u1', actorName: 'Ann', reason: 'moved B', changeset: 'cs2' }];

function gatingOf(sampleId: string, t: GateTemplate | null, overrides: SampleGating['overrides'] = []): SampleGating {
  const effective = t ? { ...t, gates: t.gates.map((g) => overrides.find((o) => o.gateId === g.id)?.gate ?? g) } : null;
  return {
    template: t ? { id: t.id, name: t.name, version: t.version, sets: t.sets.map((s) => ({ id: s.id, name: s.name, group: s.group })), updatedAt: '2026-05-01T10:00:00Z', updatedBy: 'Ann', samples: 3 } : null,
    effective,
    overrides,
    abundances: [],
    volume: { method: null, volume_uL: 500, reason: null },
    smartTrigger: null,
  };
}

/** The operations the store uses, answering from in-memory state and recording every call. */
function fakeApi(initial: Record<string, SampleGating>) {
  const calls: { op: string; request: unknown }[] = [];
  const gatings = { ...initial };
  let stored: GateTemplate = structuredClone(template);
  let conflict = false;
  const record = (op: string, request: unknown) => calls.push({ op, request: structuredClone(request) });
  const api = {
    async getSampleGating(r: { sampleId: string }) {
      record('getSampleGating', r);
      const g = gatings[r.sampleId];
      if (!g) throw new CurationError({ code: 'not-found', message: `no sample ${r.sampleId}` });
      return structuredClone(g);
    },
    async listGateTemplates(r: object) {
      record('listGateTemplates', r);
      return { templates: [gatingOf('x', stored).template!] };
    },
    async listGroupVocabulary(r: object) {
      record('listGroupVocabulary', r);
      return { entries: [{ name: 'Synechococcus', label: 'Synechococcus', aliases: [], p01: null, p02: null, p06: null, somlit: null, nameStatus: 'standard', verified: false }], version: 'v1', note: 'n' };
    },
    async getGateTemplate(r: { id: string }) {
      record('getGateTemplate', r);
      if (r.id === stored.id) return { template: structuredClone(stored), history };
      throw new CurationError({ code: 'not-found', message: 'no template' });
    },
    async previewGateCounts(r: { sampleId: string; template: GateTemplate }) {
      record('previewGateCounts', r);
      const counts: GateCounts = {
        events: 100,
        gates: r.template.gates.map((g, i) => ({ gateId: g.id, events: 10 * (i + 1), percent: 10 * (i + 1) })),
        sets: r.template.sets.map((s, i) => ({ setId: s.id, name: s.name, events: 10 * (i + 1), percent: 10 * (i + 1) })),
      };
      return counts;
    },
    async saveGateTemplate(r: { template: GateTemplate; baseVersion: number | null; reason: string | null }) {
      record('saveGateTemplate', r);
      if (conflict) throw new CurationError({ code: 'conflict', field: 'baseVersion', message: 'gate template "Coastal" is at version 3' });
      const version = r.baseVersion === null ? 1 : r.baseVersion + 1;
      const id = r.template.id || 'tpl-new'; // the service names a new template
      stored = { ...structuredClone(r.template), id, version };
      return { id, version, changeset: 'cs-save', recomputed: 2 };
    },
    async applyGateTemplate(r: { templateId: string; selection: { ids: string[] } }) {
      record('applyGateTemplate', r);
      for (const id of r.selection.ids) gatings[id] = gatingOf(id, stored);
      return { changeset: 'cs-apply', events: 1, samples: 1, recomputed: 1 };
    },
    async overrideGate(r: { sampleId: string; gateId: string; gate: RectangleGate | null; reason: string | null }) {
      record('overrideGate', r);
      const g = gatings[r.sampleId]!;
      const others = g.overrides.filter((o) => o.gateId !== r.gateId);
      const overrides = r.gate ? [...others, { gateId: r.gateId, version: 1, gate: r.gate, at: '2026-05-02T00:00:00Z', actorName: 'Ann' }] : others;
      gatings[r.sampleId] = gatingOf(r.sampleId, stored, overrides);
      return { changeset: 'cs-override', events: 1, samples: 1, recomputed: 1 };
    },
  };
  return {
    api: api as unknown as CurationApi,
    calls,
    ops: (op: string) => calls.filter((c) => c.op === op).map((c) => c.request),
    setConflict(on: boolean) {
      conflict = on;
    },
    bumpStored() {
      stored = { ...stored, version: stored.version + 1 };
    },
  };
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

function setup(initial: Record<string, SampleGating>) {
  const fake = fakeApi(initial);
  const timers = manualTimers();
  const notices: [GatingNotice, string | null][] = [];
  let dataChanges = 0;
  const store = createGatingStore({ api: () => fake.api, timers, notify: (n, cs) => notices.push([n, cs]), onDataChanged: () => dataChanges++ });
  return { fake, timers, store, notices, dataChanges: () => dataChanges };
}

describe('gating store', () => {
  it('opens a sample: its gating, its template as the draft, the vocabulary', async () => {
    const { store, fake } = setup({ s1: gatingOf('s1', template) });
    await store.getState().open('s1');
    const s = store.getState();
    expect(s.gating?.template?.id).toBe('tpl');
    expect(s.saved?.version).toBe(2);
    expect(s.history).toEqual(history);
    expect(s.draft).toEqual(template);
    expect(isDirty(s)).toBe(false);
    expect(s.vocabulary.map((v) => v.name)).toEqual(['Synechococcus']);
    expect(fake.ops('getGateTemplate')).toEqual([{ id: 'tpl' }]);
  });

  it('counts the draft 150 ms after the last change, and only the latest draft', async () => {
    const { store, fake, timers } = setup({ s1: gatingOf('s1', template) });
    await store.getState().open('s1');
    timers.advance(150);
    await flush();
    expect(fake.ops('previewGateCounts')).toHaveLength(1);
    const revision = store.getState().draftRevision;
    expect(store.getState().countsRevision).toBe(revision);

    store.getState().changeGate(rect('a', 0.2));
    timers.advance(50);
    store.getState().changeGate(rect('a', 0.3));
    timers.advance(149);
    expect(fake.ops('previewGateCounts')).toHaveLength(1);
    timers.advance(1);
    await flush();
    const previews = fake.ops('previewGateCounts') as { sampleId: string; template: GateTemplate }[];
    expect(previews).toHaveLength(2);
    expect(previews[1]!.sampleId).toBe('s1');
    expect((previews[1]!.template.gates[0] as RectangleGate).xMin).toBe(0.3);
    expect(store.getState().counts?.gates[0]).toEqual({ gateId: 'a', events: 10, percent: 10 });
    expect(store.getState().countsRevision).toBe(store.getState().draftRevision);
    expect(isDirty(store.getState())).toBe(true);
  });

  it('draws a first gate into a new template, then saves it as version 1', async () => {
    const { store, fake, timers, notices } = setup({ s2: gatingOf('s2', null) });
    await store.getState().open('s2');
    expect(store.getState().draft).toBeNull();
    store.getState().setTool('rectangle');
    store.getState().addGate({ type: 'rectangle', x: ax, y: ay, xMin: 0.1, xMax: 0.3, yMin: 0.2, yMax: 0.6 }, { set: 'Set', template: 'New template' });
    const s = store.getState();
    expect(s.draft?.name).toBe('New template');
    expect(s.draft?.gates).toHaveLength(1);
    expect(s.draft?.sets[0]).toMatchObject({ name: 'Set 1', group: null });
    expect(s.selectedGateId).toBe(s.draft?.gates[0]?.id);
    expect(s.tool).toBe('select');
    expect(isDirty(s)).toBe(true);

    // choosing a group names the automatically named set after it
    store.getState().setGroup(s.draft!.sets[0]!.id, 'Synechococcus');
    expect(store.getState().draft?.sets[0]).toMatchObject({ name: 'Synechococcus', group: 'Synechococcus' });
    expect(store.getState().draft?.gates[0]?.name).toBe('Synechococcus');

    timers.advance(150);
    await flush();
    expect(await store.getState().saveVersion('first gates')).toBe(true);
    const [save] = fake.ops('saveGateTemplate') as { template: GateTemplate; baseVersion: number | null; reason: string }[];
    expect(save!.baseVersion).toBeNull();
    expect(save!.reason).toBe('first gates');
    expect(save!.template.id).toBe('');
    expect(save!.template.version).toBe(0);
    expect(notices).toEqual([[{ key: 'gating.saved', params: { name: 'New template', version: 1 } }, 'cs-save']]);
    // now editing the saved version 1, not applied to this sample yet
    const after = store.getState();
    expect(after.saved).toMatchObject({ id: 'tpl-new', version: 1, name: 'New template' });
    expect(after.gating?.template).toBeNull();
    expect(isDirty(after)).toBe(false);

    await store.getState().applyToSample('tpl-new');
    expect(fake.ops('applyGateTemplate')).toEqual([{ templateId: 'tpl-new', selection: { ids: ['s2'] } }]);
    expect(store.getState().gating?.template?.id).toBe('tpl-new');
  });

  it('saves a new version on the version it was loaded from, and says so plainly on a conflict', async () => {
    const { store, fake } = setup({ s1: gatingOf('s1', template) });
    await store.getState().open('s1');
    store.getState().changeGate(rect('b', 0.55));
    fake.setConflict(true);
    expect(await store.getState().saveVersion(null)).toBe(false);
    expect(store.getState().problem).toMatchObject({ action: 'save', kind: 'conflict', error: { code: 'conflict' } });
    expect((fake.ops('saveGateTemplate')[0] as { baseVersion: number }).baseVersion).toBe(2);
    expect(isDirty(store.getState())).toBe(true); // the edit is still there

    // reload: the newer version, edits dropped
    fake.setConflict(false);
    fake.bumpStored();
    await store.getState().reloadTemplate();
    expect(store.getState().problem).toBeNull();
    expect(store.getState().saved?.version).toBe(3);
    expect(isDirty(store.getState())).toBe(false);
  });

  it('keeps this sample’s overrides out of a new version; overrides and removes one gate', async () => {
    const overridden = rect('a', 0.15);
    const { store, fake, dataChanges } = setup({ s1: gatingOf('s1', template, [{ gateId: 'a', version: 1, gate: overridden, at: '2026-05-02T00:00:00Z', actorName: 'Ann' }]) });
    await store.getState().open('s1');
    expect(store.getState().draft?.gates[0]).toEqual(overridden);

    // override gate b for this sample only
    store.getState().changeGate(rect('b', 0.6));
    expect(await store.getState().overrideGate('b', 'bubbles')).toBe(true);
    expect(fake.ops('overrideGate')).toEqual([{ sampleId: 's1', gateId: 'b', gate: rect('b', 0.6), reason: 'bubbles' }]);
    expect(dataChanges()).toBe(1);
    expect(isDirty(store.getState())).toBe(false); // the override is now what this sample has

    // a new version: gate a goes back to the template's own, b (overridden, untouched) too
    store.getState().renameTemplate('Coastal 2026');
    await store.getState().saveVersion(null);
    const [save] = fake.ops('saveGateTemplate') as { template: GateTemplate }[];
    expect(save!.template.gates).toEqual(template.gates);
    expect(save!.template.name).toBe('Coastal 2026');

    // removing the override: the draft follows the template's gate again
    expect(await store.getState().removeOverride('a', null)).toBe(true);
    expect(fake.ops('overrideGate')[1]).toEqual({ sampleId: 's1', gateId: 'a', gate: null, reason: null });
    expect(store.getState().draft?.gates.find((g) => g.id === 'a')).toEqual(template.gates[0]);
  });

  it('keeps unsaved edits per sample for the session', async () => {
    const { store } = setup({ s1: gatingOf('s1', template), s2: gatingOf('s2', template) });
    await store.getState().open('s1');
    store.getState().deleteGate('b');
    expect(store.getState().draft?.sets.map((s) => s.id)).toEqual(['sa']);
    await store.getState().open('s2');
    expect(store.getState().draft?.gates).toHaveLength(2);
    expect(store.getState().stashedSamples).toEqual(['s1']);
    await store.getState().open('s1');
    expect(store.getState().draft?.gates.map((g) => g.id)).toEqual(['a']);
    expect(store.getState().stashedSamples).toEqual([]); // s2 had no edits to keep
    store.getState().discard();
    expect(store.getState().draft?.gates).toHaveLength(2);
  });

  it('discards a new template back to the sample’s own', async () => {
    const { store } = setup({ s1: gatingOf('s1', template) });
    await store.getState().open('s1');
    store.getState().newTemplate('Scratch');
    store.getState().addGate({ type: 'rectangle', x: ax, y: ay, xMin: 0, xMax: 0.1, yMin: 0, yMax: 0.1 }, { set: 'Set', template: 'unused' });
    expect(store.getState().draft?.name).toBe('Scratch');
    expect(store.getState().saved).toBeNull();
    store.getState().discard();
    await flush();
    expect(store.getState().saved?.id).toBe('tpl');
    expect(store.getState().draft).toEqual(template);
  });

  it('reloads on abundances-changed for the open sample only', async () => {
    const { store, fake } = setup({ s1: gatingOf('s1', template) });
    await store.getState().open('s1');
    const before = fake.ops('getSampleGating').length;
    store.getState().onAbundancesChanged(['other']);
    await flush();
    expect(fake.ops('getSampleGating')).toHaveLength(before);
    store.getState().onAbundancesChanged(['other', 's1']);
    await flush();
    expect(fake.ops('getSampleGating')).toHaveLength(before + 1);
  });

  it('reports a failed load as a problem', async () => {
    const { store } = setup({});
    await store.getState().open('missing');
    expect(store.getState().problem).toMatchObject({ action: 'load', kind: 'error', error: { code: 'not-found' } });
    expect(store.getState().loading).toBe(false);
  });
});
