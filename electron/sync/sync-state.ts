/**
 * The library's sync settings and progress (table sync_state, migration 0007). The device token is read here
 * only to authenticate; nothing that reports state (syncStatus, the CLI) ever returns it.
 */
import type { Database } from 'better-sqlite3';
import type { Role } from '../../shared/sync/sync-protocol.js';

export interface SyncSettings {
  serverUrl: string | null;
  user: string | null;
  role: Role | null;
  device: string | null;
  pullCursor: number;
  fileRules: string | null;
}

interface StateRow {
  server_url: string | null;
  user_name: string | null;
  role: Role | null;
  device: string | null;
  device_token: string | null;
  pull_cursor: number;
  last_contact_at: string | null;
  online: number;
  last_sync_at: string | null;
  last_sync_result: string | null;
  last_error: string | null;
  file_rules: string | null;
}

function row(db: Database): StateRow {
  return db.prepare('SELECT * FROM sync_state WHERE id = 1').get() as StateRow;
}

export function readSyncSettings(db: Database): SyncSettings {
  const r = row(db);
  return { serverUrl: r.server_url, user: r.user_name, role: r.role, device: r.device, pullCursor: r.pull_cursor, fileRules: r.file_rules };
}

/** The token, for the Authorization header only. */
export function deviceToken(db: Database): string | null {
  return row(db).device_token;
}

export function saveLogin(db: Database, login: { serverUrl: string; user: string; role: Role; device: string; token: string }): void {
  db.prepare('UPDATE sync_state SET server_url = ?, user_name = ?, role = ?, device = ?, device_token = ?, last_error = NULL WHERE id = 1').run(
    login.serverUrl,
    login.user,
    login.role,
    login.device,
    login.token,
  );
}

/** Forgets the token (the server URL, cursor and queues stay: logging in again resumes). */
export function forgetToken(db: Database): void {
  db.prepare('UPDATE sync_state SET device_token = NULL WHERE id = 1').run();
}

export function setPullCursor(db: Database, cursor: number): void {
  db.prepare('UPDATE sync_state SET pull_cursor = max(pull_cursor, ?) WHERE id = 1').run(cursor);
}

export function setFileRules(db: Database, rules: string | null): void {
  db.prepare('UPDATE sync_state SET file_rules = ? WHERE id = 1').run(rules);
}

/** Records whether the server answered (the status bar's online/offline). */
export function recordContact(db: Database, reached: boolean, at: Date | null): void {
  if (reached) db.prepare('UPDATE sync_state SET online = 1, last_contact_at = ? WHERE id = 1').run((at ?? new Date()).toISOString());
  else db.prepare('UPDATE sync_state SET online = 0 WHERE id = 1').run();
}

export function recordSyncOutcome(db: Database, at: string, result: unknown, error: string | null): void {
  db.prepare('UPDATE sync_state SET last_sync_at = ?, last_sync_result = ?, last_error = ? WHERE id = 1').run(at, JSON.stringify(result), error);
}

export function syncStateRow(db: Database): Omit<StateRow, 'device_token'> & { has_token: boolean } {
  const { device_token, ...rest } = row(db);
  return { ...rest, has_token: device_token !== null };
}

/** The server revision this library last saw of a target (0: never seen there). */
export function knownServerRevision(db: Database, key: string): number {
  return (db.prepare('SELECT server_revision FROM sync_targets WHERE target_key = ?').pluck().get(key) as number | undefined) ?? 0;
}

export function recordServerRevision(db: Database, key: string, revision: number): void {
  db.prepare(
    'INSERT INTO sync_targets (target_key, server_revision) VALUES (?, ?) ON CONFLICT (target_key) DO UPDATE SET server_revision = max(server_revision, excluded.server_revision)',
  ).run(key, revision);
}
