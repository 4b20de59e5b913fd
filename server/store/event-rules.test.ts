import { describe, expect, it } from 'vitest';
import { targetKey } from '../../shared/model/change-event.js';
import { afterProblem, hasUnstorableText, targetProblem, wireTargetKey } from './event-rules.js';
import { flagEvent } from '../test-support/sync-fixtures.js';

describe('event rules (pure)', () => {
  it('stores targetKey() with its U+0000 separators escaped, keeping distinct keys distinct', () => {
    const t = { sampleId: 'cs-1', kind: 'value-flag', group: 'Synecho' };
    expect(targetKey(t as never)).toBe('cs-1\u0000value-flag\u0000Synecho');
    expect(wireTargetKey(t)).toBe('cs-1\\0value-flag\\0Synecho');
    // A group whose name holds the escape itself cannot collide with the separator.
    const tricky = [
      { sampleId: 'a', kind: 'value-flag', group: 'b\\0c' },
      { sampleId: 'a', kind: 'value-flag', group: 'b\u0000c' },
      { sampleId: 'a\\', kind: 'value-flag', group: '0b' },
    ];
    const keys = tricky.map(wireTargetKey);
    expect(new Set(keys).size).toBe(3);
    expect(keys.every((k) => !k.includes('\u0000'))).toBe(true);
    expect(wireTargetKey({ sampleId: null, kind: 'template', templateId: 'tpl' })).toBe('\\0template\\0tpl');
  });

  it('finds text PostgreSQL cannot store: U+0000 and unpaired surrogates, in values and keys', () => {
    expect(hasUnstorableText({ a: ['ok', { b: 'fine 🦠 ünïcode' }] })).toBe(false);
    expect(hasUnstorableText({ a: ['x\u0000y'] })).toBe(true);
    expect(hasUnstorableText({ ['k\u0000']: 1 })).toBe(true);
    expect(hasUnstorableText('lone \ud83e here')).toBe(true);
    expect(hasUnstorableText('lone \udda0 here')).toBe(true);
    expect(hasUnstorableText(['\ud83e\udda0'])).toBe(false);
  });

  it('names what a target or a value lacks for its kind, and lets unknown kinds through', () => {
    expect(targetProblem({ sampleId: null, kind: 'flag' })).toBe('a flag event names its sample (target.sampleId)');
    expect(targetProblem({ sampleId: 's', kind: 'gate-override', group: 'g' })).toBe('a gate-override event names its template and gate (target.templateId, target.group)');
    expect(targetProblem({ sampleId: null, kind: 'template' })).toBe('a template event names its template (target.templateId)');
    expect(targetProblem({ sampleId: null, kind: 'somlit-entry', entryId: 'x' })).toBeNull();
    expect(afterProblem(flagEvent({ after: { scheme: 'SOMLIT', code: '2', comment: null } }))).toBeNull();
    expect(afterProblem(flagEvent({ after: { scheme: 'SOMLIT', code: 'A', comment: null } }))).toBe('after.code: not a code of that flag scheme (for a flag event)');
    expect(afterProblem(flagEvent({ after: null }))).toBeNull();
    expect(afterProblem(flagEvent({ target: { sampleId: null, kind: 'dataset', datasetId: 'd' }, after: { metadata: {}, sampleIds: 'all' } }))).toMatch(/^after\.sampleIds: /);
  });
});
