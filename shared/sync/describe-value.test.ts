import { describe, expect, it } from 'vitest';
import { describeValue, keptMineReason } from './describe-value.js';

describe('describeValue', () => {
  it('says a value in a few words per kind, whatever its shape', () => {
    expect(describeValue('flag', { scheme: 'L20', code: '3', comment: null })).toBe('L20 3');
    expect(describeValue('value-flag', { scheme: 'QARTOD', code: '4' })).toBe('QARTOD 4');
    expect(describeValue('flag', null)).toBe('no flag');
    expect(describeValue('review', { state: 'approved', approved: null })).toBe('approved');
    expect(describeValue('review', null)).toBe('unreviewed');
    expect(describeValue('comment', { text: 'a'.repeat(50) })).toBe(`comment “${'a'.repeat(39)}…”`);
    expect(describeValue('template', { template: { name: 'OSU 2026' } })).toBe('template “OSU 2026”');
    expect(describeValue('volume', { volume: { method: 'beads' } })).toBe('volume by beads');
    expect(describeValue('trigger-confirmation', { confirmed: true })).toBe('confirmed');
    expect(describeValue('somlit-value', { value: 7.1 })).toBe('{"value":7.1}');
    expect(describeValue('dataset', 'odd')).toBe('a dataset version');
  });

  it('writes the reason of an event that keeps one\'s own version', () => {
    expect(keptMineReason('flag', { scheme: 'L20', code: '4' }, { scheme: 'L20', code: '3' }, 'Ana')).toBe("conflict resolved: kept L20 4 over Ana's L20 3");
  });
});
