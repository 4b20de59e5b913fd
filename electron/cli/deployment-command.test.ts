import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLibraryDatabase } from '../library/library-database.js';
import { insertSamples } from '../library/sample-store.js';
import { sample } from '../test-support/sample-factory.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { runCli } from './run-cli.js';

const tempDir = useTempDirs();

async function cli(argv: string[], home: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { CYTOCURATOR_HOME: home } });
  return { code, stdout, stderr };
}

describe('cytocurator deployment', () => {
  it('adds, lists and assigns, re-reading times in the deployment zone', async () => {
    const home = tempDir();
    const lib = openLibraryDatabase(path.join(home, 'library'));
    insertSamples(lib.db, [sample('cs-1', { startedAt: '2026-05-14T06:03:00Z', startedAtSource: '2026-05-14T06:03:00', timeZoneAssumed: true })]);
    lib.close();
    const add = await cli(['deployment', 'add', 'SOLEMIO 2026', '--station', 'SOLEMIO', '--lat', '43,2383', '--lon', '5.2883', '--time-zone', 'Europe/Paris', '--json'], home);
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ name: 'SOLEMIO 2026', latitude: 43.2383, timeZone: 'Europe/Paris', errors: [] });
    const list = await cli(['deployment', 'list', '--json'], home);
    expect(JSON.parse(list.stdout).deployments).toHaveLength(1);
    const assign = await cli(['deployment', 'assign', 'SOLEMIO 2026', 'cs-1', '--json'], home);
    expect(JSON.parse(assign.stdout)).toMatchObject({ assigned: 1 });
    const shown = JSON.parse((await cli(['sample', 'cs-1', '--json'], home)).stdout);
    expect(shown).toMatchObject({ startedAt: '2026-05-14T04:03:00Z', timeZoneAssumed: false, station: 'SOLEMIO' });
  });

  it('reports bad input with the right exit codes', async () => {
    const home = tempDir();
    expect((await cli(['deployment'], home)).code).toBe(2);
    expect((await cli(['deployment', 'add'], home)).code).toBe(2);
    expect((await cli(['deployment', 'add', 'x', '--lat', 'north'], home)).code).toBe(2);
    expect((await cli(['deployment', 'add', 'x', '--lat', '95'], home)).code).toBe(2);
    const zone = await cli(['deployment', 'add', 'x', '--time-zone', 'Mars/Olympus', '--json'], home);
    expect(zone.code).toBe(2);
    expect(JSON.parse(zone.stdout).errors[0]).toMatchObject({ field: 'timeZone' });
    const missing = await cli(['deployment', 'assign', 'nope', 'cs-1', '--json'], home);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).errors[0]).toMatchObject({ code: 'not-found', field: 'deployment' });
  });
});
