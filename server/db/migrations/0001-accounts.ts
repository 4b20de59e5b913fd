import type { Migration } from './migration.js';
import { runStatements } from './migration.js';

/**
 * Accounts and per-device tokens. Passwords are kept as scrypt hashes with their salt; tokens only as the SHA-256
 * of the random token the device holds, so a copy of the database gives no working credential. A token is revoked
 * by stamping it, never deleted, so `token list` keeps its history.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'accounts',
  up: (tx) =>
    runStatements(tx, [
      `CREATE TABLE users (
        id            bigserial PRIMARY KEY,
        name          text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
        role          text NOT NULL CHECK (role IN ('admin', 'curator', 'technician', 'reader')),
        password_hash text NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE device_tokens (
        id           bigserial PRIMARY KEY,
        user_id      bigint NOT NULL REFERENCES users (id),
        token_sha256 text NOT NULL UNIQUE CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
        device       text NOT NULL CHECK (length(device) BETWEEN 1 AND 200),
        created_at   timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at   timestamptz
      )`,
      'CREATE INDEX device_tokens_user ON device_tokens (user_id, id)',
    ]),
};
