/**
 * Pulls what others changed: the server's log after this library's cursor, page by page, each page applied and the
 * cursor moved in one transaction (remote-events.ts).
 */
import type { Database } from 'better-sqlite3';
import type { RecomputeSample } from './remote-events.js';
import { applyPulledPage } from './remote-events.js';
import type { Retrier } from './retry.js';
import type { SyncClient } from './sync-client.js';
import { SyncRequestError } from './sync-client.js';
import { readSyncSettings } from './sync-state.js';

export const PULL_PAGE = 500;

export interface PullPhaseOutcome {
  pulled: number;
  applied: number;
  held: number;
  conflicts: number;
  confirmed: number;
  changedSamples: Set<string>;
  errors: string[];
  stopped: SyncRequestError | null;
}

export async function pullEvents(db: Database, client: SyncClient, retry: Retrier, options: { recompute?: RecomputeSample; maxPages?: number; deadline?: number } = {}): Promise<PullPhaseOutcome> {
  const out: PullPhaseOutcome = { pulled: 0, applied: 0, held: 0, conflicts: 0, confirmed: 0, changedSamples: new Set(), errors: [], stopped: null };
  const maxPages = options.maxPages ?? 1000;
  for (let i = 0; i < maxPages; i++) {
    if (options.deadline !== undefined && Date.now() > options.deadline) break;
    const cursor = readSyncSettings(db).pullCursor;
    let page;
    try {
      page = await retry(() => client.pullEvents(cursor, PULL_PAGE));
    } catch (err) {
      out.stopped = err instanceof SyncRequestError ? err : new SyncRequestError('server', (err as Error).message);
      break;
    }
    // Events at or before the cursor were applied already (a server that repeats a boundary event is harmless).
    const fresh = { ...page, events: page.events.filter((e) => e.serverSeq > cursor) };
    const progressed = page.last > cursor;
    const r = applyPulledPage(db, fresh, options.recompute);
    out.pulled += fresh.events.length;
    out.applied += r.applied;
    out.held += r.held;
    out.conflicts += r.conflicts;
    out.confirmed += r.confirmed;
    for (const id of r.changedSamples) out.changedSamples.add(id);
    out.errors.push(...r.errors);
    if (!page.more || !progressed) break;
  }
  return out;
}
