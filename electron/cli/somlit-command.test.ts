import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSomlitExtraction } from '../../shared/somlit/extraction-writer.js';
import { generateEntries } from '../../shared/somlit/test-support/generate-entries.js';
import { bundledSomlitTableFile, loadSomlitTable } from '../somlit/somlit-table-file.js';
import { useTempDirs } from '../test-support/temp-dirs.js';
import { runCli } from './run-cli.js';

const tempDir = useTempDirs();
const table = loadSomlitTable(bundledSomlitTableFile());

async function cli(argv: string[], home: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { CYTOCURATOR_HOME: home } });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as Record<string, any> };
}

describe('cytocurator somlit', () => {
  it('imports generated extraction files of both types and exports them again byte for byte, filtered by site and dates', async () => {
    const home = tempDir();
    for (const type of ['hydro', 'piconano'] as const) {
      const seed = (Date.now() + (type === 'hydro' ? 11 : 13)) >>> 0;
      console.log(`somlit cli ${type} seed ${seed}`);
      const entries = generateEntries(table, type, seed, 25);
      const original = writeSomlitExtraction(table, type, entries);
      const file = path.join(home, `Somlit_Extraction_${type}_20260514_101500_abc.csv`);
      fs.writeFileSync(file, original);
      const imported = await cli(['somlit', 'import', file, '--json'], home);
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.json()).toMatchObject({ type, rows: 25, rejected: 0, created: 25, errors: [] });

      const out = path.join(home, `out-${type}.csv`);
      const exported = await cli(['somlit', 'export', '--type', type, '--out', out, '--json'], home);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.json()).toMatchObject({ file: out, type, rows: 25, bytes: Buffer.byteLength(original) });
      expect(fs.readFileSync(out, 'utf8')).toBe(original);

      const site = entries[3]!.fields.site!;
      const dates = entries.map((e) => e.fields.date!).sort();
      const kept = entries.filter((e) => e.fields.site === site && e.fields.date! >= dates[2]! && e.fields.date! <= dates[20]!);
      const filteredOut = path.join(home, `filtered-${type}.csv`);
      const filtered = await cli(['somlit', 'export', '--type', type, '--site', site, '--from', dates[2]!, '--to', dates[20]!, '--out', filteredOut], home);
      expect(filtered.code, filtered.stderr).toBe(0);
      expect(filtered.stdout).toMatch(new RegExp(`wrote ${filteredOut.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${kept.length} row\\(s\\)`));
      expect(fs.readFileSync(filteredOut, 'utf8')).toBe(writeSomlitExtraction(table, type, kept));
    }
    // A folder gets the SOMLIT file name
    const folder = path.join(home, 'exports');
    fs.mkdirSync(folder);
    const named = await cli(['somlit', 'export', '--type', 'hydro', '--site', '11', '--out', folder, '--json'], home);
    expect(named.code, named.stderr).toBe(0);
    expect(path.basename(named.json().file as string)).toMatch(/^Somlit_Extraction_hydro_\d{8}_\d{6}_[0-9a-f]{8}\.csv$/);
  });

  it('reports rows left out by line and column with exit status 1, and usage errors with 2', async () => {
    const home = tempDir();
    const file = path.join(home, 'Somlit_Extraction_hydro_x_y_z.csv');
    fs.writeFileSync(
      file,
      [
        '// SOMLIT',
        '// x',
        'ID_SITE;DATE;HEURE;COEF_MAREE;MAREE;PROF_TEXT;PROF_NUM;nomSite*;gpsLat*;gpsLong*;T;qT',
        '//;;;;;;;;;;°C;',
        '11;2026-05-14;09:30:00;;;S;1;Frioul;43.2417;5.29167;18.4;2',
        '11;2026-05-28;09:30:00;;;S;1;Frioul;43.2417;5.29167;999999;2',
        '',
      ].join('\n'),
    );
    const r = await cli(['somlit', 'import', file], home);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/imported Somlit_Extraction_hydro_x_y_z\.csv \(hydro\): 1 of 2 row\(s\), 1 new entry/);
    expect(r.stdout).toMatch(/error: line 6: T: T: 999999 is the file's missing value/);
    const json = await cli(['somlit', 'import', file, '--json'], home);
    expect(json.code).toBe(1);
    expect(json.json()).toMatchObject({ created: 0, updated: 1, errors: [{ line: 6, field: 'T' }] });

    const junk = path.join(home, 'junk.csv');
    fs.writeFileSync(junk, 'not;a;somlit;file\n');
    const bad = await cli(['somlit', 'import', junk, '--json'], home);
    expect(bad.code).toBe(1);
    expect(bad.json().errors[0]).toMatchObject({ code: 'invalid-input', file: junk, message: expect.stringMatching(/no SOMLIT header/) });

    expect((await cli(['somlit', 'export', '--out', path.join(home, 'a.csv')], home)).code).toBe(2);
    expect((await cli(['somlit', 'export', '--type', 'ctd', '--out', path.join(home, 'a.csv')], home)).code).toBe(2);
    expect((await cli(['somlit', 'export', '--type', 'hydro'], home)).code).toBe(2);
    expect((await cli(['somlit', 'export', '--type', 'hydro', '--from', '14/05/2026', '--out', path.join(home, 'a.csv')], home)).stderr).toMatch(/--from must be a date like 2026-05-14/);
    expect((await cli(['somlit', 'import'], home)).code).toBe(2);
    expect((await cli(['somlit'], home)).code).toBe(2);
    const missingSite = await cli(['somlit', 'export', '--type', 'hydro', '--site', '99', '--out', path.join(home, 'a.csv')], home);
    expect(missingSite.code).toBe(2); // a site the table does not know is a bad argument
    expect(missingSite.stderr).toMatch(/site 99 is not in the SOMLIT table/);
  });
});
