/**
 * Electron main process: a thin shell around the curation service. It owns the window, the app:// protocol,
 * the IPC wiring and the hardening; all behaviour lives in the service. Bundled to dist/electron/main.cjs
 * (CommonJS), hence __dirname and no import.meta.
 */
import { app, dialog, session } from 'electron';
import type { BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { defaultLibraryDir, demoLibraryDir, resourcesDirVariable, userDataDir } from '../common/app-paths.js';
import { createCurationService } from '../service/curation-service.js';
import type { CurationService } from '../service/curation-service.js';
import { registerCurationIpc } from './ipc.js';
import { parseLibraryArg, resolveShellPaths } from './launch-options.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { applyAppSecurity, createSecureWindow, hardenSession } from './security.js';
import { appEntryUrl } from './sender-policy.js';

// A portable or test home keeps Chromium's profile there too, so runs never share state with an installed app.
if (process.env.CYTOCURATOR_HOME) app.setPath('userData', path.join(userDataDir(), 'electron-profile'));

applyAppSecurity();
registerAppScheme();

let mainWindow: BrowserWindow | null = null;
let service: CurationService | null = null;
let disposeIpc: (() => void) | null = null;

// One process per profile: two would open the same SQLite library behind each other's back.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.whenReady().then(start, (err: unknown) => fail(err));
}

function start(): void {
  try {
    const paths = resolveShellPaths({
      isPackaged: app.isPackaged,
      appPath: app.getAppPath(),
      resourcesPath: process.resourcesPath,
      exists: existsSync,
    });
    hardenSession(session.defaultSession);
    serveRenderer(paths.rendererDir);
    const openLibraryDir = parseLibraryArg(process.argv, process.cwd());
    // Services find vocabularies, schemas and tables through resourcesDir(); packaged, they are outside app.asar.
    process.env[resourcesDirVariable] = paths.resourcesDir;
    service = createCurationService({
      version: app.getVersion(),
      defaultLibraryDir: defaultLibraryDir(),
      demoSourceDir: paths.demoSourceDir,
      demoLibraryDir: demoLibraryDir(),
      ...(openLibraryDir !== undefined ? { openLibraryDir } : {}),
      ...(paths.nativeBinding !== undefined ? { nativeBinding: paths.nativeBinding } : {}),
      // Worker threads cannot load from inside app.asar: electron-builder unpacks the worker beside it.
      importWorker: { compiledFile: path.join(app.getAppPath(), 'dist', 'electron', 'import-worker.cjs').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1') },
    });
    service.startAutoSync(120_000);
    disposeIpc = registerCurationIpc(service, () => mainWindow);
    createWindow();
  } catch (err) {
    fail(err);
  }
}

function createWindow(): void {
  const win = createSecureWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'CytoCurator',
    show: false,
    preload: path.join(__dirname, 'preload.cjs'),
  });
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.loadURL(appEntryUrl).catch((err: unknown) => fail(err));
}

// The library is the app's state: with no window there is nothing to show it in, so quit everywhere.
app.on('window-all-closed', () => app.quit());

app.on('will-quit', (event) => {
  if (!service) return; // second pass, after the service is closed: let the quit proceed
  event.preventDefault(); // finish SQLite work and close the database before the process exits
  const closing = service;
  service = null;
  disposeIpc?.();
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5000));
  Promise.race([closing.close(), timeout])
    .catch((err: unknown) => console.error(`curation: closing the library failed: ${describe(err)}`))
    .finally(() => app.quit());
});

function fail(err: unknown): void {
  let message = describe(err);
  // The usual cause in development: better-sqlite3 built for Node, not for Electron's ABI.
  if (/NODE_MODULE_VERSION|better_sqlite3\.node/.test(message)) {
    message += '\nBuild it for Electron with: npm run build:native-electron';
  }
  console.error(`CytoCurator could not start: ${message}`);
  // A packaged app has no terminal: say it in a dialog before leaving.
  if (app.isReady()) dialog.showErrorBox('CytoCurator could not start', message);
  app.exit(1);
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
