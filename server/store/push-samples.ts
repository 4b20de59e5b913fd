import { sameValue } from '../../shared/model/change-event.js';
import type { PushSamplesResponse, SampleRecord } from '../../shared/sync/sync-protocol.js';
import type { SqlDriver, SqlExecutor } from '../db/sql-driver.js';
import type { Caller } from './accounts.js';
import { UNSTORABLE_TEXT, hasUnstorableText } from './event-rules.js';

type SampleResult = PushSamplesResponse['results'][number];

/**
 * Stores sample records (metadata, abundances, the files they need) by id and import version: a newer import
 * replaces the record, the same import replaces it when its content changed (new abundances after a template
 * change), an older import is refused. One transaction for the request (one commit), each sample inside its own
 * savepoint: a failure inside one leaves no trace of it, those before it are committed, and the error is passed on.
 */
export async function pushSamples(db: SqlDriver, caller: Caller, samples: readonly SampleRecord[]): Promise<{ results: SampleResult[]; stored: string[] }> {
  const results: SampleResult[] = [];
  const stored: string[] = [];
  const failure = await db.transaction(async (tx) => {
    for (const s of samples) {
      const problem = recordProblem(s);
      if (problem) {
        results.push({ id: s.id, status: 'refused', reason: problem, missingFiles: [] });
        continue;
      }
      await tx.query('SAVEPOINT push_sample');
      let result: SampleResult;
      try {
        result = await storeOne(tx, caller, s);
      } catch (err) {
        await tx.query('ROLLBACK TO SAVEPOINT push_sample');
        return { err };
      }
      await tx.query('RELEASE SAVEPOINT push_sample');
      if (result.status === 'stored') stored.push(s.id);
      results.push(result);
    }
    return null;
  });
  if (failure) throw failure.err;
  const missing = await missingFiles(db, samples.filter((_, i) => results[i]?.status !== 'refused'));
  for (const [i, r] of results.entries()) if (r.status !== 'refused') r.missingFiles = missing(samples[i] as SampleRecord);
  return { results, stored };
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

async function storeOne(tx: SqlExecutor, caller: Caller, s: SampleRecord): Promise<SampleResult> {
  const rows = await tx.query<{ import_version: number; record: unknown }>('SELECT import_version, record FROM samples WHERE id = $1 FOR UPDATE', [s.id]);
  const current = rows[0];
  if (current) {
    if (s.importVersion < current.import_version) {
      return { id: s.id, status: 'refused', reason: `the server holds import ${current.import_version} of sample ${s.id}, newer than this import ${s.importVersion}`, missingFiles: [] };
    }
    if (s.importVersion === current.import_version && sameValue(current.record, JSON.parse(JSON.stringify(s)))) return { id: s.id, status: 'unchanged', missingFiles: [] };
  }
  await tx.query(
    `INSERT INTO samples (id, import_version, name, source, started_at, latitude, longitude, depth_m, volume_ul, deployment, station, instrument,
       event_count, metadata, record, stored_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15::jsonb, $16)
     ON CONFLICT (id) DO UPDATE SET import_version = EXCLUDED.import_version, name = EXCLUDED.name, source = EXCLUDED.source,
       started_at = EXCLUDED.started_at, latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude, depth_m = EXCLUDED.depth_m,
       volume_ul = EXCLUDED.volume_ul, deployment = EXCLUDED.deployment, station = EXCLUDED.station, instrument = EXCLUDED.instrument,
       event_count = EXCLUDED.event_count, metadata = EXCLUDED.metadata, record = EXCLUDED.record, stored_at = now(), stored_by = EXCLUDED.stored_by`,
    [
      s.id,
      s.importVersion,
      s.name,
      s.source,
      s.startedAt,
      s.latitude,
      s.longitude,
      s.depthMetres,
      s.volumeMicrolitres,
      s.deployment,
      s.station,
      s.instrument,
      s.eventCount,
      JSON.stringify(s.metadata),
      JSON.stringify(s),
      caller.id,
    ],
  );
  await tx.query('DELETE FROM sample_abundances WHERE sample_id = $1', [s.id]);
  if (s.abundances.length > 0) {
    await tx.query(
      `INSERT INTO sample_abundances (sample_id, set_name, group_name, events, abundance_per_ml, template, template_version, flag)
       SELECT $1, a."set", a."group", a.events, a."abundancePerMl", a.template, a."templateVersion", a.flag
       FROM jsonb_to_recordset($2::jsonb) AS a("set" text, "group" text, events bigint, "abundancePerMl" double precision, template text, "templateVersion" integer, flag text)`,
      [s.id, JSON.stringify(s.abundances)],
    );
  }
  await tx.query('DELETE FROM sample_files WHERE sample_id = $1', [s.id]);
  if (s.files.length > 0) {
    await tx.query(
      `INSERT INTO sample_files (sample_id, role, path, sha256, bytes)
       SELECT $1, f.role, f.path, f.sha256, f.bytes FROM jsonb_to_recordset($2::jsonb) AS f(role text, path text, sha256 text, bytes bigint)`,
      [s.id, JSON.stringify(s.files)],
    );
  }
  return { id: s.id, status: 'stored', missingFiles: [] };
}

/**
 * Which of each sample's files the server does not hold complete yet (by hash, each once): one query for the
 * whole request, then a lookup per sample.
 */
async function missingFiles(db: SqlDriver, samples: readonly SampleRecord[]): Promise<(s: SampleRecord) => string[]> {
  const wanted = [...new Set(samples.flatMap((s) => s.files.map((f) => f.sha256)))];
  const rows = wanted.length === 0 ? [] : await db.query<{ sha256: string }>('SELECT sha256 FROM files WHERE complete AND sha256 = ANY($1::text[])', [wanted]);
  const have = new Set(rows.map((r) => r.sha256));
  return (s) => [...new Set(s.files.map((f) => f.sha256))].filter((h) => !have.has(h));
}
