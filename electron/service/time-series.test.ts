import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeService } from '../test-support/service-fixture.js';
import { useTempDirs } from '../test-support/temp-dirs.js';

const tempDir = useTempDirs();

function exportWithSets(dir: string, name: string, time: string, volume: number, sets: Record<string, number>): void {
  const rows = (n: number, from: number) => Array.from({ length: n }, (_, i) => `${from + i},${10 + i},${20 + i}`).join('\r\n');
  let total = 0;
  for (const n of Object.values(sets)) total += n;
  fs.writeFileSync(path.join(dir, `${name}_Info.txt`), `Measurement date: ${time}\r\nMeasurement duration: 60\r\nVolume (μL): ${volume}\r\n`);
  fs.writeFileSync(path.join(dir, `${name}_Listmode.csv`), `Particle ID,FWS Total,Fl Red Total\r\n${rows(total, 0)}\r\n`);
  let from = 0;
  for (const [set, n] of Object.entries(sets)) {
    fs.writeFileSync(path.join(dir, `${name}_${set}_Listmode.csv`), `Particle ID,FWS Total,Fl Red Total\r\n${rows(n, from)}\r\n`);
    from += n;
  }
}

describe('time series of a group', () => {
  it('gives counts and abundances per mL over time, filtered like the table', async () => {
    const dir = tempDir();
    exportWithSets(dir, 'SOLEMIO 2026-05-14 06h00', '14/05/2026 06:00:00', 500, { Synechococcus: 30, Picoeukaryotes: 5 });
    exportWithSets(dir, 'SOLEMIO 2026-05-14 08h00', '14/05/2026 08:00:00', 250, { Synechococcus: 40 });
    const service = makeService(tempDir());
    const report = await service.importFiles({ paths: [dir] });
    expect(report.errors).toEqual([]);
    expect((await service.listGroups({})).groups).toEqual([
      { name: 'Picoeukaryotes', samples: 1 },
      { name: 'Synechococcus', samples: 2 },
    ]);
    const syn = await service.getTimeSeries({ group: 'Synechococcus' });
    expect(syn.points.map((p) => [p.time, p.count, p.abundancePerMl])).toEqual([
      ['2026-05-14T06:00:00Z', 30, 60], // 30 cells in 500 µL = 60 per mL
      ['2026-05-14T08:00:00Z', 40, 160],
    ]);
    await service.flagSamples({ selection: { ids: [syn.points[1]!.sampleId] }, flag: { code: '4' }, comment: null });
    const bad = await service.getTimeSeries({ group: 'Synechococcus', query: { flags: ['4'] } });
    expect(bad.points.map((p) => p.flag)).toEqual(['4']);
    await service.close();
  });
});

describe('groups in the sample list', () => {
  it('each sample row carries its group counts and abundances', async () => {
    const dir = tempDir();
    exportWithSets(dir, 'SOLEMIO 2026-05-14 06h00', '14/05/2026 06:00:00', 500, { Synechococcus: 30, Picoeukaryotes: 5 });
    const service = makeService(tempDir());
    await service.importFiles({ paths: [dir] });
    const page = await service.listSamples({});
    expect(page.rows[0]!.groups).toEqual([
      { name: 'Picoeukaryotes', set: 'Picoeukaryotes', count: 5, abundancePerMl: 10 },
      { name: 'Synechococcus', set: 'Synechococcus', count: 30, abundancePerMl: 60 },
    ]);
    await service.close();
  });
});
