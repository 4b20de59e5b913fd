import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { useTestDatabase } from '../../test-support/postgres.js';
import { migrations } from './index.js';

describe('migration 0008 sample-files-view (PostgreSQL)', () => {
  const db = useTestDatabase([]);

  it('shows the files of each stored record, as the table did, and compresses records with lz4 (PostgreSQL built with it)', async () => {
    const d = db().driver;
    await migrate(d, migrations.slice(0, 7));
    const file = (n: number) => ({ role: 'image', path: `images/${n}.png`, sha256: String(n).repeat(64), bytes: 400 + n });
    const record = { id: 'cs-1', files: [file(1), file(2)] };
    await d.query("INSERT INTO samples (id, import_version, name, source, event_count, metadata, record) VALUES ('cs-1', 1, 'a.cyz', 'cytosense', 10, '{}', $1)", [JSON.stringify(record)]);
    for (const f of record.files) await d.query("INSERT INTO sample_files (sample_id, role, path, sha256, bytes) VALUES ('cs-1', $1, $2, $3, $4)", [f.role, f.path, f.sha256, f.bytes]);
    const before = await d.query('SELECT sample_id, role, path, sha256, bytes FROM sample_files ORDER BY path');

    await migrate(d, migrations.slice(0, 8));
    expect(await d.query('SELECT sample_id, role, path, sha256, bytes FROM sample_files ORDER BY path')).toEqual(before);
    // A record stored later (without rows of its own) shows its files; one without files shows none.
    await d.query("INSERT INTO samples (id, import_version, name, source, event_count, metadata, record) VALUES ('cs-2', 1, 'b', 'fcs', 1, '{}', $1), ('cs-3', 1, 'c', 'fcs', 1, '{}', '{\"files\": []}')", [JSON.stringify({ files: [file(3)] })]);
    expect(await d.query("SELECT sample_id, path, bytes FROM sample_files WHERE sample_id <> 'cs-1'")).toEqual([{ sample_id: 'cs-2', path: 'images/3.png', bytes: 403 }]);
    expect(await d.query("SELECT attcompression FROM pg_attribute WHERE attrelid = 'samples'::regclass AND attname = 'record'")).toEqual([{ attcompression: 'l' }]);
  });
});
