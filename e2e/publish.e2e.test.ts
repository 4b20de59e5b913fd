/**
 * Publishing to SeaDataNet, end to end in browser mode: a library built with the real CLI from three generated
 * CytoClus samples (2026-05-14 06:00, 07:00, 08:00 UTC, 500 µL each, a cloud of 120 + 10·i events around Fl Red
 * 1000 and 80 around Fl Red 100), a gate template whose set "Synechococcus" (an alias of the standard group
 * OraPicoProk, P01 P700A90Z, unverified) keeps Fl Red ≥ 500, applied to all three; two are approved, the third is
 * not. As set-up these go through the service API, as the gating e2e does them in the UI.
 *
 * In the UI: the three samples selected in the table are carried to the Publish view; a new dataset made from them
 * lists what is missing, which shrinks as the fields are filled and the NVS pickers (L06, L22, L05, P02, L08)
 * used, and is empty once the dataset is created. A stale save is refused with a conflict in plain words and a
 * reload. "Preview & validate" builds and validates every file and writes nothing (the output folder stays empty);
 * "Write" (output folder chosen with the folder browser) writes valid ODV, CDI XML and NetCDF files, the
 * coupling table and the manifest, whose sums match the files on disk; the report lists the unapproved sample
 * left out. "Validate a file…" accepts the written ODV file and rejects a broken one, naming the rule. Needs
 * `npx vite build` first.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const cloudA = (i: number) => 120 + 10 * i;
const cdiId = 'E2E_FRIOUL_2026';

let home = '';
let outDir = '';
let libraryPath = '';
let server: BrowserModeServer | undefined;
let session: WorkstationSession | undefined;
let page: Page | undefined;
let pageProblems: string[] = [];
let names: string[] = [];
let ids: Record<string, string> = {};
let datasetId = '';

function currentPage(): Page {
  if (!page) throw new Error('page not open');
  return page;
}

async function call<T>(operation: string, body: unknown): Promise<T> {
  return callOperation<T>(server!, operation, body);
}

// Fl Red ≥ 500 on a linear axis scaled to 10 000 (display value 0.05): all of cloud A, none of cloud B.
const template = {
  id: '',
  name: 'Publish e2e',
  version: 0,
  exclusive: false,
  gates: [{ type: 'range', id: 'red', name: 'red', axis: { parameter: { type: 'single', column: 'Fl Red Total' }, transform: { type: 'linear', T: 10_000, A: 0 } }, min: 0.05, max: null }],
  sets: [{ id: 'syn', name: 'Synechococcus', expression: { op: 'gate', gateId: 'red' }, group: null, colour: null }],
};

function missingFromForm(p: Page): Locator {
  return p.locator('[data-testid="missing-item"][data-source="form"]');
}

async function formMissingCount(p: Page): Promise<number> {
  return missingFromForm(p).count();
}

async function fill(p: Page, testId: string, value: string): Promise<void> {
  await p.getByTestId(testId).fill(value);
}

/** Opens an NVS picker, searches, and chooses the term with this code. */
async function pick(p: Page, collection: string, query: string, code: string): Promise<void> {
  await p.getByTestId(`vocab-picker-${collection}`).click();
  const panel = p.locator(`[data-testid="vocab-panel"][data-collection="${collection}"]`);
  await panel.waitFor({ state: 'visible', timeout: 5_000 });
  await panel.getByTestId('vocab-search').fill(query);
  const option = panel.locator(`[data-testid="vocab-option"][data-code="${code}"]`);
  await option.waitFor({ state: 'visible', timeout: 10_000 });
  await option.click();
  await panel.waitFor({ state: 'detached', timeout: 5_000 });
}

async function sha256(file: string): Promise<string> {
  return createHash('sha256')
    .update(await fs.readFile(file))
    .digest('hex');
}

describe('publish', () => {
  beforeAll(async () => {
    await fs.access(path.join(repoRoot, 'dist', 'renderer', 'index.html')).catch(() => {
      throw new Error('dist/renderer/index.html missing: run `npx vite build` before the e2e tests');
    });
    await fs.mkdir(artifactsDir, { recursive: true });
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'cytocurator-e2e-publish-'));
    outDir = path.join(home, 'to-seadatanet');
    await fs.mkdir(outDir);
    const generated = path.join(home, 'generated-exports');
    names = await writeTwoCloudSamples(generated, { prefix: 'PUBLISH', count: sampleCount, cloudA, cloudB: 80 });
    const imported = await runCli(['import', generated, '--json'], home);
    expect(imported.code, imported.stderr).toBe(0);
    const report = JSON.parse(imported.stdout) as { samples: { id: string; status: string }[]; errors: unknown[] };
    expect(report.errors).toEqual([]);
    expect(report.samples.filter((s) => s.status === 'imported')).toHaveLength(sampleCount);

    session = await startWorkstationSession(home, { width: 1600, height: 1000 });
    server = session.server;
    page = session.page;
    pageProblems = session.problems;

    // Abundances of the vocabulary group, two samples approved (set-up through the service, as the UI would)
    libraryPath = (await call<{ library: { path: string } }>('getStatus', {})).library.path;
    const saved = await call<{ id: string; version: number }>('saveGateTemplate', { template, baseVersion: null, reason: 'publish e2e' });
    const all = report.samples.map((s) => s.id);
    await call('applyGateTemplate', { templateId: saved.id, selection: { ids: all } });
    const sampleNames = await Promise.all(all.map(async (id) => [(await call<{ name: string }>('getSample', { id })).name, id] as const));
    ids = Object.fromEntries(sampleNames);
    await call('approveSamples', { selection: { ids: [ids[names[0]!], ids[names[1]!]] }, comment: null });
    const abundances = await call<{ abundances: { sample: string; set: string; events: number; abundance_per_mL: number }[] }>('listAbundances', {});
    // 120 and 130 events of cloud A in 500 µL: 240 and 260 per mL
    expect(
      abundances.abundances
        .filter((a) => a.set === 'Synechococcus')
        .map((a) => [a.sample, a.events, a.abundance_per_mL])
        .sort(),
    ).toEqual(
      [
        [ids[names[0]!], 120, 240],
        [ids[names[1]!], 130, 260],
        [ids[names[2]!], 140, 280],
      ].sort(),
    );
  });

  afterAll(async () => {
    await session?.close();
    if (home) await fs.rm(home, { recursive: true, force: true }).catch(() => undefined);
  });

  it('carries the table’s selection to a new dataset, whose missing list shrinks to empty as it is filled', async () => {
    const p = currentPage();
    await session!.open();
    await waitFor(() => readGridRows(p), (r) => r.length === sampleCount, 'the sample rows', 20_000);
    for (const name of names) {
      await p.locator(`[data-testid="sample-grid"] .ag-row[row-id="${ids[name]}"] input[type="checkbox"]`).first().check();
    }
    await waitFor(() => p.getByTestId('scope-selected').isChecked(), (c) => c, 'the selection scope', 5_000);
    await p.getByTestId('view-publish').click();
    await p.getByTestId('publish-view').waitFor({ state: 'visible', timeout: 10_000 });
    await p.getByTestId('datasets-empty').waitFor({ state: 'visible', timeout: 10_000 });

    await p.getByTestId('dataset-new').click();
    const fromSelection = p.getByTestId('source-selection');
    expect(await fromSelection.innerText()).toBe('The 3 samples selected in the table');
    await fromSelection.click();
    await waitFor(() => p.getByTestId('editor-title').innerText(), (t) => t === 'New dataset', 'the new dataset editor', 10_000);
    await waitFor(() => p.locator('[data-testid="dataset-sample-row"]').count(), (n) => n === 3, 'the dataset’s samples', 10_000);
    expect(await p.getByTestId('samples-count').innerText()).toBe('3 samples, 2 approved (only approved samples are published).');
    expect(await p.locator('[data-testid="dataset-sample-row"][data-state="unreviewed"]').getAttribute('data-id')).toBe(ids[names[2]!]);

    // Everything required is listed (no deployment: nothing prefilled), and creating is not possible yet
    const required = await missingFromForm(p).allInnerTexts();
    expect(required).toEqual([
      'Title: required',
      'Abstract: required',
      'Data-holding centre (EDMO code): required',
      'Originator (EDMO code): required',
      'Principal investigator: required',
      'PI e-mail: required',
      'Platform class: required',
      'Instrument: required',
      'Device category: required',
      'Access restriction: required',
      'Unit 1: LOCAL_CDI_ID: required',
      'Unit 1: Station: required',
      'Unit 1: Latitude (°N): required',
      'Unit 1: Longitude (°E): required',
    ]);
    await p.getByTestId('editor-save').click();
    await p.getByTestId('editor-not-saved').waitFor({ state: 'visible', timeout: 5_000 });
    expect(await p.locator('[data-testid="field-problem"][data-field="title"]').innerText()).toBe('required');

    await fill(p, 'field-title', 'Flow cytometry at Frioul, May 2026 (e2e)');
    await fill(p, 'field-abstract', 'Abundances of Synechococcus-like picoprokaryotes measured by automated flow cytometry at the Frioul station.');
    await fill(p, 'field-holdingCentreEdmo', 'IFREMER');
    // A wrong EDMO code is named next to its field and in the list
    await waitFor(() => p.locator('[data-testid="field-problem"][data-field="holdingCentreEdmo"]').innerText(), (t) => t === 'an EDMO code is a number, e.g. 1084', 'the EDMO problem', 5_000);
    await fill(p, 'field-holdingCentreEdmo', '1084');
    await fill(p, 'field-originatorEdmo', '1084');
    await fill(p, 'field-pi.name', 'Ada Lovelace');
    await fill(p, 'field-pi.email', 'ada@example.org');
    await fill(p, 'field-project', 'SOMLIT');
    await waitFor(() => formMissingCount(p), (n) => n === 8, 'the list after the text fields', 5_000);

    await fill(p, 'unit-0-localCdiId', cdiId);
    await fill(p, 'unit-0-stationName', 'Frioul');
    await fill(p, 'unit-0-latitude', '43,2417'); // a decimal comma, as typed on a French keyboard
    await fill(p, 'unit-0-longitude', '5.29167');
    await fill(p, 'unit-0-samplingDepth', '1');
    await fill(p, 'unit-0-bottomDepth', '60');
    await waitFor(() => formMissingCount(p), (n) => n === 4, 'the list after the unit', 5_000);
    expect(await missingFromForm(p).allInnerTexts()).toEqual(['Platform class: required', 'Instrument: required', 'Device category: required', 'Access restriction: required']);

    // The NVS pickers, offline, with the list's version beside them
    expect(await p.getByTestId('vocab-source-L22').first().innerText()).toMatch(/^NVS L22 · version \d+ of \d{4}-\d{2}-\d{2} · bundled$/);
    await pick(p, 'L06', 'mooring', '48');
    await pick(p, 'L22', 'cytosense', 'TOOL1209');
    await pick(p, 'L05', 'flow cytometers', 'LAB37');
    await pick(p, 'P02', 'phytoplankton generic abundance', 'PNTX');
    await waitFor(() => formMissingCount(p), (n) => n === 1, 'one field left', 5_000);
    await pick(p, 'L08', 'SeaDataNet licence', 'LS');
    await waitFor(() => formMissingCount(p), (n) => n === 0, 'the form complete', 5_000);
    expect(await p.getByTestId('vocab-picker-L22').innerText()).toContain('TOOL1209 — CytoBuoy CytoSense flow cytometer');
    expect(await p.getByTestId('vocab-chosen-P02').innerText()).toContain('PNTX — Phytoplankton generic abundance in water bodies');
    // What is left: saving, so the service checks samples, groups and codes
    expect(await p.locator('[data-testid="missing-item"]').allInnerTexts()).toEqual(['Create the dataset to check its samples, groups and codes.']);

    await p.getByTestId('editor-save').click();
    await p.getByTestId('publish-nothing-missing').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await p.getByTestId('publish-nothing-missing').innerText()).toBe('Nothing is missing: this dataset can be published.');
    expect(await p.getByTestId('editor-saved').innerText()).toBe('Saved as version 1');
    expect(await p.getByTestId('editor-title').innerText()).toBe('Flow cytometry at Frioul, May 2026 (e2e)');
    const warnings = await p.getByTestId('warning-item').allInnerTexts();
    expect(warnings).toEqual(expect.arrayContaining(['1 sample(s) are not approved and will be left out', expect.stringMatching(/^group OraPicoProk: P01 P700A90Z .*unverified/)]));
    const group = p.locator('[data-testid="published-group"][data-group="OraPicoProk"]');
    expect((await group.innerText()).replace(/\s+/g, ' ')).toBe('OraPicoProk unverified P700A90Z UCML PNTX');

    const row = p.locator('[data-testid="dataset-row"]');
    await waitFor(() => row.count(), (n) => n === 1, 'the dataset in the list', 5_000);
    datasetId = (await row.getAttribute('data-id')) ?? '';
    expect(datasetId).toMatch(/^d_/);
    expect(await row.getAttribute('data-publishable')).toBe('true');
    expect((await row.innerText()).split('\t').map((c) => c.trim())).toEqual([datasetId, 'Flow cytometry at Frioul, May 2026 (e2e)', '1', '2 / 3', '1', 'yes', expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)]);

    // Stored as typed: decimal comma read, P02 chosen, one unit holding every sample
    const view = await call<{ metadata: Record<string, unknown>; sampleIds: string[] }>('getDataset', { id: datasetId });
    expect(view.metadata).toMatchObject({
      holdingCentreEdmo: '1084',
      platformClass: '48',
      instrument: 'TOOL1209',
      deviceCategory: 'LAB37',
      discoveryParameters: ['PNTX'],
      accessRestriction: 'LS',
      localCdiId: cdiId,
      station: { name: 'Frioul', latitude: 43.2417, longitude: 5.29167, samplingDepth_m: 1, bottomDepth_m: 60 },
    });
    expect(view.sampleIds.sort()).toEqual(Object.values(ids).sort());
  });

  it('refuses a stale save with a conflict in plain words, and reloads', async () => {
    const p = currentPage();
    await fill(p, 'field-cruise', 'FRIOUL-2026');
    await p.locator('.cc-publish-unsaved').waitFor({ state: 'visible', timeout: 5_000 });
    // Meanwhile someone else saves version 2
    const current = await call<{ metadata: Record<string, unknown> }>('getDataset', { id: datasetId });
    await call('updateDataset', { id: datasetId, baseVersion: 1, metadata: { ...current.metadata, project: 'SOMLIT Frioul' } });
    await p.getByTestId('editor-save').click();
    const conflict = p.getByTestId('editor-conflict');
    await conflict.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await conflict.locator('p').innerText()).toBe(
      'Someone saved this dataset again (it is now at version 2) since you opened version 1. Reload it to see their change, then make yours again: your unsaved changes will be lost.',
    );
    await p.getByTestId('editor-reload').click();
    await conflict.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await p.getByTestId('field-project').inputValue()).toBe('SOMLIT Frioul');
    expect(await p.getByTestId('field-cruise').inputValue()).toBe('');
    expect(await p.getByTestId('editor-meta').innerText()).toContain('version 2');
    await p.getByTestId('publish-nothing-missing').waitFor({ state: 'visible', timeout: 10_000 });
    // The browser logs the refused request (HTTP 409); nothing else may have gone wrong
    const conflictLogs = pageProblems.filter((m) => /409 \(Conflict\)/.test(m));
    expect(conflictLogs).toHaveLength(1);
    pageProblems.splice(pageProblems.indexOf(conflictLogs[0]!), 1);
  });

  it('previews (validates, writes nothing), then writes valid files to the chosen folder, with the report', async () => {
    const p = currentPage();
    const panel = p.getByTestId('export-panel');
    await panel.scrollIntoViewIfNeeded();
    for (const f of ['odv', 'cdi', 'netcdf']) expect(await p.getByTestId(`export-format-${f}`).isChecked()).toBe(true);

    // Preview & validate: the service's dry run — every file validated, nothing written anywhere
    await p.getByTestId('export-preview').click();
    const report = p.getByTestId('export-report');
    await waitFor(() => report.getAttribute('data-kind'), (k) => k === 'preview', 'the preview report', 60_000);
    expect(await report.getAttribute('data-written')).toBe('false');
    expect(await p.getByTestId('export-summary').innerText()).toBe('Preview: every file is valid (3 files); nothing was written.');
    expect(await fs.readdir(outDir)).toEqual([]);
    expect(await fs.readdir(libraryPath)).not.toContain('publication-preview');

    // The output folder, chosen with the folder browser
    await p.getByTestId('export-outdir-choose').click();
    const dialog = p.getByTestId('folder-dialog');
    await dialog.waitFor({ state: 'visible', timeout: 5_000 });
    const pathField = dialog.getByRole('textbox', { name: 'Folder path' });
    await pathField.fill(home);
    await pathField.press('Enter');
    await waitFor(() => dialog.getByTestId('path-browser').getAttribute('data-path'), (v) => v === home, 'the home folder listed', 10_000);
    await dialog.locator(`[data-testid="path-entry"][data-name="${path.basename(outDir)}"] button`).click();
    await waitFor(() => dialog.getByTestId('path-browser').getAttribute('data-path'), (v) => v === outDir, 'the output folder listed', 10_000);
    await dialog.getByTestId('path-use-folder').click();
    await dialog.waitFor({ state: 'detached', timeout: 5_000 });
    expect(await p.getByTestId('export-outdir').inputValue()).toBe(outDir);

    // Write: the progress bar shows while it runs (watched from inside the page: it may last a moment only), then the report
    await p.evaluate(() => {
      const seen = window as unknown as { progressBarSeen?: boolean };
      seen.progressBarSeen = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="export-progress-bar"][role="progressbar"]')) seen.progressBarSeen = true;
      }).observe(document.body, { subtree: true, childList: true });
    });
    await p.getByTestId('export-write').click();
    await waitFor(() => report.getAttribute('data-kind'), (k) => k === 'write', 'the write report', 60_000);
    expect(await report.getAttribute('data-written')).toBe('true');
    expect(await p.getByTestId('export-summary').innerText()).toBe(`5 files written to ${outDir}.`);
    expect(await p.evaluate(() => (window as unknown as { progressBarSeen?: boolean }).progressBarSeen)).toBe(true);
    const files = await p.getByTestId('export-file').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-name'), r.getAttribute('data-valid')]));
    expect(files).toEqual([
      [`${cdiId}_odv.txt`, 'true'],
      [`${cdiId}_cdi.xml`, 'true'],
      [`${cdiId}.nc`, 'true'],
      ['coupling-table.csv', ''],
      ['manifest.sha256', ''],
    ]);
    const odvRow = p.locator(`[data-testid="export-file"][data-name="${cdiId}_odv.txt"]`);
    const odvCells = await odvRow.locator('td').allInnerTexts();
    expect(odvCells[1]).toBe('ODV');
    const odvSum = await sha256(path.join(outDir, `${cdiId}_odv.txt`));
    expect(odvCells[3]).toBe(odvSum.slice(0, 12));
    expect(await odvRow.locator('td').nth(3).getAttribute('title')).toBe(odvSum);
    expect(odvCells[4]).toContain('valid');
    expect(await p.getByTestId('export-unapproved').innerText()).toContain(`${names[2]} (Unreviewed)`);
    expect(await p.getByTestId('export-warnings').innerText()).toMatch(/unverified/);

    // On disk: the files, the coupling table, and a manifest whose sums match
    expect((await fs.readdir(outDir)).sort()).toEqual([`${cdiId}.nc`, `${cdiId}_cdi.xml`, `${cdiId}_odv.txt`, 'coupling-table.csv', 'manifest.sha256']);
    expect(await fs.readFile(path.join(outDir, 'coupling-table.csv'), 'utf8')).toBe(`LOCAL_CDI_ID;format;file\n${cdiId};SDN_ODV;${cdiId}_odv.txt\n${cdiId};SDN_NETCDF;${cdiId}.nc\n`);
    const manifest = (await fs.readFile(path.join(outDir, 'manifest.sha256'), 'utf8')).trim().split('\n');
    expect(manifest.map((l) => l.split('  ')[1])).toEqual([`${cdiId}_odv.txt`, `${cdiId}_cdi.xml`, `${cdiId}.nc`, 'coupling-table.csv']);
    for (const line of manifest) {
      const [sum, name] = line.split('  ') as [string, string];
      expect(await sha256(path.join(outDir, name)), name).toBe(sum);
    }
    // Approved samples only: 2 data rows in the ODV file, with the Synechococcus-like abundances (240, 260 per mL)
    const odv = await fs.readFile(path.join(outDir, `${cdiId}_odv.txt`), 'utf8');
    expect(odv).toContain('P700A90Z');
    const dataLines = odv.split(/\r?\n/).filter((l) => l && !l.startsWith('//') && !l.startsWith('Cruise'));
    expect(dataLines).toHaveLength(2);
    expect(dataLines[0]).toMatch(/2026-05-14T06:00:00\.000/);
    expect(dataLines[0]!.split('\t')).toEqual(expect.arrayContaining(['240']));
    expect(dataLines[1]!.split('\t')).toEqual(expect.arrayContaining(['260']));
    const cdi = await fs.readFile(path.join(outDir, `${cdiId}_cdi.xml`), 'utf8');
    expect(cdi).toContain(`urn:SDN:CDI:LOCAL:${cdiId}`);
  });

  it('validates a written file and a broken one with "Validate a file…"', async () => {
    const p = currentPage();
    const broken = path.join(home, 'broken_odv.txt');
    await fs.writeFile(broken, '//SDN_parameter_mapping\nCruise\tStation\n');
    await p.getByTestId('validate-file-open').click();
    const dialog = p.getByTestId('validate-file-dialog');
    await dialog.waitFor({ state: 'visible', timeout: 5_000 });
    const pathField = dialog.getByRole('textbox', { name: 'Folder path' });
    await pathField.fill(outDir);
    await pathField.press('Enter');
    await waitFor(() => dialog.getByTestId('path-browser').getAttribute('data-path'), (v) => v === outDir, 'the output folder listed', 10_000);
    await dialog.locator(`[data-testid="path-entry"][data-name="${cdiId}_odv.txt"] [data-testid="path-file"]`).click();
    await dialog.getByTestId('validate-file-run').click();
    const fileReport = dialog.getByTestId('validate-file-report');
    await waitFor(() => fileReport.getAttribute('data-valid'), (v) => v === 'true', 'the ODV file valid', 20_000);
    expect(await fileReport.innerText()).toContain('Recognised as SeaDataNet ODV.');

    await pathField.fill(home);
    await pathField.press('Enter');
    await waitFor(() => dialog.getByTestId('path-browser').getAttribute('data-path'), (v) => v === home, 'the home folder listed', 10_000);
    await dialog.locator('[data-testid="path-entry"][data-name="broken_odv.txt"] [data-testid="path-file"]').click();
    await dialog.getByTestId('validate-file-run').click();
    await waitFor(() => fileReport.getAttribute('data-valid'), (v) => v === 'false', 'the broken file invalid', 20_000);
    const errors = await dialog.getByTestId('validation-error').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-rule') ?? ''));
    expect(errors.length).toBeGreaterThan(0);
    for (const rule of errors) expect(rule).toMatch(/^odv\./);
    expect(await dialog.getByTestId('validation-verdict').innerText()).toMatch(/^invalid: \d+ errors?$/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 5_000 });
  });

  it('lists the NVS vocabularies in use, and speaks French', async () => {
    const p = currentPage();
    await p.getByTestId('vocabulary-open').click();
    const panel = p.getByTestId('vocabulary-panel');
    await panel.waitFor({ state: 'visible', timeout: 5_000 });
    const collections = await panel.getByTestId('vocabulary-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-collection')));
    expect(collections).toEqual(expect.arrayContaining(['C17', 'L05', 'L06', 'L08', 'L22', 'P02']));
    expect(await panel.locator('[data-testid="vocabulary-row"][data-collection="L22"]').innerText()).toMatch(/bundled with CytoCurator/);
    await panel.getByRole('button', { name: 'Close' }).click();
    await panel.waitFor({ state: 'detached', timeout: 5_000 });

    await p.getByTestId('language-fr').click();
    await waitFor(() => p.getByTestId('publish-nothing-missing').innerText(), (t) => t === 'Rien ne manque\u00a0: ce jeu de données peut être publié.', 'the French checklist', 5_000);
    expect(await p.getByTestId('view-publish').innerText()).toBe('Publier');
    expect(await p.getByTestId('export-write').innerText()).toBe('Écrire');
    await p.screenshot({ path: path.join(artifactsDir, 'publish.png'), fullPage: false });
    await p.getByTestId('language-en').click();
    expect(pageProblems).toEqual([]);
  });
});
