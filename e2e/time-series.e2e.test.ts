/**
 * Visual quality control over time, end to end in browser mode: a library built with the real CLI from ten
 * generated CytoClus samples, each with a Synechococcus set export beside its default list-mode file (and a
 * Picoeukaryotes set on some), and an Info file giving the measurement date and the analysed volume. Open the
 * Time series view, pick Synechococcus, brush four points, flag them 4 (the points turn red; the service
 * has exactly those samples flagged), undo from the toast and flag again, hover and click a point to open
 * its sample, and reload (the view and the group are remembered). Screenshots go to e2e/artifacts/.
 * Needs `npx vite build` first.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { repoRoot } from './support/start-browser-mode.js';
import type { BrowserModeServer } from './support/start-browser-mode.js';
import { waitFor } from './support/wait-for.js';
import { startWorkstationSession } from './support/workstation-session.js';
import type { WorkstationSession } from './support/workstation-session.js';
import { callOperation } from './support/call-operation.js';

const artifactsDir = path.join(repoRoot, 'e2e', 'artifacts');
const sampleCount = 10;
const red = '#c62828';

let home = '';
let server: BrowserModeServer | undefined;
let session: WorkstationSession | undefined;
let page: Page | undefined;
let pageProblems: string[] = [];
const flagRequests: unknown[] = [];
let brushed: string[] = [];

function currentPage(): Page {
  if (!page) throw new Error('page not open');
  return page;
}

/** Sample i: measured 2026-05-14 at (6 + i):00 UTC, 500 µL, 20 + 7·(i mod 4) + i Synechococcus. */
async function writeSetSamples(folder: string): Promise<string[]> {
  await fs.mkdir(folder, { recursive: true });
  const header = 'Particle ID,FWS Total,Fl Red Total';
  const rows = (n: number, from: number) => Array.from({ length: n }, (_, r) => `${from + r},${10 + r}.5,${20 + r}.25`);
  const names: string[] = [];
  for (let i = 0; i < sampleCount; i++) {
    const hh = String(6 + i).padStart(2, '0');
    const name = `SOLEMIO 2026-05-14 ${hh}h00`;
    const syn = 20 + 7 * (i % 4) + i;
    const pico = i % 3 === 0 ? 4 : 0;
    const other = 5;
    await fs.writeFile(
      path.join(folder, `${name}_Info.txt`),
      [`Measurement date: 14/05/2026 ${hh}:00:00`, 'Measurement duration: 60', 'Volume (μL): 500', ''].join('\r\n'),
    );
    await fs.writeFile(path.join(folder, `${name}_Listmode.csv`), [header, ...rows(syn + pico + other, 0), ''].join('\r\n'));
    await fs.writeFile(path.join(folder, `${name}_Synechococcus_Listmode.csv`), [header, ...rows(syn, 0), ''].join('\r\n'));
    if (pico) await fs.writeFile(path.join(folder, `${name}_Picoeukaryotes_Listmode.csv`), [header, ...rows(pico, syn), ''].join('\r\n'));
    names.push(name);
  }
  return names;
}

async function call<T>(operation: string, body: unknown): Promise<T> {
  return callOperation<T>(server!, operation, body);
}

function points(p: Page): Locator {
  return p.locator('[data-testid="ts-svg"] circle.cc-ts-point');
}

/** The plotted points, left to right: id, flag, fill, centre on the page. */
function readPoints(p: Page) {
  return points(p).evaluateAll((circles) =>
    circles
      .map((c) => {
        const r = c.getBoundingClientRect();
        return {
          id: c.getAttribute('data-sample-id') ?? '',
          flag: c.getAttribute('data-flag') ?? '',
          fill: c.getAttribute('fill') ?? '',
          selected: c.getAttribute('data-selected') === 'true',
          x: r.left + r.width / 2,
          y: r.top + r.height / 2,
        };
      })
      .sort((a, b) => a.x - b.x),
  );
}

async function flagSelection(p: Page, code: string, label: string): Promise<void> {
  const bar = p.getByTestId('ts-selection-bar');
  await bar.getByTestId('bulk-flag').click();
  await p.getByRole('menuitem', { name: `${code} — ${label}` }).click();
  const dialog = p.getByTestId('action-dialog');
  await dialog.waitFor({ state: 'visible', timeout: 10_000 });
  await dialog.getByTestId('action-confirm').click();
  await dialog.waitFor({ state: 'detached', timeout: 10_000 });
}

describe('time series', () => {
  beforeAll(async () => {
    await fs.access(path.join(repoRoot, 'dist', 'renderer', 'index.html')).catch(() => {
      throw new Error('dist/renderer/index.html missing: run `npx vite build` before the e2e tests');
    });
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'cytocurator-e2e-time-series-'));
    const generated = path.join(home, 'generated-exports');
    await writeSetSamples(generated);
    const imported = await runCli(['import', generated, '--json'], home);
    expect(imported.code, imported.stderr).toBe(0);
    const report = JSON.parse(imported.stdout) as { samples: { status: string }[]; errors: unknown[] };
    expect(report.errors).toEqual([]);
    expect(report.samples.filter((s) => s.status === 'imported')).toHaveLength(sampleCount);

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

  it('opens the Time series view and plots the chosen group', async () => {
    const p = currentPage();
    await session!.open();
    await waitFor(() => p.getByTestId('sample-count').innerText(), (t) => t === `${sampleCount} samples`, 'the status bar count', 20_000);

    await p.getByTestId('view-time-series').click();
    await p.getByTestId('time-series-view').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await p.getByTestId('view-time-series').getAttribute('aria-pressed')).toBe('true');
    const options = await waitFor(
      () => p.getByTestId('ts-group').locator('option').allInnerTexts(),
      (o) => o.length === 2,
      'the group options',
      10_000,
    );
    expect(options).toEqual(['Picoeukaryotes (4 samples)', 'Synechococcus (10 samples)']);
    await p.getByTestId('ts-group').selectOption('Synechococcus');
    await waitFor(() => points(p).count(), (n) => n === sampleCount, 'ten points', 10_000);
    await waitFor(() => p.getByTestId('ts-summary').innerText(), (t) => t === '10 samples plotted', 'the summary', 10_000);
    expect(await p.getByTestId('filter-total').innerText()).toBe('10 samples');

    const ticks = await p.getByTestId('ts-x-tick').evaluateAll((gs) => gs.map((g) => Array.from(g.querySelectorAll('text'), (t) => t.textContent).join(' ')));
    expect(ticks.join(' ')).toContain('2026-05-14');
    expect(ticks.some((t) => t.startsWith('09:00'))).toBe(true);
    const all = await readPoints(p);
    expect(all.every((pt) => pt.flag === 'none')).toBe(true);
    expect(await p.getByTestId('ts-legend').innerText()).toContain('No flag');

    // Abundance in cells/mL (500 µL analysed) and the log scale redraw the same samples.
    await p.getByTestId('ts-measure-abundance').click();
    await p.getByTestId('ts-scale-log').click();
    await waitFor(() => points(p).count(), (n) => n === sampleCount, 'ten points on the log scale', 10_000);
    await p.getByTestId('ts-measure-count').click();
    await p.getByTestId('ts-scale-linear').click();
  });

  it('brushes four points and flags them 4: they turn red, and exactly those are flagged', async () => {
    const p = currentPage();
    const before = await readPoints(p);
    const area = (await p.getByTestId('ts-plot-area').boundingBox())!;
    const y = area.y + area.height - 4;
    const from = (before[2]!.x + before[3]!.x) / 2;
    const to = (before[6]!.x + before[7]!.x) / 2;
    await p.mouse.move(from, y);
    await p.mouse.down();
    await p.mouse.move((from + to) / 2, y, { steps: 5 });
    await p.mouse.move(to, y, { steps: 5 });
    await p.getByTestId('ts-brush').waitFor({ state: 'visible', timeout: 5_000 });
    await p.mouse.up();

    brushed = before.slice(3, 7).map((pt) => pt.id);
    await waitFor(() => p.getByTestId('ts-selected-count').innerText(), (t) => t === '4 samples selected', 'the selection bar', 10_000);
    const selected = (await readPoints(p)).filter((pt) => pt.selected).map((pt) => pt.id);
    expect(selected.sort()).toEqual([...brushed].sort());
    await p.screenshot({ path: path.join(artifactsDir, 'time-series-brush.png') });

    await flagSelection(p, '4', 'bad value');
    await waitFor(() => p.getByTestId('toast').innerText(), (t) => t.includes('Flagged 4 samples'), 'the toast', 10_000);
    expect(flagRequests.at(-1)).toMatchObject({ selection: { ids: expect.arrayContaining(brushed) }, flag: { scheme: 'L20', code: '4' } });

    const after = await waitFor(
      () => readPoints(p),
      (pts) => pts.filter((pt) => pt.flag === '4').length === 4,
      'four red points',
      10_000,
    );
    for (const pt of after) {
      if (brushed.includes(pt.id)) expect(pt).toMatchObject({ flag: '4', fill: red });
      else expect(pt.flag).toBe('none');
    }
    const flagged = await call<{ total: number; rows: { id: string; flag: string | null }[] }>('listSamples', { flags: ['4'], limit: 100 });
    expect(flagged.rows.map((r) => r.id).sort()).toEqual([...brushed].sort());
    expect(await p.getByTestId('ts-legend').innerText()).toContain('bad value');
  });

  it('undoes the flag from the toast, then flags again', async () => {
    const p = currentPage();
    await p.getByTestId('toast-undo').click();
    await waitFor(() => readPoints(p), (pts) => pts.every((pt) => pt.flag === 'none'), 'the points back to no flag', 10_000);
    expect((await call<{ total: number }>('listSamples', { flags: ['4'], limit: 1 })).total).toBe(0);

    // The brushed selection stays, so the same samples can be flagged again.
    expect(await p.getByTestId('ts-selected-count').innerText()).toBe('4 samples selected');
    await flagSelection(p, '4', 'bad value');
    await waitFor(() => readPoints(p), (pts) => pts.filter((pt) => pt.fill === red).length === 4, 'four red points again', 10_000);

    const cli = await runCli(['samples', '--flag', '4', '--limit', '100', '--json'], home);
    expect(cli.code, cli.stderr).toBe(0);
    const listed = JSON.parse(cli.stdout) as { total: number; samples: { id: string; flag: string | null }[] };
    expect(listed.total).toBe(4);
    expect(listed.samples.map((s) => s.id).sort()).toEqual([...brushed].sort());
    await p.getByTestId('ts-clear').click();
    await p.getByTestId('ts-selection-bar').waitFor({ state: 'detached', timeout: 5_000 });
    await p.getByTestId('toast').waitFor({ state: 'detached', timeout: 15_000 });
    await p.mouse.move(0, 0);
    await p.screenshot({ path: path.join(artifactsDir, 'time-series-flagged.png') });
  });

  it('shows a sample on hover and opens it on click', async () => {
    const p = currentPage();
    const pts = await readPoints(p);
    const target = pts[1]!;
    await p.mouse.move(target.x, target.y);
    const tooltip = p.getByTestId('ts-tooltip');
    await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
    const tip = await tooltip.innerText();
    expect(tip).toContain('SOLEMIO 2026-05-14 07h00');
    expect(tip).toContain('2026-05-14 07:00:00 UTC');
    expect(tip).toMatch(/Count: \d+/);
    expect(tip).toContain('No flag');
    await p.screenshot({ path: path.join(artifactsDir, 'time-series-hover.png') });

    await p.mouse.click(target.x, target.y);
    const panel = p.getByTestId('sample-panel');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await panel.getAttribute('data-sample-id')).toBe(target.id);
    await waitFor(() => p.getByTestId('sample-name').innerText(), (t) => t === 'SOLEMIO 2026-05-14 07h00', 'the sample name in the panel', 10_000);
    // Its place in the table's order (newest first by default): 9 of 10.
    await waitFor(() => p.getByTestId('sample-position').innerText(), (t) => t === '9 of 10', 'the position in the table', 10_000);
    await p.mouse.move(0, 0);
    await p.screenshot({ path: path.join(artifactsDir, 'time-series-sample.png') });
    await p.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('remembers the view and the group after a reload', async () => {
    const p = currentPage();
    await p.reload();
    await p.getByTestId('time-series-view').waitFor({ state: 'visible', timeout: 20_000 });
    await waitFor(() => points(p).count(), (n) => n === sampleCount, 'ten points after reload', 20_000);
    expect(await p.getByTestId('ts-group').inputValue()).toBe('Synechococcus');
    await p.getByTestId('view-samples').click();
    await p.getByTestId('sample-grid').waitFor({ state: 'visible', timeout: 10_000 });
  });

  it('had no CSP violations or page errors', () => {
    expect(pageProblems).toEqual([]);
  });
});
