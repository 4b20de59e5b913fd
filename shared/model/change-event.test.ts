import { describe, expect, it } from 'vitest';
import type { ActionContext, ApprovalSnapshot, ChangeEvent, StateLookup, TargetState } from './change-event.js';
import { deriveState, emptyState, planApprovalCheck, planApprove, planComment, planFlag, planRedo, planUndo, targetKey } from './change-event.js';

let n = 0;
function ctx(changeset: string): ActionContext {
  return { actor: 'pi', device: 'laptop', at: '2026-11-29T10:00:00Z', changeset, newId: () => `e${++n}` };
}

/** A tiny store: the state is always derived from the log. */
class Log {
  events: ChangeEvent[] = [];
  state = new Map<string, TargetState>();
  lookup: StateLookup = (k) => this.state.get(k) ?? emptyState;
  apply(events: ChangeEvent[]) {
    this.events.push(...events);
    this.state = deriveState(events, this.state);
  }
  value(sampleId: string, kind: 'flag' | 'review' | 'comment') {
    return this.lookup(targetKey({ sampleId, kind })).value;
  }
}

const snap = (count: number): ApprovalSnapshot => ({ importVersion: 1, flag: null, valueFlags: {}, counts: { Synechococcus: count } });

describe('change events', () => {
  it('a bulk flag is one changeset; repeating it changes nothing', () => {
    const log = new Log();
    const events = planFlag(log.lookup, { sampleIds: ['a', 'b', 'a'], flag: { scheme: 'L20', code: '4' }, comment: 'bubbles' }, ctx('c1'));
    expect(events.map((e) => [e.target.sampleId, e.changeset, e.baseRevision, e.before, e.reason])).toEqual([
      ['a', 'c1', 0, null, 'bubbles'],
      ['b', 'c1', 0, null, 'bubbles'],
    ]);
    log.apply(events);
    expect(planFlag(log.lookup, { sampleIds: ['a', 'b'], flag: { scheme: 'L20', code: '4' }, comment: 'bubbles' }, ctx('c2'))).toEqual([]);
    expect(() => planFlag(log.lookup, { sampleIds: ['a'], flag: { scheme: 'L20', code: 'X' }, comment: null }, ctx('c3'))).toThrow(/not a L20 flag/);
  });

  it('state derived from the events equals the state kept along the way', () => {
    const log = new Log();
    log.apply(planFlag(log.lookup, { sampleIds: ['a'], flag: { scheme: 'L20', code: '1' }, comment: null }, ctx('c1')));
    log.apply(planComment(log.lookup, ['a'], 'checked', ctx('c2')));
    log.apply(planFlag(log.lookup, { sampleIds: ['a'], flag: { scheme: 'L20', code: '3' }, comment: 'noisy' }, ctx('c3')));
    expect(deriveState(log.events)).toEqual(log.state);
    expect(log.lookup(targetKey({ sampleId: 'a', kind: 'flag' }))).toEqual({ value: { scheme: 'L20', code: '3', comment: 'noisy' }, revision: 2 });
  });

  it('undo restores a whole changeset as new events; redo brings it back', () => {
    const log = new Log();
    log.apply(planFlag(log.lookup, { sampleIds: ['a'], flag: { scheme: 'L20', code: '1' }, comment: null }, ctx('c1')));
    log.apply(planFlag(log.lookup, { sampleIds: ['a', 'b'], flag: { scheme: 'L20', code: '4' }, comment: null }, ctx('c2')));
    const c2 = log.events.filter((e) => e.changeset === 'c2');
    const undo = planUndo(log.lookup, c2, ctx('u1'));
    expect(undo.map((e) => [e.action, e.target.sampleId, e.undoes])).toEqual([['undo', 'a', 'c2'], ['undo', 'b', 'c2']]);
    log.apply(undo);
    expect(log.value('a', 'flag')).toEqual({ scheme: 'L20', code: '1', comment: null });
    expect(log.value('b', 'flag')).toBeNull();
    const redo = planRedo(log.lookup, undo, ctx('r1'));
    log.apply(redo);
    expect(log.value('b', 'flag')).toEqual({ scheme: 'L20', code: '4', comment: null });
    expect(log.events).toHaveLength(7); // nothing was removed from the log
  });

  it('undo is refused, naming the target, when someone changed it since', () => {
    const log = new Log();
    log.apply(planFlag(log.lookup, { sampleIds: ['a', 'b'], flag: { scheme: 'L20', code: '4' }, comment: null }, ctx('c1')));
    log.apply(planFlag(log.lookup, { sampleIds: ['b'], flag: { scheme: 'L20', code: '2' }, comment: null }, ctx('c2')));
    const c1 = log.events.filter((e) => e.changeset === 'c1');
    expect(() => planUndo(log.lookup, c1, ctx('u1'))).toThrow(/cannot undo: the flag of sample b was changed after this change/);
    // Refused as a whole: a is untouched.
    expect(log.value('a', 'flag')).toEqual({ scheme: 'L20', code: '4', comment: null });
  });

  it('an approval goes stale when its values change, through a new event', () => {
    const log = new Log();
    log.apply(planApprove(log.lookup, ['a'], () => snap(120), null, ctx('c1')));
    expect(log.value('a', 'review')).toMatchObject({ state: 'approved' });
    // Same values: nothing to do. Different counts (a re-import): needs attention.
    expect(planApprovalCheck(log.lookup, 'a', snap(120), ctx('x'))).toEqual([]);
    const stale = planApprovalCheck(log.lookup, 'a', snap(121), ctx('c2'));
    expect(stale).toHaveLength(1);
    log.apply(stale);
    expect(log.value('a', 'review')).toMatchObject({ state: 'needs-attention', approved: snap(120) });

    // Flagging an approved sample sends it back too, in the flag's changeset.
    log.apply(planApprove(log.lookup, ['b'], () => snap(5), null, ctx('c3')));
    const flagged = planFlag(log.lookup, { sampleIds: ['b'], flag: { scheme: 'L20', code: '3' }, comment: null, group: 'Synechococcus' }, ctx('c4'));
    expect(flagged.map((e) => [e.action, e.target.kind, e.changeset])).toEqual([['flag', 'value-flag', 'c4'], ['mark-attention', 'review', 'c4']]);
  });
});
