import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { useTestDatabase } from '../../test-support/postgres.js';
import { migrations } from './index.js';

describe('migration 0003 projections (PostgreSQL)', () => {
  const db = useTestDatabase([]);

  it('keeps the log, and adds samples with abundances and files, flags, reviews, templates and datasets', async () => {
    const d = db().driver;
    await migrate(d, migrations.slice(0, 2));
    await d.query("INSERT INTO users (name, role, password_hash) VALUES ('ana', 'curator', 'scrypt$x')");
    await d.query("INSERT INTO events (event_id, target_key, device, status, revision, event, user_id) SELECT 'e1', 'k', 'l', 'applied', 1, '{}', id FROM users");
    await migrate(d, migrations.slice(0, 3));
    expect(await d.query('SELECT event_id FROM events')).toEqual([{ event_id: 'e1' }]);

    await d.query("INSERT INTO samples (id, import_version, name, source, event_count, metadata, record) VALUES ('cs-1', 1, 'a.cyz', 'cytosense', 10, '{}', '{}')");
    await d.query("INSERT INTO sample_abundances (sample_id, set_name, group_name, abundance_per_ml, template, template_version) VALUES ('cs-1', 'Synecho', 'Synechococcus', 1.5e4, 't', 1)");
    await d.query("INSERT INTO sample_files (sample_id, role, path, sha256, bytes) VALUES ('cs-1', 'image', '../../etc/passwd', $1, 10)", ['c'.repeat(64)]);
    await expect(d.query("INSERT INTO sample_abundances (sample_id, set_name, template, template_version) VALUES ('cs-1', 'Synecho', 't', 1)")).rejects.toThrow(/sample_abundances_pkey/);
    await expect(d.query("INSERT INTO sample_files (sample_id, role, path, sha256, bytes) VALUES ('cs-1', 'image', 'x', 'ABC', 1)")).rejects.toThrow(/sha256_check/);
    await expect(d.query("INSERT INTO samples (id, import_version, name, source, event_count, metadata, record) VALUES ('x', 1, 'x', 'csv', 1, '{}', '{}')")).rejects.toThrow(/source_check/);
    // Deleting a sample takes its abundances and files with it.
    await d.query("DELETE FROM samples WHERE id = 'cs-1'");
    expect(await d.query('SELECT * FROM sample_abundances')).toEqual([]);
    expect(await d.query('SELECT * FROM sample_files')).toEqual([]);

    // Decisions need no sample row: they may arrive before the record.
    await d.query("INSERT INTO sample_reviews (sample_id, state, event_id, actor, at) VALUES ('cs-9', 'approved', 'e1', 'ana', 'now')");
    await expect(d.query("INSERT INTO sample_reviews (sample_id, state, event_id, actor, at) VALUES ('cs-8', 'done', 'e1', 'ana', 'now')")).rejects.toThrow(/state_check/);
    await d.query("INSERT INTO sample_flags (target_key, sample_id, group_name, scheme, code, event_id, actor, at) VALUES ('k', 'cs-9', 'Synecho', 'L20', '4', 'e1', 'ana', 'now')");

    await d.query("INSERT INTO datasets (dataset_id, version, access_restriction, metadata, event_id, actor, at) VALUES ('ds', 1, 'LS', '{}', 'e1', 'ana', 'now')");
    await d.query("INSERT INTO dataset_samples (dataset_id, sample_id) VALUES ('ds', 'cs-9')");
    await d.query("DELETE FROM datasets WHERE dataset_id = 'ds'");
    expect(await d.query('SELECT * FROM dataset_samples')).toEqual([]);

    await d.query("INSERT INTO gate_template_versions (template_id, version, value, event_id, actor, at) VALUES ('t', 1, '{}', 'e1', 'ana', 'now')");
    await expect(d.query("INSERT INTO gate_template_versions (template_id, version, value, event_id, actor, at) VALUES ('t', 1, '{}', 'e1', 'ana', 'now')")).rejects.toThrow(/pkey/);
  });
});
