/**
 * One e2e session: browser mode on a library folder, Chromium, one page at a desktop size, and a record of every
 * console error, page error and CSP violation (a test ends by asserting there were none).
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './launch-chromium.js';
import { startBrowserMode } from './start-browser-mode.js';
import type { BrowserModeServer } from './start-browser-mode.js';

export interface WorkstationSession {
  server: BrowserModeServer;
  browser: Browser;
  page: Page;
  /** Console errors and page errors seen so far. */
  problems: string[];
  /** Opens the app and dismisses the Demo offer when it shows (a non-empty library never offers it). */
  open(): Promise<void>;
  close(): Promise<void>;
}

export async function startWorkstationSession(
  home: string,
  viewport: { width: number; height: number } = { width: 1440, height: 900 },
): Promise<WorkstationSession> {
  const server = await startBrowserMode({ home });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return {
    server,
    browser,
    page,
    problems,
    async open() {
      await page.goto(server.url);
      const notNow = page.getByRole('button', { name: 'Not now' });
      if (await notNow.isVisible().catch(() => false)) await notNow.click();
    },
    async close() {
      await browser.close().catch(() => undefined);
      await server.stop();
    },
  };
}
