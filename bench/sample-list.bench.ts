// The sample table pages through the library (ag-grid infinite row model). A page must cost the same at the
// end of a 20,000-sample library as at its start, and far less than reading every row.
// Baseline: reading all samples (what a client-side row model would need).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLibraryDatabase } from '../electron/library/library-database.js';
import { insertSamples, listSamples } from '../electron/library/sample-store.js';
import type { NewSample } from '../electron/library/sample-store.js';
import type { BenchResult } from './measure.js';
import { medianMs } from './measure.js';

export async function benchSampleList(count = 20_000): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cytocurator-bench-'));
  const lib = openLibraryDatabase(dir);
  const samples: NewSample[] = [];
  const t0 = Date.UTC(2020, 0, 1);
  for (let i = 0; i < count; i++) {
    samples.push({
      id: `cs-${i.toString(16).padStart(16, '0')}`,
      name: `SOLEMIO ${new Date(t0 + i * 3_600_000).toISOString()}`,
      source: 'cytosense',
      startedAt: new Date(t0 + i * 3_600_000).toISOString(),
      durationSeconds: 600,
      instrument: 'CytoSense',
      deployment: `deployment ${Math.floor(i / 500)}`,
      station: i % 2 ? 'SOLEMIO' : 'Frioul',
      latitude: 43.2,
      longitude: 5.3,
      depthMetres: 2,
      volumeMicrolitres: 1000 + (i % 97),
      eventCount: (i * 7919) % 100_000,
      imageCount: 0,
      files: [],
      metadata: {},
    });
  }
  const tInsert = performance.now();
  insertSamples(lib.db, samples);
  const insertTotal = performance.now() - tInsert;

  const baseline = medianMs(() => lib.db.prepare('SELECT * FROM samples ORDER BY started_at DESC').all());
  const first = medianMs(() => listSamples(lib.db, { offset: 0, limit: 100, sort: [] }));
  const last = medianMs(() => listSamples(lib.db, { offset: count - 100, limit: 100, sort: [] }));
  const sortedByEvents = medianMs(() => listSamples(lib.db, { offset: count / 2, limit: 100, sort: [{ field: 'eventCount', direction: 'desc' }] }));
  lib.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const ratio = (x: number) => `${(x / baseline).toFixed(3)}× baseline`;
  return {
    name: `sample list, ${count} samples (baseline: read all rows = ${baseline.toFixed(1)} ms)`,
    lines: [
      `insert ${count} samples in one transaction: ${insertTotal.toFixed(0)} ms`,
      `first page (100, by time): ${first.toFixed(2)} ms = ${ratio(first)}`,
      `last page (100, by time): ${last.toFixed(2)} ms = ${ratio(last)}`,
      `middle page sorted by event count: ${sortedByEvents.toFixed(2)} ms = ${ratio(sortedByEvents)}`,
    ],
  };
}
