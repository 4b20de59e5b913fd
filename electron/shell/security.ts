/**
 * Every hardening setting of the shell in one place (Electron security checklist). The renderer is our own
 * code, but it displays data from files users import, so it is treated as untrusted: no Node, sandboxed,
 * isolated, no navigation or new windows, no permissions, a strict CSP.
 */
import { app, BrowserWindow } from 'electron';
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { contentSecurityPolicy, securityHeaders } from '../common/csp.js';
import { isAppUrl } from './sender-policy.js';

/** Called before `ready`: sandboxes every renderer, including any created by a library. */
export function applyAppSecurity(): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}

/**
 * The only way the shell creates a window. The web preferences are written out here, literally, so that
 * neither a caller nor a spread can weaken them and so that scripts/electronegativity.mjs can see them.
 */
export function createSecureWindow(
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences'> & { preload: string },
): BrowserWindow {
  const { preload, ...windowOptions } = options;
  return new BrowserWindow({
    ...windowOptions,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // Middle-click (auxclick) would otherwise try to open links in a new window.
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // DevTools stay available to developers, never to users of the installed app.
      devTools: !app.isPackaged,
    },
  });
}

/** Denies every permission (camera, notifications, clipboard-read, ...): the app needs none. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // The app:// handler sends these headers itself; this also covers anything else the session loads.
  session.webRequest.onHeadersReceived((details, callback) => {
    const ours = { ...securityHeaders, 'Content-Security-Policy': contentSecurityPolicy };
    const lowerOurs = new Set(Object.keys(ours).map((k) => k.toLowerCase()));
    const responseHeaders: Record<string, string[]> = {};
    for (const [key, value] of Object.entries(details.responseHeaders ?? {})) {
      if (!lowerOurs.has(key.toLowerCase())) responseHeaders[key] = value;
    }
    for (const [key, value] of Object.entries(ours)) responseHeaders[key] = [value];
    callback({ responseHeaders });
  });
}

export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // The page never leaves app://cytocurator: no link, redirect or script can load another origin into it.
  const stayInApp = (event: { url: string; preventDefault(): void }) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-frame-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
