/**
 * A stand-in for the 'electron' module, for shell-wiring.test.ts: records what the bundled shell asks of
 * Electron and routes preload <-> main IPC in one process, so the wiring is tested where no Electron binary
 * can be installed. It models only the calls the shell makes; `state` is what the test inspects and drives.
 */
'use strict';

const state = {
  calls: [],
  appListeners: {},
  privilegedSchemes: null,
  protocolHandlers: {},
  ipcHandlers: {},
  rendererListeners: {},
  windows: [],
  exposed: {},
  session: { permissionRequest: null, permissionCheck: null, devicePermission: null, headersReceived: null },
  readyResolve: null,
  ready: false,
  appPath: process.cwd(),
  quitCount: 0,
  exitCode: null,
  errorBoxes: [],
  /** What the next IPC call claims about its sender (tests change it to impersonate other frames). */
  sender: { frameUrl: 'app://cytocurator/index.html', isMainFrame: true, webContentsId: 1 },
};

function emitApp(event, ...args) {
  for (const fn of state.appListeners[event] ?? []) fn(...args);
}

const app = {
  enableSandbox: () => state.calls.push('enableSandbox'),
  on: (event, fn) => {
    (state.appListeners[event] ??= []).push(fn);
    return app;
  },
  whenReady: () =>
    new Promise((resolve) => {
      state.readyResolve = resolve;
    }),
  isReady: () => state.ready,
  requestSingleInstanceLock: () => true,
  setPath: (name, value) => state.calls.push(`setPath ${name} ${value}`),
  getAppPath: () => state.appPath,
  getVersion: () => '9.9.9-test',
  get isPackaged() {
    return false;
  },
  quit: () => {
    state.quitCount++;
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    emitApp('will-quit', event);
    state.lastQuitPrevented = event.defaultPrevented;
  },
  exit: (code) => {
    state.exitCode = code;
  },
};

const protocol = {
  registerSchemesAsPrivileged: (schemes) => {
    state.privilegedSchemes = { schemes, beforeReady: !state.ready };
  },
  handle: (scheme, handler) => {
    state.protocolHandlers[scheme] = handler;
  },
};

const defaultSession = {
  setPermissionRequestHandler: (fn) => (state.session.permissionRequest = fn),
  setPermissionCheckHandler: (fn) => (state.session.permissionCheck = fn),
  setDevicePermissionHandler: (fn) => (state.session.devicePermission = fn),
  webRequest: { onHeadersReceived: (fn) => (state.session.headersReceived = fn) },
};

let nextId = 1;
class BrowserWindow {
  constructor(options) {
    this.options = options;
    this.listeners = {};
    const id = nextId++;
    this.webContents = {
      id,
      isDestroyed: () => false,
      send: (channel, payload) => {
        for (const fn of state.rendererListeners[channel] ?? []) fn({ sender: 'ipc-event' }, structuredClone(payload));
      },
    };
    this.loadedUrl = null;
    state.windows.push(this);
  }
  loadURL(url) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  once(event, fn) {
    (this.listeners[event] ??= []).push(fn);
  }
  on(event, fn) {
    (this.listeners[event] ??= []).push(fn);
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  show() {}
}

const ipcMain = {
  handle: (channel, fn) => {
    if (state.ipcHandlers[channel]) throw new Error(`second handler for ${channel}`);
    state.ipcHandlers[channel] = fn;
  },
  removeHandler: (channel) => delete state.ipcHandlers[channel],
};

const ipcRenderer = {
  invoke: async (channel, ...args) => {
    const handler = state.ipcHandlers[channel];
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const s = state.sender;
    const event = {
      sender: { id: s.webContentsId },
      senderFrame: s.frameUrl === null ? null : { url: s.frameUrl, parent: s.isMainFrame ? null : {} },
    };
    // Real IPC structured-clones both ways.
    return structuredClone(await handler(event, ...structuredClone(args)));
  },
  on: (channel, fn) => (state.rendererListeners[channel] ??= []).push(fn),
  removeListener: (channel, fn) => {
    state.rendererListeners[channel] = (state.rendererListeners[channel] ?? []).filter((f) => f !== fn);
  },
};

const contextBridge = {
  exposeInMainWorld: (key, api) => {
    state.exposed[key] = api;
  },
};

const dialog = { showErrorBox: (title, message) => state.errorBoxes.push(`${title}: ${message}`) };

module.exports = {
  app,
  protocol,
  session: { defaultSession },
  BrowserWindow,
  ipcMain,
  ipcRenderer,
  contextBridge,
  dialog,
  __state: state,
  __emitApp: emitApp,
  __ready: () => {
    state.ready = true;
    state.readyResolve?.();
  },
};
