import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { logAxis } from '../../shared/gating/axes/axis-transform.js';
import { realFixture } from '../test-support/real-fixtures.js';
import { makeService } from '../test-support/service-fixture.js';
import { useTempDirs } from '../test-support/temp-dirs.js';

const tempDir = useTempDirs();
const cefas = () => path.dirname(realFixture('ecotaxa-pipeline/cefas/Pond_NA 2023-05-24 09h23_Info.txt'));

describe('density grids and histograms from stored columns', () => {
  it('bins two parameters of an imported sample and sends only the grid', async () => {
    const service = makeService(tempDir());
    const { samples } = await service.importFiles({ paths: [cefas()] });
    const id = samples[0]!.id;
    const axis = (column: string) => ({ parameter: { type: 'single' as const, column }, transform: logAxis(1, 1e7) });
    const d = await service.getDensity({ sampleId: id, x: axis('Fl Red Total'), y: axis('Fl Orange Total'), bins: 64 });
    expect(d).toMatchObject({ nx: 64, ny: 64, total: 817 });
    expect(d.binned + d.nonFinite + d.outOfDomain + d.outOfRange).toBe(817);
    const levels = Buffer.from(d.levels, 'base64');
    expect(levels.length).toBe(64 * 64);
    const dots = Buffer.from(d.dotCounts, 'base64');
    // Every binned event is in a coloured bin or a dot bin.
    expect(Math.max(...levels)).toBe(d.levelCount);
    expect(dots.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(d.binned);
    expect(d.x.label).toBe('Fl Red Total');

    // A ratio axis and a set mask.
    const ratio = await service.getDensity({
      sampleId: id,
      x: { parameter: { type: 'ratio', numerator: 'Fl Red Total', denominator: 'FWS Total' }, transform: logAxis(1e-4, 1e4) },
      y: axis('FWS Total'),
      set: 'All Imaged Particles',
    });
    expect(ratio.total).toBe(817);
    expect(ratio.x.label).toBe('Fl Red Total / FWS Total');

    const h = await service.getHistogram({ sampleId: id, axis: axis('FWS Total'), bins: 32 });
    expect(h.counts).toHaveLength(32);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(h.binned);

    await expect(service.getDensity({ sampleId: id, x: axis('No Such Total'), y: axis('FWS Total') })).rejects.toMatchObject({ code: 'not-found', field: 'column' });
    await expect(service.getDensity({ sampleId: id, x: { ...axis('FWS Total'), transform: { type: 'log', T: -1, M: 4 } }, y: axis('FWS Total') })).rejects.toMatchObject({ code: 'invalid-request' });
    await service.close();
  });
});

describe('particle images and regions', () => {
  it('pages images, reports the missing ones, returns bytes as data URLs, and filters by a drawn region', async () => {
    const service = makeService(tempDir());
    const { samples } = await service.importFiles({ paths: [cefas()] });
    const id = samples[0]!.id;
    const page = await service.listParticleImages({ sampleId: id, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.images.map((i) => i.particleId)).toEqual([63, 88]);
    expect(page.missing).toHaveLength(813);
    const bytes = await service.getParticleImages({ sampleId: id, particleIds: [63, 99999] });
    expect(bytes.images).toHaveLength(1);
    expect(bytes.images[0]!.dataUrl.startsWith('data:image/jpeg;base64,/9j/')).toBe(true);

    const axis = (column: string) => ({ parameter: { type: 'single' as const, column }, transform: logAxis(1, 1e7) });
    const p63 = await service.getParticleValues({ sampleId: id, particleId: 63, columns: ['FWS Total', 'FWS Length'] });
    expect(p63.values).toEqual({ 'FWS Total': 4866, 'FWS Length': Math.fround(2.914) }); // first data row of the listmode
    const region = await service.particlesInRegion({ sampleId: id, x: axis('FWS Total'), y: axis('FWS Length'), region: { x: [4866, 4866], y: [2.9, 2.92] } });
    expect(region.particleIds).toContain(63);
    const inRegion = await service.listParticleImages({ sampleId: id, particleIds: region.particleIds });
    expect(inRegion.images.map((i) => i.particleId)).toEqual([63]);
    await service.close();
  });
});

describe('pulse shapes', () => {
  it('reads one particle from the stored pulse file, cut by its Sample Length', async () => {
    const service = makeService(tempDir());
    const { samples } = await service.importFiles({ paths: [cefas()] });
    const id = samples[0]!.id;
    const { shape } = await service.getPulseShape({ sampleId: id, particleId: 63 });
    // Listmode: particle 63 has Sample Length 18; its FWS pulse starts at 13 and ends at 12.04 (pulses file).
    const fws = shape!.channels.find((c) => /^fws/i.test(c.channel))!;
    expect(fws.values).toHaveLength(18);
    expect(fws.values[0]).toBe(13);
    expect(fws.values.at(-1)).toBeCloseTo(12.04, 4);
    expect((await service.getPulseShape({ sampleId: id, particleId: 999999 })).shape).toBeNull();
    await service.close();
  });
});
