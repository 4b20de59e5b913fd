import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GateTemplate } from '../../shared/gating/gate.js';
import { writeTestFcs } from '../../shared/formats/fcs/test-support/fcs-test-writer.js';
import { writeCytoclusExport } from '../test-support/cytoclus-export-writer.js';
import { realFixture } from '../test-support/real-fixtures.js';
import { makeService } from '../test-support/service-fixture.js';
import { useTempDirs } from '../test-support/temp-dirs.js';

const tempDir = useTempDirs();

const linear = (column: string, max = 10_000) => ({ parameter: { type: 'single' as const, column }, transform: { type: 'linear' as const, T: max, A: 0 } });
const log = (column: string) => ({ parameter: { type: 'single' as const, column }, transform: { type: 'log' as const, T: 100_000, M: 5 } });
/** Display value of v on log(T = 1e5, M = 5): 1 + log10(v / T) / M. */
const logDisplay = (v: number) => 1 + Math.log10(v / 100_000) / 5;

// Sample A: 10 events. Red gate (FL Red Total in [10, 1000] on a linear axis, display = v / 10000): events 1–4.
// Orange gate (FL Orange Total ≥ 100): events 3, 4, 5, 6. "RedOnly" = Red AND NOT Orange: events 1, 2.
const sampleA = {
  'FWS Total': [5, 20, 30, 40, 50, 60, 70, 80, 90, 100],
  'FL Red Total': [1, 10, 100, 500, 1000, 1001, 2, 3, 4, 5],
  'FL Orange Total': [0, 1, 2, 150, 200, 300, 400, 1, 2, 3],
};

function template(id = ''): GateTemplate {
  return {
    id,
    name: 'Frioul 2026',
    version: 0,
    exclusive: false,
    gates: [
      { type: 'range', id: 'g-red', name: 'red', axis: linear('FL Red Total'), min: 10 / 10_000, max: 1000 / 10_000 },
      { type: 'range', id: 'g-orange', name: 'orange', axis: linear('FL Orange Total'), min: 100 / 10_000, max: null },
    ],
    sets: [
      { id: 's-red', name: 'RedPico', expression: { op: 'gate', gateId: 'g-red' }, group: null, colour: null },
      { id: 's-orange', name: 'OraNano', expression: { op: 'gate', gateId: 'g-orange' }, group: null, colour: null },
      { id: 's-redonly', name: 'RedOnly', expression: { op: 'and', operands: [{ op: 'gate', gateId: 'g-red' }, { op: 'not', operand: { op: 'gate', gateId: 'g-orange' } }] }, group: null, colour: null },
    ],
  };
}

async function libraryWith(exports: Parameters<typeof writeCytoclusExport>[0][]) {
  const home = tempDir();
  for (const e of exports) writeCytoclusExport(e);
  const service = makeService(home);
  const report = await service.importFiles({ paths: [...new Set(exports.map((e) => e.folder))] });
  const ids = report.samples.map((s) => s.id);
  expect(ids).toHaveLength(exports.length);
  return { home, service, ids };
}

describe('gating through the service', () => {
  it('gives abundances that match hand-computed values, with the template version that produced them', async () => {
    const home = tempDir();
    const folder = path.join(home, 'exports');
    const { service, ids } = await libraryWith([
      { folder, name: 'Frioul 2026-03-01 10h00', columns: sampleA, volume_uL: 2 },
      { folder, name: 'Frioul 2026-03-01 12h00', columns: { ...sampleA, 'FL Red Total': sampleA['FL Red Total'].map((v) => v * 2) }, volume_uL: 4 },
    ]);
    const saved = await service.saveGateTemplate({ template: template(), baseVersion: null, reason: 'first draft' });
    expect(saved.version).toBe(1);
    expect(saved.id).toMatch(/^t_/);
    const applied = await service.applyGateTemplate({ templateId: saved.id, selection: { ids } });
    expect(applied).toMatchObject({ samples: 2, recomputed: 2 });

    const { abundances } = await service.listAbundances({});
    const byKey = new Map(abundances.map((a) => [`${a.sample}|${a.set}`, a]));
    const [a, b] = [...ids].sort();
    // Sample A (2 µL = 0.002 mL): red 4 events → 2000/mL; orange 4 → 2000/mL; red-only 2 → 1000/mL.
    // Sample B (red doubled: 2, 20, 200, 1000, 2000, 2002, 4, 6, 8, 10 → 20, 200, 1000, 10 = 4 events; 4 µL): 1000/mL.
    const sampleOf = async (id: string) => (await service.getSample({ id })).name;
    const aId = (await sampleOf(a!)).endsWith('10h00') ? a! : b!;
    const bId = aId === a ? b! : a!;
    expect(byKey.get(`${aId}|RedPico`)).toMatchObject({ events: 4, abundance_per_mL: 2000, template: saved.id, templateVersion: 1, group: 'RedPico', volume_uL: 2 });
    expect(byKey.get(`${aId}|OraNano`)).toMatchObject({ events: 4, abundance_per_mL: 2000 });
    expect(byKey.get(`${aId}|RedOnly`)).toMatchObject({ events: 2, abundance_per_mL: 1000, group: null });
    expect(byKey.get(`${bId}|RedPico`)).toMatchObject({ events: 4, abundance_per_mL: 1000 });
    // Means over the set's events, raw: RedOnly in A = events 1, 2 → FL Red (10 + 100) / 2, FWS (20 + 30) / 2.
    expect(byKey.get(`${aId}|RedOnly`)!.means['FL Red Total']).toBeCloseTo(55, 4);
    expect(byKey.get(`${aId}|RedOnly`)!.means['FWS Total']).toBeCloseTo(25, 5);

    // The sample table and the time series show the template's groups with their abundances.
    const row = (await service.listSamples({ search: 'Frioul', sort: [{ field: 'startedAt', direction: 'asc' }] })).rows[0]!;
    expect(row.groups).toEqual([
      { name: 'RedPico', set: 'RedPico', count: 4, abundancePerMl: 2000 },
      { name: 'OraNano', set: 'OraNano', count: 4, abundancePerMl: 2000 },
      { name: 'RedOnly', set: 'RedOnly', count: 2, abundancePerMl: 1000 },
    ]);
    const series = await service.getTimeSeries({ group: 'RedPico' });
    expect(series.points.map((p) => p.abundancePerMl)).toEqual([2000, 1000]);

    // A set named otherwise but mapped to a standard group is shown and followed under the group's name.
    const renamed = template(saved.id);
    renamed.sets[2] = { ...renamed.sets[2]!, name: 'Red, not orange', group: 'HsNano' };
    const second = await service.saveGateTemplate({ template: { ...renamed, version: 1 }, baseVersion: 1, reason: 'map the third set' });
    expect(second.version).toBe(2);
    const again = (await service.listSamples({ search: 'Frioul', sort: [{ field: 'startedAt', direction: 'asc' }] })).rows[0]!;
    expect(again.groups.at(-1)).toEqual({ name: 'HsNano', set: 'Red, not orange', count: 2, abundancePerMl: 1000 });
    expect((await service.listGroups({})).groups.map((g) => g.name)).toContain('HsNano');
    const stored = (await service.listAbundances({})).abundances.filter((x) => x.set === 'Red, not orange');
    const eventsOf = (id: string) => stored.find((x) => x.sample === id)!.events;
    expect((await service.getTimeSeries({ group: 'HsNano' })).points.map((p) => [p.sampleId, p.count])).toEqual([
      [aId, eventsOf(aId)],
      [bId, eventsOf(bId)],
    ]);
    await service.close();
  });

  it('versions templates and per-sample overrides, recomputes, and sends changed approved samples back to needs-attention', async () => {
    const home = tempDir();
    const folder = path.join(home, 'exports');
    const { service, ids } = await libraryWith([
      { folder, name: 'Frioul 2026-03-01 10h00', columns: sampleA, volume_uL: 2 },
      { folder, name: 'Frioul 2026-03-01 11h00', columns: sampleA, volume_uL: 2 },
    ]);
    const [one, two] = ids as [string, string];
    const t = await service.saveGateTemplate({ template: template(), baseVersion: null, reason: null });
    await service.applyGateTemplate({ templateId: t.id, selection: { ids } });
    await service.approveSamples({ selection: { ids: [one, two] }, comment: null });

    // Override the red gate of one sample only: [10, 100] → events 1, 2.
    const narrow = { ...template().gates[0]!, max: 100 / 10_000 } as GateTemplate['gates'][number];
    const o = await service.overrideGate({ sampleId: one, gateId: 'g-red', gate: narrow, reason: 'bloom shifted the cloud' });
    expect(o.recomputed).toBe(1);
    const g1 = await service.getSampleGating({ sampleId: one });
    expect(g1.overrides).toEqual([expect.objectContaining({ gateId: 'g-red', version: 1 })]);
    expect(g1.abundances.find((a) => a.set === 'RedPico')).toMatchObject({ events: 2, templateVersion: 1, overrides: { 'g-red': 1 } });
    expect((await service.getSampleGating({ sampleId: two })).abundances.find((a) => a.set === 'RedPico')).toMatchObject({ events: 4, overrides: {} });
    // Only the overridden sample's abundance changed: only it needs attention again.
    expect((await service.getSample({ id: one })).reviewState).toBe('needs-attention');
    expect((await service.getSample({ id: two })).reviewState).toBe('approved');

    // A new template version: refused on a stale base, accepted on the current one; both samples recomputed.
    const edited = { ...template(t.id), version: 1, gates: [template().gates[0]!, { ...template().gates[1]!, min: 250 / 10_000 } as GateTemplate['gates'][number]] };
    await expect(service.saveGateTemplate({ template: edited, baseVersion: 0, reason: null })).rejects.toMatchObject({ code: 'conflict' });
    const v2 = await service.saveGateTemplate({ template: edited, baseVersion: 1, reason: 'orange threshold up' });
    expect(v2).toMatchObject({ version: 2, recomputed: 2 });
    // OraNano ≥ 250: events 6, 7 → 2 events → 1000/mL.
    expect((await service.getSampleGating({ sampleId: two })).abundances.find((a) => a.set === 'OraNano')).toMatchObject({ events: 2, abundance_per_mL: 1000, templateVersion: 2 });
    expect((await service.getSample({ id: two })).reviewState).toBe('needs-attention');
    const history = await service.getGateTemplate({ id: t.id });
    expect(history.history.map((h) => [h.version, h.reason])).toEqual([
      [1, null],
      [2, 'orange threshold up'],
    ]);
    expect((await service.getGateTemplate({ id: t.id, version: 1 })).template.gates[1]).toMatchObject({ min: 100 / 10_000 });

    // Undo of the template edit is a new version holding the old gates.
    await service.undoChangeset({ changeset: v2.changeset! });
    expect((await service.getGateTemplate({ id: t.id })).template).toMatchObject({ version: 3, gates: template().gates });
    expect((await service.getSampleGating({ sampleId: two })).abundances.find((a) => a.set === 'OraNano')).toMatchObject({ events: 4, templateVersion: 3 });

    // The sample's audit shows the override with who and when.
    const audit = await service.getAudit({ sampleId: one });
    expect(audit.events.map((e) => e.action)).toEqual(expect.arrayContaining(['apply-template', 'override-gate', 'mark-attention']));
    await service.close();
  });

  it('switching the view axis scale does not change a gate count: a gate keeps its own (log) axes', async () => {
    const home = tempDir();
    const { service, ids } = await libraryWith([{ folder: path.join(home, 'x'), name: 'Frioul 2026-03-01 10h00', columns: sampleA, volume_uL: 2 }]);
    // Polygon on log–log axes. In log space, the triangle (display coordinates) contains the points whose values
    // are (FL Red, FL Orange) = (100, 2)? The test below only needs the count to be the same whatever is shown.
    const polygon: GateTemplate = {
      ...template(),
      gates: [{ type: 'polygon', id: 'p', name: 'p', x: log('FL Red Total'), y: log('FWS Total'), vertices: [{ x: logDisplay(5), y: logDisplay(10) }, { x: logDisplay(2000), y: logDisplay(10) }, { x: logDisplay(2000), y: logDisplay(200) }] }],
      sets: [{ id: 's', name: 'Tri', expression: { op: 'gate', gateId: 'p' }, group: null, colour: null }],
    };
    const first = await service.previewGateCounts({ sampleId: ids[0]!, template: polygon });
    // Viewing the same data on linear axes asks for densities only; the gate is tested in its own space.
    await service.getDensity({ sampleId: ids[0]!, x: { parameter: { type: 'single', column: 'FL Red Total' }, transform: { type: 'linear', T: 10_000, A: 0 } }, y: { parameter: { type: 'single', column: 'FWS Total' }, transform: { type: 'linear', T: 100, A: 0 } } });
    const again = await service.previewGateCounts({ sampleId: ids[0]!, template: polygon });
    expect(again).toEqual(first);
    // Hand count in log space: the triangle's hypotenuse from (log 5, log 10) to (log 2000, log 200) — an event
    // is inside when log10(y/10) ≤ log10(x/5) · log10(20)/log10(400) (and x ≤ 2000, y ≥ 10).
    const slope = Math.log10(20) / Math.log10(400);
    const expected = sampleA['FL Red Total'].filter((x, i) => {
      const y = sampleA['FWS Total'][i]!;
      return x >= 5 && x <= 2000 && y >= 10 && Math.log10(y / 10) <= Math.log10(x / 5) * slope;
    }).length;
    expect(first.sets[0]!.events).toBe(expected);
    await service.close();
  });

  it('gives no abundance for a partial sample and flags smart-triggered sets 3 until a curator confirms them', async () => {
    const { home, service, ids } = await libraryWith([
      { folder: path.join(tempDir(), 'x'), name: 'Frioul 2026-03-01 10h00', columns: sampleA, volume_uL: 2, smartTrigger: ['Fl Red Maximum > 10'] },
    ]);
    const t = await service.saveGateTemplate({ template: template(), baseVersion: null, reason: null });
    await service.applyGateTemplate({ templateId: t.id, selection: { ids } });
    const before = (await service.getSampleGating({ sampleId: ids[0]! })).abundances.find((a) => a.set === 'RedPico')!;
    expect(before).toMatchObject({ events: 4, abundance_per_mL: 2000, flag: '3' });
    expect(before.note).toMatch(/Fl Red Maximum > 10/);
    const gating = await service.getSampleGating({ sampleId: ids[0]! });
    expect(gating.smartTrigger).toEqual({ rule: 'Fl Red Maximum > 10', confirmedSets: [] });
    await service.confirmTriggerRule({ sampleId: ids[0]!, set: 'RedPico', confirmed: true, reason: 'cloud well above the threshold' });
    const after = (await service.getSampleGating({ sampleId: ids[0]! })).abundances;
    expect(after.find((a) => a.set === 'RedPico')).toMatchObject({ flag: null });
    expect(after.find((a) => a.set === 'OraNano')).toMatchObject({ flag: '3' });

    // A partial sample: only set exports. Simulated by the flag the importer sets for such samples.
    await service.close();
    const { openLibraryDatabase } = await import('../library/library-database.js');
    const lib = openLibraryDatabase(path.join(home, 'library'));
    lib.db.prepare('UPDATE samples SET partial = 1').run();
    lib.close();
    const again = makeService(home);
    await again.setVolumeMethod({ selection: { ids }, volume: { method: 'instrument', dilutionFactor: 1 }, reason: 'recompute' });
    const partial = (await again.getSampleGating({ sampleId: ids[0]! })).abundances[0]!;
    expect(partial.abundance_per_mL).toBeNull();
    expect(partial.note).toMatch(/partial sample/);
    await again.close();
  });

  it('counts a benchtop FCS sample with a bead-based volume and a dilution factor', async () => {
    const home = tempDir();
    const folder = path.join(home, 'fcs');
    fs.mkdirSync(folder, { recursive: true });
    // 12 events: 4 beads (SSC ≥ 5000), 5 cells (FL1 in [100, 1000], SSC < 5000), 3 debris.
    const events = [
      [6000, 10], [7000, 20], [6500, 15], [8000, 30],
      [100, 150], [200, 300], [300, 500], [400, 999], [500, 100],
      [10, 5], [20, 2], [30, 50],
    ];
    fs.writeFileSync(
      path.join(folder, 'frioul-2026-03-01.fcs'),
      writeTestFcs({ version: 'FCS3.1', dataType: 'F', parameters: [{ name: 'SSC-A', range: 262144 }, { name: 'FL1-A', range: 262144 }], events, keywords: [['$DATE', '01-MAR-2026'], ['$BTIM', '10:00:00'], ['$ETIM', '10:02:00']] }),
    );
    const service = makeService(home);
    const report = await service.importFiles({ paths: [folder] });
    const id = report.samples[0]!.id;
    const t = await service.saveGateTemplate({
      template: {
        id: '',
        name: 'SOMLIT benchtop',
        version: 0,
        exclusive: false,
        gates: [
          { type: 'range', id: 'beads', name: 'beads', axis: linear('SSC-A', 262144), min: 5000 / 262144, max: null },
          { type: 'rectangle', id: 'cells', name: 'cells', x: linear('SSC-A', 262144), y: linear('FL1-A', 262144), xMin: null, xMax: 4999 / 262144, yMin: 100 / 262144, yMax: 1000 / 262144 },
        ],
        sets: [
          { id: 'b', name: 'Beads', expression: { op: 'gate', gateId: 'beads' }, group: null, colour: null },
          { id: 'c', name: 'Synechococcus', expression: { op: 'gate', gateId: 'cells' }, group: null, colour: null },
        ],
      },
      baseVersion: null,
      reason: null,
    });
    await service.applyGateTemplate({ templateId: t.id, selection: { ids: [id] } });
    // Without $VOL the default method gives no volume, and says why.
    const none = (await service.getSampleGating({ sampleId: id })).abundances.find((a) => a.set === 'Synechococcus')!;
    expect(none.abundance_per_mL).toBeNull();
    expect(none.note).toMatch(/\$VOL/);
    // Beads at 1e5 /mL: 4 beads → volume 4 / 1e5 mL = 0.04 µL; 5 cells / 4e-5 mL = 125,000 /mL, × dilution 10.
    await service.setVolumeMethod({ selection: { ids: [id] }, volume: { method: 'beads', beadSet: 'Beads', beadConcentration_per_mL: 100_000, dilutionFactor: 10 }, reason: null });
    const cells = (await service.getSampleGating({ sampleId: id })).abundances.find((a) => a.set === 'Synechococcus')!;
    expect(cells).toMatchObject({ events: 5, volumeMethod: 'beads', dilutionFactor: 10 });
    expect(cells.volume_uL).toBeCloseTo(0.04, 12);
    expect(cells.abundance_per_mL).toBeCloseTo(1_250_000, 6);
    // Group name from the vocabulary's aliases; means normalised to the bead set: FL1 (150+300+500+999+100)/5 ÷ 18.75.
    expect(cells.group).toBe('OraPicoProk');
    expect(cells.normalisedMeans!['FL1-A']).toBeCloseTo(2049 / 5 / 18.75, 6);
    await service.close();
  });

  it('imports each real CytoClus set file as a template and applies it; Gating-ML export and import give the same counts', async () => {
    const home = tempDir();
    const columns = {
      'FWS Total': [10, 100, 1000, 5000, 20, 300, 40, 60],
      'SWS Total': [5, 50, 500, 900, 10, 30, 44, 70],
      'FL Red Total': [1, 50, 500, 5000, 100, 2000, 30, 800],
      'FL Orange Total': [2, 20, 300, 4000, 90, 10, 500, 60],
      'FL Yellow Total': [1, 2, 3, 4, 5, 6, 7, 8],
    };
    const { service, ids } = await libraryWith([{ folder: path.join(home, 'x'), name: 'Frioul 2026-03-01 10h00', columns, volume_uL: 1 }]);
    const setFiles = fs.readdirSync(realFixture('cyzfile-api/SetFiles')).filter((f) => f.endsWith('.xml'));
    expect(setFiles.length).toBeGreaterThanOrEqual(3);
    for (const file of setFiles) {
      const r = await service.importGateTemplate({ path: path.join(realFixture('cyzfile-api/SetFiles'), file), sampleId: ids[0]! });
      expect(r.format).toBe('cytoclus-set');
      expect(r.template.sets.length).toBeGreaterThan(0);
      await service.applyGateTemplate({ templateId: r.template.id, selection: { ids } });
      const abundances = (await service.getSampleGating({ sampleId: ids[0]! })).abundances;
      expect(abundances.map((a) => a.set)).toEqual(r.template.sets);
      expect(abundances.every((a) => a.note === null || !/template not applied/.test(a.note))).toBe(true);

      // Written into a folder (created), as the workstation's Export button does; the XML comes back too.
      const exported = await service.exportGatingMl({ id: r.template.id, to: path.join(home, 'gating-ml') });
      const gml = path.join(home, 'gating-ml', exported.fileName);
      expect(exported.written).toBe(gml);
      expect(fs.readFileSync(gml, 'utf8')).toBe(exported.xml);
      expect((await service.exportGatingMl({ id: r.template.id })).written).toBeNull();
      await expect(service.exportGatingMl({ id: r.template.id, to: gml })).rejects.toMatchObject({ code: 'invalid-request', field: 'to' });
      const back = await service.importGateTemplate({ path: gml });
      expect(back.format).toBe('gating-ml');
      const original = (await service.getGateTemplate({ id: r.template.id })).template;
      const reread = (await service.getGateTemplate({ id: back.template.id })).template;
      const a = await service.previewGateCounts({ sampleId: ids[0]!, template: original });
      const b = await service.previewGateCounts({ sampleId: ids[0]!, template: reread });
      expect(b.sets.map((s) => [s.name, s.events])).toEqual(a.sets.map((s) => [s.name, s.events]));
    }
    await service.close();
  });

  it('applies the FCS $SPILLOVER compensation before gating when present, unless the sample says not to', async () => {
    const home = tempDir();
    const folder = path.join(home, 'fcs');
    fs.mkdirSync(folder, { recursive: true });
    // FL1 spills 50 % into FL2: compensated FL2 = FL2 − 0.5 × FL1 → 10, 50, 35. Gate FL2 ≥ 30: raw 3, compensated 2.
    fs.writeFileSync(
      path.join(folder, 'comp.fcs'),
      writeTestFcs({
        version: 'FCS3.1',
        dataType: 'F',
        parameters: [{ name: 'FL1-A', range: 1024 }, { name: 'FL2-A', range: 1024 }],
        events: [[100, 60], [100, 100], [10, 40]],
        keywords: [['$SPILLOVER', '2,FL1-A,FL2-A,1,0.5,0,1'], ['$VOL', '3000']],
      }),
    );
    const service = makeService(home);
    const id = (await service.importFiles({ paths: [folder] })).samples[0]!.id;
    const t = await service.saveGateTemplate({
      template: { id: '', name: 'comp', version: 0, exclusive: false, gates: [{ type: 'range', id: 'g', name: 'FL2', axis: linear('FL2-A', 1024), min: 30 / 1024, max: null }], sets: [{ id: 's', name: 'Bright', expression: { op: 'gate', gateId: 'g' }, group: null, colour: null }] },
      baseVersion: null,
      reason: null,
    });
    await service.applyGateTemplate({ templateId: t.id, selection: { ids: [id] } });
    const compensated = (await service.getSampleGating({ sampleId: id })).abundances[0]!;
    // $VOL 3000 nL = 3 µL: 2 events → 666.67 /mL.
    expect(compensated).toMatchObject({ events: 2, volume_uL: 3 });
    expect(compensated.abundance_per_mL).toBeCloseTo(2000 / 3, 9);
    expect(compensated.note).toMatch(/compensated with \$SPILLOVER/);
    await service.setVolumeMethod({ selection: { ids: [id] }, volume: { method: 'fcs-vol', dilutionFactor: 1, compensate: false }, reason: 'check raw' });
    expect((await service.getSampleGating({ sampleId: id })).abundances[0]).toMatchObject({ events: 3 });
    await service.close();
  });
});
