// A flag write is an action: plan from state, append the change event, update the target state and the sample,
// queue the outbox row — one transaction. Baseline: one bare autocommit INSERT of one row in the same database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCurationService } from '../electron/service/curation-service.js';
import { openLibraryDatabase } from '../electron/library/library-database.js';
import { insertSamples } from '../electron/library/sample-store.js';
import type { BenchResult } from './measure.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

export async function benchFlagWrite(writes = 400): Promise<BenchResult> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cytocurator-bench-flag-'));
  const dir = path.join(home, 'library');
  const lib = openLibraryDatabase(dir);
  insertSamples(
    lib.db,
    Array.from({ length: 1000 }, (_, i) => ({
      id: `cs-${i}`, name: `s${i}`, source: 'cytosense' as const, startedAt: new Date(Date.UTC(2026, 0, 1) + i * 3.6e6).toISOString(),
      durationSeconds: null, instrument: null, deployment: null, station: null, latitude: null, longitude: null, depthMetres: null,
      volumeMicrolitres: null, eventCount: 0, imageCount: 0, files: [], metadata: {},
    })),
  );
  // Baseline in the same database file, same pragmas (WAL, synchronous NORMAL).
  lib.db.exec('CREATE TABLE bench_baseline (x INTEGER)');
  const insert = lib.db.prepare('INSERT INTO bench_baseline (x) VALUES (?)');
  const base: number[] = [];
  for (let i = 0; i < writes; i++) {
    const t = performance.now();
    insert.run(i);
    base.push(performance.now() - t);
  }
  lib.close();

  const service = createCurationService({
    version: 'bench', defaultLibraryDir: dir, demoSourceDir: path.join(home, 'none'), demoLibraryDir: path.join(home, 'demo'),
    curator: { id: 'bench', name: 'bench', device: 'bench' },
  });
  const flag: number[] = [];
  for (let i = 0; i < writes; i++) {
    const t = performance.now();
    await service.flagSamples({ selection: { ids: [`cs-${i % 1000}`] }, flag: { code: String((i % 4) + 1) }, comment: null });
    flag.push(performance.now() - t);
  }
  await service.close();
  fs.rmSync(home, { recursive: true, force: true });
  const b = median(base);
  const f = median(flag);
  return {
    name: `flag write (event + state + sample + outbox, one transaction), ${writes} writes (baseline: bare autocommit INSERT = ${b.toFixed(3)} ms)`,
    lines: [`median flag write: ${f.toFixed(3)} ms = ${(f / b).toFixed(1)}× baseline (goal ≤ 2 ms)`],
  };
}
