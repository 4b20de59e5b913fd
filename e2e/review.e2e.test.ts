/**
 * Visual quality control, the review part, end to end in browser mode: a library built with the real CLI
 * from the real Cefas export and 130 generated CytoClus samples (more than one block of the grid). Open the
 * Cefas sample (metadata, provenance), flag it 4 and approve it with the keyboard, read both in the audit,
 * undo the approval from the audit; filter the table to "STATION A" and flag all 65 matching samples 3 (the
 * confirmation names the full count, and the request carries the query, not loaded ids), checked through the
 * CLI; switch to French. Screenshots go to e2e/artifacts/. Needs `npx vite build` first.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGridRows } from './support/grid-rows.js';
import { writeCytoClusSamples } from './support/make-cytoclus-samples.js';
import { runCli } from './support/run-cli.js';
import { repoRoot } from './support/start-browser-mode.js';
import type { BrowserModeServer } from './support/start-browser-mode.js';
import { waitFor } from './support/wait-for.js';
import { startWorkstationSession } from './support/workstation-session.js';
import type { WorkstationSession } from './support/workstation-session.js';
import { callOperation } from './support/call-operation.js';

const artifactsDir = path.join(repoRoot, 'e2e', 'artifacts');
const cefasFolder = path.resolve(repoRoot, '../shared/fixtures/real/ecotaxa-pipeline/cefas');
const cefasName = 'Pond_NA 2023-05-24 09h23';

let home = '';
let server: BrowserModeServer | undefined;
let session: WorkstationSession | undefined;
let page: Page | undefined;
let pageProblems: string[] = [];
const flagRequests: unknown[] = [];

function currentPage(): Page {
  if (!page) throw new Error('page not open');
  return page;
}

async function call<T>(operation: string, body: unknown): Promise<T> {
  return callOperation<T>(server!, operation, body);
}

async function search(p: Page, text: string, expectedTotal: string): Promise<void> {
  const field = p.getByTestId('filter-search');
  await field.fill(text);
  await field.press('Enter');
  await waitFor(() => p.getByTestId('filter-total').innerText(), (t) => t === expectedTotal, `the filter total "${expectedTotal}"`, 15_000);
}

function panel(p: Page): Locator {
  return p.getByTestId('sample-panel');
}

describe('review', () => {
  beforeAll(async () => {
    await fs.access(path.join(repoRoot, 'dist', 'renderer', 'index.html')).catch(() => {
      throw new Error('dist/renderer/index.html missing: run `npx vite build` before the e2e tests');
    });
    await fs.access(path.join(cefasFolder, `${cefasName}_Info.txt`)).catch(() => {
      throw new Error(`the real Cefas fixture is missing: ${cefasFolder}`);
    });
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'cytocurator-e2e-review-'));
    const generated = path.join(home, 'generated-exports');
    await writeCytoClusSamples(generated, ['A', 'B'], 65);
    const imported = await runCli(['import', cefasFolder, generated, '--json'], home);
    expect(imported.code, imported.stderr).toBe(0);
    const report = JSON.parse(imported.stdout) as { samples: { status: string }[] };
    expect(report.samples.filter((s) => s.status === 'imported')).toHaveLength(131);

    session = await startWorkstationSession(home);
    server = session.server;
    page = session.page;
    pageProblems = session.problems;
    page.on('request', (req) => {
      if (req.url().endsWith('/api/call/flagSamples')) flagRequests.push(req.postDataJSON());
    });
  });

  afterAll(async () => {
    await session?.close();
    if (home) await fs.rm(home, { recursive: true, force: true }).catch(() => undefined);
  });

  it('lists the library with the review columns', async () => {
    const p = currentPage();
    await session!.open();
    await waitFor(() => p.getByTestId('sample-count').innerText(), (t) => t === '131 samples', 'the status bar count', 20_000);
    await waitFor(() => p.getByTestId('filter-total').innerText(), (t) => t === '131 samples', 'the filter total', 20_000);
    const rows = await waitFor(() => readGridRows(p), (r) => r.length > 10, 'grid rows', 20_000);
    expect(rows[0]!.cells['reviewState']).toBe('Unreviewed');
    const headers = await p.locator('[data-testid="sample-grid"] .ag-header-cell-text').allInnerTexts();
    expect(headers).toEqual(expect.arrayContaining(['Flag', 'Review', 'Reviewer', 'Comment']));
  });

  it('opens the Cefas sample with its metadata and provenance', async () => {
    const p = currentPage();
    await search(p, 'Pond_NA', '1 sample');
    const row = p.locator('[data-testid="sample-grid"] .ag-row[row-id] [col-id="name"]', { hasText: cefasName });
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    await row.dblclick();
    await panel(p).waitFor({ state: 'visible', timeout: 10_000 });
    await waitFor(() => p.getByTestId('sample-name').innerText(), (t) => t === cefasName, 'the sample name in the panel', 10_000);
    expect(await p.getByTestId('sample-time').innerText()).toBe('2023-05-24 08:26:01 UTC');
    expect(await panel(p).innerText()).toContain('PARTIAL');

    const metadata = p.getByTestId('sample-metadata');
    expect(await metadata.locator('[data-testid="source-metadata"] .cc-kv-row').count()).toBeGreaterThan(3);
    expect(await metadata.innerText()).toMatch(/Events\s+817/);

    const provenance = p.getByTestId('sample-provenance');
    const hashes = await provenance.locator('[data-sha256]').evaluateAll((cells) => cells.map((c) => c.getAttribute('title') ?? ''));
    expect(hashes.length).toBeGreaterThan(0);
    for (const h of hashes) expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(await provenance.innerText()).toMatch(/Pond_NA 2023-05-24 09h23_Info\.txt/);
    expect(await p.getByTestId('import-version').innerText()).toBe('1');
  });

  it('flags 4 and approves with the keyboard, both in the audit', async () => {
    const p = currentPage();
    // The panel took the focus when it opened: the review keys act on its sample.
    await p.keyboard.press('4');
    await p.locator('[data-testid="sample-flag"] [data-flag="4"]').waitFor({ state: 'visible', timeout: 10_000 });
    await p.keyboard.press('a');
    await p.locator('[data-testid="sample-review"] [data-review="approved"]').waitFor({ state: 'visible', timeout: 10_000 });

    const audit = p.getByTestId('sample-audit');
    await audit.locator('tr[data-action="flag"]').waitFor({ state: 'visible', timeout: 10_000 });
    await audit.locator('tr[data-action="approve"]').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await audit.locator('tr[data-action="flag"]').innerText()).toContain('4 (bad value)');
    expect(await audit.locator('tr[data-action="approve"]').innerText()).toMatch(/Unreviewed → Approved/);

    // The grid row follows (the service emits nothing for actions: the grid refreshed itself).
    await waitFor(
      () => readGridRows(p).then((r) => r.find((x) => x.cells['name'] === cefasName)?.cells ?? {}),
      (c) => c['flag'] === '4' && c['reviewState'] === 'Approved',
      'the grid row flagged and approved',
      10_000,
    );
    await p.mouse.move(0, 0);
    await p.screenshot({ path: path.join(artifactsDir, 'review-sample.png') });
  });

  it('undoes the approval from the audit', async () => {
    const p = currentPage();
    const audit = p.getByTestId('sample-audit');
    await audit.locator('tr[data-action="approve"] [data-testid="audit-undo"]').click();
    await audit.locator('tr[data-action="undo"]').waitFor({ state: 'visible', timeout: 10_000 });
    await p.locator('[data-testid="sample-review"] [data-review="unreviewed"]').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await audit.locator('tr[data-action="approve"]').innerText()).toContain('undone');
    // The flag stays: only the approval was undone.
    expect(await p.locator('[data-testid="sample-flag"] [data-flag="4"]').count()).toBe(1);
    const { events } = await call<{ events: { action: string }[] }>('getAudit', { sampleId: (await panel(p).getAttribute('data-sample-id'))! });
    expect(events.map((e) => e.action).sort()).toEqual(['approve', 'flag', 'undo']);
    await p.screenshot({ path: path.join(artifactsDir, 'review-undo.png') });
  });

  it('moves through the filtered list with j and k, asking the service', async () => {
    const p = currentPage();
    await p.keyboard.press('Escape');
    await panel(p).waitFor({ state: 'detached', timeout: 10_000 });
    await search(p, 'STATION A', '65 samples');
    const first = p.locator('[data-testid="sample-grid"] .ag-row[row-index="0"] [col-id="name"]');
    await waitFor(() => first.innerText(), (t) => t.startsWith('STATION A'), 'the first STATION A row', 10_000);
    await first.dblclick();
    await waitFor(() => p.getByTestId('sample-position').innerText(), (t) => t === '1 of 65', 'position 1 of 65', 10_000);
    await p.keyboard.press('j');
    await waitFor(() => p.getByTestId('sample-position').innerText(), (t) => t === '2 of 65', 'position 2 of 65', 10_000);
    await p.keyboard.press('k');
    await waitFor(() => p.getByTestId('sample-position').innerText(), (t) => t === '1 of 65', 'back to 1 of 65', 10_000);
    await p.keyboard.press('?');
    await p.getByTestId('help-overlay').waitFor({ state: 'visible', timeout: 5_000 });
    await p.screenshot({ path: path.join(artifactsDir, 'review-help.png') });
    await p.keyboard.press('Escape');
    await p.getByTestId('help-overlay').waitFor({ state: 'detached', timeout: 5_000 });
    await p.keyboard.press('Escape');
    await panel(p).waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('flags all 65 samples matching the filter, after confirming the full count', async () => {
    const p = currentPage();
    await p.getByTestId('scope-matching').check();
    expect(await p.getByTestId('bulk-bar').innerText()).toContain('all 65 samples matching the filter');
    await p.getByTestId('bulk-flag').click();
    await p.getByRole('menuitem', { name: '3 — probably bad value' }).click();
    const dialog = p.getByTestId('action-dialog');
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await dialog.getByTestId('action-count').innerText()).toBe('This will change 65 samples. Continue?');
    await dialog.getByRole('textbox').fill('turbid water at station A');
    await p.screenshot({ path: path.join(artifactsDir, 'review-bulk-confirm.png') });
    await dialog.getByTestId('action-confirm').click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    const toast = p.getByTestId('toast');
    await waitFor(() => toast.innerText(), (t) => t.includes('Flagged 65 samples'), 'the toast', 20_000);
    expect(await toast.getByRole('button', { name: 'Undo' }).isVisible()).toBe(true);

    // The request named the filter, not the loaded rows.
    expect(flagRequests.at(-1)).toMatchObject({ selection: { query: { search: 'STATION A' } }, flag: { scheme: 'L20', code: '3' } });
    expect(JSON.stringify(flagRequests.at(-1))).not.toContain('"ids"');

    await waitFor(
      () => readGridRows(p),
      (r) => r.length > 0 && r.every((x) => x.cells['flag'] === '3'),
      'the grid rows flagged 3',
      10_000,
    );
    await p.mouse.move(0, 0);
    await p.screenshot({ path: path.join(artifactsDir, 'review-bulk-done.png') });

    const cli = await runCli(['samples', '--flag', '3', '--limit', '1000', '--json'], home);
    expect(cli.code, cli.stderr).toBe(0);
    const listed = JSON.parse(cli.stdout) as { total: number; samples: { name: string; flag: string | null; comment: string | null }[] };
    expect(listed.total).toBe(65);
    expect(listed.samples.every((s) => s.name.startsWith('STATION A ') && s.flag === '3')).toBe(true);
    const stationB = await call<{ total: number; rows: { flag: unknown }[] }>('listSamples', { search: 'STATION B', limit: 1000 });
    expect(stationB.total).toBe(65);
    expect(stationB.rows.every((r) => r.flag === null)).toBe(true);
  });

  it('switches the interface to French', async () => {
    const p = currentPage();
    await p.getByTestId('language-fr').click();
    const header = p.locator('[data-testid="sample-grid"] .ag-header-cell[col-id="reviewState"] .ag-header-cell-text');
    await waitFor(() => header.innerText(), (t) => t === 'Revue', 'the French review column header', 10_000);
    expect(await p.getByTestId('sample-count').innerText()).toBe('131 échantillons');
    expect(await p.getByTestId('bulk-bar').innerText()).toContain('Approuver');
    expect(await p.getByTestId('bulk-bar').innerText()).toContain('À revoir');
    await p.getByTestId('toast').waitFor({ state: 'detached', timeout: 15_000 });
    await p.screenshot({ path: path.join(artifactsDir, 'review-french.png') });
    // Remembered: a reload stays in French.
    await p.reload();
    await waitFor(() => p.getByTestId('sample-count').innerText(), (t) => t === '131 échantillons', 'French after reload', 20_000);
  });

  it('had no CSP violations or page errors', () => {
    expect(pageProblems).toEqual([]);
  });
});
