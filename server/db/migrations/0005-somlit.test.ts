import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { useTestDatabase } from '../../test-support/postgres.js';
import { migrations } from './index.js';

describe('migration 0005 somlit (PostgreSQL)', () => {
  const db = useTestDatabase([]);

  it('adds SOMLIT entries and values, one value per entry and parameter, codes 0–9 only', async () => {
    const d = db().driver;
    await migrate(d, migrations.slice(0, 5));
    await d.query("INSERT INTO somlit_entries (entry_id, site, sampled_on, event_id, actor, at) VALUES ('se_1', '11', '2026-11-24', 'e1', 'tom', 'now')");
    await d.query("INSERT INTO somlit_values (entry_id, parameter, value, code, event_id, actor, at) VALUES ('se_1', 'T', 14.2, '2', 'e2', 'tom', 'now')");
    await expect(d.query("INSERT INTO somlit_values (entry_id, parameter, value, code, event_id, actor, at) VALUES ('se_1', 'T', 1, '2', 'e3', 'tom', 'now')")).rejects.toThrow(/duplicate key/);
    await expect(d.query("INSERT INTO somlit_values (entry_id, parameter, value, code, event_id, actor, at) VALUES ('se_1', 'S', 1, 'X', 'e4', 'tom', 'now')")).rejects.toThrow(/code_check/);
    expect(await d.query('SELECT entry_id, parameter, value FROM somlit_values')).toEqual([{ entry_id: 'se_1', parameter: 'T', value: 14.2 }]);
  });
});
