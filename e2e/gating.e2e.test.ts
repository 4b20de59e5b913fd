/**
 * Gating, end to end in browser mode: a library built with the real CLI from three generated CytoClus samples, each
 * with two clouds of events on FWS Total × Fl Red Total (log × log) — cloud A (120 + 10·i events around FWS 100,
 * Red 1000) and cloud B (80 events around FWS 10 000, Red 100) — and an Info file giving 500 µL. In the first
 * sample's view: a rectangle drawn with the mouse around cloud A and a polygon clicked around cloud B show their
 * live counts; the first set is named from the standard vocabulary (marked unverified); the template is saved as
 * version 1 and applied to two samples from the table's bulk bar; the abundances appear in the sample view and in
 * the table's Groups column. Then a gate is moved (its count changes, and the move is kept as this sample's
 * override), reshaped by a handle, and the other is deleted. An ellipse is drawn and deleted with the Delete key, and
 * switching the view's scale leaves the gates and counts as they were. Needs `npx vite build` first.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastFolderKey } from '../renderer/import/last-folder-storage.js';
import { readGridRows } from './support/grid-rows.js';
import { runCli } from './support/run-cli.js';
import { repoRoot } from './support/start-browser-mode.js';
import type { BrowserModeServer } from './support/start-browser-mode.js';
import { callOperation } from './support/call-operation.js';
import { writeTwoCloudSamples } from './support/two-cloud-samples.js';
import { waitFor } from './support/wait-for.js';
import { startWorkstationSession } from './support/workstation-session.js';
import type { WorkstationSession } from './support/workstation-session.js';

const artifactsDir = path.join(repoRoot, 'e2e', 'artifacts');
const sampleCount = 3;
const cloudB = 80;
const cloudA = (i: number) => 120 + 10 * i;

let home = '';
let server: BrowserModeServer | undefined;
let session: WorkstationSession | undefined;
let page: Page | undefined;
let pageProblems: string[] = [];
let names: string[] = [];
let ids: Record<string, string> = {};
let templateId = '';

function currentPage(): Page {
  if (!page) throw new Error('page not open');
  return page;
}

async function call<T>(operation: string, body: unknown): Promise<T> {
  return callOperation<T>(server!, operation, body);
}

const logAxis = (column: string) => ({ parameter: { type: 'single', column }, transform: { type: 'log', T: 1e6, M: 6 }, range: 'auto' });

/**
 * Page coordinates of data values on the first cytogram (FWS Total × Fl Red Total, log × log): its display ranges
 * come from the same getDensity request the page makes, its plot box from the gate layer's capture area. Values off
 * the plot are brought to its edge (1 px inside), as the gate tools do with the pointer.
 */
async function plotMapper(p: Page, sampleId: string): Promise<(fws: number, red: number) => { x: number; y: number }> {
  const density = await call<{ x: { range: [number, number] }; y: { range: [number, number] } }>('getDensity', {
    sampleId,
    x: logAxis('FWS Total'),
    y: logAxis('Fl Red Total'),
    bins: 256,
    set: null,
  });
  const box = await firstLayer(p).boundingBox();
  if (!box) throw new Error('the gate layer has no box');
  const display = (v: number) => Math.log10(v / 1e6) / 6 + 1;
  const [x0, x1] = density.x.range;
  const [y0, y1] = density.y.range;
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi - 1, Math.max(lo + 1, v));
  return (fws, red) => ({
    x: clamp(box.x + ((display(fws) - x0) / (x1 - x0)) * box.width, box.x, box.x + box.width),
    y: clamp(box.y + box.height - ((display(red) - y0) / (y1 - y0)) * box.height, box.y, box.y + box.height),
  });
}

function firstLayer(p: Page): Locator {
  return p.locator('[data-testid="cytogram-card"][data-index="0"] [data-testid="gate-layer"]');
}

function setCount(p: Page, set: string): Locator {
  return p.locator(`[data-testid="set-count"][data-set="${set}"] [data-testid="set-count-value"]`);
}

async function openSample(p: Page, name: string): Promise<void> {
  const cell = p.locator('[data-testid="sample-grid"] .ag-row[row-id] [col-id="name"]', { hasText: name });
  await cell.waitFor({ state: 'visible', timeout: 15_000 });
  await cell.dblclick();
  await waitFor(() => p.getByTestId('sample-name').innerText(), (t) => t === name, 'the sample name in the panel', 10_000);
}

describe('gating', () => {
  beforeAll(async () => {
    await fs.access(path.join(repoRoot, 'dist', 'renderer', 'index.html')).catch(() => {
      throw new Error('dist/renderer/index.html missing: run `npx vite build` before the e2e tests');
    });
    await fs.mkdir(artifactsDir, { recursive: true });
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'cytocurator-e2e-gating-'));
    const generated = path.join(home, 'generated-exports');
    names = await writeTwoCloudSamples(generated, { prefix: 'GATING', count: sampleCount, cloudA, cloudB });
    const imported = await runCli(['import', generated, '--json'], home);
    expect(imported.code, imported.stderr).toBe(0);
    const report = JSON.parse(imported.stdout) as { samples: { status: string }[]; errors: unknown[] };
    expect(report.errors).toEqual([]);
    expect(report.samples.filter((s) => s.status === 'imported')).toHaveLength(sampleCount);

    // Wide and tall: every table column rendered, and the sample view shows its cytogram and Gating section
    session = await startWorkstationSession(home, { width: 2400, height: 1300 });
    server = session.server;
    page = session.page;
    pageProblems = session.problems;
  });

  afterAll(async () => {
    await session?.close();
    if (home) await fs.rm(home, { recursive: true, force: true }).catch(() => undefined);
  });

  it('draws a rectangle and a polygon on a cytogram and shows their live counts', async () => {
    const p = currentPage();
    await session!.open();
    const rows = await waitFor(() => readGridRows(p), (r) => r.length === sampleCount, 'the sample rows', 20_000);
    ids = Object.fromEntries(rows.map((r) => [r.cells['name'] ?? '', r.id]));
    const first = names[0]!;
    await openSample(p, first);
    const sampleId = ids[first]!;

    await p.getByTestId('gating-panel').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await p.getByTestId('gating-applied').innerText()).toBe('No gate template is applied to this sample.');
    await firstLayer(p).waitFor({ state: 'visible', timeout: 15_000 });
    await firstLayer(p).scrollIntoViewIfNeeded();
    const at = await plotMapper(p, sampleId);
    const layerBox = await firstLayer(p).boundingBox();

    // Rectangle around cloud A (FWS up to 400, Red 400–3000: to the plot's left and top edges), dragged with the mouse
    await p.getByTestId('gate-tool-rectangle').click();
    const a0 = at(30, 3000);
    const a1 = at(400, 400);
    await p.mouse.move(a0.x, a0.y);
    await p.mouse.down();
    await p.mouse.move((a0.x + a1.x) / 2, (a0.y + a1.y) / 2, { steps: 4 });
    await p.mouse.move(a1.x, a1.y, { steps: 4 });
    await p.mouse.up();
    const shapes = p.locator('[data-testid="cytogram-card"][data-index="0"] [data-testid="gate-shape"]');
    await waitFor(() => shapes.count(), (n) => n === 1, 'the rectangle gate', 5_000);
    expect(await shapes.first().getAttribute('data-gate-type')).toBe('rectangle');
    // Live count: all of cloud A, nothing of cloud B (120 of 200 events)
    await waitFor(() => setCount(p, 'Set 1').innerText(), (t) => t === '120 (60 %)', 'the live count of Set 1', 10_000);
    expect(await p.getByTestId('gate-tool-select').getAttribute('aria-checked')).toBe('true'); // back to Select after drawing

    // Polygon around cloud B: FWS from 3 000 right to the plot's edge, Red from its bottom edge up to 300, with a
    // fifth vertex above; clicking the first vertex again closes it
    await p.getByTestId('gate-tool-polygon').click();
    // The plot has not moved since the rectangle was drawn (the counts are listed below it)
    expect(await firstLayer(p).boundingBox()).toEqual(layerBox);
    const outline = [at(3000, 60), at(3000, 300), at(8000, 450), at(40_000, 300), at(40_000, 60)];
    for (const v of outline) await p.mouse.click(v.x, v.y);
    expect(await p.getByTestId('polygon-draft').getAttribute('data-vertices')).toBe('5');
    await p.mouse.click(outline[0]!.x + 2, outline[0]!.y - 1);
    await waitFor(() => shapes.count(), (n) => n === 2, 'the polygon gate', 5_000);
    expect(await shapes.nth(1).getAttribute('data-gate-type')).toBe('polygon');
    await waitFor(() => setCount(p, 'Set 2').innerText(), (t) => t === '80 (40 %)', 'the live count of Set 2', 10_000);
    // An ellipse dragged over cloud A: drawn as an ellipse with its own live count, then deleted with the Delete key
    await p.getByTestId('gate-tool-ellipse').click();
    const e0 = at(60, 2500);
    const e1 = at(180, 400);
    await p.mouse.move(e0.x, e0.y);
    await p.mouse.down();
    await p.mouse.move(e1.x, e1.y, { steps: 6 });
    await p.mouse.up();
    await waitFor(() => shapes.count(), (n) => n === 3, 'the ellipse gate', 5_000);
    expect(await shapes.nth(2).getAttribute('data-gate-type')).toBe('ellipse');
    expect(await p.locator('[data-testid="cytogram-card"][data-index="0"] [data-testid="gate-handle"]').count()).toBe(4); // its axes' ends
    await waitFor(() => setCount(p, 'Set 3').innerText(), (t) => /^\d+ \(\d+(\.\d)? %\)$/.test(t), 'the live count of Set 3', 10_000);
    await p.keyboard.press('Delete');
    await waitFor(() => shapes.count(), (n) => n === 2, 'the ellipse deleted', 5_000);
    expect(await p.locator('[data-testid="set-count"][data-set="Set 3"]').count()).toBe(0);

    // Counts beside the plot, per gate
    const listed = await p.locator('[data-testid="cytogram-card"][data-index="0"] [data-testid="plot-gate"]').allInnerTexts();
    expect(listed.map((t) => t.replace(/\s+/g, ' ').trim())).toEqual(['Set 1 120 (60 %)', 'Set 2 80 (40 %)']);
  });

  it('names a set from the standard vocabulary, marked unverified, and saves the template', async () => {
    const p = currentPage();
    const sets = p.getByTestId('gating-sets');
    const row = sets.locator('[data-testid="gating-set-row"][data-set="Set 1"]');
    await row.getByTestId('group-picker').click();
    await p.getByTestId('group-search').fill('synech');
    // Synechococcus is an alias of the standard name OraPicoProk
    const options = p.getByTestId('group-picker-panel').getByTestId('group-option');
    await waitFor(() => options.evaluateAll((els) => els.map((e) => e.getAttribute('data-group'))), (g) => g.length === 1 && g[0] === 'OraPicoProk', 'the search result', 5_000);
    expect(await options.first().getByTestId('unverified-mark').count()).toBe(1);
    await options.first().click();

    const named = sets.locator('[data-testid="gating-set-row"][data-set="OraPicoProk"]');
    await named.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await named.getAttribute('data-group')).toBe('OraPicoProk');
    expect(await named.getByTestId('group-picker').innerText()).toMatch(/OraPicoProk\s+unverified/);
    expect(await named.getByTestId('gating-set-events').innerText()).toBe('120');
    // The gate on the plot took the set's name
    await waitFor(() => p.locator('[data-testid="gate-label"]').first().textContent(), (t) => (t ?? '').startsWith('OraPicoProk'), 'the gate label', 5_000);

    await p.getByTestId('gating-reason').fill('two clouds');
    await p.getByTestId('template-save').click();
    await waitFor(() => p.getByTestId('toast').innerText(), (t) => t.includes('version 1'), 'the saved toast', 10_000);
    await waitFor(() => p.getByTestId('template-editing').innerText(), (t) => t.includes('Editing version 1 of a template not applied'), 'editing version 1', 10_000);
    expect(await p.getByTestId('draft-changes').count()).toBe(0);

    // Another scale on the view changes neither the gates nor their counts: they keep their own (log) axes
    const xScale = p.getByTestId('axis-picker-x').first().locator('.cc-axis-transform');
    await xScale.selectOption('linear');
    const cardShapes = p.locator('[data-testid="cytogram-card"][data-index="0"] [data-testid="gate-shape"]');
    await waitFor(() => firstLayer(p).count(), (n) => n === 1, 'the gate layer on the linear plot', 15_000);
    await waitFor(() => cardShapes.count(), (n) => n === 2, 'both gates on the linear plot', 10_000);
    // The count may show "…" while the preview of the redrawn view is on its way (slow under load); it must come
    // back to the same value, never another.
    await waitFor(
      () => setCount(p, 'OraPicoProk').innerText(),
      (t) => t !== '…',
      'the count on the linear plot',
      15_000,
    );
    expect(await setCount(p, 'OraPicoProk').innerText()).toBe('120 (60 %)');
    expect(await p.getByTestId('draft-changes').count()).toBe(0);
    await xScale.selectOption('log');
    await waitFor(() => cardShapes.count(), (n) => n === 2, 'both gates back on the log plot', 10_000);

    const { templates } = await call<{ templates: { id: string; name: string; version: number; sets: { name: string; group: string | null }[] }[] }>('listGateTemplates', {});
    expect(templates).toHaveLength(1);
    templateId = templates[0]!.id;
    expect(templates[0]).toMatchObject({ version: 1, name: `Gates of ${names[0]}` });
    expect(templates[0]!.sets).toEqual([
      { id: expect.any(String), name: 'OraPicoProk', group: 'OraPicoProk' },
      { id: expect.any(String), name: 'Set 2', group: null },
    ]);
    const history = await call<{ history: { version: number; reason: string | null }[] }>('getGateTemplate', { id: templateId });
    expect(history.history.map((h) => [h.version, h.reason])).toEqual([[1, 'two clouds']]);
  });

  it('applies the template to two samples from the table, and shows their abundances', async () => {
    const p = currentPage();
    for (const name of names.slice(0, 2)) {
      await p.locator(`[data-testid="sample-grid"] .ag-row[row-id="${ids[name]}"] input[type="checkbox"]`).first().check();
    }
    await waitFor(() => p.getByTestId('scope-selected').isChecked(), (c) => c, 'the selection scope', 5_000);
    await p.getByTestId('bulk-apply-template').click();
    const dialog = p.getByTestId('apply-template-dialog');
    await dialog.waitFor({ state: 'visible', timeout: 5_000 });
    await waitFor(() => dialog.getByTestId('apply-template-count').innerText(), (t) => t.startsWith('Applies to 2 samples.'), 'the count', 5_000);
    await dialog.getByTestId('apply-template-confirm').click();
    await waitFor(() => p.getByTestId('toast').innerText(), (t) => t.includes('to 2 samples'), 'the applied toast', 10_000);

    // The sample view: its template and abundances (120 events in 500 µL: 240 per mL)
    await waitFor(() => p.getByTestId('gating-applied').innerText(), (t) => t.includes('version 1 (used by 2 samples)'), 'the applied template', 10_000);
    const abundance = p.locator('[data-testid="abundance-row"][data-set="OraPicoProk"]');
    await abundance.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await abundance.getByTestId('abundance-events').innerText()).toBe('120');
    expect(await abundance.getByTestId('abundance-per-ml').innerText()).toBe('240');
    expect(await abundance.innerText()).toMatch(/unverified/);
    expect(await p.locator('[data-testid="abundance-row"][data-set="Set 2"] [data-testid="abundance-per-ml"]').innerText()).toBe('160');

    // The table's Groups column: the template's sets with their abundances, for the two samples only
    const rows = await waitFor(
      () => readGridRows(p),
      (r) => r.filter((row) => (row.cells['groups'] ?? '').includes('OraPicoProk')).length === 2,
      'the Groups cells',
      15_000,
    );
    const groups = Object.fromEntries(rows.map((r) => [r.id, r.cells['groups'] ?? '']));
    // OraPicoProk is a standard name not yet confirmed against NVS: marked here too; Set 2 has no standard name
    expect(groups[ids[names[0]!]!]).toBe('OraPicoProk unverified 120 (240 /mL) · Set 2 80 (160 /mL)');
    expect(groups[ids[names[1]!]!]).toBe('OraPicoProk unverified 130 (260 /mL) · Set 2 80 (160 /mL)');
    expect(groups[ids[names[2]!]!]).not.toMatch(/OraPicoProk/);
    const stored = await call<{ abundances: { sample: string; set: string; events: number; abundance_per_mL: number; templateVersion: number }[] }>('listAbundances', {});
    expect(stored.abundances.filter((a) => a.set === 'OraPicoProk').map((a) => [a.sample, a.events, a.abundance_per_mL, a.templateVersion]).sort()).toEqual(
      [
        [ids[names[0]!], 120, 240, 1],
        [ids[names[1]!], 130, 260, 1],
      ].sort(),
    );
  });

  it('exports the applied template as Gating-ML 2.0 into a folder chosen with the folder browser', async () => {
    const p = currentPage();
    // The browser opens in the last folder used.
    await p.evaluate(([key, dir]) => localStorage.setItem(key!, dir!), [lastFolderKey, home]);
    await p.getByTestId('template-export').click();
    const chooser = p.getByTestId('folder-dialog');
    await waitFor(() => chooser.getByTestId('path-browser').getAttribute('data-path'), (v) => v === home, 'the last folder listed', 10_000);
    await chooser.getByTestId('path-use-folder').click();
    const line = await waitFor(() => p.getByTestId('template-exported').innerText(), (t) => t.endsWith('.gating-ml.xml'), 'the written file', 10_000);
    const file = line.replace(/^Gating-ML written: /, '');
    expect(path.dirname(file)).toBe(home);
    const xml = await fs.readFile(file, 'utf8');
    expect(xml).toContain('<gating:Gating-ML');
    expect(xml).toContain('OraPicoProk');
  });

  it('moves a gate (the count changes, kept as this sample’s override), reshapes it and deletes another', async () => {
    const p = currentPage();
    const sampleId = ids[names[0]!]!;
    await firstLayer(p).scrollIntoViewIfNeeded();
    const at = await plotMapper(p, sampleId);
    await p.getByTestId('gate-tool-select').click();

    // Drag the rectangle half a decade to the right: its left side passes cloud A
    const from = at(150, 1000);
    const to = at(150 * 10 ** 0.5, 1000);
    await p.mouse.move(from.x, from.y);
    await p.mouse.down();
    await p.mouse.move((from.x + to.x) / 2, from.y, { steps: 5 });
    await p.mouse.move(to.x, to.y, { steps: 5 });
    await p.mouse.up();
    const moved = await waitFor(
      () => setCount(p, 'OraPicoProk').innerText(),
      (t) => /^\d+ \(/.test(t) && t !== '120 (60 %)',
      'a new count for OraPicoProk',
      10_000,
    );
    const movedEvents = Number(moved.split(' ')[0]!.replace(/,/g, ''));
    expect(movedEvents).toBeLessThan(120);
    await p.getByTestId('draft-changes').waitFor({ state: 'visible', timeout: 5_000 });
    expect(await p.getByTestId('draft-changes').innerText()).toContain('1 gate changed');

    // Keep the move for this sample only: the abundance follows, the template stays at version 1
    await p.locator('[data-testid="changed-gate"][data-gate-name="OraPicoProk"]').getByTestId('gate-override').click();
    await p.locator('[data-testid="gating-override"][data-gate-name="OraPicoProk"]').waitFor({ state: 'visible', timeout: 10_000 });
    await waitFor(
      () => p.locator('[data-testid="abundance-row"][data-set="OraPicoProk"] [data-testid="abundance-events"]').innerText(),
      (t) => t === String(movedEvents),
      'the abundance after the override',
      10_000,
    );
    const gating = await call<{ template: { version: number }; overrides: { gateId: string; version: number }[]; abundances: { set: string; overrides: Record<string, number> }[] }>(
      'getSampleGating',
      { sampleId },
    );
    expect(gating.template.version).toBe(1);
    expect(gating.overrides).toHaveLength(1);
    expect(gating.abundances.find((a) => a.set === 'OraPicoProk')?.overrides).toEqual({ [gating.overrides[0]!.gateId]: 1 });

    // Reshape: the rectangle's bottom-left handle dragged back to the plot's left edge takes in cloud A again
    await firstLayer(p).scrollIntoViewIfNeeded();
    const again = await plotMapper(p, sampleId);
    const handles = await p.locator('[data-testid="cytogram-card"][data-index="0"] [data-testid="gate-handle"]').evaluateAll((els) =>
      els.map((e) => {
        const b = e.getBoundingClientRect();
        return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      }),
    );
    expect(handles).toHaveLength(4);
    const bottomLeft = handles.reduce((a, b) => (b.x - b.y < a.x - a.y ? b : a));
    const leftEdge = again(1, 1); // clamped: the plot's left edge (and its bottom, not used)
    await p.mouse.move(bottomLeft.x, bottomLeft.y);
    await p.mouse.down();
    await p.mouse.move(leftEdge.x, bottomLeft.y, { steps: 6 });
    await p.mouse.up();
    await waitFor(() => setCount(p, 'OraPicoProk').innerText(), (t) => t === '120 (60 %)', 'cloud A counted again', 10_000);

    // Select the polygon with a click inside it, and delete it with the Delete key
    const centre = again(1e4, 100);
    await p.mouse.click(centre.x, centre.y);
    await waitFor(() => p.getByTestId('gate-delete').innerText(), (t) => t === 'Delete gate Set 2', 'the selected polygon', 5_000);
    await p.keyboard.press('Delete');
    const shapes = p.locator('[data-testid="cytogram-card"][data-index="0"] [data-testid="gate-shape"]');
    await waitFor(() => shapes.count(), (n) => n === 1, 'one gate left', 5_000);
    expect(await p.getByTestId('draft-changes').innerText()).toContain('1 gate changed, 1 gate deleted');
    expect(await p.locator('[data-testid="set-count"][data-set="Set 2"]').count()).toBe(0);
    // The sample is still open (Delete did not reach the review keys)
    expect(await p.getByTestId('sample-panel').isVisible()).toBe(true);

    await p.screenshot({ path: path.join(artifactsDir, 'gating.png') });
    expect(pageProblems).toEqual([]);
  });
});
