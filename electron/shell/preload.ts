/**
 * The only bridge between page and main: window.curation, one method per operation plus onEvent.
 * Runs sandboxed (no require of project files), so esbuild bundles it with its few pure imports.
 * Never hands ipcRenderer or an IPC event object to the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { operationNames } from '../../shared/api/operation-names.js';
import type { CurationEventListener } from '../../shared/api/contract.js';
import type { CurationEvent } from '../../shared/api/events.js';
import { callChannel, eventChannel, unwrapReply } from './ipc-envelope.js';

const api: Record<string, unknown> = {};

for (const name of operationNames) {
  api[name] = async (request?: unknown) => unwrapReply(await ipcRenderer.invoke(callChannel, name, request ?? {}));
}

api.onEvent = (listener: CurationEventListener): (() => void) => {
  if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
  const relay = (_event: unknown, payload: CurationEvent) => listener(payload);
  ipcRenderer.on(eventChannel, relay);
  return () => {
    ipcRenderer.removeListener(eventChannel, relay);
  };
};

contextBridge.exposeInMainWorld('curation', api);
