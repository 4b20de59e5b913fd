/**
 * The Electron face of the service: one invoke channel for every operation, one push channel for events.
 * Validation of the operation name and request lives in shared/api/dispatch.ts, the same for every face;
 * this file only decides whether the sender may call at all.
 */
import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { dispatch } from '../../shared/api/dispatch.js';
import type { CurationApi } from '../../shared/api/contract.js';
import { callChannel, eventChannel, toReply } from './ipc-envelope.js';
import type { CallReply } from './ipc-envelope.js';
import { checkSender } from './sender-policy.js';

/** Wires the service to the window; returns the undo (used on quit, and by a window re-created on macOS). */
export function registerCurationIpc(service: CurationApi, getWindow: () => BrowserWindow | null): () => void {
  ipcMain.handle(callChannel, async (event, name: unknown, request: unknown): Promise<CallReply> => {
    const verdict = checkSender(senderFacts(event, getWindow()));
    if (!verdict.ok) {
      console.warn(`curation: refused IPC call ${String(name)}: ${verdict.reason}`);
      return { ok: false, error: { code: 'forbidden', message: 'caller is not the CytoCurator window' } };
    }
    const reply = await toReply(() => dispatch(service, name, request));
    if (!reply.ok && reply.error.code === 'internal') {
      console.error(`curation: ${String(name)} failed: ${reply.error.message}`);
    }
    return reply;
  });

  const unsubscribe = service.onEvent((event) => {
    const win = getWindow();
    if (win && !win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(eventChannel, event);
  });

  return () => {
    ipcMain.removeHandler(callChannel);
    unsubscribe();
  };
}

function senderFacts(event: IpcMainInvokeEvent, win: BrowserWindow | null) {
  const frame = event.senderFrame;
  return {
    frameUrl: frame?.url ?? null,
    // A top frame has no parent; WebFrameMain objects are not guaranteed to be identical across lookups.
    isMainFrame: frame !== null && frame.parent === null,
    isAppWindow: win !== null && !win.isDestroyed() && event.sender.id === win.webContents.id,
  };
}
