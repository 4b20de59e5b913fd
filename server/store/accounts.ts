import type { Role } from '../../shared/sync/sync-protocol.js';
import { roles } from '../../shared/sync/sync-protocol.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/password.js';
import { looksLikeToken, newDeviceToken, tokenHash } from '../auth/device-token.js';
import type { SqlDriver } from '../db/sql-driver.js';
import { isoTime } from '../db/sql-driver.js';

/** Users, their roles and their per-device tokens. */

export interface User {
  id: number;
  name: string;
  role: Role;
}

/** Who made a request: the user (with the role as it is now, not as it was at login) and the token used. */
export interface Caller extends User {
  tokenId: number;
  device: string;
}

export class AccountError extends Error {}

export function isRole(v: string): v is Role {
  return (roles as readonly string[]).includes(v);
}

export function checkUserName(name: string): string {
  const n = name.trim();
  if (n.length < 1 || n.length > 100) throw new AccountError('a user name is 1 to 100 characters');
  if (/\s/.test(n) || [...n].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f')) throw new AccountError('a user name has no spaces or control characters');
  return n;
}

export function checkPassword(password: string): string {
  if (password.length < 10) throw new AccountError('a password has at least 10 characters');
  if (password.length > 200) throw new AccountError('a password has at most 200 characters');
  return password;
}

export async function addUser(db: SqlDriver, name: string, role: Role, password: string): Promise<User> {
  const n = checkUserName(name);
  const hash = await hashPassword(checkPassword(password));
  const rows = await db.query<{ id: number }>('INSERT INTO users (name, role, password_hash) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING id', [n, role, hash]);
  if (!rows[0]) throw new AccountError(`user ${n} already exists`);
  return { id: rows[0].id, name: n, role };
}

export async function setRole(db: SqlDriver, name: string, role: Role): Promise<void> {
  const rows = await db.query('UPDATE users SET role = $2, updated_at = now() WHERE name = $1 RETURNING id', [name, role]);
  if (rows.length === 0) throw new AccountError(`no user named ${name}`);
}

export async function setPassword(db: SqlDriver, name: string, password: string): Promise<void> {
  const hash = await hashPassword(checkPassword(password));
  const rows = await db.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE name = $1 RETURNING id', [name, hash]);
  if (rows.length === 0) throw new AccountError(`no user named ${name}`);
}

export async function listUsers(db: SqlDriver): Promise<(User & { tokens: number })[]> {
  return db.query(
    `SELECT u.id, u.name, u.role, count(t.id) FILTER (WHERE t.revoked_at IS NULL)::int AS tokens
     FROM users u LEFT JOIN device_tokens t ON t.user_id = u.id GROUP BY u.id ORDER BY u.name`,
  );
}

export async function findUser(db: SqlDriver, name: string): Promise<User | null> {
  const rows = await db.query<User>('SELECT id, name, role FROM users WHERE name = $1', [name]);
  return rows[0] ?? null;
}

/** Checks a password and issues a new device token; null when the name or password is wrong. */
export async function login(db: SqlDriver, name: string, password: string, device: string): Promise<{ token: string; user: User } | null> {
  const rows = await db.query<User & { password_hash: string }>('SELECT id, name, role, password_hash FROM users WHERE name = $1', [name]);
  const row = rows[0];
  // An unknown name costs the same scrypt as a wrong password, so timing does not tell which names exist.
  const ok = await verifyPassword(password, row?.password_hash ?? (await dummyPasswordHash()));
  if (!row || !ok) return null;
  const token = newDeviceToken();
  await db.query('INSERT INTO device_tokens (user_id, token_sha256, device) VALUES ($1, $2, $3)', [row.id, tokenHash(token), device]);
  return { token, user: { id: row.id, name: row.name, role: row.role } };
}

/** The caller behind a bearer token; null for an unknown, malformed or revoked token. */
export async function authenticate(db: SqlDriver, token: string): Promise<Caller | null> {
  if (!looksLikeToken(token)) return null;
  const rows = await db.query<Caller & { revoked_at: Date | null; last_used_at: Date | null }>(
    `SELECT u.id, u.name, u.role, t.id AS "tokenId", t.device, t.revoked_at, t.last_used_at
     FROM device_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_sha256 = $1`,
    [tokenHash(token)],
  );
  const row = rows[0];
  if (!row || row.revoked_at !== null) return null;
  // Last use is kept to the minute: one write per token per minute, not per request.
  if (row.last_used_at === null || Date.now() - row.last_used_at.getTime() > 60_000) {
    await db.query('UPDATE device_tokens SET last_used_at = now() WHERE id = $1', [row.tokenId]);
  }
  return { id: row.id, name: row.name, role: row.role, tokenId: row.tokenId, device: row.device };
}

export interface TokenRow {
  id: number;
  device: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function listTokens(db: SqlDriver, userName: string): Promise<TokenRow[]> {
  const user = await findUser(db, userName);
  if (!user) throw new AccountError(`no user named ${userName}`);
  const rows = await db.query<{ id: number; device: string; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }>(
    'SELECT id, device, created_at, last_used_at, revoked_at FROM device_tokens WHERE user_id = $1 ORDER BY id',
    [user.id],
  );
  return rows.map((r) => ({ id: r.id, device: r.device, createdAt: isoTime(r.created_at)!, lastUsedAt: isoTime(r.last_used_at), revokedAt: isoTime(r.revoked_at) }));
}

/** Revokes a token by its id (as `token list` shows it); false when it was already revoked. */
export async function revokeToken(db: SqlDriver, tokenId: number): Promise<boolean> {
  const rows = await db.query<{ revoked_at: Date | null }>('SELECT revoked_at FROM device_tokens WHERE id = $1', [tokenId]);
  if (!rows[0]) throw new AccountError(`no token with id ${tokenId}`);
  if (rows[0].revoked_at !== null) return false;
  await db.query('UPDATE device_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [tokenId]);
  return true;
}

export async function countAdmins(db: SqlDriver): Promise<number> {
  const rows = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE role = 'admin'");
  return rows[0]?.n ?? 0;
}
