import crypto from 'node:crypto';

/**
 * Device tokens: 32 random bytes, base64url, with a `cc1_` prefix so a leaked token is recognisable (secret
 * scanners, logs). The server keeps only the SHA-256 of the whole string.
 */
export const TOKEN_PREFIX = 'cc1_';
const TOKEN_PATTERN = /^cc1_[A-Za-z0-9_-]{43}$/;

export function newDeviceToken(): string {
  return TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

export function looksLikeToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}
