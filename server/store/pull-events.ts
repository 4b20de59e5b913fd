import type { PullEventsResponse, PulledEvent } from '../../shared/sync/sync-protocol.js';
import { MAX_JSON_BODY_BYTES } from '../../shared/sync/sync-protocol.js';
import type { SqlDriver } from '../db/sql-driver.js';

export const DEFAULT_PULL_LIMIT = 500;
export const MAX_PULL_LIMIT = 1000;
/** A page also stops at about this many bytes of events (a dataset event can be megabytes), with at least one event. */
export const PULL_PAGE_BYTES = MAX_JSON_BODY_BYTES;

/**
 * Events after `after` in server order, each with the target revision it produced (a superseded event: the
 * revision it left in place; its `resolution` field says it was not applied).
 */
export async function pullEvents(db: SqlDriver, after: number, limit: number, pageBytes = PULL_PAGE_BYTES): Promise<PullEventsResponse> {
  // Sizes first, so a page of large events is cut before it is loaded.
  const sizes = await db.query<{ server_seq: number; bytes: number }>(
    'SELECT server_seq, octet_length(event::text) AS bytes FROM events WHERE server_seq > $1 ORDER BY server_seq LIMIT $2',
    [after, limit + 1],
  );
  let take = 0;
  let total = 0;
  while (take < Math.min(limit, sizes.length) && (take === 0 || total + sizes[take]!.bytes <= pageBytes)) total += sizes[take++]!.bytes;
  if (take === 0) return { events: [], last: after, more: false };
  const last = sizes[take - 1]!.server_seq;
  const rows = await db.query<{ server_seq: number; revision: number; event: PulledEvent['event'] }>(
    'SELECT server_seq, revision, event FROM events WHERE server_seq > $1 AND server_seq <= $2 ORDER BY server_seq',
    [after, last],
  );
  return { events: rows.map((r) => ({ serverSeq: r.server_seq, serverRevision: r.revision, event: r.event })), last, more: sizes.length > take };
}
