/** Particle images of a sample: pages of metadata for the virtualised gallery, and the bytes of a few at a time. */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ParticleImagePage } from '../../shared/api/contract.js';
import { CurationError } from '../../shared/api/errors.js';
import { readUint32File } from '../import/column-store.js';
import { checkOpenedFile, checkOpenedValues } from '../backup/opened-file-check.js';

function currentImport(db: Database, sampleId: string): number {
  const id = db.prepare('SELECT current_import_id FROM samples WHERE id = ?').pluck().get(sampleId) as number | null | undefined;
  if (id === undefined) throw new CurationError({ code: 'not-found', field: 'sampleId', message: `no sample ${sampleId}` });
  return id ?? -1;
}

export function listParticleImages(
  db: Database,
  filesDir: string,
  req: { sampleId: string; offset: number; limit: number; particleIds?: number[] | undefined; cropped: boolean },
): ParticleImagePage {
  const importId = currentImport(db, req.sampleId);
  let rows = db
    .prepare('SELECT particle_id AS particleId, cropped, width, height FROM particle_images WHERE import_id = ? AND cropped = ? ORDER BY particle_id')
    .all(importId, req.cropped ? 1 : 0) as { particleId: number; cropped: number; width: number | null; height: number | null }[];
  const wanted = req.particleIds ? new Set(req.particleIds) : null;
  if (wanted) rows = rows.filter((r) => wanted.has(r.particleId));
  // Imaged particles (CytoClus's "All Imaged Particles" set) without an image file are shown as missing.
  const missing: number[] = [];
  const imaged = db.prepare("SELECT members_path FROM sample_sets WHERE import_id = ? AND lower(name) = 'all imaged particles'").pluck().get(importId) as string | undefined;
  if (imaged) {
    const have = new Set(
      (db.prepare('SELECT particle_id FROM particle_images WHERE import_id = ?').pluck().all(importId) as number[]),
    );
    const imagedIds = readUint32File(path.join(filesDir, ...imaged.split('/')));
    checkOpenedValues(filesDir, imaged, imagedIds);
    for (const id of imagedIds) {
      if (!have.has(id) && (!wanted || wanted.has(id))) missing.push(id);
    }
  }
  return {
    total: rows.length,
    offset: req.offset,
    images: rows.slice(req.offset, req.offset + req.limit).map((r) => ({ particleId: r.particleId, cropped: r.cropped === 1, width: r.width, height: r.height })),
    missing,
  };
}

export function getParticleImages(db: Database, filesDir: string, req: { sampleId: string; particleIds: number[]; cropped: boolean }) {
  const importId = currentImport(db, req.sampleId);
  const get = db.prepare('SELECT path, sha256 FROM particle_images WHERE import_id = ? AND particle_id = ? AND cropped = ?');
  const images: { particleId: number; cropped: boolean; dataUrl: string }[] = [];
  for (const id of req.particleIds) {
    const row = get.get(importId, id, req.cropped ? 1 : 0) as { path: string; sha256: string } | undefined;
    if (!row) continue;
    const rel = row.path;
    const bytes = fs.readFileSync(path.join(filesDir, ...rel.split('/')));
    checkOpenedFile(filesDir, rel, bytes, row.sha256); // warns (does not fail) when it differs from its recorded sum
    const type = rel.toLowerCase().endsWith('.png') ? 'image/png' : 'image/jpeg';
    images.push({ particleId: id, cropped: req.cropped, dataUrl: `data:${type};base64,${bytes.toString('base64')}` });
  }
  return { images };
}
