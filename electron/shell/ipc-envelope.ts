/**
 * The wire format between preload and main. Errors travel as data ({ ok: false, error }) because Electron
 * IPC serialises an Error to its message only, and the fields (code, file, line, field) are what the UI shows.
 * Pure: imported by ipc.ts (main) and bundled into preload.ts (sandboxed renderer).
 */
import { isErrorData, toErrorData } from '../../shared/api/errors.js';
import type { CurationErrorData } from '../../shared/api/errors.js';

export const callChannel = 'curation:call';
export const eventChannel = 'curation:event';

export type CallReply = { ok: true; result: unknown } | { ok: false; error: CurationErrorData };

/** Runs one call and never throws: whatever goes wrong becomes error data for the renderer. */
export async function toReply(call: () => Promise<unknown>): Promise<CallReply> {
  try {
    return { ok: true, result: await call() };
  } catch (err) {
    return { ok: false, error: toErrorData(err) };
  }
}

/**
 * What the renderer receives when a call fails. Not an Error instance on purpose: contextBridge rebuilds any
 * Error crossing into the page as `new Error(message)` and drops code/file/line/field, whereas a plain object
 * is copied with all its fields. `name` and `message` keep it readable in logs; shared/api/errors.ts
 * `toErrorData(e)` / `formatError` accept it as is.
 */
export type BridgedError = CurationErrorData & { name: 'CurationError' };

export function bridgedError(data: CurationErrorData): BridgedError {
  const out: BridgedError = { name: 'CurationError', code: data.code, message: data.message };
  if (data.file !== undefined) out.file = data.file;
  if (data.line !== undefined) out.line = data.line;
  if (data.field !== undefined) out.field = data.field;
  return out;
}

/** Preload side: the result, or a throw of the error data (see BridgedError). */
export function unwrapReply(reply: unknown): unknown {
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    const r = reply as { ok: unknown; result?: unknown; error?: unknown };
    if (r.ok === true) return r.result;
    if (r.ok === false && isErrorData(r.error)) throw bridgedError(r.error);
  }
  throw bridgedError({ code: 'internal', message: 'malformed reply from the CytoCurator main process' });
}
