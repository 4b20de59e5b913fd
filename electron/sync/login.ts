/**
 * Connects a library to the institute server: the user's name and password (never stored) buy a per-device token,
 * kept in the library's sync state. A library that has synced with one server is not silently pointed at another:
 * its server revisions and pushed marks belong to the first.
 */
import type { Database } from 'better-sqlite3';
import { CurationError } from '../../shared/api/errors.js';
import type { LoginResult } from '../../shared/sync/sync-view.js';
import { SyncClient, SyncRequestError } from './sync-client.js';
import { forgetToken, readSyncSettings, recordContact, saveLogin } from './sync-state.js';

export type { LoginResult };

export interface LoginRequest {
  serverUrl: string;
  user: string;
  password: string;
  device: string;
  timeoutMs?: number;
}

export function normaliseServerUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new CurationError({ code: 'invalid-request', field: 'server', message: `"${url}" is not a URL (e.g. https://sync.institute.example)` });
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new CurationError({ code: 'invalid-request', field: 'server', message: `the server URL must start with https:// (got ${u.protocol})` });
  if (u.username || u.password) throw new CurationError({ code: 'invalid-request', field: 'server', message: 'the server URL must not carry a user name or password' });
  u.hash = '';
  u.search = '';
  return u.toString().replace(/\/+$/, '');
}

function hasSynced(db: Database): boolean {
  return readSyncSettings(db).pullCursor > 0 || db.prepare('SELECT 1 FROM outbox WHERE sent_at IS NOT NULL LIMIT 1').get() !== undefined;
}

export async function login(db: Database, request: LoginRequest): Promise<LoginResult> {
  const serverUrl = normaliseServerUrl(request.serverUrl);
  const previous = readSyncSettings(db).serverUrl;
  if (previous !== null && previous !== serverUrl && hasSynced(db)) {
    throw new CurationError({
      code: 'conflict',
      field: 'server',
      message: `this library already syncs with ${previous}; log in there again, or sync another library with ${serverUrl}`,
    });
  }
  const client = new SyncClient({ serverUrl, token: null, timeoutMs: request.timeoutMs ?? 30_000 });
  try {
    const r = await client.login(request.user, request.password, request.device);
    db.transaction(() => {
      saveLogin(db, { serverUrl, user: r.user, role: r.role, device: request.device, token: r.token });
      recordContact(db, true, client.lastContact);
    })();
    return { serverUrl, user: r.user, role: r.role, device: request.device };
  } catch (err) {
    if (err instanceof SyncRequestError) {
      if (client.lastReached === false) recordContact(db, false, null);
      if (err.status === 401 || err.status === 403) throw new CurationError({ code: 'unauthorized', message: `the server refused the login: ${err.reason ?? err.message}` });
      throw new CurationError({ code: err.kind === 'refused' ? 'invalid-request' : 'internal', message: `login failed: ${err.message}` });
    }
    throw err;
  } finally {
    client.close();
  }
}

export function logout(db: Database): void {
  forgetToken(db);
}
