/**
 * The current value flag of each group of a sample, from its audit: the latest change event on each
 * value-flag target holds the value now (undo and redo events too). The service's SampleDetail does not
 * carry them.
 */
import type { AuditEvent } from '../../../shared/api/contract.js';

export interface ValueFlag {
  scheme: string;
  code: string;
  comment: string | null;
}

function asFlag(value: unknown): ValueFlag | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.code !== 'string') return null;
  return { scheme: typeof v.scheme === 'string' ? v.scheme : 'L20', code: v.code, comment: typeof v.comment === 'string' ? v.comment : null };
}

export function currentValueFlags(events: readonly AuditEvent[]): Map<string, ValueFlag | null> {
  const latest = new Map<string, { at: string; index: number; flag: ValueFlag | null }>();
  events.forEach((e, index) => {
    if (e.target.kind !== 'value-flag' || !e.target.group) return;
    const seen = latest.get(e.target.group);
    // Later time wins; for the same time, the later event in the list
    if (!seen || e.at > seen.at || (e.at === seen.at && index > seen.index)) latest.set(e.target.group, { at: e.at, index, flag: asFlag(e.after) });
  });
  return new Map([...latest].map(([group, v]) => [group, v.flag]));
}
