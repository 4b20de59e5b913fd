import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../model/change-event.js';
import { wireEventSchema } from './sync-protocol.js';
import { fromWireEvent, toWireEvent } from './wire-event.js';

const event: ChangeEvent = {
  id: 'e1',
  changeset: 'c1',
  actor: 'u1',
  device: 'laptop-1',
  action: 'override-gate',
  target: { sampleId: 'cs-1', kind: 'gate-override', templateId: 't_1', group: 'g2' },
  baseRevision: 4,
  before: null,
  after: { gate: { id: 'g2' } } as unknown as ChangeEvent['after'],
  reason: 'tighter',
  at: '2026-05-14T08:00:00.000Z',
  undoes: null,
};

describe('wire events', () => {
  it('carries the server base instead of the local base, validates, and comes back with the local base it lands on', () => {
    const w = toWireEvent(event, 2, 'Ana');
    expect(wireEventSchema.parse(w)).toEqual(w);
    expect(w).toMatchObject({ serverBase: 2, actorName: 'Ana', target: { sampleId: 'cs-1', kind: 'gate-override', templateId: 't_1', group: 'g2' } });
    expect('resolution' in w).toBe(false);
    expect(toWireEvent(event, 2, null, true).resolution).toBe('superseded');
    expect(fromWireEvent(w, 7)).toEqual({ ...event, baseRevision: 7 });
    const dataset = toWireEvent({ ...event, target: { sampleId: null, kind: 'dataset', datasetId: 'd_1' } }, 0, null);
    expect(dataset.target).toEqual({ sampleId: null, kind: 'dataset', datasetId: 'd_1' });
  });
});
