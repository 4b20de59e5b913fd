import { sameValue } from '../../shared/model/change-event.js';
import type { MissingFilesForm, PushSamplesResponse, SampleRecord } from '../../shared/sync/sync-protocol.js';
import type { SqlDriver, SqlExecutor } from '../db/sql-driver.js';
import type { Caller } from './accounts.js';
import { UNSTORABLE_TEXT, hasUnstorableText } from './event-rules.js';
import { COMPLETE_FILES_SQL } from './file-store.js';

type SampleResult = PushSamplesResponse['results'][number];

/**
 * Stores sample records (metadata, abundances, the files they need) by id and import version: a newer import
 * replaces the record, the same import replaces it when its content changed (new abundances after a template
 * change), an older import is refused. One transaction for the request, a few statements for all its samples; a
 * failure of the database rolls it all back and is passed on (the client sends the records again).
 */
export async function pushSamples(db: SqlDriver, caller: Caller, samples: readonly SampleRecord[], form: MissingFilesForm = 'hashes'): Promise<{ results: SampleResult[]; stored: string[] }> {
  const results: SampleResult[] = samples.map((s) => {
    const problem = recordProblem(s);
    return problem ? { id: s.id, status: 'refused', reason: problem } : { id: s.id, status: 'unchanged' };
  });
  await db.transaction(async (tx) => {
    const ids = [...new Set(samples.filter((_, i) => results[i]!.status !== 'refused').map((s) => s.id))];
    const current = new Map<string, { import_version: number; record: unknown }>();
    if (ids.length > 0) {
      for (const r of await tx.query<{ id: string; import_version: number; record: unknown }>('SELECT id, import_version, record FROM samples WHERE id = ANY($1::text[]) FOR UPDATE', [ids])) {
        current.set(r.id, r);
      }
    }
    /** The record to write per sample id (a sample sent twice in one request: the later one, judged against the earlier). */
    const toStore = new Map<string, SampleRecord>();
    samples.forEach((s, i) => {
      if (results[i]!.status === 'refused') return;
      const held = toStore.has(s.id) ? { import_version: toStore.get(s.id)!.importVersion, record: JSON.parse(JSON.stringify(toStore.get(s.id))) } : current.get(s.id);
      if (held) {
        if (s.importVersion < held.import_version) {
          results[i] = { id: s.id, status: 'refused', reason: `the server holds import ${held.import_version} of sample ${s.id}, newer than this import ${s.importVersion}` };
          return;
        }
        if (s.importVersion === held.import_version && sameValue(held.record, JSON.parse(JSON.stringify(s)))) return;
      }
      results[i] = { id: s.id, status: 'stored' };
      toStore.set(s.id, s);
    });
    if (toStore.size > 0) await storeRecords(tx, caller, [...toStore.values()]);
  });
  const missing = await missingFiles(db, samples.filter((_, i) => results[i]!.status !== 'refused'));
  samples.forEach((s, i) => {
    const r = results[i]!;
    if (r.status === 'refused') {
      if (form === 'hashes') r.missingFiles = [];
      else r.missingFileIndexes = [];
      return;
    }
    const at = missing(s);
    if (form === 'hashes') r.missingFiles = at.map((j) => s.files[j]!.sha256);
    else r.missingFileIndexes = at;
  });
  return { results, stored: [...new Set(samples.filter((_, i) => results[i]!.status === 'stored').map((s) => s.id))] };
}

function recordProblem(s: SampleRecord): string | null {
  if (hasUnstorableText(s)) return `the record of sample ${s.id} contains ${UNSTORABLE_TEXT}`;
  const sets = new Set<string>();
  for (const a of s.abundances) {
    if (sets.has(a.set)) return `set "${a.set}" appears twice in the abundances of sample ${s.id}`;
    sets.add(a.set);
  }
  return null;
}

/** Writes the records (distinct ids, with their files) and their abundances: one statement per table. */
async function storeRecords(tx: SqlExecutor, caller: Caller, records: readonly SampleRecord[]): Promise<void> {
  const ids = records.map((s) => s.id);
  await tx.query(
    `INSERT INTO samples (id, import_version, name, source, started_at, latitude, longitude, depth_m, volume_ul, deployment, station, instrument,
       event_count, metadata, record, stored_by)
     SELECT r.id, r.import_version, r.name, r.source, r.started_at, r.latitude, r.longitude, r.depth_m, r.volume_ul, r.deployment, r.station,
       r.instrument, r.event_count, r.metadata, r.record, $2
     FROM jsonb_to_recordset($1::jsonb) AS r (id text, import_version integer, name text, source text, started_at text, latitude double precision,
       longitude double precision, depth_m double precision, volume_ul double precision, deployment text, station text, instrument text,
       event_count bigint, metadata jsonb, record jsonb)
     ON CONFLICT (id) DO UPDATE SET import_version = EXCLUDED.import_version, name = EXCLUDED.name, source = EXCLUDED.source,
       started_at = EXCLUDED.started_at, latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude, depth_m = EXCLUDED.depth_m,
       volume_ul = EXCLUDED.volume_ul, deployment = EXCLUDED.deployment, station = EXCLUDED.station, instrument = EXCLUDED.instrument,
       event_count = EXCLUDED.event_count, metadata = EXCLUDED.metadata, record = EXCLUDED.record, stored_at = now(), stored_by = EXCLUDED.stored_by`,
    [
      JSON.stringify(
        records.map((s) => ({
          id: s.id,
          import_version: s.importVersion,
          name: s.name,
          source: s.source,
          started_at: s.startedAt,
          latitude: s.latitude,
          longitude: s.longitude,
          depth_m: s.depthMetres,
          volume_ul: s.volumeMicrolitres,
          deployment: s.deployment,
          station: s.station,
          instrument: s.instrument,
          event_count: s.eventCount,
          metadata: s.metadata,
          record: s,
        })),
      ),
      caller.id,
    ],
  );
  await tx.query('DELETE FROM sample_abundances WHERE sample_id = ANY($1::text[])', [ids]);
  const abundances = records.flatMap((s) => s.abundances.map((a) => ({ ...a, sampleId: s.id })));
  if (abundances.length > 0) {
    await tx.query(
      `INSERT INTO sample_abundances (sample_id, set_name, group_name, events, abundance_per_ml, template, template_version, flag)
       SELECT a."sampleId", a."set", a."group", a.events, a."abundancePerMl", a.template, a."templateVersion", a.flag
       FROM jsonb_to_recordset($1::jsonb) AS a("sampleId" text, "set" text, "group" text, events bigint, "abundancePerMl" double precision, template text, "templateVersion" integer, flag text)`,
      [JSON.stringify(abundances)],
    );
  }
  // The files are in the record: the sample_files view shows them (migration 0008).
}

/**
 * Which of each sample's files the server does not hold complete yet: their positions in the record's `files`, the
 * first entry of each hash. One query for the whole request, then a lookup per sample.
 */
async function missingFiles(db: SqlDriver, samples: readonly SampleRecord[]): Promise<(s: SampleRecord) => number[]> {
  const wanted = [...new Set(samples.flatMap((s) => s.files.map((f) => f.sha256)))];
  // One lookup by the primary key per hash (COMPLETE_FILES_SQL); one comma-separated text, not a text[] parameter,
  // whose per-element encoding in the driver cost more than the lookup (the hashes are checked hex: no commas).
  const rows = wanted.length === 0 ? [] : await db.query<{ sha256: string }>(COMPLETE_FILES_SQL, [wanted.join(',')]);
  const have = new Set(rows.map((r) => r.sha256));
  return (s) => {
    const at: number[] = [];
    const seen = new Set<string>();
    s.files.forEach((f, i) => {
      if (have.has(f.sha256) || seen.has(f.sha256)) return;
      seen.add(f.sha256);
      at.push(i);
    });
    return at;
  };
}
