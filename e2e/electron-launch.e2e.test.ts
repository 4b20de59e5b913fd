/**
 * The Electron shell end to end: bundle it, launch the real Electron binary on a fresh CYTOCURATOR_HOME, and
 * check what the security design promises: the page is app://cytocurator, has window.curation with exactly
 * the contract's operations and no Node, the service answers through IPC, errors keep their code across the
 * bridge, responses carry the CSP, and the page cannot open windows or reach files outside dist/renderer.
 * Skipped, saying why, where the Electron binary is not installed (its download is optional) or where
 * Linux has no display (run under xvfb-run). Needs `npx vite build` first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron } from 'playwright-core';
import type { ElectronApplication, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationNames } from '../shared/api/contract.js';
import { contentSecurityPolicy } from '../electron/common/csp.js';
import { findElectronBinary } from '../electron/common/electron-binary.js';
import { bundleShell } from '../electron/build/bundle-shell.js';
import { repoRoot } from './support/start-browser-mode.js';

const binary = findElectronBinary(repoRoot);
const noDisplay =
  process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY
    ? 'no display (DISPLAY/WAYLAND_DISPLAY unset): run the e2e tests under xvfb-run'
    : null;
const skipReason = !binary.ok ? binary.reason : noDisplay;
// Printed, not just skipped: a skipped launch test must say why in the test output.
if (skipReason) console.log(`SKIP electron launch: ${skipReason}`);

let home = '';
let app: ElectronApplication | undefined;
let page: Page | undefined;
const mainOutput: string[] = [];

function currentPage(): Page {
  if (!page) throw new Error(`Electron window did not open\n${mainOutput.join('')}`);
  return page;
}

describe.skipIf(skipReason !== null)('Electron shell', () => {
  beforeAll(async () => {
    if (!binary.ok) return;
    if (!fs.existsSync(path.join(repoRoot, 'dist', 'renderer', 'index.html'))) {
      throw new Error('dist/renderer/index.html missing: run `npx vite build` before the e2e tests');
    }
    await bundleShell({ root: repoRoot });
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'cytocurator-electron-e2e-'));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
    // The project folder as the app: Electron reads package.json "main" (dist/electron/main.cjs) and
    // app.getAppPath() is the project root, as in `cytocurator start`.
    app = await _electron.launch({
      executablePath: binary.path,
      args: [repoRoot, '--library', path.join(home, 'e2e-library')],
      env: { ...env, CYTOCURATOR_HOME: home },
      timeout: 60_000,
    });
    app.process().stdout?.on('data', (d: Buffer) => mainOutput.push(String(d)));
    app.process().stderr?.on('data', (d: Buffer) => mainOutput.push(String(d)));
    page = await app.firstWindow({ timeout: 60_000 });
    await page.waitForFunction(() => typeof window.curation === 'object', undefined, { timeout: 30_000 });
  });

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it('loads the renderer from app://cytocurator', () => {
    expect(currentPage().url()).toBe('app://cytocurator/index.html');
  });

  it('exposes window.curation with exactly the contract operations plus onEvent', async () => {
    const keys = await currentPage().evaluate(() => Object.keys(window.curation).sort());
    expect(keys).toEqual([...operationNames, 'onEvent'].sort());
  });

  it('gives the page no Node: no require, no process, no module', async () => {
    const globals = await currentPage().evaluate(() => {
      const g = globalThis as Record<string, unknown>;
      return { require: typeof g.require, process: typeof g.process, module: typeof g.module, Buffer: typeof g.Buffer };
    });
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined' });
  });

  it('answers getStatus through IPC, on the library given with --library', async () => {
    const status = await currentPage().evaluate(() => window.curation.getStatus({}));
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(status.version).toBe(pkg.version);
    expect(status.library.path).toBe(path.join(home, 'e2e-library'));
  });

  it('keeps the error code of a refused request across the context bridge', async () => {
    const error = await currentPage().evaluate(() =>
      window.curation.getSample({ id: '' }).then(
        () => null,
        (e: { code?: string; message?: string }) => ({ code: e.code, message: e.message }),
      ),
    );
    expect(error).toMatchObject({ code: 'invalid-request', message: expect.stringContaining('getSample') });
  });

  it('serves the renderer with the CSP and refuses paths outside it', async () => {
    const probe = await currentPage().evaluate(async () => {
      const index = await fetch('/index.html');
      const outside = await fetch('/%2e%2e/%2e%2e/package.json');
      return { csp: index.headers.get('content-security-policy'), nosniff: index.headers.get('x-content-type-options'), outside: outside.status };
    });
    expect(probe).toEqual({ csp: contentSecurityPolicy, nosniff: 'nosniff', outside: 404 });
  });

  it('opens no new window and does not navigate away', async () => {
    const p = currentPage();
    expect(await p.evaluate(() => window.open('https://example.org/') === null)).toBe(true);
    await p.evaluate(() => {
      window.location.href = 'https://example.org/';
    });
    await p.waitForTimeout(500);
    expect(p.url()).toBe('app://cytocurator/index.html');
    expect(app?.windows()).toHaveLength(1);
  });
});
