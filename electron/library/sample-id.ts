/**
 * Stable sample ids: the same measurement gets the same id on every machine and every re-import, so flags,
 * audit events and sync refer to it unambiguously. Derived from what identifies a measurement at the source
 * (instrument, start time, sample name), never from where the files happen to lie.
 */
import { createHash } from 'node:crypto';
import type { SampleSource } from '../../shared/model/sample.js';

export function stableSampleId(
  source: SampleSource,
  identity: { instrument: string | null; startedAt: string | null; name: string },
): string {
  const key = [source, identity.instrument ?? '', identity.startedAt ?? '', identity.name].join('\n');
  const digest = createHash('sha256').update(key, 'utf8').digest('hex');
  return `${source === 'cytosense' ? 'cs' : 'fcs'}-${digest.slice(0, 16)}`;
}
