import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { useTestDatabase } from '../../test-support/postgres.js';
import { migrations } from './index.js';

describe('migration 0007 sample-files-rows (PostgreSQL)', () => {
  const db = useTestDatabase([]);

  it('keeps the sample files, without the per-row key to samples, and checks hashes as strictly as before', async () => {
    const d = db().driver;
    await migrate(d, migrations.slice(0, 6));
    await d.query("INSERT INTO samples (id, import_version, name, source, event_count, metadata, record) VALUES ('cs-1', 1, 'a.cyz', 'cytosense', 10, '{}', '{}')");
    await d.query("INSERT INTO sample_files (sample_id, role, path, sha256, bytes) VALUES ('cs-1', 'image', 'images/1.png', $1, 400)", ['a'.repeat(64)]);
    await expect(d.query("INSERT INTO sample_files (sample_id, role, path, sha256, bytes) VALUES ('nowhere', 'image', 'x', $1, 1)", ['b'.repeat(64)])).rejects.toThrow(/foreign key/);
    await migrate(d, migrations.slice(0, 7));
    expect(await d.query('SELECT sample_id, sha256 FROM sample_files')).toEqual([{ sample_id: 'cs-1', sha256: 'a'.repeat(64) }]);
    await d.query("INSERT INTO sample_files (sample_id, role, path, sha256, bytes) VALUES ('cs-2', 'image', 'x', $1, 1)", ['b'.repeat(64)]);
    for (const table of ['sample_files', 'files']) {
      const insert = (sha: string) =>
        table === 'files'
          ? d.query("INSERT INTO files (sha256, size, storage_path) VALUES ($1, 1, 'files/x.bin')", [sha])
          : d.query("INSERT INTO sample_files (sample_id, role, path, sha256, bytes) VALUES ('cs-2', 'image', 'y', $1, 1)", [sha]);
      await expect(insert('B'.repeat(64)), table).rejects.toThrow(/sha256_check/);
      await expect(insert('b'.repeat(63)), table).rejects.toThrow(/sha256_check/);
      await expect(insert('../'.repeat(21) + 'a'), table).rejects.toThrow(/sha256_check|hexadecimal/);
      await expect(insert('g'.repeat(64)), table).rejects.toThrow(/hexadecimal/);
      await expect(insert(`${'c'.repeat(63)}\n`), table).rejects.toThrow(/hexadecimal|sha256_check/);
      await insert('0123456789abcdef'.repeat(4));
    }
  });
});
