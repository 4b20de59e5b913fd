import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { writeTestFcs } from '../../shared/formats/fcs/test-support/fcs-test-writer.js';
import { readSomlitExtraction } from '../../shared/somlit/extraction-reader.js';
import { writeSomlitExtraction } from '../../shared/somlit/extraction-writer.js';
import { generateEntries } from '../../shared/somlit/test-support/generate-entries.js';
import { makeService } from '../test-support/service-fixture.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { bundledSomlitTableFile, loadSomlitTable } from './somlit-table-file.js';

const tempDir = useTempDirs();
const table = loadSomlitTable(bundledSomlitTableFile());
const frioul = { site: '11', date: '2026-05-14', time: '09:30:00', depthLevel: 'S', depth: 1 };

describe('SOMLIT entries through the service', () => {
  it('stores every cell edit as a change event: audit, outbox, undo, and the rules refused with their reasons', async () => {
    const home = tempDir();
    const service = makeService(home);
    const created = await service.somlitSaveEntries({ entries: [{ id: null, fields: frioul, values: { T: { value: 18.4, code: '2' }, NO2: { value: null, code: '5' } } }] });
    expect(created).toMatchObject({ events: 3, samples: 0, entryIds: [expect.stringMatching(/^se_/)] });
    const id = created.entryIds[0]!;
    const edit = await service.somlitSaveEntries({ entries: [{ id, values: { T: { value: 19.1, code: '2' } } }] });
    expect(edit.events).toBe(1);

    const listed = (await service.somlitListEntries({})).entries;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id, fields: { ...frioul, tide: null, tideCoefficient: null }, values: { T: { value: 19.1, code: '2' }, NO2: { value: null, code: '5' } }, problems: [], duplicateOf: null });

    // Rules are the service's as well as the grid's
    await expect(service.somlitSaveEntries({ entries: [{ id, values: { T: { value: 45, code: '2' } } }] })).rejects.toMatchObject({
      code: 'invalid-request',
      field: 'entries.0.T',
      message: expect.stringMatching(/T = 45 °C is outside the plausible range -2 to 32: use code 3/),
    });
    await expect(service.somlitSaveEntries({ entries: [{ id: null, fields: frioul }] })).rejects.toMatchObject({ message: expect.stringMatching(/another entry has the same site, date and depth/) });
    await expect(service.somlitSaveEntries({ entries: [{ id, values: { T: { value: 999999, code: '2' } } }] })).rejects.toMatchObject({ message: expect.stringMatching(/999999 is the file's missing value/) });

    // Undo through the same operation as flags
    await service.undoChangeset({ changeset: edit.changeset! });
    expect((await service.somlitListEntries({})).entries[0]!.values['T']).toMatchObject({ value: 18.4 });
    const audit = (await service.somlitEntryAudit({ entryId: id })).events;
    expect(audit.map((e) => [e.action, e.target.kind, e.target.group ?? null])).toEqual([
      ['somlit-save', 'somlit-entry', null],
      ['somlit-save', 'somlit-value', 'T'],
      ['somlit-save', 'somlit-value', 'NO2'],
      ['somlit-save', 'somlit-value', 'T'],
      ['undo', 'somlit-value', 'T'],
    ]);
    expect(audit.every((e) => e.target.entryId === id && e.target.sampleId === null)).toBe(true);

    // Delete and bring back
    const deleted = await service.somlitDeleteEntries({ ids: [id], reason: 'entered twice' });
    expect(deleted.events).toBe(3);
    expect((await service.somlitListEntries({})).entries).toEqual([]);
    await service.undoChangeset({ changeset: deleted.changeset! });
    expect((await service.somlitListEntries({})).entries[0]!.values['NO2']).toMatchObject({ code: '5' });

    // Every event is queued for sync, with the entry as its object
    const db = new Database(path.join(home, 'library', 'library.sqlite'), { readonly: true });
    const queued = db.prepare("SELECT e.action, e.target_kind, e.object_id FROM outbox o JOIN change_events e ON e.seq = o.seq WHERE e.target_kind LIKE 'somlit-%'").all() as { object_id: string }[];
    expect(queued).toHaveLength(audit.length + 3 + 3);
    expect(queued.every((q) => q.object_id === id)).toBe(true);
    db.close();
    await service.close();
  });

  it('imports an extraction file as one changeset, and exports it again byte for byte, with the site and date filters', async () => {
    const home = tempDir();
    const service = makeService(home);
    for (const type of ['hydro', 'piconano'] as const) {
      const seed = (Date.now() + (type === 'hydro' ? 0 : 1)) >>> 0;
      console.log(`somlit service ${type} seed ${seed}`);
      const entries = generateEntries(table, type, seed, 30);
      const original = writeSomlitExtraction(table, type, entries);
      const file = path.join(home, `Somlit_Extraction_${type}_20260514_101500_abc.csv`);
      fs.writeFileSync(file, original);

      const dry = await service.somlitImport({ path: file, dryRun: true });
      expect(dry).toMatchObject({ dryRun: true, changeset: null, rows: 30, rejected: 0, created: 30, errors: [], warnings: [] });
      const imported = await service.somlitImport({ path: file });
      expect(imported).toMatchObject({ type, rows: 30, rejected: 0, created: 30, updated: 0, values: dry.values, errors: [] });
      expect(imported.changeset).not.toBeNull();
      // Importing the same file again changes nothing
      expect(await service.somlitImport({ path: file })).toMatchObject({ created: 0, updated: 30, events: 0, changeset: null });

      // The whole file, written by the library, is the same bytes
      const out = path.join(home, `again-${type}.csv`);
      const all = await service.somlitExport({ type, outPath: out });
      expect(all.rows).toBe(30);
      expect(fs.readFileSync(out, 'utf8')).toBe(original);

      // Site and dates (inclusive): the rows an independent filter of the generated entries keeps, in file order
      const site = entries[0]!.fields.site!;
      const dates = entries.map((e) => e.fields.date!).sort();
      const [from, to] = [dates[5]!, dates[24]!];
      const kept = entries.filter((e) => e.fields.site === site && e.fields.date! >= from && e.fields.date! <= to);
      const filtered = await service.somlitExport({ type, site, from, to, outDir: home });
      expect(path.basename(filtered.file)).toMatch(new RegExp(`^Somlit_Extraction_${type}_\\d{8}_\\d{6}_[0-9a-f]{8}\\.csv$`));
      expect(filtered.rows).toBe(kept.length);
      expect(fs.readFileSync(filtered.file, 'utf8')).toBe(writeSomlitExtraction(table, type, kept));
      const reread = readSomlitExtraction(fs.readFileSync(filtered.file), table);
      expect(reread.rows.every((r) => r.fields.site === site && r.fields.date! >= from && r.fields.date! <= to)).toBe(true);
    }
    expect((await service.somlitListEntries({})).entries).toHaveLength(60);
    expect((await service.somlitListEntries({ site: '11', from: '2021-01-01', to: '2021-12-31' })).entries.every((e) => e.fields.site === '11' && e.fields.date!.startsWith('2021'))).toBe(true);
    await expect(service.somlitExport({ type: 'hydro', site: '99', outPath: path.join(home, 'x.csv') })).rejects.toMatchObject({ field: 'site' });
    await expect(service.somlitExport({ type: 'hydro', from: '2026-01-02', to: '2026-01-01', outPath: path.join(home, 'x.csv') })).rejects.toMatchObject({ field: 'from' });
    await service.close();
  });

  it('reports the rows it leaves out by line and column, imports the rest, and undoes a whole import', async () => {
    const home = tempDir();
    const service = makeService(home);
    const header = 'ID_SITE;DATE;HEURE;COEF_MAREE;MAREE;PROF_TEXT;PROF_NUM;nomSite*;gpsLat*;gpsLong*;T;qT;NO3;qNO3';
    const rows = [
      '11;2026-05-14;09:30:00;;;S;1;Frioul;43.2417;5.29167;18.4;2;0.02;0',
      '11;2026-05-14;09:35:00;;;S;1;Frioul;43.2417;5.29167;18.5;2;0.03;2', // same sampling again
      '11;2026-05-28;09:30:00;;;S;1;Frioul;43.2417;5.29167;18.4;X;1;2',
    ];
    const file = path.join(home, 'Somlit_Extraction_hydro_1_2_3.csv');
    fs.writeFileSync(file, ['// SOMLIT', '// x', header, '//;;;;;;;;;;;;;', ...rows, ''].join('\r\n'));
    const r = await service.somlitImport({ path: file });
    expect(r).toMatchObject({ rows: 3, rejected: 2, created: 1, values: 2 });
    expect(r.errors).toEqual([
      { line: 7, field: 'qT', message: '"X" is not a SOMLIT quality code (0 to 9): row left out' },
      { line: 6, field: 'DATE', message: 'same site, date and depth as line 5: row left out' },
    ]);
    await service.undoChangeset({ changeset: r.changeset! });
    expect((await service.somlitListEntries({})).entries).toEqual([]);
    await expect(service.somlitImport({ path: path.join(home, 'nope.csv') })).rejects.toMatchObject({ code: 'not-found', file: path.join(home, 'nope.csv') });
    await service.close();
  });

  it('links pico/nano values from a gated FCS sample, recording template and version', async () => {
    const home = tempDir();
    const folder = path.join(home, 'fcs');
    fs.mkdirSync(folder, { recursive: true });
    // As in the gating test: 4 beads (SSC ≥ 5000), 5 Synechococcus (FL1 in [100, 1000], SSC < 5000), 3 debris.
    const events = [
      [6000, 10], [7000, 20], [6500, 15], [8000, 30],
      [100, 150], [200, 300], [300, 500], [400, 999], [500, 100],
      [10, 5], [20, 2], [30, 50],
    ];
    fs.writeFileSync(
      path.join(folder, 'frioul-2026-05-14.fcs'),
      writeTestFcs({ version: 'FCS3.1', dataType: 'F', parameters: [{ name: 'SSC-A', range: 262144 }, { name: 'FL1-A', range: 262144 }], events, keywords: [['$DATE', '14-MAY-2026'], ['$BTIM', '10:00:00'], ['$ETIM', '10:02:00']] }),
    );
    const service = makeService(home);
    const sampleId = (await service.importFiles({ paths: [folder] })).samples[0]!.id;
    const linear = (column: string) => ({ parameter: { type: 'single' as const, column }, transform: { type: 'linear' as const, T: 262144, A: 0 } });
    const t = await service.saveGateTemplate({
      template: {
        id: '',
        name: 'SOMLIT benchtop',
        version: 0,
        exclusive: false,
        gates: [
          { type: 'range', id: 'beads', name: 'beads', axis: linear('SSC-A'), min: 5000 / 262144, max: null },
          { type: 'rectangle', id: 'cells', name: 'cells', x: linear('SSC-A'), y: linear('FL1-A'), xMin: null, xMax: 4999 / 262144, yMin: 100 / 262144, yMax: 1000 / 262144 },
        ],
        sets: [
          { id: 'b', name: 'Beads', expression: { op: 'gate', gateId: 'beads' }, group: null, colour: null },
          { id: 'c', name: 'Synechococcus', expression: { op: 'gate', gateId: 'cells' }, group: null, colour: null },
        ],
      },
      baseVersion: null,
      reason: null,
    });
    await service.applyGateTemplate({ templateId: t.id, selection: { ids: [sampleId] } });
    await service.setVolumeMethod({ selection: { ids: [sampleId] }, volume: { method: 'beads', beadSet: 'Beads', beadConcentration_per_mL: 100_000, dilutionFactor: 1 }, reason: null });

    const entryId = (await service.somlitSaveEntries({ entries: [{ id: null, fields: frioul }] })).entryIds[0]!;
    const candidates = (await service.somlitCytometryCandidates({ entryId })).samples;
    expect(candidates.map((c) => [c.id, c.template.id, c.template.version])).toEqual([[sampleId, t.id, 1]]);
    expect(candidates[0]!.sets).toEqual([
      { set: 'Beads', group: null, prefix: null, abundance_per_mL: 100_000 },
      { set: 'Synechococcus', group: 'OraPicoProk', prefix: 'SYN', abundance_per_mL: expect.closeTo(125_000, 6) },
    ]);

    const dry = await service.somlitLinkCytometry({ entryId, sampleIds: [sampleId], dryRun: true });
    expect(dry.changeset).toBeNull();
    const linked = await service.somlitLinkCytometry({ entryId, sampleIds: [sampleId] });
    expect(linked.changeset).not.toBeNull();
    // 5 cells in 4 / 1e5 mL: 125,000 /mL; SSC normalised to the beads: 300 / 6875 = 0.0436 (4 decimals)
    expect(linked.values['SYNC']).toMatchObject({ value: 125_000, code: '2', source: { kind: 'cytometry', quantity: 'abundance', samples: [{ sampleId, set: 'Synechococcus', group: 'OraPicoProk', templateId: t.id, templateVersion: 1 }] } });
    expect(linked.values['SYNSSC']).toMatchObject({ value: 0.0436, source: { channel: 'SSC-A', normalised: true } });
    expect(linked.problems.map((p) => p.parameter).sort()).toEqual(['SYNFLO', 'SYNFLR']);
    expect(linked.unmatchedSets).toEqual([{ sampleId, set: 'Beads', group: null }]);
    const stored = (await service.somlitListEntries({})).entries[0]!;
    expect(stored.values['SYNC']).toEqual(linked.values['SYNC']);
    const audit = (await service.somlitEntryAudit({ entryId })).events;
    expect(audit.filter((e) => e.action === 'somlit-link-cytometry').map((e) => e.target.group)).toEqual(['SYNC', 'SYNSSC']);
    await expect(service.somlitLinkCytometry({ entryId, sampleIds: ['nope'] })).rejects.toMatchObject({ code: 'not-found' });
    await service.close();
  });
});
