/** Imports an NMEA GPS log as a position track (one row per fix), identified by its content hash. */
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { createNmeaTrackReader, gpsLogFileNameTime } from '../../shared/formats/nmea/nmea-track.js';
import type { CurationErrorData } from '../../shared/api/errors.js';
import type { ImportedTrackReport } from '../../shared/api/import-report.js';
import { applyDeployment, listDeployments } from '../library/deployment-store.js';
import { readStreamed } from './read-streamed.js';

export async function importGpsLog(
  db: Database,
  file: string,
): Promise<{ report: ImportedTrackReport; issues: CurationErrorData[] }> {
  const named = gpsLogFileNameTime(path.basename(file));
  const reader = createNmeaTrackReader(named ? { date: named.date } : {});
  const { sha256 } = await readStreamed(file, (c) => reader.push(c));
  const track = reader.finish();
  const issues: CurationErrorData[] = track.issues.map((i) => ({
    code: 'invalid-input',
    file,
    message: i.message,
    ...(i.line !== undefined ? { line: i.line } : {}),
  }));
  const points = track.points;
  const span = { points: points.length, from: points[0]?.time ?? null, to: points[points.length - 1]?.time ?? null };
  const known = db.prepare('SELECT id FROM gps_tracks WHERE sha256 = ?').get(sha256);
  if (known) return { report: { file, status: 'unchanged', ...span }, issues };
  db.transaction(() => {
    const id = db
      .prepare('INSERT INTO gps_tracks (sha256, source_path, imported_at) VALUES (?, ?, ?)')
      .run(sha256, file, new Date().toISOString()).lastInsertRowid;
    const insert = db.prepare('INSERT OR IGNORE INTO gps_points (track_id, time, latitude, longitude) VALUES (?, ?, ?, ?)');
    for (const p of points) insert.run(id, p.time, p.latitude, p.longitude);
    // Samples of ship deployments imported before this track get their position now.
    for (const d of listDeployments(db).filter((x) => x.ship !== null && x.latitude === null)) {
      const ids = db.prepare('SELECT id FROM samples WHERE deployment_id = ? AND latitude IS NULL').pluck().all(d.id) as string[];
      if (ids.length) applyDeployment(db, d, ids);
    }
  })();
  return { report: { file, status: 'imported', ...span }, issues };
}
