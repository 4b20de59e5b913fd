import type { SqlExecutor } from '../db/sql-driver.js';
import { isPublicAccess } from './access-restriction.js';
import type { ErddapRow, ErddapTable } from './erddap-table.js';
import { groupColumns } from './erddap-table.js';
import { l20Of, publishedFlag } from './value-flag.js';

/**
 * What one dataset publishes, read from the projections: its approved samples whose every dataset is public
 * (a sample also placed in a restricted dataset is never written, in any dataset), whose current record is the
 * one that was approved (same import, same abundances), and that have a measurement time.
 */
export interface DatasetForPublication {
  datasetId: string;
  metadata: Record<string, unknown>;
  public: boolean;
  table: ErddapTable;
  /** Approved samples held back, each with why (for the log). */
  heldBack: { sampleId: string; reason: string }[];
}

interface SampleRow {
  id: string;
  import_version: number;
  started_at: string | null;
  latitude: number | null;
  longitude: number | null;
  depth_m: number | null;
  station: string | null;
  approved: Record<string, unknown> | null;
}

interface Station {
  name?: unknown;
  latitude?: unknown;
  longitude?: unknown;
  samplingDepth_m?: unknown;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export async function loadDatasetForPublication(db: SqlExecutor, datasetId: string): Promise<DatasetForPublication | null> {
  const ds = (await db.query<{ metadata: Record<string, unknown>; access_restriction: string | null }>('SELECT metadata, access_restriction FROM datasets WHERE dataset_id = $1', [datasetId]))[0];
  if (!ds) return null;
  const result: DatasetForPublication = { datasetId, metadata: ds.metadata, public: isPublicAccess(ds.access_restriction), table: { groups: [], rows: [] }, heldBack: [] };
  if (!result.public) return result;

  const samples = await db.query<SampleRow>(
    `SELECT s.id, s.import_version, s.started_at, s.latitude, s.longitude, s.depth_m, s.station, r.approved
     FROM dataset_samples ds
     JOIN sample_reviews r ON r.sample_id = ds.sample_id AND r.state = 'approved'
     JOIN samples s ON s.id = ds.sample_id
     WHERE ds.dataset_id = $1`,
    [datasetId],
  );
  if (samples.length === 0) return result;
  const ids = JSON.stringify(samples.map((s) => s.id));
  const inIds = 'IN (SELECT jsonb_array_elements_text($1::jsonb))';

  const restricted = new Map<string, string>();
  for (const r of await db.query<{ sample_id: string; dataset_id: string; access_restriction: string | null }>(
    `SELECT o.sample_id, d.dataset_id, d.access_restriction FROM dataset_samples o JOIN datasets d ON d.dataset_id = o.dataset_id WHERE o.sample_id ${inIds}`,
    [ids],
  )) {
    if (!isPublicAccess(r.access_restriction)) restricted.set(r.sample_id, `also in dataset ${r.dataset_id}, whose access restriction (L08 ${r.access_restriction ?? 'none'}) is not public`);
  }
  const abundances = await db.query<{ sample_id: string; set_name: string; group_name: string | null; abundance_per_ml: number | null; flag: string | null }>(
    `SELECT sample_id, set_name, group_name, abundance_per_ml, flag FROM sample_abundances WHERE sample_id ${inIds} ORDER BY sample_id, set_name`,
    [ids],
  );
  const flags = await db.query<{ sample_id: string; group_name: string | null; scheme: string; code: string }>(
    `SELECT sample_id, group_name, scheme, code FROM sample_flags WHERE sample_id ${inIds}`,
    [ids],
  );

  const stations = datasetStations(ds.metadata);
  const bySample = new Map<string, typeof abundances>();
  for (const a of abundances) bySample.set(a.sample_id, [...(bySample.get(a.sample_id) ?? []), a]);
  const sampleFlag = new Map<string, string | null>();
  const valueFlags = new Map<string, Map<string, string>>();
  for (const f of flags) {
    const code = l20Of(f);
    if (f.group_name === null) sampleFlag.set(f.sample_id, code);
    else if (code) valueFlags.set(f.sample_id, (valueFlags.get(f.sample_id) ?? new Map()).set(f.group_name.toLowerCase(), code));
  }

  const accepted: { s: SampleRow; rows: typeof abundances }[] = [];
  for (const s of samples) {
    const rows = bySample.get(s.id) ?? [];
    const why = restricted.get(s.id) ?? approvalMismatch(s, rows) ?? (timeOf(s.started_at) === null ? 'no measurement time' : null);
    if (why) result.heldBack.push({ sampleId: s.id, reason: why });
    else accepted.push({ s, rows });
  }

  const groups = groupColumns(accepted.flatMap(({ rows }) => rows.map((r) => r.group_name ?? r.set_name)));
  const columnOf = new Map(groups.map((g) => [g.group, g.column]));
  result.table.groups = groups;
  for (const { s, rows } of accepted) {
    const station = stations.get(s.id) ?? stations.get('') ?? null;
    const row: ErddapRow = {
      time: timeOf(s.started_at)!,
      latitude: s.latitude ?? num(station?.latitude),
      longitude: s.longitude ?? num(station?.longitude),
      depth: s.depth_m ?? num(station?.samplingDepth_m),
      station: s.station ?? (typeof station?.name === 'string' ? station.name : null),
      sampleId: s.id,
      values: {},
    };
    const own = valueFlags.get(s.id);
    for (const a of rows) {
      const group = a.group_name ?? a.set_name;
      const column = columnOf.get(group)!;
      if (row.values[column]) continue;
      const ownFlag = own?.get(a.set_name.toLowerCase()) ?? own?.get(group.toLowerCase()) ?? null;
      row.values[column] = { value: a.abundance_per_ml, flag: publishedFlag(a.abundance_per_ml, ownFlag, a.flag, sampleFlag.get(s.id) ?? null) };
    }
    result.table.rows.push(row);
  }
  return result;
}

function timeOf(startedAt: string | null): string | null {
  if (!startedAt) return null;
  const t = Date.parse(startedAt);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

/** Why the sample's current record is not the approved one, or null when it is. */
function approvalMismatch(s: SampleRow, rows: { set_name: string; abundance_per_ml: number | null }[]): string | null {
  const snap = s.approved;
  if (!snap) return null;
  if (typeof snap.importVersion === 'number' && snap.importVersion !== s.import_version) {
    return `approved at import ${snap.importVersion}, the server holds import ${s.import_version}`;
  }
  const approved = snap.abundances;
  if (approved && typeof approved === 'object') {
    for (const [set, value] of Object.entries(approved as Record<string, unknown>)) {
      const row = rows.find((r) => r.set_name === set);
      if (!row || typeof value !== 'number' || row.abundance_per_ml === null) continue;
      if (Math.abs(row.abundance_per_ml - value) > 1e-9 * Math.max(1, Math.abs(value))) return `the abundance of ${set} changed since it was approved`;
    }
  }
  return null;
}

/** Each sample's CDI unit station (key '' for a single-unit dataset's station), for rows without a position. */
function datasetStations(m: Record<string, unknown>): Map<string, Station> {
  const out = new Map<string, Station>();
  if (m.station && typeof m.station === 'object') out.set('', m.station as Station);
  if (Array.isArray(m.cdis)) {
    for (const unit of m.cdis as { station?: Station; samples?: unknown }[]) {
      if (!unit.station) continue;
      if (Array.isArray(unit.samples)) for (const id of unit.samples) if (typeof id === 'string') out.set(id, unit.station);
      if (m.cdis.length === 1) out.set('', unit.station);
    }
  }
  return out;
}
