import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { useTestDatabase } from '../../test-support/postgres.js';
import { migrations } from './index.js';

describe('migration 0002 event-log (PostgreSQL)', () => {
  const db = useTestDatabase([]);

  it('keeps the accounts, and adds an append-only log with one applied event per target revision', async () => {
    const d = db().driver;
    await migrate(d, migrations.slice(0, 1));
    await d.query("INSERT INTO users (name, role, password_hash) VALUES ('ana', 'curator', 'scrypt$x')");
    await migrate(d, migrations.slice(0, 2));
    const [user] = await d.query<{ id: number }>("SELECT id FROM users WHERE name = 'ana'");
    const insert = (id: string, status: string, revision: number) =>
      d.query<{ server_seq: number }>(
        "INSERT INTO events (event_id, target_key, device, status, revision, event, user_id) VALUES ($1, 'cs-1\\0flag', 'laptop', $2, $3, '{}'::jsonb, $4) RETURNING server_seq",
        [id, status, revision, user!.id],
      );
    const [a] = await insert('e1', 'applied', 1);
    const [b] = await insert('e2', 'superseded', 1);
    expect(b!.server_seq).toBeGreaterThan(a!.server_seq);
    await expect(insert('e3', 'applied', 1)).rejects.toThrow(/events_target_revision/);
    await expect(insert('e1', 'applied', 2)).rejects.toThrow(/events_event_id_key/);
    await expect(insert('e4', 'conflict', 2)).rejects.toThrow(/events_status_check/);
    await expect(d.query("UPDATE events SET status = 'superseded'")).rejects.toThrow(/append-only/);
    await expect(d.query('DELETE FROM events')).rejects.toThrow(/append-only/);
    await expect(d.query('TRUNCATE events CASCADE')).rejects.toThrow(/append-only/);

    await d.query("INSERT INTO target_state (target_key, kind, sample_id, revision, value, last_event_id, last_actor, last_device, last_at) VALUES ('cs-1\\0flag', 'flag', 'cs-1', 1, '{\"code\":\"3\"}', 'e1', 'ana', 'laptop', '2024-05-02T10:30:00Z')");
    await expect(
      d.query("INSERT INTO target_state (target_key, kind, revision, last_event_id, last_actor, last_device, last_at) VALUES ('k', 'flag', 1, 'no-such-event', 'ana', 'laptop', 'now')"),
    ).rejects.toThrow(/foreign key/);
    await expect(d.query("INSERT INTO target_state (target_key, kind, revision, last_event_id, last_actor, last_device, last_at) VALUES ('k2', 'flag', 0, 'e1', 'a', 'l', 'n')")).rejects.toThrow(
      /revision_check/,
    );
  });
});
