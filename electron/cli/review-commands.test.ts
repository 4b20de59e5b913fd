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
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as Record<string, any> };
}

function home(): string {
  const h = tempDir();
  const lib = openLibraryDatabase(path.join(h, 'library'));
  insertSamples(lib.db, [sample('cs-a'), sample('cs-b', { startedAt: '2026-05-15T00:00:00Z' })]);
  lib.close();
  return h;
}

describe('review from the CLI', () => {
  it('flag, approve, audit, undo: the contract of the visual-QC issue', async () => {
    const h = home();
    const flagged = await cli(['flag', 'cs-a', 'cs-b', '--flag', '4', '--comment', 'bubbles in the flow cell', '--json'], h);
    expect(flagged.code).toBe(0);
    expect(flagged.json()).toMatchObject({ events: 2, samples: 2 });
    const changeset = flagged.json().changeset as string;

    const list = (await cli(['samples', '--json'], h)).json();
    expect(list.samples[0]).toMatchObject({ id: 'cs-b', measurementStart: '2026-05-15T00:00:00Z', flag: '4', reviewState: 'unreviewed' });
    expect((await cli(['samples', '--flag', '4', '--json'], h)).json().samples).toHaveLength(2);
    expect((await cli(['samples', '--flag', 'none', '--json'], h)).json().samples).toHaveLength(0);

    expect((await cli(['approve', 'cs-a', '--json'], h)).code).toBe(0);
    const approved = (await cli(['samples', '--review', 'approved', '--json'], h)).json().samples;
    expect(approved.map((s: { id: string }) => s.id)).toEqual(['cs-a']);
    expect(approved[0].reviewer).toBeTruthy();

    const audit = (await cli(['audit', 'cs-a', '--json'], h)).json();
    expect(audit.events.map((e: { action: string }) => e.action)).toEqual(['flag', 'approve']);
    expect(audit.events[0]).toMatchObject({ changeset, before: null, after: { scheme: 'L20', code: '4', comment: 'bubbles in the flow cell' }, reason: 'bubbles in the flow cell' });
    expect(Object.keys(audit.events[0])).toEqual(expect.arrayContaining(['id', 'changeset', 'actor', 'at', 'target', 'before', 'after', 'reason']));

    const undo = await cli(['undo', changeset, '--json'], h);
    expect(undo.code).toBe(0);
    expect((await cli(['samples', '--flag', 'none', '--json'], h)).json().samples).toHaveLength(2);
    // cs-a was approved with flag 4: the undo changed an approved value, so… the approval stays recorded in the log.
    expect((await cli(['audit', 'cs-b', '--json'], h)).json().events.map((e: { action: string }) => e.action)).toEqual(['flag', 'undo']);
  });

  it('refuses an undo when the target changed since, and bad input with usage errors', async () => {
    const h = home();
    const first = (await cli(['flag', 'cs-a', '--flag', '3', '--json'], h)).json().changeset as string;
    await cli(['flag', 'cs-a', '--flag', '1'], h);
    const refused = await cli(['undo', first, '--json'], h);
    expect(refused.code).toBe(1);
    expect(refused.json().errors[0].message).toMatch(/cannot undo: the flag of sample cs-a was changed after this change/);
    expect((await cli(['flag', 'cs-a', '--flag', 'X'], h)).code).toBe(2);
    expect((await cli(['flag', 'cs-a'], h)).code).toBe(2);
    expect((await cli(['flag', 'cs-nope', '--flag', '1', '--json'], h)).code).toBe(1);
    expect((await cli(['audit', 'cs-nope', '--json'], h)).code).toBe(1);
  });
});

describe('flag mapping tables', () => {
  it('shows the defaults, changes one entry, refuses a non-L20 target, and resets', async () => {
    const h = home();
    const shown = await cli(['flag-mapping', '--json'], h);
    expect(shown.json().mappings.QARTOD['3']).toBe('3');
    const changed = await cli(['flag-mapping', '--set', 'QARTOD:3=2', '--json'], h);
    expect(changed.code).toBe(0);
    expect(changed.json().mappings.QARTOD['3']).toBe('2');
    expect((await cli(['flag-mapping'], h)).stdout).toContain('(changed from the default)');
    expect((await cli(['flag-mapping', '--set', 'QARTOD:3=Z'], h)).code).toBe(2);
    expect((await cli(['flag-mapping', '--reset', '--json'], h)).json().mappings.QARTOD['3']).toBe('3');
  });
});
