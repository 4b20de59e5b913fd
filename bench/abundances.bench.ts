// Recomputing every abundance after a template edit: 1,000 samples of 20,000 events share one template, one gate
// is edited, and the save recomputes all of them (classification, volume, means, projection rows, approval check)
// in one transaction. Baseline in the same run: reading the same event columns from disk and counting one range
// gate with a plain loop — the floor any recompute pays.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLibraryDatabase } from '../electron/library/library-database.js';
import { insertSamples } from '../electron/library/sample-store.js';
import { readFloat32File, writeFloat32File } from '../electron/import/column-store.js';
import { createCurationService } from '../electron/service/curation-service.js';
import type { GateTemplate } from '../shared/gating/gate.js';
import type { BenchResult } from './measure.js';

const COLUMNS = ['FWS Total', 'SWS Total', 'FL Red Total', 'FL Orange Total'];

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export async function benchAbundances(samples = 1000, events = 20_000): Promise<BenchResult> {
  const seed = 20261129;
  const random = seeded(seed);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cytocurator-bench-abundances-'));
  const dir = path.join(home, 'library');
  const lib = openLibraryDatabase(dir);
  const ids = Array.from({ length: samples }, (_, i) => `cs-${String(i).padStart(5, '0')}`);
  insertSamples(
    lib.db,
    ids.map((id, i) => ({
      id, name: id, source: 'cytosense' as const, startedAt: new Date(Date.UTC(2026, 0, 1) + i * 3.6e6).toISOString(),
      durationSeconds: 300, instrument: null, deployment: null, station: null, latitude: null, longitude: null, depthMetres: null,
      volumeMicrolitres: 500, eventCount: events, imageCount: 0, files: [], metadata: {},
    })),
  );
  const files: string[] = [];
  const addImport = lib.db.prepare("INSERT INTO imports (sample_id, version, kind, content_sha256, importer_version, imported_at, event_count) VALUES (?, 1, 'cytoclus', ?, 'bench', '2026-01-01T00:00:00Z', ?)");
  const addColumn = lib.db.prepare("INSERT INTO event_columns (import_id, position, header, channel, parameter, key, path) VALUES (?, ?, ?, ?, 'Total', ?, ?)");
  const setCurrent = lib.db.prepare('UPDATE samples SET current_import_id = ? WHERE id = ?');
  lib.db.transaction(() => {
    for (const id of ids) {
      const importId = Number(addImport.run(id, id.padEnd(64, '0').slice(0, 64), events).lastInsertRowid);
      setCurrent.run(importId, id);
      COLUMNS.forEach((name, position) => {
        const values = new Float32Array(events);
        for (let e = 0; e < events; e++) values[e] = 10 ** (1 + 4 * random());
        const rel = `events/${id}/${position}.f32`;
        fs.mkdirSync(path.join(lib.filesDir, 'events', id), { recursive: true });
        writeFloat32File(path.join(lib.filesDir, rel), values);
        files.push(path.join(lib.filesDir, rel));
        addColumn.run(importId, position, name, name.replace(/ Total$/, ''), name.toLowerCase(), rel);
      });
    }
  })();
  lib.close();

  const log = (column: string) => ({ parameter: { type: 'single' as const, column }, transform: { type: 'log' as const, T: 100_000, M: 5 } });
  const template = (redMin: number): GateTemplate => ({
    id: 't_bench',
    name: 'bench',
    version: 0,
    exclusive: true,
    gates: [
      { type: 'polygon', id: 'poly', name: 'poly', x: log('FL Red Total'), y: log('FL Orange Total'), vertices: [{ x: redMin, y: 0.3 }, { x: 0.9, y: 0.3 }, { x: 0.9, y: 0.8 }, { x: redMin, y: 0.6 }] },
      { type: 'rectangle', id: 'rect', name: 'rect', x: log('FWS Total'), y: log('SWS Total'), xMin: 0.4, xMax: 0.9, yMin: 0.2, yMax: 0.7 },
    ],
    sets: [
      { id: 'a', name: 'RedPico', expression: { op: 'gate', gateId: 'poly' }, group: null, colour: null },
      { id: 'b', name: 'OraNano', expression: { op: 'and', operands: [{ op: 'gate', gateId: 'rect' }, { op: 'not', operand: { op: 'gate', gateId: 'poly' } }] }, group: null, colour: null },
    ],
  });

  // Baseline: read every column file of every sample and count one range on one column.
  const t0 = performance.now();
  let counted = 0;
  for (const f of files) {
    const values = readFloat32File(f, events);
    for (let e = 0; e < values.length; e++) if ((values[e] as number) > 1000) counted++;
  }
  const baselineMs = performance.now() - t0;

  const service = createCurationService({ version: 'bench', defaultLibraryDir: dir, demoSourceDir: path.join(home, 'none'), demoLibraryDir: path.join(home, 'demo'), importWorker: false });
  const saved = await service.saveGateTemplate({ template: template(0.3), baseVersion: null, reason: null });
  const t1 = performance.now();
  const applied = await service.applyGateTemplate({ templateId: saved.id, selection: { ids } });
  const applyMs = performance.now() - t1;
  const t2 = performance.now();
  const edited = await service.saveGateTemplate({ template: { ...template(0.35), id: saved.id }, baseVersion: 1, reason: 'bench edit' });
  const editMs = performance.now() - t2;
  const rows = (await service.listAbundances({})).abundances.length;
  await service.close();
  fs.rmSync(home, { recursive: true, force: true });
  return {
    name: `abundances: recompute ${samples} samples × ${events.toLocaleString('en')} events after a template edit (seed ${seed})`,
    lines: [
      `baseline read-columns-and-count: ${baselineMs.toFixed(0)} ms (${counted} events counted)`,
      `apply template to ${applied.recomputed} samples: ${applyMs.toFixed(0)} ms (${(applyMs / baselineMs).toFixed(2)}× baseline)`,
      `edit one gate → recompute ${edited.recomputed} samples: ${editMs.toFixed(0)} ms (${(editMs / baselineMs).toFixed(2)}× baseline, ${(editMs / samples).toFixed(2)} ms per sample)`,
      `abundance rows stored: ${rows}`,
    ],
  };
}
