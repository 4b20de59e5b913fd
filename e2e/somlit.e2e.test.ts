/**
 * SOMLIT lab entries, end to end in browser mode and in French: a technician types a whole sampling row into the
 * blank row of the entry grid with the keyboard only (site, date dd/mm/yyyy, time 9h30, tide, level, depth, then
 * values with decimal commas and their q codes); every cell is stored as a change event the service returns. The
 * q code's meaning shows on hover in French. A value outside its plausible range is not saved until it gets code 3
 * and a comment; Ctrl+Z undoes it; a pasted block with a bad cell changes nothing and names the cell.
 * Needs `npx vite build` first.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SomlitAuditEvent, SomlitEntryView } from '../shared/api/somlit-contract.js';
import { repoRoot } from './support/start-browser-mode.js';
import type { BrowserModeServer } from './support/start-browser-mode.js';
import { waitFor } from './support/wait-for.js';
import { startWorkstationSession } from './support/workstation-session.js';
import type { WorkstationSession } from './support/workstation-session.js';
import { callOperation } from './support/call-operation.js';

const artifactsDir = path.join(repoRoot, 'e2e', 'artifacts');

let home = '';
let server: BrowserModeServer | undefined;
let session: WorkstationSession | undefined;
let page: Page | undefined;
let pageProblems: string[] = [];

function currentPage(): Page {
  if (!page) throw new Error('page not open');
  return page;
}

async function call<T>(operation: string, body: unknown): Promise<T> {
  return callOperation<T>(server!, operation, body);
}

const entries = async () => (await call<{ entries: SomlitEntryView[] }>('somlitListEntries', {})).entries;
const grid = () => currentPage().getByTestId('somlit-grid');
const cell = (rowId: string, colId: string) => grid().locator(`.ag-row[row-id="${rowId}"] .ag-cell[col-id="${colId}"]`).first();

/** The row id of the first sampling of the grid, once the grid shows it. */
async function firstRowId(): Promise<string> {
  return (await waitFor(() => grid().locator('.ag-row:not(.cc-somlit-blank)').first().getAttribute('row-id'), (id) => !!id, 'a sampling row'))!;
}

/** Types into the focused grid cell as a person would (a short pause per key), then presses `then`. */
async function typeCell(text: string, then: 'Tab' | 'Enter') {
  const p = currentPage();
  await p.keyboard.type(text, { delay: 25 });
  await p.keyboard.press(then);
}

describe('SOMLIT entry grid', () => {
  beforeAll(async () => {
    await fs.access(path.join(repoRoot, 'dist', 'renderer', 'index.html')).catch(() => {
      throw new Error('dist/renderer/index.html missing: run `npx vite build` before the e2e tests');
    });
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'cytocurator-e2e-somlit-'));
    session = await startWorkstationSession(home, { width: 1600, height: 1000 });
    server = session.server;
    page = session.page;
    pageProblems = session.problems;
    // An empty default library offers the Demo library: decline it for good, so it never covers the grid.
    await call('dismissDemoOffer', {});
  });

  afterAll(async () => {
    await session?.close();
    if (home) await fs.rm(home, { recursive: true, force: true }).catch(() => undefined);
  });

  it('enters a sampling row with the keyboard only, in French', async () => {
    const p = currentPage();
    await session!.open();
    await p.getByTestId('language-fr').click();
    await p.getByTestId('view-somlit').click();
    await waitFor(() => p.getByTestId('view-somlit').innerText(), (t) => t === 'SOMLIT', 'the SOMLIT view button');
    await p.getByTestId('somlit-type-hydro').click();
    expect(await p.getByTestId('somlit-type-hydro').innerText()).toBe('Hydrologie');
    const blank = grid().locator('.ag-row.cc-somlit-blank').first();
    await blank.waitFor({ state: 'visible', timeout: 20_000 });
    const blankId = (await blank.getAttribute('row-id'))!;
    const headers = await grid().locator('.ag-header-cell-text').allInnerTexts();
    expect(headers.slice(0, 9)).toEqual(['Site (ID_SITE)', 'Date', 'Heure', 'Coef. marée', 'Marée', 'Niveau (PROF_TEXT)', 'Profondeur (m)', 'T (°C)', 'qT']);

    await cell(blankId, 'f:site').click();
    await typeCell('11', 'Tab');
    await typeCell('14/05/2026', 'Tab');
    await typeCell('9h30', 'Tab');
    await typeCell('70', 'Tab');
    await typeCell('PM', 'Tab');
    await typeCell('S', 'Tab');
    await typeCell('1', 'Tab');
    await typeCell('18,4', 'Tab');
    await typeCell('2', 'Tab');
    await typeCell('38,1', 'Tab');
    await typeCell('6', 'Enter');

    const saved = await waitFor(entries, (e) => e.length === 1 && e[0]!.values['S']?.code === '6', 'the entry with S and qS saved', 20_000);
    const entry = saved[0]!;
    expect(entry.fields).toEqual({ site: '11', date: '2026-05-14', time: '09:30:00', tideCoefficient: 70, tide: 'PM', depthLevel: 'S', depth: 1 });
    expect(entry.values).toEqual({
      T: { value: 18.4, code: '2', comment: null, source: null },
      S: { value: 38.1, code: '6', comment: null, source: null },
    });
    // Every cell edit was its own change event: 7 fields, T (qT 2 was already its code), S, then qS 6
    const audit = (await call<{ events: SomlitAuditEvent[] }>('somlitEntryAudit', { entryId: entry.id })).events;
    expect(audit.filter((e) => e.target.kind === 'somlit-entry')).toHaveLength(7);
    expect(audit.filter((e) => e.target.kind === 'somlit-value').map((e) => e.target.group)).toEqual(['T', 'S', 'S']);
    expect(new Set(audit.map((e) => e.changeset)).size).toBe(audit.length);

    // The row shows French numbers and the site with its name; a new blank row follows it
    await waitFor(() => cell(blankId, 'v:T').innerText(), (t) => t === '18,4', 'T in the grid');
    expect(await cell(blankId, 'f:site').innerText()).toBe('11 — Frioul');
    expect(await cell(blankId, 'f:date').innerText()).toBe('2026-05-14');
    await grid().locator('.ag-row.cc-somlit-blank').first().waitFor({ state: 'visible' });

    // The meaning of a q code on hover, in French
    await cell(blankId, 'q:S').hover();
    await waitFor(() => cell(blankId, 'q:S').getAttribute('title'), (t) => t === 'q6 : Bonne donnée, moyenne de plusieurs réplicats', 'the q code title');
    await cell(blankId, 'q:S').click();
    expect(await p.getByTestId('somlit-code-meaning').innerText()).toBe('q6 : Bonne donnée, moyenne de plusieurs réplicats');
  });

  it('asks for code 3 or 4 and a comment for a value outside its range, and Ctrl+Z undoes it', async () => {
    const p = currentPage();
    const [entry] = await entries();
    const rowId = await firstRowId();
    await cell(rowId, 'v:T').click();
    await typeCell('45', 'Enter');
    await waitFor(() => cell(rowId, 'v:T').getAttribute('class'), (c) => (c ?? '').includes('cc-somlit-draft'), 'the T cell drawn as a draft');
    await cell(rowId, 'v:T').click();
    expect(await p.getByTestId('somlit-problems').innerText()).toMatch(/T = 45 °C est hors de la plage plausible -2 à 32 : utilisez le code 3 \(douteuse\) ou 4 \(mauvaise\)/);
    expect((await entries())[0]!.values['T']).toMatchObject({ value: 18.4, code: '2' });

    await cell(rowId, 'q:T').click();
    await typeCell('3', 'Enter');
    await cell(rowId, 'v:T').click();
    await waitFor(() => p.getByTestId('somlit-problems').innerText(), (t) => /le code 3 demande un commentaire/.test(t), 'the comment asked for');
    await p.getByTestId('somlit-comment').fill('canicule, mesure vérifiée deux fois');
    await p.getByTestId('somlit-comment').press('Enter');
    await waitFor(entries, (e) => e[0]!.values['T']?.value === 45, 'T = 45 saved with code 3 and its comment');
    expect((await entries())[0]!.values['T']).toEqual({ value: 45, code: '3', comment: 'canicule, mesure vérifiée deux fois', source: null });

    await cell(rowId, 'f:time').click();
    await p.keyboard.press('Control+z');
    await waitFor(entries, (e) => e[0]!.values['T']?.value === 18.4, 'T back to 18.4 after Ctrl+Z');
    const audit = (await call<{ events: SomlitAuditEvent[] }>('somlitEntryAudit', { entryId: entry!.id })).events;
    expect(audit.at(-1)).toMatchObject({ action: 'undo', target: { kind: 'somlit-value', group: 'T' }, after: { value: 18.4, code: '2' } });
  });

  it('refuses a pasted block with a bad cell, naming it, and changes nothing', async () => {
    const p = currentPage();
    const rowId = await firstRowId();
    await cell(rowId, 'v:O').click();
    // O, qO, PH, qPH: pH 7,9 with the code "Z"
    await p.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', '5,6\t2\t7,9\tZ\n');
      document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    const problems = p.getByTestId('somlit-paste-problems');
    await problems.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await problems.locator('li').allInnerTexts()).toEqual(['Ligne 1, qPH — PH : « Z » n’est pas un code qualité SOMLIT (0 à 9)']);
    expect((await entries())[0]!.values['O']).toBeUndefined();

    await p.getByRole('button', { name: 'Fermer' }).click();
    await cell(rowId, 'v:O').click();
    await p.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', '5,6\t2\t7,9\t2\n');
      document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await waitFor(entries, (e) => e[0]!.values['PH']?.value === 7.9, 'the pasted block saved');
    expect((await entries())[0]!.values['O']).toMatchObject({ value: 5.6, code: '2' });

    await fs.mkdir(artifactsDir, { recursive: true });
    await p.screenshot({ path: path.join(artifactsDir, 'somlit.png') });
    expect(pageProblems).toEqual([]);
  });

  it('exports the hydro file of the view from its dialog, and offers cytometry links only from gated samples', async () => {
    const p = currentPage();
    const rowId = await firstRowId();
    await cell(rowId, 'v:T').click();
    await p.getByTestId('somlit-link').click();
    const link = p.getByTestId('somlit-link-dialog');
    await waitFor(() => link.innerText(), (t) => t.includes('Aucun échantillon fenêtré près de cette date'), 'no gated sample to link');
    await link.getByRole('button', { name: 'Fermer' }).click();

    await p.getByTestId('somlit-export').click();
    await p.getByTestId('somlit-export-folder').fill(home);
    await p.getByTestId('somlit-export-dialog').getByRole('button', { name: 'Exporter' }).click();
    const report = p.getByTestId('somlit-export-report');
    await report.waitFor({ state: 'visible', timeout: 10_000 });
    const written = (await fs.readdir(home)).filter((f) => /^Somlit_Extraction_hydro_\d{8}_\d{6}_[0-9a-f]{8}\.csv$/.test(f));
    expect(written).toHaveLength(1);
    const lines = (await fs.readFile(path.join(home, written[0]!), 'utf8')).split('\r\n');
    expect(lines[2]!.startsWith('ID_SITE;DATE;HEURE;COEF_MAREE;MAREE;PROF_TEXT;PROF_NUM;nomSite*;gpsLat*;gpsLong*;T;qT;S;qS;O;qO;PH;qPH;')).toBe(true);
    expect(lines[4]!.startsWith('11;2026-05-14;09:30:00;70;PM;S;1;Frioul;43.2417;5.29167;18.4;2;38.1;6;5.6;2;7.9;2;999999;9;')).toBe(true);
    expect(await report.innerText()).toContain('lignes écrites : 1');
    expect(pageProblems).toEqual([]);
  });
});
