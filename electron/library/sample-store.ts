/** Reads and writes samples. Multi-row writes run in one transaction: a batch is stored whole or not at all. */
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { listSamplesRequest, SamplePage, sampleQuery, sampleSelection } from '../../shared/api/contract.js';
import { CurationError } from '../../shared/api/errors.js';
import type { SampleDetail, SampleFile, SampleSortField, SampleSummary } from '../../shared/model/sample.js';
import { GROUP_ROWS } from './group-rows.js';

export interface NewSample
  extends Omit<
    SampleSummary,
    'importedAt' | 'startedAtSource' | 'timeZoneAssumed' | 'partial' | 'instrumentSerial' | 'flag' | 'reviewState' | 'reviewer' | 'comment' | 'groups'
  > {
  importedAt?: string;
  startedAtSource?: string | null;
  timeZoneAssumed?: boolean;
  partial?: boolean;
  instrumentSerial?: string | null;
  files: SampleFile[];
  metadata: Record<string, string>;
}

const sortColumns: Record<SampleSortField, string> = {
  startedAt: 'started_at',
  name: 'name',
  deployment: 'deployment',
  station: 'station',
  eventCount: 'event_count',
  volumeMicrolitres: 'volume_ul',
  importedAt: 'imported_at',
  reviewState: 'review_state',
  flag: 'flag_code',
};

interface SampleRow {
  id: string;
  name: string;
  source: 'cytosense' | 'fcs';
  started_at: string | null;
  started_at_source: string | null;
  time_zone_assumed: number;
  partial: number;
  instrument_serial: string | null;
  duration_s: number | null;
  instrument: string | null;
  deployment: string | null;
  station: string | null;
  latitude: number | null;
  longitude: number | null;
  depth_m: number | null;
  volume_ul: number | null;
  event_count: number;
  image_count: number;
  imported_at: string;
  flag_scheme: string | null;
  flag_code: string | null;
  review_state: SampleSummary['reviewState'];
  reviewer: string | null;
  comment: string | null;
}

function toSummary(r: SampleRow): SampleSummary {
  return {
    id: r.id,
    name: r.name,
    source: r.source,
    startedAt: r.started_at,
    startedAtSource: r.started_at_source,
    timeZoneAssumed: r.time_zone_assumed === 1,
    partial: r.partial === 1,
    durationSeconds: r.duration_s,
    instrument: r.instrument,
    instrumentSerial: r.instrument_serial,
    deployment: r.deployment,
    station: r.station,
    latitude: r.latitude,
    longitude: r.longitude,
    depthMetres: r.depth_m,
    volumeMicrolitres: r.volume_ul,
    eventCount: r.event_count,
    imageCount: r.image_count,
    importedAt: r.imported_at,
    flag: r.flag_code === null ? null : { scheme: r.flag_scheme ?? 'L20', code: r.flag_code },
    reviewState: r.review_state,
    reviewer: r.reviewer,
    comment: r.comment,
    groups: [],
  };
}

/** Fills each summary's groups in one query (group-rows.ts). */
function withGroups(db: Database, rows: SampleSummary[]): SampleSummary[] {
  if (rows.length === 0) return rows;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const groups = db
    .prepare(
      `SELECT sample_id, name, set_name, events, abundance_per_ml FROM ${GROUP_ROWS}
       WHERE sample_id IN (${rows.map(() => '?').join(', ')}) AND events IS NOT NULL ORDER BY position, name`,
    )
    .all(...rows.map((r) => r.id)) as { sample_id: string; name: string; set_name: string; events: number; abundance_per_ml: number | null }[];
  for (const g of groups) byId.get(g.sample_id)?.groups.push({ name: g.name, set: g.set_name, count: g.events, abundancePerMl: g.abundance_per_ml });
  return rows;
}

export function insertSamples(db: Database, samples: readonly NewSample[]): void {
  const insertSample = db.prepare(`
    INSERT INTO samples (id, name, source, started_at, started_at_source, time_zone_assumed, partial, duration_s,
      instrument, instrument_serial, deployment, station, latitude, longitude, depth_m, volume_ul, event_count,
      image_count, imported_at)
    VALUES (@id, @name, @source, @startedAt, @startedAtSource, @timeZoneAssumed, @partial, @durationSeconds,
      @instrument, @instrumentSerial, @deployment, @station, @latitude, @longitude, @depthMetres, @volumeMicrolitres,
      @eventCount, @imageCount, @importedAt)`);
  const insertFile = db.prepare(
    'INSERT INTO sample_files (sample_id, path, role, size_bytes, sha256) VALUES (?, ?, ?, ?, ?)',
  );
  const insertMeta = db.prepare('INSERT INTO sample_metadata (sample_id, key, value) VALUES (?, ?, ?)');
  db.transaction(() => {
    const now = new Date().toISOString();
    for (const s of samples) {
      const { files, metadata, ...summary } = s;
      insertSample.run({
        ...summary,
        importedAt: s.importedAt ?? now,
        startedAtSource: s.startedAtSource ?? null,
        timeZoneAssumed: s.timeZoneAssumed ? 1 : 0,
        partial: s.partial ? 1 : 0,
        instrumentSerial: s.instrumentSerial ?? null,
      });
      for (const f of files) insertFile.run(s.id, f.path, f.role, f.sizeBytes, f.sha256);
      for (const [k, v] of Object.entries(metadata)) insertMeta.run(s.id, k, v);
    }
  })();
}

export function countSamples(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM samples').get() as { n: number }).n;
}

export type ListSamplesQuery = z.output<typeof listSamplesRequest>;
export type SampleQuery = z.output<typeof sampleQuery>;
export type SampleSelection = z.output<typeof sampleSelection>;

/** SQL for a sample-table filter: the same query pages the table, counts a bulk action and selects its samples. */
export function queryWhere(q: SampleQuery): { sql: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (q.search && q.search.trim() !== '') {
    where.push("(name LIKE @search ESCAPE '\\' OR station LIKE @search ESCAPE '\\' OR deployment LIKE @search ESCAPE '\\' OR comment LIKE @search ESCAPE '\\')");
    params.search = `%${q.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  if (q.reviewStates && q.reviewStates.length > 0) {
    where.push(`review_state IN (${q.reviewStates.map((_, i) => `@review${i}`).join(', ')})`);
    q.reviewStates.forEach((r, i) => (params[`review${i}`] = r));
  }
  if (q.flags && q.flags.length > 0) {
    const codes = q.flags.filter((f) => f !== 'none');
    const parts = codes.length ? [`flag_code IN (${codes.map((_, i) => `@flag${i}`).join(', ')})`] : [];
    codes.forEach((f, i) => (params[`flag${i}`] = f));
    if (q.flags.includes('none')) parts.push('flag_code IS NULL');
    where.push(`(${parts.join(' OR ')})`);
  }
  if (q.deployment) {
    where.push('deployment = @deployment');
    params.deployment = q.deployment;
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** The ids an action covers: the listed ones that exist, or every sample matching the query (not only loaded rows). */
export function selectSampleIds(db: Database, selection: SampleSelection): string[] {
  if ('ids' in selection) {
    const exists = db.prepare('SELECT 1 FROM samples WHERE id = ?').pluck();
    const missing = selection.ids.filter((id) => exists.get(id) === undefined);
    if (missing.length) throw new CurationError({ code: 'not-found', field: 'ids', message: `no sample ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}` });
    return [...new Set(selection.ids)];
  }
  const { sql, params } = queryWhere(selection.query);
  return db.prepare(`SELECT id FROM samples ${sql} ORDER BY started_at, id`).pluck().all(params) as string[];
}

export function listSamples(db: Database, q: ListSamplesQuery): SamplePage {
  const { sql: whereSql, params } = queryWhere(q);
  // Sort columns come from a fixed map, never from the request text; id breaks ties so paging is stable.
  const order = q.sort.map((s) => `${sortColumns[s.field]} ${s.direction === 'desc' ? 'DESC' : 'ASC'}`);
  if (order.length === 0) order.push('started_at DESC');
  order.push('id ASC');
  const rows = db
    .prepare(`SELECT * FROM samples ${whereSql} ORDER BY ${order.join(', ')} LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: q.limit, offset: q.offset }) as SampleRow[];
  const total = (db.prepare(`SELECT count(*) AS n FROM samples ${whereSql}`).get(params) as { n: number }).n;
  return { total, offset: q.offset, rows: withGroups(db, rows.map(toSummary)) };
}

export function getSample(db: Database, id: string): SampleDetail | undefined {
  const row = db.prepare('SELECT * FROM samples WHERE id = ?').get(id) as SampleRow | undefined;
  if (!row) return undefined;
  const files = db
    .prepare('SELECT path, role, size_bytes, sha256 FROM sample_files WHERE sample_id = ? ORDER BY role, path')
    .all(id) as { path: string; role: SampleFile['role']; size_bytes: number; sha256: string }[];
  const meta = db.prepare('SELECT key, value FROM sample_metadata WHERE sample_id = ? ORDER BY key').all(id) as {
    key: string;
    value: string;
  }[];
  const current = db.prepare('SELECT id, version FROM imports WHERE id = (SELECT current_import_id FROM samples WHERE id = ?)').get(id) as
    | { id: number; version: number }
    | undefined;
  const importId = current?.id ?? -1;
  const provenance = db
    .prepare('SELECT source_path, stored_path, role, size_bytes, sha256 FROM import_files WHERE import_id = ? ORDER BY role, source_path')
    .all(importId) as { source_path: string; stored_path: string | null; role: SampleFile['role']; size_bytes: number; sha256: string }[];
  const columns = db.prepare('SELECT header FROM event_columns WHERE import_id = ? ORDER BY position').pluck().all(importId) as string[];
  const sets = db.prepare('SELECT name, event_count AS events FROM sample_sets WHERE import_id = ? ORDER BY name').all(importId) as { name: string; events: number }[];
  const issues = db
    .prepare('SELECT severity, file, line, field, message FROM import_issues WHERE import_id = ? ORDER BY id')
    .all(importId) as SampleDetail['issues'];
  return {
    ...withGroups(db, [toSummary(row)])[0]!,
    files: files.map((f) => ({ path: f.path, role: f.role, sizeBytes: f.size_bytes, sha256: f.sha256 })),
    importVersion: current?.version ?? null,
    provenance: provenance.map((p) => ({ sourcePath: p.source_path, storedPath: p.stored_path, role: p.role, sizeBytes: p.size_bytes, sha256: p.sha256 })),
    columns,
    sets,
    issues,
    metadata: Object.fromEntries(meta.map((m) => [m.key, m.value])),
  };
}
