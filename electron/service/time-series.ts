/**
 * Counts and abundances of a group over time, a sample's groups named as in the table (group-rows.ts: the standard
 * group name a set maps to, else the set's name). A partial sample (only set exports) gives no abundance: its
 * events are not all particles.
 */
import type { Database } from 'better-sqlite3';
import type { TimeSeriesPoint } from '../../shared/api/contract.js';
import { GROUP_ROWS } from '../library/group-rows.js';
import { queryWhere } from '../library/sample-store.js';
import type { SampleQuery } from '../library/sample-store.js';

function prefixed(sql: string): string {
  // queryWhere names bare sample columns; here samples are joined as s.
  return sql.replace(/\b(name|station|deployment|comment|review_state|flag_code)\b/g, 's.$1');
}

export function listGroups(db: Database, query: SampleQuery): { groups: { name: string; samples: number }[] } {
  const { sql, params } = queryWhere(query);
  const rows = db
    .prepare(`SELECT g.name AS name, count(*) AS samples FROM samples s JOIN ${GROUP_ROWS} g ON g.sample_id = s.id ${prefixed(sql)} GROUP BY g.name ORDER BY g.name`)
    .all(params) as { name: string; samples: number }[];
  return { groups: rows };
}

export function timeSeries(db: Database, query: SampleQuery, group: string): { group: string; points: TimeSeriesPoint[] } {
  const { sql, params } = queryWhere(query);
  const where = sql ? `${prefixed(sql)} AND g.name = @group` : 'WHERE g.name = @group';
  const rows = db
    .prepare(
      `SELECT s.id, s.name, s.started_at, s.flag_code, s.review_state, g.events AS event_count, g.abundance_per_ml
       FROM samples s JOIN ${GROUP_ROWS} g ON g.sample_id = s.id ${where} AND s.started_at IS NOT NULL AND g.events IS NOT NULL
       ORDER BY s.started_at, s.id`,
    )
    .all({ ...params, group }) as { id: string; name: string; started_at: string; flag_code: string | null; review_state: string; event_count: number; abundance_per_ml: number | null }[];
  return {
    group,
    points: rows.map((r) => ({
      sampleId: r.id,
      name: r.name,
      time: r.started_at,
      count: r.event_count,
      abundancePerMl: r.abundance_per_ml,
      flag: r.flag_code,
      reviewState: r.review_state,
    })),
  };
}
