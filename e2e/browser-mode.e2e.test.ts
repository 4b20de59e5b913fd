/**
 * Browser mode end to end: the real CLI starts the real service on a fresh CYTOCURATOR_HOME, a real
 * Chromium opens the printed address, and the first screen does what a new user needs: offers the Demo
 * library, opens it, lists its samples, and says it works offline. Also checks the service's door:
 * no token → 401, a foreign Origin → 403. Needs `npx vite build` first (the service serves dist/renderer).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGridRows } from './support/grid-rows.js';
import { launchChromium } from './support/launch-chromium.js';
import { repoRoot, startBrowserMode } from './support/start-browser-mode.js';
import type { BrowserModeServer } from './support/start-browser-mode.js';
import { waitFor } from './support/wait-for.js';

const artifactsDir = path.join(repoRoot, 'e2e', 'artifacts');

let home = '';
let server: BrowserModeServer | undefined;
let browser: Browser | undefined;
let page: Page | undefined;
const pageProblems: string[] = [];

function currentPage(): Page {
  if (!page) throw new Error('page not open');
  return page;
}

describe('browser mode', () => {
  beforeAll(async () => {
    await fs.access(path.join(repoRoot, 'dist', 'renderer', 'index.html')).catch(() => {
      throw new Error('dist/renderer/index.html missing: run `npx vite build` before the e2e tests');
    });
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'cytocurator-e2e-'));
    server = await startBrowserMode({ home });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
    page = await context.newPage();
    // CSP violations and uncaught errors would break the app in Electron too: collect them and fail on them.
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

  it('serves a build without inline scripts', async () => {
    const html = await fs.readFile(path.join(repoRoot, 'dist', 'renderer', 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\.\/assets\//); // relative, so the same build works under app://
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers either
  });

  it('offers the Demo library on a fresh, empty default library', async () => {
    const p = currentPage();
    await p.goto(server!.url);
    const dialog = p.getByRole('dialog');
    await dialog.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await dialog.getAttribute('aria-labelledby')).toBeTruthy();
    const dialogText = await dialog.innerText();
    expect(dialogText).toMatch(/empty/i);
    expect(dialogText).toMatch(/Demo library/);
    expect(await p.getByRole('button', { name: 'Not now' }).isVisible()).toBe(true);
    // The launch token is kept out of the address bar.
    expect(p.url()).not.toContain('token=');
  });

  it('opens the Demo library and lists its samples', async () => {
    const p = currentPage();
    await p.getByRole('button', { name: 'Open Demo library' }).click();
    await p.getByRole('dialog').waitFor({ state: 'detached', timeout: 20_000 });

    const rows = await waitFor(
      () => readGridRows(p),
      (r) => r.length === 4 && r.every((row) => (row.cells['name'] ?? '').startsWith('DEMO')),
      'four DEMO samples in the grid',
      20_000,
    );
    // Row ids are sample ids: present and distinct.
    expect(new Set(rows.map((r) => r.id)).size).toBe(4);
    expect(rows.every((r) => r.id.length > 0)).toBe(true);
    // Times are shown in UTC as "YYYY-MM-DD HH:mm:ss" (or empty when a sample has none).
    for (const r of rows) expect(r.cells['startedAt']).toMatch(/^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})?$/);

    const badge = p.getByTestId('demo-badge');
    await badge.waitFor({ state: 'visible' });
    expect(await badge.innerText()).toContain('DEMO');
    expect(await p.locator('header').innerText()).toContain('DEMO');
  });

  it('shows the working-offline state in the status bar', async () => {
    const p = currentPage();
    const statusBar = p.getByTestId('status-bar');
    const text = await waitFor(() => statusBar.innerText(), (t) => /4 samples/.test(t), 'the demo sample count', 10_000);
    expect(text).toContain('offline');
    await fs.mkdir(artifactsDir, { recursive: true });
    await p.screenshot({ path: path.join(artifactsDir, 'browser-mode.png') });
  });

  it('sorts on the server when a column header is clicked', async () => {
    const p = currentPage();
    const header = p.locator('[data-testid="sample-grid"] .ag-header-cell[col-id="name"] .ag-header-cell-label');
    const names = () => readGridRows(p).then((rows) => rows.map((r) => r.cells['name'] ?? ''));
    const ordered = (dir: 1 | -1) => (list: string[]) =>
      list.length === 4 && list.every((n, i) => i === 0 || dir * list[i - 1]!.localeCompare(n) <= 0);

    await header.click();
    await waitFor(names, ordered(1), 'names sorted ascending', 10_000);
    await header.click();
    const descending = await waitFor(names, ordered(-1), 'names sorted descending', 10_000);
    expect(descending).toHaveLength(4);
    // Put the default order back, so the column layout saved in this profile does not surprise anyone.
    await header.click();
  });

  it('had no CSP violations or page errors', () => {
    expect(pageProblems).toEqual([]);
  });

  it('refuses calls without the token (401) and from a foreign origin (403)', async () => {
    const { origin, token } = server!;
    const noToken = await fetch(`${origin}/api/call/getStatus`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(noToken.status).toBe(401);

    const foreign = await fetch(`${origin}/api/call/getStatus`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, Origin: 'http://evil.example' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);

    // The same call with the token and no foreign origin works, so the two refusals above mean something.
    const allowed = await fetch(`${origin}/api/call/getStatus`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: '{}',
    });
    expect(allowed.status).toBe(200);
    const body = (await allowed.json()) as { ok: boolean; result?: { library?: { kind?: string } } };
    expect(body.ok).toBe(true);
    expect(body.result?.library?.kind).toBe('demo');
  });

  it('follows a library change made elsewhere through the event stream', async () => {
    const p = currentPage();
    const { origin, token } = server!;
    const call = (operation: string, body: unknown) =>
      fetch(`${origin}/api/call/${operation}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });

    // Another face (here: a plain HTTP client) opens the default library; the page must follow on its own.
    expect((await call('openLibrary', { which: 'default' })).status).toBe(200);
    await p.getByTestId('empty-state').waitFor({ state: 'visible', timeout: 10_000 });
    await p.getByTestId('demo-badge').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await p.getByRole('dialog').count()).toBe(0); // the offer was answered already this session

    expect((await call('openLibrary', { which: 'demo' })).status).toBe(200);
    await waitFor(() => readGridRows(p), (rows) => rows.length === 4, 'the demo rows again', 10_000);
  });
});
