/**
 * Commits one parsed sample to the library: the staged folder is moved into files/, then one SQLite transaction
 * writes the sample (new, or a new import version of the same measurement), its columns, sets, images, files and
 * issues. If the transaction fails the moved folder is removed, so nothing is half-written.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Deployment } from '../../shared/model/deployment.js';
import { deploymentRuleMatches } from '../../shared/model/deployment.js';
import { localTimeToUtc } from '../../shared/model/time-zone.js';
import { applyDeployment, listDeployments } from '../library/deployment-store.js';
import type { LibraryDatabase } from '../library/library-database.js';
import { stableSampleId } from '../library/sample-id.js';
import { appendFixityRecord } from '../backup/fixity-record.js';
import { libraryPath } from '../backup/library-files.js';
import type { ParsedSample } from './parsed-sample.js';

export interface CommitOptions {
  importerVersion: string;
  sourceRoot: string | null;
  /** Deployment chosen for this import (--deployment); otherwise rules decide. */
  deployment: Deployment | null;
}

export interface CommitResult {
  id: string;
  status: 'imported' | 'new-version' | 'unchanged';
  version: number;
  deployment: string | null;
  startedAt: string | null;
  timeZoneAssumed: boolean;
}

/** Identical content gives the same hash whatever the folder or file order. */
export function contentHash(parsed: ParsedSample): string {
  const parts = parsed.files.map((f) => `${f.role}\u0000${path.basename(f.sourcePath)}\u0000${f.sha256}`).sort();
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

function chooseDeployment(db: Database, parsed: ParsedSample, chosen: Deployment | null): Deployment | null {
  if (chosen) return chosen;
  const startedAtUtc = parsed.startedAtUtc ?? (parsed.startedAtSource ? localTimeToUtc(parsed.startedAtSource, 'UTC') : null);
  const sourcePath = parsed.files[0]?.sourcePath ?? '';
  return listDeployments(db).find((d) => deploymentRuleMatches(d.rule, { sourcePath, serial: parsed.instrumentSerial, startedAtUtc })) ?? null;
}

export function commitSample(lib: LibraryDatabase, parsed: ParsedSample, stagingDir: string, options: CommitOptions): CommitResult {
  const db = lib.db;
  const id = stableSampleId(parsed.kind === 'fcs' ? 'fcs' : 'cytosense', parsed.identity);
  const hash = contentHash(parsed);
  const existing = db.prepare('SELECT version FROM imports WHERE sample_id = ? AND content_sha256 = ?').get(id, hash) as { version: number } | undefined;
  if (existing) {
    fs.rmSync(stagingDir, { recursive: true, force: true });
    const s = db.prepare('SELECT deployment, started_at, time_zone_assumed FROM samples WHERE id = ?').get(id) as { deployment: string | null; started_at: string | null; time_zone_assumed: number };
    return { id, status: 'unchanged', version: existing.version, deployment: s.deployment, startedAt: s.started_at, timeZoneAssumed: s.time_zone_assumed === 1 };
  }
  const previous = (db.prepare('SELECT max(version) AS v FROM imports WHERE sample_id = ?').get(id) as { v: number | null }).v;
  const version = (previous ?? 0) + 1;
  const relDir = path.posix.join('samples', id, `v${version}`);
  const finalDir = path.join(lib.filesDir, ...relDir.split('/'));
  fs.rmSync(finalDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(finalDir), { recursive: true });
  fs.renameSync(stagingDir, finalDir);
  const stored = (rel: string) => path.posix.join(relDir, rel);

  try {
    const result = db.transaction((): CommitResult => {
      const now = new Date().toISOString();
      const deployment = chooseDeployment(db, parsed, options.deployment);
      // Without an offset and without a deployment zone, the source time is taken as UTC and marked assumed.
      const fallbackUtc = parsed.startedAtSource ? localTimeToUtc(parsed.startedAtSource, 'UTC') : null;
      const startedAt = parsed.startedAtUtc ?? fallbackUtc;
      const assumed = parsed.startedAtUtc === null && parsed.startedAtSource !== null;
      const sampleRow = {
        id,
        name: parsed.name,
        source: parsed.kind === 'fcs' ? 'fcs' : 'cytosense',
        startedAt,
        startedAtSource: parsed.startedAtSource,
        assumed: assumed ? 1 : 0,
        partial: parsed.partial ? 1 : 0,
        duration: parsed.durationSeconds,
        instrument: parsed.instrument,
        serial: parsed.instrumentSerial,
        volume: parsed.volumeMicrolitres,
        events: parsed.eventCount,
        images: new Set(parsed.images.map((i) => i.particleId)).size,
        now,
      };
      if (previous === null) {
        db.prepare(
          `INSERT INTO samples (id, name, source, started_at, started_at_source, time_zone_assumed, partial, duration_s, instrument,
             instrument_serial, volume_ul, event_count, image_count, imported_at)
           VALUES (@id, @name, @source, @startedAt, @startedAtSource, @assumed, @partial, @duration, @instrument, @serial, @volume,
             @events, @images, @now)`,
        ).run(sampleRow);
      } else {
        // A new export of the same measurement: the sample, its flags and audit stay; its data become this version.
        db.prepare(
          `UPDATE samples SET partial = @partial, duration_s = @duration, instrument = @instrument, instrument_serial = @serial,
             volume_ul = @volume, event_count = @events, image_count = @images, imported_at = @now WHERE id = @id`,
        ).run(sampleRow);
        db.prepare('DELETE FROM sample_files WHERE sample_id = ?').run(id);
        db.prepare('DELETE FROM sample_metadata WHERE sample_id = ?').run(id);
      }
      const importId = Number(
        db
          .prepare(
            `INSERT INTO imports (sample_id, version, kind, content_sha256, importer_version, imported_at, source_root, event_count)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(id, version, parsed.kind, hash, options.importerVersion, now, options.sourceRoot, parsed.eventCount).lastInsertRowid,
      );
      db.prepare('UPDATE samples SET current_import_id = ? WHERE id = ?').run(importId, id);

      const insertFile = db.prepare('INSERT OR REPLACE INTO import_files VALUES (?, ?, ?, ?, ?, ?)');
      const insertSampleFile = db.prepare('INSERT OR REPLACE INTO sample_files (sample_id, path, role, size_bytes, sha256) VALUES (?, ?, ?, ?, ?)');
      for (const f of parsed.files) {
        insertFile.run(importId, f.sourcePath, f.storedPath ? stored(f.storedPath) : null, f.role, f.sizeBytes, f.sha256);
        if (f.storedPath) insertSampleFile.run(id, stored(f.storedPath), f.role, f.sizeBytes, f.sha256);
      }
      const insertColumn = db.prepare('INSERT INTO event_columns VALUES (?, ?, ?, ?, ?, ?, ?)');
      parsed.columns.forEach((c, i) => insertColumn.run(importId, i, c.header, c.channel, c.parameter, c.key, stored(c.path)));
      const insertSet = db.prepare('INSERT INTO sample_sets VALUES (?, ?, ?, ?)');
      for (const s of parsed.sets) insertSet.run(importId, s.name, s.eventCount, stored(s.membersPath));
      const insertImage = db.prepare('INSERT INTO particle_images (import_id, particle_id, cropped, path, sha256, size_bytes, width, height, taken_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
      for (const im of parsed.images) insertImage.run(importId, im.particleId, im.cropped ? 1 : 0, stored(im.path), im.sha256, im.sizeBytes, im.width, im.height, im.takenAt);
      const insertIssue = db.prepare('INSERT INTO import_issues (import_id, severity, file, line, field, message) VALUES (?, ?, ?, ?, ?, ?)');
      for (const i of parsed.issues) insertIssue.run(importId, i.severity, i.file ?? null, i.line ?? null, i.field ?? null, i.message);
      const insertMeta = db.prepare('INSERT OR REPLACE INTO sample_metadata (sample_id, key, value) VALUES (?, ?, ?)');
      for (const [k, v] of Object.entries(parsed.metadata)) insertMeta.run(id, k, v);

      if (deployment) applyDeployment(db, deployment, [id]);
      const s = db.prepare('SELECT started_at, time_zone_assumed FROM samples WHERE id = ?').get(id) as { started_at: string | null; time_zone_assumed: number };
      return { id, status: previous === null ? 'imported' : 'new-version', version, deployment: deployment?.name ?? null, startedAt: s.started_at, timeZoneAssumed: s.time_zone_assumed === 1 };
    })();
    recordDerivedSums(lib, parsed, stored);
    return result;
  } catch (err) {
    fs.rmSync(finalDir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * The sums of the files the importer derived (event columns, particle ids, set members) go into the library's
 * fixity record once the import is committed: a file damaged before the first backup is then named by the first
 * check. (Sources and images have theirs in the database.) A failure to record them loses no data: the first
 * backup or check records the sums it finds, as it does for imports made before.
 */
function recordDerivedSums(lib: LibraryDatabase, parsed: ParsedSample, stored: (rel: string) => string): void {
  if (lib.readOnly) return;
  const entries = [
    { path: libraryPath(stored(parsed.particleIdsPath)), sha256: parsed.particleIdsSha256 },
    ...parsed.columns.map((c) => ({ path: libraryPath(stored(c.path)), sha256: c.sha256 })),
    ...parsed.sets.map((s) => ({ path: libraryPath(stored(s.membersPath)), sha256: s.membersSha256 })),
  ];
  try {
    appendFixityRecord(lib.dir, entries);
  } catch {
    // See above: recorded later.
  }
}
