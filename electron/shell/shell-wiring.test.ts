/**
 * The bundled shell (dist/electron/main.cjs + preload.cjs) run against fake-electron.cjs and the real
 * service: checks the wiring that the Electron e2e test covers where Electron can run: hardening before
 * ready, the app:// protocol, the window's web preferences, the preload's window.curation over IPC, the
 * sender check, event forwarding and closing the service on quit.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationNames } from '../../shared/api/contract.js';
import type { CurationApi } from '../../shared/api/contract.js';
import { contentSecurityPolicy } from '../common/csp.js';
import { bundleShell } from '../build/bundle-shell.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

interface FakeState {
  calls: string[];
  appListeners: Record<string, ((...args: unknown[]) => void)[]>;
  privilegedSchemes: { schemes: { scheme: string; privileges: Record<string, boolean> }[]; beforeReady: boolean } | null;
  protocolHandlers: Record<string, (request: Request) => Promise<Response>>;
  ipcHandlers: Record<string, unknown>;
  windows: { options: { webPreferences: Record<string, unknown> }; loadedUrl: string | null }[];
  exposed: Record<string, unknown>;
  session: {
    permissionRequest: ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void) | null;
    permissionCheck: (() => boolean) | null;
    headersReceived: ((details: unknown, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void) | null;
  };
  quitCount: number;
  lastQuitPrevented?: boolean;
  exitCode: number | null;
  errorBoxes: string[];
  sender: { frameUrl: string | null; isMainFrame: boolean; webContentsId: number };
  appPath: string;
}
interface Fake {
  __state: FakeState;
  __ready(): void;
  __emitApp(event: string, ...args: unknown[]): void;
  app: { quit(): void };
}

let tmp = '';
let fake: Fake;
let state: FakeState;
let api: CurationApi;
const savedHome = process.env.CYTOCURATOR_HOME;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shell-wiring-'));
  // The app folder as Electron would see it: built renderer, bundled shell, node_modules with 'electron'.
  fs.mkdirSync(path.join(tmp, 'dist', 'renderer', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'dist', 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(tmp, 'dist', 'renderer', 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'outside the renderer');
  const fakeDir = path.join(tmp, 'node_modules', 'electron');
  fs.mkdirSync(fakeDir, { recursive: true });
  fs.copyFileSync(path.join(here, 'fake-electron.cjs'), path.join(fakeDir, 'index.js'));
  fs.writeFileSync(path.join(fakeDir, 'package.json'), '{"name":"electron","main":"index.js"}');
  fs.symlinkSync(path.join(repoRoot, 'node_modules', 'better-sqlite3'), path.join(tmp, 'node_modules', 'better-sqlite3'), 'junction');
  // The other module the bundle leaves external (bundle-shell.ts): it reads its .wasm from its own folder.
  fs.symlinkSync(path.join(repoRoot, 'node_modules', 'xmllint-wasm'), path.join(tmp, 'node_modules', 'xmllint-wasm'), 'junction');

  const out = await bundleShell({ root: repoRoot, outDir: path.join(tmp, 'dist', 'electron') });
  const requireFromApp = createRequire(out.main);
  fake = requireFromApp('electron') as Fake;
  state = fake.__state;
  state.appPath = tmp;
  process.env.CYTOCURATOR_HOME = path.join(tmp, 'home');

  requireFromApp(out.main);
  // What must happen before `ready`, checked before it fires.
  expect(state.calls).toContain('enableSandbox');
  expect(state.privilegedSchemes?.beforeReady).toBe(true);
  fake.__ready();
  await until(() => state.windows.length === 1, 'the window');
  requireFromApp(out.preload);
  api = state.exposed.curation as CurationApi;
}, 60_000);

afterAll(() => {
  if (savedHome === undefined) delete process.env.CYTOCURATOR_HOME;
  else process.env.CYTOCURATOR_HOME = savedHome;
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('main process wiring', () => {
  it('registers app:// as a privileged standard scheme and starts without error', () => {
    expect(state.privilegedSchemes?.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
    ]);
    expect(state.errorBoxes).toEqual([]);
    expect(state.exitCode).toBeNull();
  });

  it('opens one hardened window on app://cytocurator/index.html with the bundled preload', () => {
    const [win] = state.windows;
    expect(win?.loadedUrl).toBe('app://cytocurator/index.html');
    const prefs = win?.options.webPreferences ?? {};
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
    });
    expect(fs.existsSync(String(prefs.preload))).toBe(true);
    expect(path.basename(String(prefs.preload))).toBe('preload.cjs');
  });

  it('serves the renderer through app:// with the security headers, and nothing else', async () => {
    const handle = state.protocolHandlers.app;
    if (!handle) throw new Error('no app:// handler');
    const index = await handle(new Request('app://cytocurator/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(await index.text()).toContain('<title>t</title>');
    expect((await handle(new Request('app://cytocurator/assets/app.js'))).headers.get('content-type')).toMatch(/javascript/);
    expect((await handle(new Request('app://cytocurator/%2e%2e/%2e%2e/secret.txt'))).status).toBe(404);
    expect((await handle(new Request('app://cytocurator/missing.js'))).status).toBe(404);
    expect((await handle(new Request('app://cytocurator/assets'))).status).toBe(404);
    expect((await handle(new Request('app://elsewhere/index.html'))).status).toBe(404);
  });

  it('denies every permission and adds the CSP to every response of the session', () => {
    const decisions: boolean[] = [];
    state.session.permissionRequest?.({}, 'media', (ok) => decisions.push(ok));
    expect(decisions).toEqual([false]);
    expect(state.session.permissionCheck?.()).toBe(false);
    let headers: Record<string, string[]> = {};
    state.session.headersReceived?.(
      { responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Other': ['1'] } },
      (r) => (headers = r.responseHeaders),
    );
    expect(headers['Content-Security-Policy']).toEqual([contentSecurityPolicy]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['X-Other']).toEqual(['1']);
  });

  it('hardens every WebContents: no new windows, no navigation away, no webview', () => {
    const listeners: Record<string, (event: { url?: string; preventDefault(): void }) => void> = {};
    let openHandler: (() => { action: string }) | undefined;
    const contents = {
      setWindowOpenHandler: (fn: () => { action: string }) => (openHandler = fn),
      on: (event: string, fn: (event: { url?: string; preventDefault(): void }) => void) => (listeners[event] = fn),
    };
    fake.__emitApp('web-contents-created', {}, contents);
    expect(openHandler?.()).toEqual({ action: 'deny' });
    const prevented = (event: string, url?: string) => {
      let p = false;
      listeners[event]?.({ ...(url !== undefined ? { url } : {}), preventDefault: () => (p = true) });
      return p;
    };
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(prevented(event, 'https://example.org/')).toBe(true);
      expect(prevented(event, 'file:///etc/passwd')).toBe(true);
      expect(prevented(event, 'app://cytocurator/index.html#/samples')).toBe(false);
    }
    expect(prevented('will-attach-webview')).toBe(true);
  });
});

describe('window.curation from the preload', () => {
  it('has one method per contract operation plus onEvent', () => {
    expect(Object.keys(api).sort()).toEqual([...operationNames, 'onEvent'].sort());
  });

  it('reaches the real service through IPC', async () => {
    const status = await api.getStatus({});
    expect(status.version).toBe('9.9.9-test');
    expect(status.library.path).toBe(path.join(tmp, 'home', 'library'));
  });

  it('rejects with the error data, code included, when the request is invalid', async () => {
    await expect(api.getSample({ id: '' })).rejects.toMatchObject({ code: 'invalid-request', name: 'CurationError' });
  });

  it('refuses calls from a frame that is not app://cytocurator, a subframe or another WebContents', async () => {
    const good = { ...state.sender };
    try {
      for (const sender of [
        { ...good, frameUrl: 'https://evil.example/' },
        { ...good, frameUrl: null },
        { ...good, isMainFrame: false },
        { ...good, webContentsId: 999 },
      ]) {
        state.sender = sender;
        await expect(api.getStatus({})).rejects.toMatchObject({ code: 'forbidden' });
      }
    } finally {
      state.sender = good;
    }
  });

  it('forwards service events to onEvent until unsubscribed', async () => {
    const seen: string[] = [];
    const off = api.onEvent((event) => seen.push(event.type === 'library-changed' ? event.library.path : event.type));
    const other = path.join(tmp, 'other-library');
    await api.openLibrary({ which: 'path', path: other });
    expect(seen).toEqual([other]);
    off();
    await api.openLibrary({ which: 'default' }); // switches back: an event nobody listens to any more
    expect(seen).toEqual([other]);
  });
});

describe('quitting', () => {
  it('closes the service before letting the app quit', async () => {
    fake.app.quit();
    await until(() => state.quitCount === 2, 'the second quit after closing the service');
    expect(state.lastQuitPrevented).toBe(false);
    expect(state.ipcHandlers['curation:call']).toBeUndefined();
  });
});
