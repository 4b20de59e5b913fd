import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCytoclusExport } from '../test-support/cytoclus-export-writer.js';
import { realFixture } from '../test-support/real-fixtures.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { runCli } from './run-cli.js';
import { parseFilter } from './selection-option.js';

const tempDir = useTempDirs();

async function cli(argv: string[], home: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { CYTOCURATOR_HOME: home } });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as Record<string, any> };
}

describe('gates and abundances from the CLI', () => {
  it('imports a real CytoClus set file, applies it to a filtered set and lists abundances (the issue contract)', async () => {
    const h = tempDir();
    const exports = path.join(h, 'exports');
    // Columns as CytoClus writes them; the set file says "FL Red"/"FL Orange" axes with Total parameters. Its
    // rectangle spans FL Red 3888.672 … 10166.757 and FL Orange 1496.23 … 2921.02 (X + Width, Y + Height in the file):
    // events 3 and 4 are inside, event 5 is right of it.
    const columns = {
      'FWS Total': [10, 100, 1000, 1000, 1000],
      'SWS Total': [1, 2, 3, 4, 5],
      'Fl Red Total': [5, 500, 5000, 9000, 20000],
      'Fl Orange Total': [5, 50, 2000, 2500, 2000],
      'Fl Yellow Total': [1, 1, 1, 1, 1],
    };
    writeCytoclusExport({ folder: exports, name: 'SOLA 2026-04-01 10h00', columns, volume_uL: 0.5 });
    writeCytoclusExport({ folder: exports, name: 'FRIOUL 2026-04-01 10h00', columns, volume_uL: 0.5 });
    expect((await cli(['import', exports, '--json'], h)).code).toBe(0);

    const file = path.join(realFixture('cyzfile-api/SetFiles'), 'Algae_Single_Rect_TotRedTotOr.xml');
    const imported = await cli(['gates', 'import', file, '--json'], h);
    expect(imported.code).toBe(0);
    const t = imported.json();
    expect(t.template).toMatchObject({ id: expect.stringMatching(/^t_/), version: 1 });
    expect(t.template.sets.length).toBeGreaterThan(0);
    expect(t.unmatchedAxes).toEqual([]);

    const applied = await cli(['gates', 'apply', t.template.id, '--filter', 'search=SOLA', '--json'], h);
    expect(applied.code).toBe(0);
    expect(applied.json()).toMatchObject({ samples: 1, recomputed: 1 });

    const listed = await cli(['abundances', '--json'], h);
    expect(listed.code).toBe(0);
    const rows = listed.json().abundances as Record<string, unknown>[];
    expect(rows.length).toBe(t.template.sets.length);
    expect(rows.find((r) => r['set'] === 'Algae_Single_Rect_TotRedTotOr')).toMatchObject({ events: 2, abundance_per_mL: 4000 });
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['sample', 'set', 'events', 'abundance_per_mL', 'template', 'templateVersion', 'means', 'flag', 'note']));
      expect(row).toMatchObject({ template: t.template.id, templateVersion: 1 });
      // 0.5 µL analysed: abundance = events × 2000 per mL.
      expect(row['abundance_per_mL']).toBe((row['events'] as number) * 2000);
      if ((row['events'] as number) > 0) expect((row['means'] as Record<string, number>)['Fl Red Total']).toBe(7000);
    }

    const shown = (await cli(['gates', 'show', t.template.id, '--json'], h)).json();
    expect(shown.history).toHaveLength(1);
    const out = path.join(h, 'exported.xml');
    expect((await cli(['gates', 'export', t.template.id, '--out', out], h)).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/Gating-ML/);
    expect((await cli(['gates', 'list', '--json'], h)).json().templates).toEqual([expect.objectContaining({ id: t.template.id, samples: 1 })]);
  });

  it('refuses bad input with a clear message and exit status 2 (usage) or 1 (error)', async () => {
    const h = tempDir();
    const missing = await cli(['gates', 'import', path.join(h, 'nope.xml'), '--json'], h);
    expect(missing.code).toBe(1);
    expect(missing.stdout + missing.stderr).toMatch(/nope\.xml/);
    const junk = path.join(h, 'junk.xml');
    fs.writeFileSync(junk, 'not xml at all');
    const bad = await cli(['gates', 'import', junk, '--json'], h);
    expect(bad.code).toBe(1);
    expect(bad.stdout + bad.stderr).toMatch(/junk\.xml/);
    expect((await cli(['gates', 'apply', 't_x'], h)).code).toBe(2);
    expect((await cli(['gates', 'frobnicate'], h)).code).toBe(2);
    expect(() => parseFilter('review=done')).toThrow(/not one of unreviewed/);
    expect(parseFilter('review=approved,needs-attention; deployment=SOLA 2026; flag=1,2')).toEqual({
      query: { reviewStates: ['approved', 'needs-attention'], deployment: 'SOLA 2026', flags: ['1', '2'] },
    });
  });
});
