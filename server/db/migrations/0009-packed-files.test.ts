import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { useTestDatabase } from '../../test-support/postgres.js';
import { migrations } from './index.js';

describe('migration 0009 packed-files (PostgreSQL)', () => {
  const db = useTestDatabase([]);

  it('moves packed files to their narrow table, keeps the chunked ones in files, and shows both as stored_files', async () => {
    const d = db().driver;
    await migrate(d, migrations.slice(0, 8));
    const [own, partial, p1, p2, p3] = ['a', 'b', 'c', 'd', 'e'].map((c) => c.repeat(64)) as [string, string, string, string, string];
    await d.query("INSERT INTO files (sha256, size, received, complete, storage_path, user_id) VALUES ($1, 10, 10, true, 'files/aa/a.bin', 1)", [own]);
    await d.query("INSERT INTO files (sha256, size, received, storage_path) VALUES ($1, 10, 4, 'files/bb/b.bin')", [partial]);
    await d.query(
      `INSERT INTO files (sha256, size, received, complete, storage_path, pack_offset, user_id) VALUES
         ($1, 5, 5, true, 'packs/0f/one.pack', 0, 7), ($2, 3, 3, true, 'packs/0f/one.pack', 5, 7), ($3, 4, 4, true, 'packs/1e/two.pack', 0, 8)`,
      [p1, p2, p3],
    );
    const before = await d.query("SELECT sha256, size, storage_path, pack_offset FROM files WHERE complete ORDER BY sha256");

    await migrate(d, migrations.slice(0, 9));
    expect(await d.query('SELECT sha256, size, storage_path, pack_offset FROM stored_files ORDER BY sha256')).toEqual(before);
    expect(await d.query('SELECT sha256, received, complete FROM files ORDER BY sha256')).toEqual([
      { sha256: own, received: 10, complete: true },
      { sha256: partial, received: 4, complete: false },
    ]);
    expect(await d.query('SELECT storage_path, user_id FROM packs ORDER BY storage_path')).toEqual([
      { storage_path: 'packs/0f/one.pack', user_id: 7 },
      { storage_path: 'packs/1e/two.pack', user_id: 8 },
    ]);
    // The key is the hash's 32 bytes; the pack's place is checked.
    expect(await d.query("SELECT encode(sha256, 'hex') AS sha256 FROM packed_files WHERE sha256 = decode($1, 'hex')", [p2])).toEqual([{ sha256: p2 }]);
    await expect(d.query("INSERT INTO packed_files (sha256, pack_id, pack_offset, size) VALUES ('\\x00ff', 1, 0, 1)")).rejects.toThrow(/sha256_check/);
    await expect(d.query("INSERT INTO packed_files (sha256, pack_id, pack_offset, size) VALUES (decode($1, 'hex'), 1, -1, 1)", ['f'.repeat(64)])).rejects.toThrow(/pack_offset_check/);
    await expect(d.query("INSERT INTO packs (storage_path) VALUES ('../etc/passwd')")).rejects.toThrow(/storage_path_check/);
  });
});
