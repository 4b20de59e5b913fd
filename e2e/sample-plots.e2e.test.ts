/**
 * Cytograms, gallery and pulse shape in the sample view, end to end in browser mode: a library built with the real
 * CLI from the real Cefas export (817 imaged particles, 4 of them with images, pulses for all). Open the sample;
 * the first section draws cytograms on canvas (pixels checked), the gallery lists the 4 images and the particles
 * without one; a rectangle drawn on a cytogram filters the gallery and "Clear region" restores it; clicking an image
 * marks the particle on the cytograms and draws its pulse shape. Nothing in the panel scrolls sideways. Screenshots
 * go to e2e/artifacts/. Needs `npx vite build` first.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/launch-chromium.js';
import { runCli } from './support/run-cli.js';
import { repoRoot, startBrowserMode } from './support/start-browser-mode.js';
import type { BrowserModeServer } from './support/start-browser-mode.js';
import { waitFor } from './support/wait-for.js';

const artifactsDir = path.join(repoRoot, 'e2e', 'artifacts');
const cefasFolder = path.resolve(repoRoot, '../shared/fixtures/real/ecotaxa-pipeline/cefas');
const cefasName = 'Pond_NA 2023-05-24 09h23';

let home = '';
let server: BrowserModeServer | undefined;
let browser: Browser | undefined;
let page: Page | undefined;
const pageProblems: string[] = [];

function currentPage(): Page {
  if (!page) throw new Error('page not open');
  return page;
}

function plots(p: Page): Locator {
  return p.getByTestId('sample-plots');
}

/** How many non-transparent pixels a canvas has, and how many distinct colours among them (read back in the page). */
function canvasInk(canvas: Locator): Promise<{ inked: number; colours: number; width: number; dataUrlLength: number }> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const ctx = c.getContext('2d');
    if (!ctx || c.width === 0 || c.height === 0) return { inked: 0, colours: 0, width: c.width, dataUrlLength: 0 };
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    let inked = 0;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3]! === 0) continue;
      inked++;
      if (colours.size < 64) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    }
    return { inked, colours: colours.size, width: c.width, dataUrlLength: c.toDataURL().length };
  });
}

/** Scrolls the sample view so `locator` sits just below its sticky header. */
async function scrollPanelTo(p: Page, locator: Locator): Promise<void> {
  await locator.evaluate((target) => {
    const panel = target.closest('[data-testid="sample-panel"]');
    const head = panel?.querySelector('.cc-panel-head');
    if (!panel || !head) return;
    const offset = target.getBoundingClientRect().top - panel.getBoundingClientRect().top;
    panel.scrollTop += offset - head.getBoundingClientRect().height - 8;
  });
}

async function galleryCount(p: Page): Promise<string> {
  return (await plots(p).getByTestId('gallery-count').innerText()).trim();
}

describe('sample plots', () => {
  beforeAll(async () => {
    await fs.access(path.join(repoRoot, 'dist', 'renderer', 'index.html')).catch(() => {
      throw new Error('dist/renderer/index.html missing: run `npx vite build` before the e2e tests');
    });
    await fs.access(path.join(cefasFolder, `${cefasName}_Info.txt`)).catch(() => {
      throw new Error(`the real Cefas fixture is missing: ${cefasFolder}`);
    });
    await fs.mkdir(artifactsDir, { recursive: true });
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'cytocurator-e2e-plots-'));
    const imported = await runCli(['import', cefasFolder, '--json'], home);
    expect(imported.code, imported.stderr).toBe(0);
    const report = JSON.parse(imported.stdout) as { samples: { status: string }[] };
    expect(report.samples.filter((s) => s.status === 'imported')).toHaveLength(1);

    server = await startBrowserMode({ home });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
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

  it('opens the Cefas sample with its cytograms first', async () => {
    const p = currentPage();
    await p.goto(server!.url);
    const notNow = p.getByRole('button', { name: 'Not now' });
    if (await notNow.isVisible().catch(() => false)) await notNow.click();
    const row = p.locator('[data-testid="sample-grid"] .ag-row[row-id] [col-id="name"]', { hasText: cefasName });
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await row.dblclick();
    await p.getByTestId('sample-panel').waitFor({ state: 'visible', timeout: 10_000 });
    await waitFor(() => p.getByTestId('sample-name').innerText(), (t) => t === cefasName, 'the sample name in the panel', 10_000);

    // The plots are the first section
    const sections = await p.locator('[data-testid="sample-panel"] .cc-panel-section').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(sections[0]).toBe('sample-plots');
    expect(await plots(p).locator('summary').textContent()).toContain('Cytograms and images');

    // Cytograms drawn on canvas
    const canvases = plots(p).locator('[data-testid="cytogram"] canvas');
    await waitFor(() => canvases.count(), (n) => n >= 1, 'a cytogram canvas', 20_000);
    const ink = await waitFor(() => canvasInk(canvases.first()), (i) => i.inked > 1000 && i.colours > 3, 'a drawn cytogram', 15_000);
    expect(ink.dataUrlLength).toBeGreaterThan(3000);

    // Bookkeeping columns are not offered as axes
    const options = await plots(p).locator('[data-testid="axis-picker-x"] select').first().locator('option').allInnerTexts();
    expect(options).toContain('FWS Total');
    expect(options).not.toContain('Sample Length');
    expect(options).not.toContain('Arrival Time');
  });

  it('fits the plots and the gallery in the panel without sideways scrolling', async () => {
    const p = currentPage();
    const panel = p.getByTestId('sample-panel');
    const sizes = await panel.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(sizes.scroll).toBeLessThanOrEqual(sizes.client);
    const panelBox = (await panel.boundingBox())!;
    const cardBox = (await plots(p).getByTestId('cytogram-card').first().boundingBox())!;
    const galleryBox = (await plots(p).getByTestId('gallery').boundingBox())!;
    expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(panelBox.x + panelBox.width);
    expect(galleryBox.x + galleryBox.width).toBeLessThanOrEqual(panelBox.x + panelBox.width);
    // The table keeps a usable share of the window
    const grid = (await p.getByTestId('sample-grid').boundingBox())!;
    expect(grid.width).toBeGreaterThan(500);
  });

  it('lists the 4 images and the imaged particles without one', async () => {
    const p = currentPage();
    await waitFor(() => galleryCount(p), (t) => /^4 images, [\d,]+ missing$/.test(t), 'the gallery count', 20_000);
    const tiles = plots(p).getByTestId('gallery-tile');
    await waitFor(() => tiles.count(), (n) => n === 4, '4 image tiles', 10_000);
    await waitFor(() => plots(p).locator('[data-testid="gallery-tile"] img').count(), (n) => n === 4, '4 loaded images', 15_000);
    expect(await plots(p).getByTestId('gallery-missing-tile').count()).toBeGreaterThan(0);
    expect(await plots(p).getByTestId('gallery-missing-tile').first().innerText()).toContain('no image');
  });

  it('filters the gallery to a rectangle drawn on a cytogram, and clears it', async () => {
    const p = currentPage();
    const before = await galleryCount(p);
    const overlay = plots(p).locator('[data-testid="cytogram"] svg.cc-plot-overlay').first();
    const frame = (await overlay.locator('rect.cc-plot-frame').boundingBox())!;
    // The lower-left quarter of the plot: fewer particles than the whole sample
    const x0 = frame.x + frame.width * 0.05;
    const y0 = frame.y + frame.height * 0.55;
    const x1 = frame.x + frame.width * 0.5;
    const y1 = frame.y + frame.height * 0.95;
    await p.mouse.move(x0, y0);
    await p.mouse.down();
    await p.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, { steps: 4 });
    await p.mouse.move(x1, y1, { steps: 4 });
    await p.mouse.up();
    const bar = plots(p).getByTestId('region-bar');
    await bar.waitFor({ state: 'visible', timeout: 10_000 });
    await waitFor(() => bar.innerText(), (t) => /Region on cytogram 1: [\d,]+ particles?/.test(t), 'the region count', 15_000);
    await plots(p).getByTestId('cytogram-region').waitFor({ state: 'visible', timeout: 5_000 });
    const filtered = await waitFor(() => galleryCount(p), (t) => t.endsWith('in the region'), 'the gallery filtered to the region', 15_000);
    expect(filtered).not.toBe(before);
    await p.mouse.move(0, 0);
    await scrollPanelTo(p, plots(p).locator('.cc-plots-toolbar'));
    await p.screenshot({ path: path.join(artifactsDir, 'sample-plots-region.png') });

    await plots(p).getByTestId('region-clear').click();
    await bar.waitFor({ state: 'detached', timeout: 5_000 });
    await waitFor(() => galleryCount(p), (t) => t === before, 'the gallery count restored', 15_000);
    expect(await plots(p).getByTestId('cytogram-region').count()).toBe(0);
  });

  it('marks a clicked image on the cytograms and draws its pulse shape', async () => {
    const p = currentPage();
    const tile = plots(p).getByTestId('gallery-tile').first();
    const particleId = await tile.getAttribute('data-particle-id');
    await tile.click();
    expect(await tile.getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => plots(p).getByTestId('selected-particle').innerText(), (t) => t.includes(`Particle ${particleId}`), 'the selected particle', 10_000);
    await plots(p).getByTestId('cytogram-marker').first().waitFor({ state: 'visible', timeout: 10_000 });

    const pulse = plots(p).getByTestId('pulse-shape');
    await pulse.waitFor({ state: 'visible', timeout: 10_000 });
    const lines = pulse.locator('path.cc-pulse-line');
    expect(await lines.count()).toBeGreaterThanOrEqual(2);
    const lengths = await lines.evaluateAll((paths) => paths.map((el) => (el.getAttribute('d') ?? '').length));
    for (const n of lengths) expect(n).toBeGreaterThan(20);
    const legend = await pulse.getByTestId('pulse-legend').innerText();
    expect(legend).toContain('FWS');
    expect(legend).toContain('Fl Red');

    // Screenshots: the cytograms with the particle marked and the gallery, then the pulse shape
    await p.mouse.move(0, 0);
    await scrollPanelTo(p, plots(p).locator('.cc-plots-row').first());
    await p.screenshot({ path: path.join(artifactsDir, 'sample-plots.png') });
    await scrollPanelTo(p, plots(p).getByTestId('gallery'));
    await p.screenshot({ path: path.join(artifactsDir, 'sample-plots-pulse.png') });
  });

  it('speaks French', async () => {
    const p = currentPage();
    await p.getByTestId('language-fr').click();
    await waitFor(() => plots(p).locator('summary').textContent(), (t) => (t ?? '').includes('Cytogrammes et images'), 'the French section title', 10_000);
    expect(await plots(p).getByTestId('region-clear').count()).toBe(0);
    const count = await galleryCount(p);
    expect(count).toMatch(/^4 images, [\d\s\u202f\u00a0,]+ manquantes$/);
    expect(await plots(p).getByTestId('gallery').innerText()).toContain('Luminosité');
    expect(await plots(p).getByTestId('gallery').innerText()).toContain('Contraste');
    expect(await plots(p).getByTestId('pulse-card').innerText()).toContain('Forme d’impulsion');
    await p.getByTestId('language-en').click();
    await waitFor(() => plots(p).locator('summary').textContent(), (t) => (t ?? '').includes('Cytograms and images'), 'English again', 10_000);
  });

  it('had no CSP violations or page errors', () => {
    expect(pageProblems).toEqual([]);
  });
});
