import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { openLibraryDatabase, readMeta } from './library-database.js';
import { latestSchemaVersion } from './migrations/index.js';
import { insertSamples, listSamples } from './sample-store.js';
import { sample } from '../test-support/sample-factory.js';

const tempDir = useTempDirs();


describe('library database', () => {
  it('creates the folder, WAL, foreign keys and the latest schema', () => {
    const dir = path.join(tempDir(), 'lib');
    const lib = openLibraryDatabase(dir);
    expect(fs.existsSync(path.join(dir, 'library.sqlite'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'files'))).toBe(true);
    expect(lib.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(lib.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(lib.schemaVersion).toBe(latestSchemaVersion);
    lib.close();
  });

  it('stays valid when the folder is moved', () => {
    const base = tempDir();
    const lib = openLibraryDatabase(path.join(base, 'a'));
    const id = readMeta(lib.db, 'library_id');
    insertSamples(lib.db, [sample('cs-1')]);
    lib.close();
    fs.renameSync(path.join(base, 'a'), path.join(base, 'moved'));
    const again = openLibraryDatabase(path.join(base, 'moved'));
    expect(readMeta(again.db, 'library_id')).toBe(id);
    expect(listSamples(again.db, { offset: 0, limit: 10, sort: [] }).rows.map((r) => r.id)).toEqual(['cs-1']);
    // Nothing in the database names the old absolute path.
    const dump = JSON.stringify(again.db.prepare('SELECT * FROM sample_files').all());
    expect(dump).not.toContain(base);
    again.close();
  });

  it('stores a batch whole or not at all', () => {
    const lib = openLibraryDatabase(path.join(tempDir(), 'lib'));
    insertSamples(lib.db, [sample('cs-1')]);
    expect(() => insertSamples(lib.db, [sample('cs-2'), sample('cs-1')])).toThrow(/UNIQUE/);
    expect(listSamples(lib.db, { offset: 0, limit: 10, sort: [] }).total).toBe(1);
    lib.close();
  });

  it('refuses a file where a folder is expected, and a missing library when read-only', () => {
    const base = tempDir();
    fs.writeFileSync(path.join(base, 'file'), 'x');
    expect(() => openLibraryDatabase(path.join(base, 'file'))).toThrow(/must be a folder/);
    expect(() => openLibraryDatabase(path.join(base, 'none'), { readOnly: true })).toThrow(/no CytoCurator library/);
  });
});
