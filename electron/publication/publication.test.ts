import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GateTemplate } from '../../shared/gating/gate.js';
import { readOdv } from '../../shared/publication/odv/read-odv.js';
import { readSdnNetcdf } from '../../shared/publication/netcdf/read-sdn-netcdf.js';
import type { DatasetMetadataInput } from '../../shared/publication/dataset-metadata.js';
import { writeCytoclusExport } from '../test-support/cytoclus-export-writer.js';
import { makeService } from '../test-support/service-fixture.js';
import { useTempDirs } from '../test-support/temp-dirs.js';

const tempDir = useTempDirs();

const linear = (column: string) => ({ parameter: { type: 'single' as const, column }, transform: { type: 'linear' as const, T: 10_000, A: 0 } });
const redGate = { type: 'range' as const, id: 'red', name: 'red', axis: linear('FL Red Total'), min: 0.001, max: 0.1 };
const orangeGate = { type: 'range' as const, id: 'orange', name: 'orange', axis: linear('FL Orange Total'), min: 0.01, max: null };
const both: GateTemplate = {
  id: '',
  name: 'both',
  version: 0,
  exclusive: false,
  gates: [redGate, orangeGate],
  sets: [
    // "PicoEuk" and "Synechococcus" are aliases of RedPico and OraPicoProk in the bundled vocabulary.
    { id: 'r', name: 'PicoEuk', expression: { op: 'gate', gateId: 'red' }, group: null, colour: null },
    { id: 'o', name: 'Synechococcus', expression: { op: 'gate', gateId: 'orange' }, group: null, colour: null },
    { id: 'b', name: 'Beads', expression: { op: 'not', operand: { op: 'gate', gateId: 'red' } }, group: null, colour: null },
  ],
};
const redOnly: GateTemplate = { ...both, name: 'red only', gates: [redGate], sets: [both.sets[0]!] };

// FL Red in [10, 1000] → red; FL Orange ≥ 100 → orange.
const columns = { 'FWS Total': [1, 2, 3, 4, 5, 6], 'FL Red Total': [10, 100, 1000, 5, 2, 3], 'FL Orange Total': [150, 200, 5, 5, 5, 5] };

const metadata = (extra: Partial<DatasetMetadataInput> = {}): DatasetMetadataInput => ({
  title: 'CytoSense at Frioul, spring 2026',
  abstract: 'Automated flow cytometry of surface phytoplankton at the SOMLIT Frioul station.',
  holdingCentreEdmo: '1084',
  originatorEdmo: 1084,
  pi: { name: 'Ada Lovelace', email: 'ada@example.org' },
  project: 'SOMLIT',
  platformClass: '48',
  instrument: 'TOOL1209',
  deviceCategory: 'LAB37',
  accessRestriction: 'LS',
  localCdiId: 'FRIOUL_CYTO_2026',
  station: { name: 'Frioul', latitude: 43.2417, longitude: 5.29167, samplingDepth_m: 1, bottomDepth_m: 60 },
  ...extra,
});

async function library() {
  const home = tempDir();
  const folder = path.join(home, 'exports');
  writeCytoclusExport({ folder, name: 'Frioul 2026-04-01 10h00', columns, volume_uL: 2 });
  writeCytoclusExport({ folder, name: 'Frioul 2026-04-01 12h00', columns, volume_uL: 4 });
  writeCytoclusExport({ folder, name: 'Frioul 2026-04-01 14h00', columns, volume_uL: 2 });
  const service = makeService(home);
  const report = await service.importFiles({ paths: [folder] });
  const byName = new Map(await Promise.all(report.samples.map(async (s) => [(await service.getSample({ id: s.id })).name, s.id] as const)));
  const [s10, s12, s14] = ['10h00', '12h00', '14h00'].map((t) => [...byName].find(([n]) => n.endsWith(t))![1]) as [string, string, string];
  const a = await service.saveGateTemplate({ template: both, baseVersion: null, reason: null });
  const b = await service.saveGateTemplate({ template: redOnly, baseVersion: null, reason: null });
  await service.applyGateTemplate({ templateId: a.id, selection: { ids: [s10, s14] } });
  await service.applyGateTemplate({ templateId: b.id, selection: { ids: [s12] } });
  // s10: OraPicoProk flagged bad (kept, flag 4); s12 has no OraPicoProk (empty, flag 9); s14 is not approved.
  await service.flagSamples({ selection: { ids: [s10] }, flag: { code: '4' }, comment: 'bubble', group: 'Synechococcus' });
  await service.approveSamples({ selection: { ids: [s10, s12] }, comment: null });
  return { home, service, s10, s12, s14 };
}

describe('publishing a dataset to SeaDataNet', () => {
  it('exports approved samples only, with value flags, missing groups as flag 9, validated, byte-identical', async () => {
    const { home, service, s12, s14 } = await library();
    const created = await service.createDataset({ metadata: metadata() as never, samples: 'all' });
    const view = await service.getDataset({ id: created.id });
    expect(view).toMatchObject({ samples: 3, approved: 2, publishable: true, missing: [] });
    expect(view.groups.map((g) => [g.name, g.p01, g.unverified])).toEqual([
      ['RedPico', 'PYEUA00A', true],
      ['OraPicoProk', 'P700A90Z', true],
    ]);
    expect(view.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/not approved/), expect.stringMatching(/set Beads .* no standard group/), expect.stringMatching(/unverified/)]));

    const out = path.join(home, 'publish');
    // A dry run validates everything and writes nothing.
    const dry = await service.exportDataset({ id: created.id, formats: ['odv', 'cdi', 'netcdf'], dryRun: true });
    expect(dry).toMatchObject({ written: false, refused: [] });
    expect(dry.files.map((f) => f.name).sort()).toEqual(['FRIOUL_CYTO_2026.nc', 'FRIOUL_CYTO_2026_cdi.xml', 'FRIOUL_CYTO_2026_odv.txt']);
    expect(fs.existsSync(out)).toBe(false);
    const report = await service.exportDataset({ id: created.id, formats: ['odv', 'cdi', 'netcdf'], outDir: out });
    expect(report.refused).toEqual([]);
    expect(report.written).toBe(true);
    expect(report.unapproved).toEqual([{ id: s14, name: 'Frioul 2026-04-01 14h00', reviewState: 'unreviewed' }]);
    expect(report.files.map((f) => f.name).sort()).toEqual(['FRIOUL_CYTO_2026.nc', 'FRIOUL_CYTO_2026_cdi.xml', 'FRIOUL_CYTO_2026_odv.txt', 'coupling-table.csv', 'manifest.sha256']);
    for (const v of report.validation) expect(v.report, v.name).toMatchObject({ valid: true, errors: [] });

    // Each file validates on its own, recognised by content.
    for (const name of ['FRIOUL_CYTO_2026.nc', 'FRIOUL_CYTO_2026_cdi.xml', 'FRIOUL_CYTO_2026_odv.txt']) {
      expect((await service.validateFile({ path: path.join(out, name) })).valid, name).toBe(true);
    }

    // ODV read back: two approved samples in time order; RedPico 10h00 = FL Red 10, 100, 1000 = 3 events / 2 µL =
    // 1500 /mL, flag 1; OraPicoProk 10h00 = FL Orange 150, 200 = 2 events → 1000 /mL kept with flag 4; 12h00 RedPico
    // 3 events / 4 µL = 750 /mL; OraPicoProk missing (empty, 9).
    const odv = readOdv(new Uint8Array(fs.readFileSync(path.join(out, 'FRIOUL_CYTO_2026_odv.txt'))));
    expect(odv.rows).toHaveLength(2);
    const labels = odv.variables.map((v) => v.name);
    const red = labels.indexOf('RedPico');
    const ora = labels.indexOf('OraPicoProk');
    expect(red).toBeGreaterThanOrEqual(0);
    expect(ora).toBeGreaterThanOrEqual(0);
    const value = (row: number, variable: number) => {
      const cell = odv.rows[row]!.cells[variable]!;
      return [cell.value, cell.flag];
    };
    expect(value(0, red)).toEqual([1500, '1']);
    expect(value(0, ora)).toEqual([1000, '4']);
    expect(value(1, red)).toEqual([750, '1']);
    expect(value(1, ora)).toEqual([null, '9']);

    // NetCDF read back: the same values and flags.
    const nc = readSdnNetcdf(new Uint8Array(fs.readFileSync(path.join(out, 'FRIOUL_CYTO_2026.nc'))));
    expect(nc.featureType).toBe('timeSeries');
    const ncSamples = nc.instances[0]!.samples;
    const ncValue = (i: number, variable: string) => {
      const v = ncSamples[i]!.values.find((x) => x.variable === variable)!;
      return [v.value, v.flag];
    };
    expect(ncValue(0, 'RedPico')).toEqual([1500, '1']);
    expect(ncValue(0, 'OraPicoProk')).toEqual([1000, '4']);
    expect(ncValue(1, 'RedPico')).toEqual([750, '1']);
    expect(ncValue(1, 'OraPicoProk')).toEqual([null, '9']);

    // CDI: the unit's id and no clock date: the dateStamp is the dataset's last change.
    const cdi = fs.readFileSync(path.join(out, 'FRIOUL_CYTO_2026_cdi.xml'), 'utf8');
    expect(cdi).toContain('urn:SDN:CDI:LOCAL:FRIOUL_CYTO_2026');
    // Coupling table and a manifest sha256sum can check.
    expect(fs.readFileSync(path.join(out, 'coupling-table.csv'), 'utf8')).toBe('LOCAL_CDI_ID;format;file\nFRIOUL_CYTO_2026;SDN_ODV;FRIOUL_CYTO_2026_odv.txt\nFRIOUL_CYTO_2026;SDN_NETCDF;FRIOUL_CYTO_2026.nc\n');
    for (const line of fs.readFileSync(path.join(out, 'manifest.sha256'), 'utf8').trim().split('\n')) {
      const [sum, name] = line.split(/ {2}/) as [string, string];
      expect(createHash('sha256').update(fs.readFileSync(path.join(out, name))).digest('hex')).toBe(sum);
    }

    for (const f of dry.files) expect(report.files.find((w) => w.name === f.name)?.sha256, f.name).toBe(f.sha256);
    // Same dataset, later, elsewhere: identical bytes (no clock in the files).
    await new Promise((r) => setTimeout(r, 20));
    const again = path.join(home, 'publish-again');
    await service.exportDataset({ id: created.id, formats: ['odv', 'cdi', 'netcdf'], outDir: again });
    for (const f of report.files) expect(fs.readFileSync(path.join(again, f.name)).equals(fs.readFileSync(path.join(out, f.name))), f.name).toBe(true);
    void s12;
    await service.close();
  });

  it('a two-unit dataset gives two CDIs and a coupling table naming both; an incomplete one says what is missing and writes nothing', async () => {
    const { home, service, s10, s12, s14 } = await library();
    const station = { name: 'Frioul', latitude: 43.2417, longitude: 5.29167, samplingDepth_m: 1, bottomDepth_m: 60 };
    const two = await service.createDataset({
      metadata: metadata({ localCdiId: undefined, station: undefined, cdis: [{ localCdiId: 'FRIOUL_A', station, samples: [s10] }, { localCdiId: 'FRIOUL_B', station: { ...station, name: 'Frioul B' }, samples: [s12, s14] }] }) as never,
      samples: 'all',
    });
    const out = path.join(home, 'two');
    const report = await service.exportDataset({ id: two.id, formats: ['odv', 'cdi'], outDir: out });
    expect(report.written).toBe(true);
    expect(report.files.filter((f) => f.format === 'cdi').map((f) => f.name)).toEqual(['FRIOUL_A_cdi.xml', 'FRIOUL_B_cdi.xml']);
    expect(fs.readFileSync(path.join(out, 'coupling-table.csv'), 'utf8')).toBe('LOCAL_CDI_ID;format;file\nFRIOUL_A;SDN_ODV;FRIOUL_A_odv.txt\nFRIOUL_B;SDN_ODV;FRIOUL_B_odv.txt\n');

    // A unit that lists no sample in a multi-unit dataset; nothing approved in another dataset.
    const bad = await service.createDataset({ metadata: metadata({ localCdiId: undefined, station: undefined, cdis: [{ localCdiId: 'X1', station }, { localCdiId: 'X2', station }] }) as never, samples: { ids: [s14] } });
    const view = await service.getDataset({ id: bad.id });
    expect(view.publishable).toBe(false);
    expect(view.missing).toEqual(expect.arrayContaining([expect.stringMatching(/unit X1 lists no samples/), expect.stringMatching(/no sample of the dataset is approved/)]));
    const refused = await service.exportDataset({ id: bad.id, formats: ['odv'], outDir: path.join(home, 'bad') });
    expect(refused.written).toBe(false);
    expect(refused.refused.length).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(home, 'bad'))).toBe(false);

    // Codes are checked against the bundled NVS lists, offline.
    const unknown = await service.createDataset({ metadata: metadata({ instrument: 'TOOL9999', accessRestriction: 'XX' }) as never, samples: 'approved' });
    expect((await service.getDataset({ id: unknown.id })).missing).toEqual(
      expect.arrayContaining(['instrument "TOOL9999" is not a term of NVS L22', 'accessRestriction "XX" is not a term of NVS L08']),
    );

    // Metadata errors name the field.
    await expect(service.createDataset({ metadata: { ...metadata(), pi: { name: 'x', email: 'not-an-email' } } as never, samples: 'all' })).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(service.createDataset({ metadata: { ...metadata(), localCdiId: undefined } as never, samples: 'all' })).rejects.toThrow(/localCdiId/);
    await service.close();
  });
});
