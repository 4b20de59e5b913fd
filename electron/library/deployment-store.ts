/** Deployment records and their effect on samples (UTC time and position). */
import type { Database } from 'better-sqlite3';
import { CurationError } from '../../shared/api/errors.js';
import type { Deployment } from '../../shared/model/deployment.js';
import { isValidTimeZone, localTimeToUtc } from '../../shared/model/time-zone.js';

interface DeploymentRow {
  id: number;
  name: string;
  instrument: string | null;
  instrument_serial: string | null;
  station: string | null;
  ship: string | null;
  latitude: number | null;
  longitude: number | null;
  sampling_depth_m: number | null;
  bottom_depth_m: number | null;
  time_zone: string | null;
  somlit_site_id: string | null;
  rule_folder: string | null;
  rule_serial: string | null;
  rule_from: string | null;
  rule_to: string | null;
}

function toDeployment(r: DeploymentRow): Deployment {
  return {
    id: r.id,
    name: r.name,
    instrument: r.instrument,
    instrumentSerial: r.instrument_serial,
    station: r.station,
    ship: r.ship,
    latitude: r.latitude,
    longitude: r.longitude,
    samplingDepthMetres: r.sampling_depth_m,
    bottomDepthMetres: r.bottom_depth_m,
    timeZone: r.time_zone,
    somlitSiteId: r.somlit_site_id,
    rule: { folder: r.rule_folder, serial: r.rule_serial, from: r.rule_from, to: r.rule_to },
  };
}

export type NewDeployment = Omit<Deployment, 'id'>;

export function listDeployments(db: Database): Deployment[] {
  return (db.prepare('SELECT * FROM deployments ORDER BY name').all() as DeploymentRow[]).map(toDeployment);
}

export function findDeployment(db: Database, name: string): Deployment | undefined {
  const row = db.prepare('SELECT * FROM deployments WHERE name = ?').get(name) as DeploymentRow | undefined;
  return row ? toDeployment(row) : undefined;
}

export function requireDeployment(db: Database, name: string): Deployment {
  const d = findDeployment(db, name);
  if (!d) throw new CurationError({ code: 'not-found', field: 'deployment', message: `no deployment named "${name}"` });
  return d;
}

export function addDeployment(db: Database, d: NewDeployment): Deployment {
  if (d.timeZone !== null && !isValidTimeZone(d.timeZone)) {
    throw new CurationError({ code: 'invalid-request', field: 'timeZone', message: `unknown time zone "${d.timeZone}" (use an IANA name like Europe/Paris or an offset like +01:00)` });
  }
  if (findDeployment(db, d.name)) {
    throw new CurationError({ code: 'invalid-request', field: 'name', message: `a deployment named "${d.name}" already exists` });
  }
  const id = db
    .prepare(
      `INSERT INTO deployments (name, instrument, instrument_serial, station, ship, latitude, longitude, sampling_depth_m,
        bottom_depth_m, time_zone, somlit_site_id, rule_folder, rule_serial, rule_from, rule_to, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      d.name, d.instrument, d.instrumentSerial, d.station, d.ship, d.latitude, d.longitude, d.samplingDepthMetres,
      d.bottomDepthMetres, d.timeZone, d.somlitSiteId, d.rule.folder, d.rule.serial, d.rule.from, d.rule.to,
      new Date().toISOString(),
    ).lastInsertRowid;
  return { ...d, id: Number(id) };
}

/** A ship's position at a UTC time: the nearest GPS fix within `maxGapMinutes`, from any imported track. */
export function positionFromTracks(db: Database, utc: string, maxGapMinutes = 30): { latitude: number; longitude: number } | null {
  const t = Date.parse(utc);
  if (Number.isNaN(t)) return null;
  const lo = new Date(t - maxGapMinutes * 60_000).toISOString();
  const hi = new Date(t + maxGapMinutes * 60_000).toISOString();
  const before = db.prepare('SELECT time, latitude, longitude FROM gps_points WHERE time <= ? AND time >= ? ORDER BY time DESC LIMIT 1').get(utc.replace('Z', '.999Z'), lo) as
    | { time: string; latitude: number; longitude: number }
    | undefined;
  const after = db.prepare('SELECT time, latitude, longitude FROM gps_points WHERE time >= ? AND time <= ? ORDER BY time ASC LIMIT 1').get(utc, hi) as
    | { time: string; latitude: number; longitude: number }
    | undefined;
  const best = [before, after]
    .filter((p): p is { time: string; latitude: number; longitude: number } => p !== undefined)
    .sort((a, b) => Math.abs(Date.parse(a.time) - t) - Math.abs(Date.parse(b.time) - t))[0];
  return best ? { latitude: best.latitude, longitude: best.longitude } : null;
}

/**
 * Applies a deployment to samples: its name, station, position and depth, and the UTC time recomputed from the
 * source time in the deployment's zone. A time that came with an explicit offset keeps its UTC value.
 * Runs in the caller's transaction.
 */
export function applyDeployment(db: Database, deployment: Deployment, sampleIds: readonly string[]): number {
  const read = db.prepare(
    'SELECT id, started_at, started_at_source, time_zone_assumed, latitude, longitude, depth_m FROM samples WHERE id = ?',
  );
  const update = db.prepare(
    `UPDATE samples SET deployment_id = @deploymentId, deployment = @deployment, station = @station,
       latitude = @latitude, longitude = @longitude, depth_m = @depth, started_at = @startedAt,
       time_zone_assumed = @assumed WHERE id = @id`,
  );
  let changed = 0;
  for (const id of sampleIds) {
    const s = read.get(id) as
      | { id: string; started_at: string | null; started_at_source: string | null; time_zone_assumed: number; latitude: number | null; longitude: number | null; depth_m: number | null }
      | undefined;
    if (!s) throw new CurationError({ code: 'not-found', field: 'samples', message: `no sample ${id}` });
    let startedAt = s.started_at;
    let assumed = s.time_zone_assumed;
    // Only a time read without an offset (time_zone_assumed = 1, or a previous deployment's zone) is re-read.
    const hasExplicitOffset = s.started_at_source !== null && /(Z|[+-]\d{2}:?\d{2})$/.test(s.started_at_source);
    if (s.started_at_source && !hasExplicitOffset) {
      if (deployment.timeZone) {
        startedAt = localTimeToUtc(s.started_at_source, deployment.timeZone) ?? startedAt;
        assumed = 0;
      } else {
        startedAt = localTimeToUtc(s.started_at_source, 'UTC') ?? startedAt;
        assumed = 1;
      }
    }
    // A ship has no fixed position: it comes from the GPS track at the sample's UTC time.
    const fromTrack = deployment.ship !== null && deployment.latitude === null && startedAt ? positionFromTracks(db, startedAt) : null;
    update.run({
      id,
      deploymentId: deployment.id,
      deployment: deployment.name,
      station: deployment.station ?? deployment.ship,
      latitude: deployment.latitude ?? fromTrack?.latitude ?? s.latitude,
      longitude: deployment.longitude ?? fromTrack?.longitude ?? s.longitude,
      depth: deployment.samplingDepthMetres ?? s.depth_m,
      startedAt,
      assumed,
    });
    changed++;
  }
  return changed;
}
