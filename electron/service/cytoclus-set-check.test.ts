import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../common/app-paths.js';
import { makeService } from '../test-support/service-fixture.js';
import { useTempDirs } from '../test-support/temp-dirs.js';

const tempDir = useTempDirs();

describe('CytoClus sets gated by CytoCurator, compared with CytoClus exports', () => {
  it('counts every set of the stored definition and shows the difference with an exported set', async () => {
    const exportDir = path.join(projectRoot(), 'resources', 'demo', 'exports');
    const folder = path.join(tempDir(), 'export');
    fs.cpSync(path.join(exportDir, fs.readdirSync(exportDir)[0]!), folder, { recursive: true });
    const sample = 'DEMO SOLEMIO 2026-05-14 06h00';
    for (const f of fs.readdirSync(folder)) if (f.startsWith('DEMO') && !f.startsWith(sample) && f !== 'Settings') fs.rmSync(path.join(folder, f), { recursive: true });

    const service = makeService(tempDir());
    const first = await service.importFiles({ paths: [folder] });
    const id = first.samples[0]!.id;
    const check = await service.checkCytoclusSets({ sampleId: id });
    expect(check.definitionFile).toMatch(/Set definition\.xml$/);
    const names = check.sets.map((s) => s.set);
    expect(names).toEqual(expect.arrayContaining(['Synechococcus', 'Picoeukaryotes', 'Nanoeukaryotes', 'Cryptophytes']));
    for (const s of check.sets) {
      expect(s.gated, s.set).toBeGreaterThan(0); // the synthetic populations fall in their gates
      expect(s.exported).toBeNull();
    }
    const syn = check.sets.find((s) => s.set === 'Synechococcus')!;

    // CytoClus's own export of that set, here with 10 particles: the difference is shown.
    const listmode = fs.readFileSync(path.join(folder, `${sample}_Listmode.csv`), 'utf8').split('\r\n');
    fs.writeFileSync(path.join(folder, `${sample}_Synechococcus_Listmode.csv`), [...listmode.slice(0, 11), ''].join('\r\n'));
    await service.importFiles({ paths: [folder] });
    const again = await service.checkCytoclusSets({ sampleId: id });
    expect(again.sets.find((s) => s.set === 'Synechococcus')).toEqual({ set: 'Synechococcus', gated: syn.gated, exported: 10, difference: syn.gated - 10 });
    await service.close();
  });
});
