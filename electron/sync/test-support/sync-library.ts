/**
 * Libraries for sync tests: samples with an import version, particle images (small random JPEG-like bytes, stored
 * under files/ with their SHA-256 as the importer stores them) and optionally a stored source export; decisions made
 * as the service's act() makes them (plan from the state, append in one transaction).
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ActionContext, ChangeEvent, StateLookup } from '../../../shared/model/change-event.js';
import type { CuratorProfile } from '../../common/curator-profile.js';
import { appendEvents, rememberCurator, stateLookup } from '../../library/change-store.js';
import { openLibraryDatabase } from '../../library/library-database.js';
import type { LibraryDatabase } from '../../library/library-database.js';

export function curator(name: string, device = `${name}-laptop`): CuratorProfile {
  return { id: `curator-${name}`, name, device };
}

export function openLibrary(dir: string): LibraryDatabase {
  return openLibraryDatabase(dir);
}

export interface SeedOptions {
  count: number;
  imagesPerSample: number;
  imageBytes?: number;
  /** Also store a source export of this role (e.g. pulses) per sample. */
  sourceRole?: string;
  sourceBytes?: number;
  /** Record each image's size, as the importer does since library migration 0009 (default true). */
  imageSizes?: boolean;
  /** Deterministic bytes: the same seed gives the same files (so two libraries share hashes). */
  seed?: number;
  prefix?: string;
}

function bytesFor(seed: number, length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  // A JPEG start marker, so the bytes look like what they stand for.
  if (length >= 2) {
    out[0] = 0xff;
    out[1] = 0xd8;
  }
  return out;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Inserts samples with images; returns their ids. */
export function seedSamples(lib: LibraryDatabase, o: SeedOptions): string[] {
  const db = lib.db;
  const prefix = o.prefix ?? 'cs';
  const ids: string[] = [];
  const imageBytes = o.imageBytes ?? 200;
  db.transaction(() => {
    const now = '2026-05-14T08:00:00.000Z';
    const insertSample = db.prepare(
      `INSERT INTO samples (id, name, source, started_at, station, latitude, longitude, depth_m, volume_ul, event_count, image_count, imported_at)
       VALUES (?, ?, 'cytosense', ?, 'SOLEMIO', 43.24, 5.29, 2, 300, 1000, ?, ?)`,
    );
    const insertImport = db.prepare(
      "INSERT INTO imports (sample_id, version, kind, content_sha256, importer_version, imported_at, event_count) VALUES (?, 1, 'cytoclus', ?, 'test', ?, 1000)",
    );
    const insertImage = db.prepare('INSERT INTO particle_images (import_id, particle_id, cropped, path, sha256, size_bytes, width, height) VALUES (?, ?, 1, ?, ?, ?, 40, 30)');
    const insertFile = db.prepare('INSERT INTO import_files (import_id, source_path, stored_path, role, size_bytes, sha256) VALUES (?, ?, ?, ?, ?, ?)');
    const insertMeta = db.prepare('INSERT INTO sample_metadata (sample_id, key, value) VALUES (?, ?, ?)');
    for (let i = 0; i < o.count; i++) {
      const id = `${prefix}-${String(i).padStart(5, '0')}`;
      ids.push(id);
      const startedAt = new Date(Date.UTC(2026, 4, 1) + i * 3_600_000).toISOString();
      insertSample.run(id, `SOLEMIO ${startedAt.slice(0, 13)}h00`, startedAt, o.imagesPerSample, now);
      const importId = Number(insertImport.run(id, sha256(Buffer.from(id)), now).lastInsertRowid);
      db.prepare('UPDATE samples SET current_import_id = ? WHERE id = ?').run(importId, id);
      insertMeta.run(id, 'Instrument', 'CytoSense test');
      const dir = path.posix.join('samples', id, 'v1');
      fs.mkdirSync(path.join(lib.filesDir, ...dir.split('/'), 'images'), { recursive: true });
      for (let p = 0; p < o.imagesPerSample; p++) {
        const bytes = bytesFor(((o.seed ?? 1) * 1_000_003 + i * 1009 + p) >>> 0, imageBytes);
        const rel = path.posix.join(dir, 'images', `cropped-${p}.jpg`);
        fs.writeFileSync(path.join(lib.filesDir, ...rel.split('/')), bytes);
        insertImage.run(importId, p, rel, sha256(bytes), o.imageSizes === false ? null : bytes.length);
      }
      if (o.sourceRole) {
        const bytes = bytesFor(((o.seed ?? 1) * 7_000_003 + i) >>> 0, o.sourceBytes ?? 5000);
        const rel = path.posix.join(dir, `${id}_${o.sourceRole}.csv`);
        fs.writeFileSync(path.join(lib.filesDir, ...rel.split('/')), bytes);
        insertFile.run(importId, `/exports/${id}_${o.sourceRole}.csv`, rel, o.sourceRole, bytes.length, sha256(bytes));
      }
    }
  })();
  return ids;
}

let counter = 0;

/** Runs a named action as the service does: plan from the current state, append, one transaction. */
export function act(db: Database, who: CuratorProfile, plan: (lookup: StateLookup, ctx: ActionContext) => ChangeEvent[]): ChangeEvent[] {
  return db.transaction(() => {
    rememberCurator(db, who);
    const ctx: ActionContext = { actor: who.id, device: who.device, at: new Date().toISOString(), changeset: `cs-${process.pid}-${++counter}-${Math.random().toString(36).slice(2)}`, newId: randomUUID };
    const planned = plan(stateLookup(db), ctx);
    appendEvents(db, planned);
    return planned;
  })();
}
