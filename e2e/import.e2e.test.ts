/**
 * The import dialog end to end, in browser mode on a fresh CYTOCURATOR_HOME: browse to the real Cefas
 * CytoSense export by typing its path, select the folder, import it, read the report (one partial sample of
 * 817 events, measured 2023-05-24 08:26:01 UTC), close, and find the sample in the grid. Importing it again
 * reports it unchanged; a folder of bad files reports its errors and skipped files. Screenshots go to
 * e2e/artifacts/. Needs `npx vite build` first (the service serves dist/renderer).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGridRows } from './support/grid-rows.js';
import { launchChromium } from './support/launch-chromium.js';
import { repoRoot, startBrowserMode } from './support/start-browser-mode.js';
import type { BrowserModeServer } from './support/start-browser-mode.js';
import { waitFor } from './support/wait-for.js';

const artifactsDir = path.join(repoRoot, 'e2e', 'artifacts');
const cefasFolder = path.resolve(repoRoot, '../shared/fixtures/real/ecotaxa-pipeline/cefas');
const sampleName = 'Pond_NA 2023-05-24 09h23';

let home = '';
let badFolder = '';
let server: BrowserModeServer | undefined;
let browser: Browser | undefined;
let page: Page | undefined;
const pageProblems: string[] = [];

function currentPage(): Page {
  if (!page) throw new Error('page not open');
  return page;
}

function importDialog(p: Page): Locator {
  return p.getByRole('dialog', { name: 'Import data' });
}

async function openImportDialog(p: Page): Promise<Locator> {
  await p.getByRole('button', { name: 'Import…' }).click();
  const dialog = importDialog(p);
  await dialog.waitFor({ state: 'visible', timeout: 10_000 });
  return dialog;
}

async function goToFolder(dialog: Locator, folder: string): Promise<void> {
  const field = dialog.getByRole('textbox', { name: 'Folder path' });
  await field.fill(folder);
  await field.press('Enter');
  await waitFor(() => field.inputValue(), (v) => v === folder, `the path field to show ${folder}`, 10_000);
}

/** Rows of the report's sample table, cell texts in column order. */
function summaryRows(dialog: Locator): Promise<string[][]> {
  return dialog
    .locator('[data-testid="import-samples"] tbody tr')
    .evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim())));
}

async function countOf(dialog: Locator, key: string): Promise<string> {
  return (await dialog.locator(`[data-testid="import-counts"] [data-count="${key}"] dd`).innerText()).trim();
}

describe('import dialog', () => {
  beforeAll(async () => {
    await fs.access(path.join(repoRoot, 'dist', 'renderer', 'index.html')).catch(() => {
      throw new Error('dist/renderer/index.html missing: run `npx vite build` before the e2e tests');
    });
    await fs.access(path.join(cefasFolder, `${sampleName}_Info.txt`)).catch(() => {
      throw new Error(`the real Cefas fixture is missing: ${cefasFolder}`);
    });
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'cytocurator-e2e-import-'));
    badFolder = path.join(home, 'bad-exports');
    await fs.mkdir(badFolder);
    await fs.writeFile(path.join(badFolder, 'broken.fcs'), 'garbage, not FCS\n');
    await fs.writeFile(path.join(badFolder, 'notes.txt'), 'cruise notes\n');
    server = await startBrowserMode({ home });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') pageProblems.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => pageProblems.push(`pageerror: ${err.message}`));
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (home) await fs.rm(home, { recursive: true, force: true }).catch(() => undefined);
  });

  it('starts on the empty default library with the Demo offer declined', async () => {
    const p = currentPage();
    await p.goto(server!.url);
    await p.getByRole('button', { name: 'Not now' }).click({ timeout: 20_000 });
    await p.getByTestId('demo-offer').waitFor({ state: 'detached', timeout: 10_000 });
    await p.getByTestId('empty-state').waitFor({ state: 'visible', timeout: 10_000 });
  });

  it('imports the real Cefas export chosen in the folder browser', async () => {
    const p = currentPage();
    const dialog = await openImportDialog(p);
    expect(await dialog.getAttribute('aria-labelledby')).toBeTruthy();

    await goToFolder(dialog, cefasFolder);
    const entries = dialog.getByTestId('folder-entries');
    await waitFor(() => entries.innerText(), (t) => t.includes(`${sampleName}_Info.txt`), 'the Cefas files listed', 10_000);
    // Folders first: the images folder comes before the files.
    expect((await entries.innerText()).indexOf('_Images')).toBeLessThan((await entries.innerText()).indexOf('_Info.txt'));

    await dialog.getByRole('button', { name: 'Select this folder' }).click();
    const selection = dialog.getByTestId('import-selection');
    expect(await selection.innerText()).toContain(cefasFolder);
    // Entries inside the selected folder are covered by it.
    expect(await dialog.getByRole('checkbox', { name: `Select ${sampleName}_Info.txt` }).isChecked()).toBe(true);
    await fs.mkdir(artifactsDir, { recursive: true });
    await p.screenshot({ path: path.join(artifactsDir, 'import-choose.png') });

    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const summary = dialog.getByTestId('import-summary');
    await summary.waitFor({ state: 'visible', timeout: 60_000 });

    expect(await countOf(dialog, 'imported')).toBe('1');
    expect(await countOf(dialog, 'unchanged')).toBe('0');
    expect(await countOf(dialog, 'errors')).toBe('0');
    const rows = await summaryRows(dialog);
    expect(rows).toHaveLength(1);
    const [name, time, events, images, result] = rows[0]!;
    expect(name).toBe(sampleName);
    expect(time).toBe('2023-05-24 08:26:01'); // the Info file says 09:26:01 at +01:00; no "(zone assumed)"
    expect(events).toBe('817partial');
    expect(images).toMatch(/^4 linked, 813 missing$/);
    expect(result).toBe('Imported');
    expect(await summary.innerText()).toMatch(/1 sample imported/);
    // Warnings are counted and listed on demand.
    const warnings = dialog.getByTestId('import-warnings');
    expect(await warnings.locator('summary').innerText()).toMatch(/^\d+ warnings?$/);
    await warnings.locator('summary').click();
    expect(await warnings.innerText()).toContain('partial');
    await p.screenshot({ path: path.join(artifactsDir, 'import-summary.png') });

    await dialog.getByRole('button', { name: 'Close' }).click();
    await importDialog(p).waitFor({ state: 'detached', timeout: 10_000 });

    const gridRows = await waitFor(
      () => readGridRows(p),
      (r) => r.some((row) => row.cells['name'] === sampleName),
      'the imported sample in the grid',
      15_000,
    );
    const row = gridRows.find((r) => r.cells['name'] === sampleName)!;
    expect(row.cells['startedAt']).toBe('2023-05-24 08:26:01');
    expect(row.cells['eventCount']).toBe('817');
    expect(await p.getByTestId('empty-state').count()).toBe(0);
    await waitFor(() => p.getByTestId('sample-count').innerText(), (t) => t === '1 sample', 'the status bar count', 10_000);
  });

  it('reopens in the last folder and reports a second import as unchanged', async () => {
    const p = currentPage();
    const dialog = await openImportDialog(p);
    const field = dialog.getByRole('textbox', { name: 'Folder path' });
    await waitFor(() => field.inputValue(), (v) => v === cefasFolder, 'the remembered folder', 10_000);

    await dialog.getByRole('button', { name: 'Select this folder' }).click();

    // Hold the answer back: the progress events of the job (chosen by the page) must show before it arrives.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await p.route('**/api/call/importFiles', async (route) => {
      const response = await route.fetch();
      await held;
      await route.fulfill({ response });
    });
    try {
      await dialog.getByRole('button', { name: 'Import', exact: true }).click();
      const bar = dialog.getByRole('progressbar', { name: 'Import progress' });
      await waitFor(() => bar.getAttribute('aria-valuenow'), (v) => v === '100', 'the progress bar at 100%', 20_000);
      const progressText = await dialog.getByTestId('import-progress').innerText();
      expect(progressText).toContain('1 of 1 item');
      expect(progressText).toMatch(/\d+\.\d of \d+\.\d MB/);
      expect(await dialog.getByRole('button', { name: 'Cancel' }).isEnabled()).toBe(true);
      // Escape does not close the dialog while the import runs.
      await p.keyboard.press('Escape');
      expect(await importDialog(p).isVisible()).toBe(true);
      await p.waitForTimeout(300); // let the bar's width transition end before the screenshot
      await p.screenshot({ path: path.join(artifactsDir, 'import-progress.png') });
    } finally {
      release();
    }
    await dialog.getByTestId('import-summary').waitFor({ state: 'visible', timeout: 60_000 });
    await p.unroute('**/api/call/importFiles');
    expect(await countOf(dialog, 'imported')).toBe('0');
    expect(await countOf(dialog, 'unchanged')).toBe('1');
    const rows = await summaryRows(dialog);
    expect(rows.map((r) => [r[0], r[4]])).toEqual([[sampleName, 'Unchanged']]);

    // Escape closes the dialog when no import is running.
    await p.keyboard.press('Escape');
    await importDialog(p).waitFor({ state: 'detached', timeout: 10_000 });
    const gridRows = await readGridRows(p);
    expect(gridRows.filter((r) => r.cells['name'] === sampleName)).toHaveLength(1);
  });

  it('lists errors and skipped files with their reasons', async () => {
    const p = currentPage();
    const dialog = await openImportDialog(p);
    await goToFolder(dialog, badFolder);
    await dialog.getByRole('checkbox', { name: 'Select broken.fcs' }).check();
    await dialog.getByRole('checkbox', { name: 'Select notes.txt' }).check();
    const selection = await dialog.getByTestId('import-selection').innerText();
    expect(selection).toContain(path.join(badFolder, 'broken.fcs'));
    expect(selection).toContain(path.join(badFolder, 'notes.txt'));
    // A selected entry can be removed again from the list.
    await dialog.getByRole('button', { name: `Remove ${path.join(badFolder, 'notes.txt')}` }).click();
    expect(await dialog.getByRole('checkbox', { name: 'Select notes.txt' }).isChecked()).toBe(false);
    await dialog.getByRole('checkbox', { name: 'Select notes.txt' }).check();

    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByTestId('import-summary').waitFor({ state: 'visible', timeout: 60_000 });
    expect(await countOf(dialog, 'errors')).toBe('1');
    expect(await countOf(dialog, 'skipped')).toBe('1');
    expect(await dialog.getByTestId('import-errors').innerText()).toMatch(/broken\.fcs — .*not an FCS file/);
    expect(await dialog.getByTestId('import-skipped').innerText()).toMatch(/notes\.txt — \S/);
    await p.screenshot({ path: path.join(artifactsDir, 'import-errors.png') });

    await dialog.getByRole('button', { name: 'Close' }).click();
    await importDialog(p).waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('disables Import… on the read-only Demo library, saying why', async () => {
    const p = currentPage();
    await p.getByRole('button', { name: 'Demo library' }).click();
    await p.getByTestId('demo-badge').waitFor({ state: 'visible', timeout: 20_000 });
    const button = p.getByTestId('import-button');
    await waitFor(() => button.getAttribute('aria-disabled'), (v) => v === 'true', 'Import… disabled', 10_000);
    expect(await button.isDisabled()).toBe(true); // Playwright counts aria-disabled as disabled
    expect(await button.getAttribute('title')).toMatch(/read-only/);
    await button.click({ force: true }); // still focusable and clickable (for its tooltip), but opens nothing
    expect(await importDialog(p).count()).toBe(0);
    await p.getByRole('button', { name: 'My library' }).click();
    await waitFor(() => button.getAttribute('aria-disabled'), (v) => v === 'false', 'Import… enabled again', 10_000);
  });

  it('had no CSP violations or page errors', () => {
    expect(pageProblems).toEqual([]);
  });
});
