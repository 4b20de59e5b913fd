/**
 * The fault-injection scenario, shared by the in-memory and the real-server tests: 300 approved samples
 * with 3 small images each (and 20 unapproved ones), flags and approvals as change events, synced over a faulty
 * link until nothing is left (bounded in runs and time).
 */
import { planApprove, planFlag } from '../../../shared/model/change-event.js';
import { approvalSnapshot } from '../../library/change-store.js';
import type { LibraryDatabase } from '../../library/library-database.js';
import { runSync } from '../run-sync.js';
import type { SyncRunResult } from '../run-sync.js';
import { act, curator, seedSamples } from './sync-library.js';

export const scenarioCurator = curator('Ana');

export function prepareScenario(lib: LibraryDatabase, seed: number): { approved: string[]; others: string[] } {
  const approved = seedSamples(lib, { count: 300, imagesPerSample: 3, imageBytes: 300, seed });
  const others = seedSamples(lib, { count: 20, imagesPerSample: 1, prefix: 'na', seed });
  const who = scenarioCurator;
  for (let i = 0; i < approved.length; i += 7) {
    act(lib.db, who, (l, c) => planFlag(l, { sampleIds: [approved[i]!], flag: { scheme: 'L20', code: '2' }, comment: null, group: 'Synechococcus' }, c));
  }
  act(lib.db, who, (l, c) => planFlag(l, { sampleIds: others, flag: { scheme: 'L20', code: '4' }, comment: 'bad' }, c));
  for (let i = 0; i < approved.length; i += 50) {
    const batch = approved.slice(i, i + 50);
    act(lib.db, who, (l, c) => planApprove(l, batch, (id) => approvalSnapshot(lib.db, id), null, c));
  }
  return { approved, others };
}

export function done(r: SyncRunResult): boolean {
  return r.remaining === 0 && r.parked === 0 && r.files.remaining === 0 && r.errors.length === 0 && r.samples.stored + r.samples.unchanged === 0;
}

/** Syncs until nothing is left to do (or the bounds are reached); returns every run's result. */
export async function syncUntilDone(lib: LibraryDatabase, random: () => number, bounds: { runs: number; ms: number }): Promise<SyncRunResult[]> {
  const started = Date.now();
  const runs: SyncRunResult[] = [];
  for (let i = 0; i < bounds.runs && Date.now() - started < bounds.ms; i++) {
    // File uploads one at a time, so the link's seeded decisions fall on the same requests when replayed.
    const r = await runSync(lib.db, lib.filesDir, { tries: 3, backoff: { baseMs: 10, maxMs: 200 }, timeoutMs: 1500, fileConcurrency: 1, fileBatchFiles: 2, maxFiles: 100_000, random });
    runs.push(r);
    if (done(r)) break;
  }
  return runs;
}
