import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { useTestDatabase } from '../../test-support/postgres.js';
import { migrations } from './index.js';

describe('migration 0001 accounts (PostgreSQL)', () => {
  const db = useTestDatabase([]);

  it('creates users with a role from the four and a scrypt hash, and device tokens kept as SHA-256 only', async () => {
    const d = db().driver;
    await migrate(d, migrations.slice(0, 1));
    const [u] = await d.query<{ id: number }>("INSERT INTO users (name, role, password_hash) VALUES ('ana', 'curator', 'scrypt$16384$8$1$c2FsdA==$aGFzaA==') RETURNING id");
    expect(typeof u!.id).toBe('number');
    await d.query("INSERT INTO device_tokens (user_id, token_sha256, device) VALUES ($1, $2, 'ship laptop')", [u!.id, 'a'.repeat(64)]);
    const [t] = await d.query<{ revoked_at: Date | null; last_used_at: Date | null }>('SELECT revoked_at, last_used_at FROM device_tokens');
    expect(t).toEqual({ revoked_at: null, last_used_at: null });

    await expect(d.query("INSERT INTO users (name, role, password_hash) VALUES ('bob', 'owner', 'scrypt$x')")).rejects.toThrow(/users_role_check/);
    await expect(d.query("INSERT INTO users (name, role, password_hash) VALUES ('bob', 'reader', 'plain-text')")).rejects.toThrow(/users_password_hash_check/);
    await expect(d.query("INSERT INTO users (name, role, password_hash) VALUES ('ana', 'reader', 'scrypt$x')")).rejects.toThrow(/users_name_key/);
    await expect(d.query("INSERT INTO device_tokens (user_id, token_sha256, device) VALUES ($1, 'cc1_not-a-hash', 'x')", [u!.id])).rejects.toThrow(/token_sha256_check/);
    await expect(d.query("INSERT INTO device_tokens (user_id, token_sha256, device) VALUES ($1, $2, 'x')", [u!.id, 'a'.repeat(64)])).rejects.toThrow(/token_sha256_key/);
    await expect(d.query("INSERT INTO device_tokens (user_id, token_sha256, device) VALUES (9999, $1, 'x')", ['b'.repeat(64)])).rejects.toThrow(/foreign key/);
  });
});
