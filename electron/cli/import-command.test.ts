import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { realFixture } from '../test-support/real-fixtures.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { runCli } from './run-cli.js';

const tempDir = useTempDirs();

async function cli(argv: string[], home: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { CYTOCURATOR_HOME: home } });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as Record<string, any> };
}

describe('cytocurator import and inspect', () => {
  it('import --json prints the report document; a rejected file makes the exit status 1', async () => {
    const home = tempDir();
    const cefas = path.dirname(realFixture('ecotaxa-pipeline/cefas/Pond_NA 2023-05-24 09h23_Info.txt'));
    const ok = await cli(['import', cefas, '--json'], home);
    expect(ok.code).toBe(0);
    const doc = ok.json();
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(['samples', 'errors', 'skipped']));
    expect(doc.samples[0]).toMatchObject({ name: 'Pond_NA 2023-05-24 09h23', measurementStart: '2023-05-24T08:26:01Z', partial: true, sets: [{ name: 'All Imaged Particles', events: 817 }] });
    expect(ok.stderr).toContain('done');

    const bad = await cli(['import', realFixture('fcsparser/corrupted/corrupted.fcs'), realFixture('flowio/G11.fcs'), '--json'], home);
    expect(bad.code).toBe(1);
    expect(bad.json().samples.map((s: { name: string }) => s.name)).toEqual(['G11']);
    expect(bad.json().errors[0]).toMatchObject({ file: realFixture('fcsparser/corrupted/corrupted.fcs') });
    expect(bad.json().errors[0].message).toMatch(/not an FCS file/);
    expect((await cli(['import'], home)).code).toBe(2);
    expect((await cli(['import', cefas, '--deployment', 'nope', '--json'], home)).code).toBe(1);
  });

  it('inspect needs no library and names the kind', async () => {
    const home = tempDir();
    const info = await cli(['inspect', realFixture('rclustool/sample_example_info.txt'), '--json'], home);
    expect(info.code).toBe(0);
    // Older layout, decimal comma: "Measurement date: 19/04/2016 15:08:08", duration 300 s.
    expect(info.json()).toMatchObject({ kind: 'cytoclus-info', measurementStart: '2016-04-19T15:08:08', measurementStartUtc: null, durationSeconds: 300, errors: [] });
    const fcs = await cli(['inspect', realFixture('flowio/G11.fcs'), '--json'], home);
    expect(fcs.json().datasets[0]).toMatchObject({ version: 'FCS3.1', events: 5785 });
    expect(fcs.json().datasets[0].means).toHaveLength(fcs.json().datasets[0].parameters.length);
    const cyz = await cli(['inspect', realFixture('cyzfile-api/DataFiles/algjes machteld 2010-11-22 11u33.cyz'), '--json'], home);
    expect(cyz.json()).toMatchObject({ kind: 'cyz', isCyz: true });
    const junk = await cli(['inspect', realFixture('fcsparser/corrupted/corrupted.fcs'), '--json'], home);
    expect(junk.code).toBe(1);
    expect(junk.json().errors[0].message).toBeTruthy();
    const missing = await cli(['inspect', path.join(home, 'nope.csv'), '--json'], home);
    expect(missing.code).toBe(1);
    // No library was created by inspect.
    expect(fs.existsSync(path.join(home, 'library'))).toBe(false);
  });
});
