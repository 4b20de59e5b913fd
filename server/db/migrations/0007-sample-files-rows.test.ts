import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { useTestDatabase } from '../../test-support/postgres.js';
import { migrations } from './index.js';

describe('migration 0007 sample-files-rows (PostgreSQL)', () => {
  const db = useTestDatabase([]);

  it('keeps the sample files, without the per-row key to samples, and still checks their hashes', async () => {
    const d = db().driver;
    await migrate(d, migrations.slice(0, 6));
    await d.query("INSERT INTO samples (id, import_version, name, source, event_count, metadata, record) VALUES ('cs-1', 1, 'a.cyz', 'cytosense', 10, '{}', '{}')");
    await d.query("INSERT INTO sample_files (sample_id, role, path, sha256, bytes) VALUES ('cs-1', 'image', 'images/1.png', $1, 400)", ['a'.repeat(64)]);
    await expect(d.query("INSERT INTO sample_files (sample_id, role, path, sha256, bytes) VALUES ('nowhere', 'image', 'x', $1, 1)", ['b'.repeat(64)])).rejects.toThrow(/foreign key/);
    await migrate(d, migrations.slice(0, 7));
    expect(await d.query('SELECT sample_id, sha256 FROM sample_files')).toEqual([{ sample_id: 'cs-1', sha256: 'a'.repeat(64) }]);
    await d.query("INSERT INTO sample_files (sample_id, role, path, sha256, bytes) VALUES ('cs-2', 'image', 'x', $1, 1)", ['b'.repeat(64)]);
    await expect(d.query("INSERT INTO sample_files (sample_id, role, path, sha256, bytes) VALUES ('cs-2', 'image', 'y', $1, 1)", ['B'.repeat(64)])).rejects.toThrow(/sha256_check/);
  });
});
