import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/api/contract.js';
import { currentValueFlags } from './value-flags.js';

const event = (id: string, at: string, kind: string, group: string | undefined, after: unknown): AuditEvent => ({
  id,
  changeset: `c-${id}`,
  actor: 'a',
  actorName: null,
  device: 'd',
  action: 'flag',
  at,
  target: { sampleId: 's', kind, ...(group ? { group } : {}) },
  before: null,
  after,
  reason: null,
  undoes: null,
});

describe('current value flags', () => {
  it('takes the latest event per group, ignoring other targets', () => {
    const flags = currentValueFlags([
      event('3', '2026-01-01T00:00:03Z', 'value-flag', 'Syn', null),
      event('1', '2026-01-01T00:00:01Z', 'value-flag', 'Syn', { scheme: 'L20', code: '3', comment: 'x' }),
      event('2', '2026-01-01T00:00:02Z', 'value-flag', 'Pico', { scheme: 'L20', code: '4', comment: null }),
      event('4', '2026-01-01T00:00:04Z', 'flag', undefined, { scheme: 'L20', code: '1', comment: null }),
    ]);
    expect(flags.get('Syn')).toBeNull();
    expect(flags.get('Pico')).toEqual({ scheme: 'L20', code: '4', comment: null });
    expect(flags.size).toBe(2);
  });
});
