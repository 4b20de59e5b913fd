import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { useTestDatabase } from '../../test-support/postgres.js';
import { migrations } from './index.js';

describe('migration 0004 files (PostgreSQL)', () => {
  const db = useTestDatabase([]);

  it('keeps the samples, and tracks files by hash with received bytes never past the size', async () => {
    const d = db().driver;
    await migrate(d, migrations.slice(0, 3));
    await d.query("INSERT INTO samples (id, import_version, name, source, event_count, metadata, record) VALUES ('cs-1', 1, 'a.cyz', 'cytosense', 10, '{}', '{}')");
    await migrate(d, migrations.slice(0, 4));
    expect(await d.query('SELECT id FROM samples')).toEqual([{ id: 'cs-1' }]);

    const sha = 'd'.repeat(64);
    await d.query("INSERT INTO files (sha256, size, storage_path) VALUES ($1, 100, 'files/dd/x.bin')", [sha]);
    expect(await d.query('SELECT received, complete FROM files')).toEqual([{ received: 0, complete: false }]);
    await expect(d.query('UPDATE files SET received = 101')).rejects.toThrow(/files_check|received/);
    await expect(d.query('UPDATE files SET complete = true')).rejects.toThrow(/files_check/);
    await d.query('UPDATE files SET received = 100, complete = true');
    await expect(d.query("INSERT INTO files (sha256, size, storage_path) VALUES ('../etc', 1, 'x')")).rejects.toThrow(/sha256_check/);
    await expect(d.query("INSERT INTO files (sha256, size, storage_path) VALUES ($1, 1, 'x')", ['D'.repeat(64)])).rejects.toThrow(/sha256_check/);
  });
});
