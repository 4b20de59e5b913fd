import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/api/contract.js';
import { createTranslator } from '../i18n/translate.js';
import { auditRows, auditValue } from './audit-rows.js';

function ev(id: string, changeset: string, action: string, at: string, undoes: string | null = null): AuditEvent {
  return { id, changeset, action, at, undoes, actor: 'u', actorName: 'U', device: 'd', target: { sampleId: 's', kind: 'flag' }, before: null, after: null, reason: null };
}

describe('auditRows', () => {
  it('orders newest first and offers undo once per changeset, redo for undos', () => {
    const rows = auditRows([
      ev('1', 'c1', 'flag', '2026-01-01T00:00:01Z'),
      ev('2', 'c2', 'approve', '2026-01-01T00:00:02Z'),
      ev('3', 'c3', 'undo', '2026-01-01T00:00:03Z', 'c2'),
    ]);
    expect(rows.map((r) => [r.event.id, r.button, r.undone])).toEqual([
      ['3', 'redo', false],
      ['2', null, true],
      ['1', 'undo', false],
    ]);
  });
});

describe('auditValue', () => {
  it('says values in words', () => {
    expect(auditValue(null)).toBe('—');
    expect(auditValue(null, undefined, 'review')).toBe('Unreviewed');
    expect(auditValue(null, undefined, 'flag')).toBe('No flag');
    expect(auditValue({ scheme: 'L20', code: '4', comment: null })).toBe('4 (bad value)');
    expect(auditValue({ scheme: 'QARTOD', code: '4', comment: null })).toBe('QARTOD 4');
    expect(auditValue({ state: 'needs-attention', approved: null })).toBe('Needs attention');
    expect(auditValue({ state: 'approved', approved: null }, createTranslator('fr'))).toBe('Approuvé');
    expect(auditValue({ text: 'check volume' })).toBe('check volume');
  });
});
