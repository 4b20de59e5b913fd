/**
 * Value flags, end to end in browser mode: a library built with the real CLI from two generated CytoClus
 * samples, each with a Synechococcus set export beside its default list-mode file and an Info file giving the
 * analysed volume. The table's Groups column lists Synechococcus with its count and abundance; in the sample
 * view's Sets section, the Synechococcus value is flagged 3 with a comment: its chip appears, the service has
 * the value-flag event, and the audit names Synechococcus. Needs `npx vite build` first.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGridRows } from './support/grid-rows.js';
import { runCli } from './support/run-cli.js';
import { repoRoot } from './support/start-browser-mode.js';
import type { BrowserModeServer } from './support/start-browser-mode.js';
import { waitFor } from './support/wait-for.js';
import { startWorkstationSession } from './support/workstation-session.js';
import type { WorkstationSession } from './support/workstation-session.js';
import { callOperation } from './support/call-operation.js';

const artifactsDir = path.join(repoRoot, 'e2e', 'artifacts');
const sampleCount = 2;

let home = '';
let server: BrowserModeServer | undefined;
let session: WorkstationSession | undefined;
let page: Page | undefined;
let pageProblems: string[] = [];
const flagRequests: unknown[] = [];
let names: string[] = [];

function currentPage(): Page {
  if (!page) throw new Error('page not open');
  return page;
}

/** Sample i: measured 2026-05-14 at (6 + i):00 UTC, 500 µL, 30 + i Synechococcus among 35 + i events. */
async function writeSetSamples(folder: string): Promise<string[]> {
  await fs.mkdir(folder, { recursive: true });
  const header = 'Particle ID,FWS Total,Fl Red Total';
  const rows = (n: number, from: number) => Array.from({ length: n }, (_, r) => `${from + r},${10 + r}.5,${20 + r}.25`);
  const written: string[] = [];
  for (let i = 0; i < sampleCount; i++) {
    const hh = String(6 + i).padStart(2, '0');
    const name = `VALUEFLAG 2026-05-14 ${hh}h00`;
    const syn = 30 + i;
    await fs.writeFile(
      path.join(folder, `${name}_Info.txt`),
      [`Measurement date: 14/05/2026 ${hh}:00:00`, 'Measurement duration: 60', 'Volume (μL): 500', ''].join('\r\n'),
    );
    await fs.writeFile(path.join(folder, `${name}_Listmode.csv`), [header, ...rows(syn + 5, 0), ''].join('\r\n'));
    await fs.writeFile(path.join(folder, `${name}_Synechococcus_Listmode.csv`), [header, ...rows(syn, 0), ''].join('\r\n'));
    written.push(name);
  }
  return written;
}

async function call<T>(operation: string, body: unknown): Promise<T> {
  return callOperation<T>(server!, operation, body);
}

describe('value flags', () => {
  beforeAll(async () => {
    await fs.access(path.join(repoRoot, 'dist', 'renderer', 'index.html')).catch(() => {
      throw new Error('dist/renderer/index.html missing: run `npx vite build` before the e2e tests');
    });
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'cytocurator-e2e-value-flags-'));
    const generated = path.join(home, 'generated-exports');
    names = await writeSetSamples(generated);
    const imported = await runCli(['import', generated, '--json'], home);
    expect(imported.code, imported.stderr).toBe(0);
    const report = JSON.parse(imported.stdout) as { samples: { status: string }[]; errors: unknown[] };
    expect(report.errors).toEqual([]);
    expect(report.samples.filter((s) => s.status === 'imported')).toHaveLength(sampleCount);

    // Wide enough for every column of the table to be rendered (ag-grid virtualises columns off screen)
    session = await startWorkstationSession(home, { width: 2400, height: 1000 });
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

  it('shows the groups of each sample in the Groups column', async () => {
    const p = currentPage();
    await session!.open();
    await waitFor(() => p.getByTestId('sample-count').innerText(), (t) => t === `${sampleCount} samples`, 'the status bar count', 20_000);

    const headers = await p.locator('[data-testid="sample-grid"] .ag-header-cell-text').allInnerTexts();
    expect(headers).toContain('Groups');
    const rows = await waitFor(
      () => readGridRows(p),
      (r) => r.length === sampleCount && r.every((row) => (row.cells['groups'] ?? '').includes('Synechococcus')),
      'the Groups cells',
      20_000,
    );
    const groupCells = rows.map((r) => r.cells['groups'] ?? '').sort();
    // 30 and 31 events in 500 µL: 60 and 62 per mL
    expect(groupCells).toEqual(['Synechococcus 30 (60 /mL)', 'Synechococcus 31 (62 /mL)']);
  });

  it('flags the Synechococcus value 3 from the Sets section: chip, service state and audit', async () => {
    const p = currentPage();
    const name = names[0]!;
    const cell = p.locator('[data-testid="sample-grid"] .ag-row[row-id] [col-id="name"]', { hasText: name });
    await cell.waitFor({ state: 'visible', timeout: 10_000 });
    await cell.dblclick();
    await p.getByTestId('sample-panel').waitFor({ state: 'visible', timeout: 10_000 });
    await waitFor(() => p.getByTestId('sample-name').innerText(), (t) => t === name, 'the sample name in the panel', 10_000);
    const sampleId = (await p.getByTestId('sample-panel').getAttribute('data-sample-id')) ?? '';
    expect(sampleId).not.toBe('');

    const sets = p.getByTestId('sample-sets');
    const row = sets.locator('[data-testid="set-row"][data-set="Synechococcus"]');
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await row.getAttribute('data-flag')).toBe('none');
    expect(await row.innerText()).toMatch(/Synechococcus\s+30\s+60 \/mL/);

    await row.getByTestId('set-flag-button').click();
    await p.getByTestId('set-flag-menu').getByRole('menuitem', { name: '3 — probably bad value' }).click();
    const form = sets.getByTestId('set-flag-form');
    await form.waitFor({ state: 'visible', timeout: 5_000 });
    await form.getByTestId('set-flag-comment').fill('bubbles in the Synechococcus cloud');
    await form.getByTestId('set-flag-apply').click();

    await row.locator('[data-testid="set-flag"] [data-flag="3"]').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await row.getAttribute('data-flag')).toBe('3');
    const chipClass = (await row.locator('[data-testid="set-flag"] .cc-flag-chip').getAttribute('class')) ?? '';
    expect(chipClass).toContain('cc-flag-probably-bad');
    expect(flagRequests.at(-1)).toEqual({
      selection: { ids: [sampleId] },
      flag: { scheme: 'L20', code: '3' },
      comment: 'bubbles in the Synechococcus cloud',
      group: 'Synechococcus',
    });
    await waitFor(() => p.getByTestId('toast').innerText(), (t) => t.includes('Flagged Synechococcus 3'), 'the toast', 10_000);

    const audit = p.getByTestId('sample-audit');
    const entry = await waitFor(
      () => audit.locator('tr[data-action="flag"]').allInnerTexts(),
      (texts) => texts.some((t) => t.includes('Synechococcus')),
      'an audit entry naming Synechococcus',
      10_000,
    );
    expect(entry.find((t) => t.includes('Synechococcus'))).toMatch(/value flag Synechococcus/);

    const { events } = await call<{ events: { action: string; target: { kind: string; group?: string }; after: unknown }[] }>('getAudit', { sampleId });
    const valueFlag = events.find((e) => e.target.kind === 'value-flag');
    expect(valueFlag).toMatchObject({ action: 'flag', target: { group: 'Synechococcus' }, after: { code: '3' } });
    // The sample flag itself is untouched
    expect(events.some((e) => e.target.kind === 'flag')).toBe(false);

    await p.screenshot({ path: path.join(artifactsDir, 'value-flags.png') });
    expect(pageProblems).toEqual([]);
  });
});
