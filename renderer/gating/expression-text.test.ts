import { describe, expect, it } from 'vitest';
import type { SetExpression } from '../../shared/gating/gate.js';
import { expressionText } from './expression-text.js';

const words = { and: 'and', or: 'or', not: 'not', all: 'all events', none: 'no event' };
const gates = new Map([
  ['g1', 'Gate A'],
  ['g2', 'Gate B'],
]);
const sets = new Map([['s1', 'Noise']]);
const text = (e: SetExpression) => expressionText(e, (id) => gates.get(id) ?? id, (id) => sets.get(id) ?? id, words);

describe('set definitions in words', () => {
  it('names gates and sets, bracketing nested combinations', () => {
    expect(text({ op: 'gate', gateId: 'g1' })).toBe('Gate A');
    expect(
      text({ op: 'and', operands: [{ op: 'gate', gateId: 'g1' }, { op: 'not', operand: { op: 'or', operands: [{ op: 'gate', gateId: 'g2' }, { op: 'set', setId: 's1' }] } }] }),
    ).toBe('Gate A and not (Gate B or Noise)');
    expect(text({ op: 'and', operands: [] })).toBe('all events');
    expect(text({ op: 'or', operands: [] })).toBe('no event');
    expect(text({ op: 'and', operands: [{ op: 'gate', gateId: 'g9' }] })).toBe('g9');
    expect(text({ op: 'not', operand: { op: 'gate', gateId: 'g2' } })).toBe('not Gate B');
  });
});
