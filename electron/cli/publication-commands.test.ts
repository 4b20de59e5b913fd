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

describe('cytocurator validate on the real SeaDataNet files', () => {
  it('accepts the valid ones and rejects the invalid ones with the right rule; exit 1 when invalid', async () => {
    const h = tempDir();
    const cases: [string, boolean, string, string | null][] = [
      ['octopus/odv/profile/diap.txt', true, 'sdn-odv', null],
      ['octopus/odv/profile_invalid/diap_invalid.txt', false, 'sdn-odv', 'odv.mapping-block'],
      ['octopus/odv/timeseries/ts_dateFormat.txt', true, 'sdn-odv', null],
      ['octopus/cfpoint/profile/diap.nc', true, 'sdn-netcdf', null],
      ['essi-lab-dab/cdi-records/cdiExample.xml', true, 'cdi-xml', null],
      ['geonetwork-schema-plugins/iso19139.sdn-cdi/templates/CDI_ISO19139_full_example.xml', true, 'cdi-xml', null],
      ['essi-lab-dab/cdi-records/cdiValidationTest-wrong-xsd.xml', false, 'cdi-xml', 'cdi-xsd-7.0.0'],
    ];
    for (const [file, valid, format, rule] of cases) {
      const r = await cli(['validate', realFixture(file), '--json'], h);
      const j = r.json();
      expect({ file, valid: j.valid, format: j.format, code: r.code }).toEqual({ file, valid, format, code: valid ? 0 : 1 });
      if (rule) expect(j.errors.map((e: { rule: string }) => e.rule)).toContain(rule);
      for (const e of j.errors as { line?: number; path?: string; rule: string; message: string }[]) {
        expect(e.rule).toBeTruthy();
        expect(e.line !== undefined || e.path !== undefined || e.rule === 'xml').toBe(true);
      }
    }
    // The 2017 record passes, with what the current schematron would add listed as warnings.
    const old = (await cli(['validate', realFixture('essi-lab-dab/cdi-records/cdiExample.xml'), '--json'], h)).json();
    expect(old.warnings.map((w: { rule: string }) => w.rule)).toEqual(['cdi-12.1.2#71', 'cdi-12.1.2#72', 'cdi-12.1.2#73', 'cdi-12.1.2#81']);
  });
});
