import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { useTestDatabase } from '../../test-support/postgres.js';
import { migrations } from './index.js';

describe('migration 0006 file-packs (PostgreSQL)', () => {
  const db = useTestDatabase([]);

  it('keeps the files stored one by one, and places packed files in a pack, complete only', async () => {
    const d = db().driver;
    await migrate(d, migrations.slice(0, 5));
    const own = 'a'.repeat(64);
    await d.query("INSERT INTO files (sha256, size, received, complete, storage_path) VALUES ($1, 10, 10, true, 'files/aa/x.bin')", [own]);
    await migrate(d, migrations.slice(0, 6));
    expect(await d.query('SELECT sha256, storage_path, pack_offset FROM files')).toEqual([{ sha256: own, storage_path: 'files/aa/x.bin', pack_offset: null }]);

    const packed = 'b'.repeat(64);
    // The sender's id is kept for the audit without a per-row foreign-key check (users are never deleted).
    await d.query("INSERT INTO files (sha256, size, received, complete, storage_path, pack_offset, user_id) VALUES ($1, 5, 5, true, 'packs/0f/p.pack', 400, 12345)", [packed]);
    expect(await d.query('SELECT pack_offset FROM files WHERE sha256 = $1', [packed])).toEqual([{ pack_offset: 400 }]);
    await expect(d.query("INSERT INTO files (sha256, size, storage_path, pack_offset) VALUES ($1, 5, 'packs/0f/p.pack', 0)", ['c'.repeat(64)])).rejects.toThrow(/files_pack_check/);
    await expect(d.query("INSERT INTO files (sha256, size, received, complete, storage_path, pack_offset) VALUES ($1, 5, 5, true, 'files/cc/c.bin', 0)", ['c'.repeat(64)])).rejects.toThrow(/files_pack_check/);
    await expect(d.query("UPDATE files SET pack_offset = -1 WHERE sha256 = $1", [packed])).rejects.toThrow(/pack_offset_check/);
  });
});
