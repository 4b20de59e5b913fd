import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isoSchemaFolders, patchSdnSchema } from '../../scripts/copy-seadatanet-resources.js';
import { profileExample, timeSeriesExample } from '../../shared/publication/cdi/example-datasets.js';
import { writeCdi } from '../../shared/publication/cdi/write-cdi.js';
import { resourcesDir } from '../common/app-paths.js';
import { readRealFixture, realFixture } from '../test-support/real-fixtures.js';
import { CDI_XSD_RULE, declaredCdiProfileMajor, validateCdi, validateCdiRecords, validateCdiXsd } from './xsd-validator.js';

const text = (rel: string): string => new TextDecoder().decode(readRealFixture(rel));
const cdiExample = text('essi-lab-dab/cdi-records/cdiExample.xml');
const wrongXsd = text('essi-lab-dab/cdi-records/cdiValidationTest-wrong-xsd.xml');
const fullExample = text('geonetwork-schema-plugins/iso19139.sdn-cdi/templates/CDI_ISO19139_full_example.xml');
const ts = timeSeriesExample();
const pr = profileExample();
const organisations = [{ edmo: '486', name: 'IFREMER / IDM/SISMER', email: 'sismer@ifremer.fr', countryCode: 'FR', countryName: 'France' }];
const timeSeriesCdi = writeCdi(ts, ts.units[0]!, { formats: ['odv', 'netcdf'], organisations });
const profileCdi = writeCdi(pr, pr.units[0]!);
const seadatanet = path.join(resourcesDir(), 'seadatanet');
const timings: string[] = [];

async function timed<T>(what: string, run: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const result = await run();
  timings.push(`${what}: ${Math.round(performance.now() - t)} ms`);
  return result;
}

afterAll(() => {
  console.log(`CDI XSD validation timings (xmllint-wasm, schema compiled per run):\n  ${timings.join('\n  ')}`);
});

/** 1-based line of the first occurrence of a string. */
const lineOf = (xml: string, needle: string): number => xml.slice(0, xml.indexOf(needle)).split('\n').length;

describe('bundled resources (resources/seadatanet)', () => {
  it('hold byte-for-byte copies of the ISO 19139 schemas and the 12.1.2 schematron', () => {
    for (const folder of isoSchemaFolders) {
      const source = realFixture(`geonetwork-schema-plugins/iso19139-2005-schema/${folder}`);
      const xsd = fs.readdirSync(source).filter((f) => f.endsWith('.xsd')).sort();
      expect(fs.readdirSync(path.join(seadatanet, 'iso19139-2005-schema', folder)).sort()).toEqual(xsd);
      for (const f of xsd) expect(fs.readFileSync(path.join(seadatanet, 'iso19139-2005-schema', folder, f)).equals(fs.readFileSync(path.join(source, f))), f).toBe(true);
    }
    expect(fs.readFileSync(path.join(seadatanet, 'schematron', 'cdi-12.1.2.sch')).equals(Buffer.from(readRealFixture('essi-lab-dab/schematron/cdi-12.1.2.sch')))).toBe(true);
  });

  it('hold the 7.0.0 SDN schema with only the imports inserted, and a NOTICE naming every origin', () => {
    const original = text('geonetwork-schema-plugins/iso19139.sdn-cdi/schemas/SDN2_CDI_ISO19139_7.0.0.xsd');
    const bundled = fs.readFileSync(path.join(seadatanet, 'sdn-cdi', 'SDN2_CDI_ISO19139_7.0.0.xsd'), 'utf8');
    expect(bundled).toBe(patchSdnSchema(original));
    expect(bundled.split('\n').length - original.split('\n').length).toBe(6);
    const notice = fs.readFileSync(path.join(seadatanet, 'NOTICE.md'), 'utf8');
    for (const origin of ['github.com/geonetwork/schema-plugins', 'd9bed80064ee0cad7764df0f445e89551cbd5c78', 'github.com/ESSI-Lab/DAB', '99b5604d376b90efd2d4589caa0357bb0870abff', 'AGPL-3.0', 'GPL-2.0-or-later']) {
      expect(notice).toContain(origin);
    }
    const shipped = fs.readdirSync(seadatanet, { recursive: true }).map(String).filter((f) => !fs.statSync(path.join(seadatanet, f)).isDirectory());
    expect(shipped.filter((f) => !f.endsWith('.xsd')).sort()).toEqual(['NOTICE.md', path.join('schematron', 'cdi-12.1.2.sch')]);
  });
});

describe('validateCdiXsd', () => {
  it('accepts the real records cdiExample.xml and the 7.0.0 full example', async () => {
    expect(await timed('cdiExample.xml (first run)', () => validateCdiXsd(cdiExample))).toEqual([]);
    expect(await timed('CDI_ISO19139_full_example.xml', () => validateCdiXsd(fullExample))).toEqual([]);
  });

  it('refuses cdiValidationTest-wrong-xsd.xml for its misspelt element only (SDN_CSRCode is declared locally)', async () => {
    const errors = await timed('cdiValidationTest-wrong-xsd.xml', () => validateCdiXsd(wrongXsd));
    expect(errors).toHaveLength(1);
    // Line 30 closes the misspelt <sdn:SDN_HierarchyLevelNameCodee …> start tag (see the fixture, lines 28–30).
    expect(errors[0]).toMatchObject({ rule: CDI_XSD_RULE, line: 30 });
    expect(errors[0]!.message).toMatch(/^Element 'sdn:SDN_HierarchyLevelNameCodee': This element is not expected\. Expected is one of \( gco:CharacterString, /);
    expect(lineOf(wrongXsd, '<sdn:SDN_CSRCode')).toBe(862);
  });

  it('without the local SDN_CSRCode declaration, 7.0.0 alone also refuses line 862 (the doc’s expected result)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdi-xsd-'));
    try {
      fs.cpSync(seadatanet, path.join(dir, 'seadatanet'), { recursive: true });
      const root = path.join(dir, 'seadatanet', 'cdi-7.0.0-offline.xsd');
      fs.writeFileSync(root, fs.readFileSync(root, 'utf8').replace(/\s*<xs:include schemaLocation="sdn-cdi\/SDN_CSRCode-local.xsd"\/>/, ''));
      const errors = await validateCdiXsd(wrongXsd, { resourcesDir: dir });
      expect(errors.map((e) => e.line)).toEqual([30, 862]);
      expect(errors[1]!.message).toContain("Element 'sdn:SDN_CSRCode'");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses elements out of order, with the line', async () => {
    const language = timeSeriesCdi.match(/ {2}<gmd:language>[\s\S]*?<\/gmd:language>\n/)![0];
    const characterSet = timeSeriesCdi.match(/ {2}<gmd:characterSet>[\s\S]*?<\/gmd:characterSet>\n/)![0];
    const swapped = timeSeriesCdi.replace(language + characterSet, characterSet + language);
    expect(swapped).not.toBe(timeSeriesCdi);
    const errors = await validateCdiXsd(swapped);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ rule: CDI_XSD_RULE, line: lineOf(swapped, '<gmd:language>') });
    expect(errors[0]!.message).toMatch(/^Element 'gmd:language': This element is not expected\./);
  });

  it('refuses a non-decimal bounding box value and a document that is not a CDI record', async () => {
    const bad = timeSeriesCdi.replace('<gco:Decimal>5.2883</gco:Decimal>', '<gco:Decimal>5,29</gco:Decimal>');
    const errors = await validateCdiXsd(bad);
    expect(errors).toEqual([
      { rule: CDI_XSD_RULE, line: lineOf(bad, '5,29'), message: expect.stringMatching(/^Element 'gco:Decimal': '5,29' is not a valid value of the atomic type 'xs:decimal'\./) },
    ]);
    const other = await validateCdiXsd('<?xml version="1.0"?>\n<records><record/></records>\n');
    expect(other).toEqual([{ rule: CDI_XSD_RULE, line: 2, message: expect.stringContaining('No matching global declaration available for the validation root') }]);
  });

  it('reports malformed input as xml errors with the line, without running xmllint on it', async () => {
    expect(await validateCdiXsd('<gmd:MD_Metadata>\n<a>\n</gmd:MD_Metadata>')).toEqual([{ rule: 'xml', line: 3, message: expect.stringContaining('not well-formed XML') }]);
    expect(await validateCdiXsd('')).toEqual([{ rule: 'xml', message: 'not well-formed XML: empty document' }]);
    expect((await validateCdiXsd(timeSeriesCdi.slice(0, 5000)))[0]!.rule).toBe('xml');
    // An entity libxml2 does not know (the JS check lets HTML entities through): xmllint's own parser error.
    expect(await validateCdiXsd('<a>&nbsp;</a>')).toEqual([{ rule: 'xml', line: 1, message: "not well-formed XML: Entity 'nbsp' not defined" }]);
  });

  it('says so when the schemas are not installed', async () => {
    await expect(validateCdiXsd(timeSeriesCdi, { resourcesDir: path.join(os.tmpdir(), 'no-such-resources') })).rejects.toThrow(/CDI schemas not found/);
  });
});

describe('validateCdi (XSD + schematron 12.1.2)', () => {
  it('passes the generated time-series and profile records; remote checks are listed as skipped', async () => {
    for (const [what, xml] of [['generated time series', timeSeriesCdi], ['generated profile', profileCdi]] as const) {
      const report = await timed(`${what} (XSD + schematron)`, () => validateCdi(xml));
      expect(report).toMatchObject({ valid: true, format: 'cdi-xml', errors: [] });
      expect(report.skipped.map((s) => s.rule)).toEqual(['cdi-12.1.2#51', 'cdi-12.1.2#82']);
      expect(report.skipped[0]!.reason).toContain('L11');
    }
  });

  it('passes random generated records (seeded; one xmllint run for all)', async () => {
    const seed = Number(process.env.CDI_SEED ?? Date.now() % 100000);
    console.log(`xsd-validator random test seed: ${seed} (rerun with CDI_SEED=${seed})`);
    let s = seed;
    const rnd = (): number => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return s / 2147483648;
    };
    const records = Array.from({ length: 12 }, (_, k) => {
      const base = rnd() < 0.5 ? timeSeriesExample() : profileExample();
      const unit = base.units[0]!;
      const lat0 = rnd() * 170 - 85;
      const lon0 = rnd() * 350 - 175;
      const samples = Array.from({ length: 1 + Math.floor(rnd() * 5) }, (_, i) => ({
        ...unit.samples[0]!,
        sampleId: `S${i}`,
        time: new Date(Date.parse('1995-01-01T00:00:00Z') + Math.floor(rnd() * 1e12)).toISOString(),
        latitude: lat0 + rnd() * 0.5,
        longitude: lon0 + rnd() * 0.5,
        depth_m: rnd() < 0.3 ? null : Math.round(rnd() * 5e6) / 1000,
      }));
      const metadata = { ...base.metadata, title: `Run ${k} <&> "ü"`, cruise: rnd() < 0.3 ? '' : base.metadata.cruise, platformCode: rnd() < 0.5 ? '35A3' : null };
      const dataset = { ...base, metadata, units: [{ ...unit, localCdiId: `R ${k}/${seed}`, samples }] };
      return writeCdi(dataset, dataset.units[0]!, { formats: rnd() < 0.5 ? ['netcdf'] : [], organisations: rnd() < 0.5 ? organisations : [] });
    });
    const reports = await timed('batch of 12 random generated records', () => validateCdiRecords(records));
    reports.forEach((r, k) => expect(r.errors, `seed ${seed} record ${k}`).toEqual([]));
  });

  it('cdiExample.xml (declares profile 10.0.0): valid, with the four rules 12.1.2 added reported as warnings', async () => {
    const report = await validateCdi(cdiExample);
    expect(report.valid).toBe(true);
    expect(report.errors).toEqual([]);
    expect(report.warnings!.map((e) => e.rule)).toEqual(['cdi-12.1.2#71', 'cdi-12.1.2#72', 'cdi-12.1.2#73', 'cdi-12.1.2#81']);
    expect(report.warnings!.every((e) => e.path !== undefined && e.line === undefined && /declares CDI profile 10/.test(e.message))).toBe(true);
    expect(declaredCdiProfileMajor(cdiExample)).toBe(10);
    // The same record claiming no older profile is held to 12.1.2, as our own records are.
    const current = await validateCdi(cdiExample.replace(/SDN2_CDI_ISO19139_10\.0\.0\.xsd/, 'cdi.xsd'));
    expect(current.valid).toBe(false);
    expect(current.errors.map((e) => e.rule)).toEqual(['cdi-12.1.2#71', 'cdi-12.1.2#72', 'cdi-12.1.2#73', 'cdi-12.1.2#81']);
    expect(declaredCdiProfileMajor(timeSeriesCdi)).toBeNull();
  });

  it('missing fileIdentifier: XSD-valid (it is optional in ISO 19139), refused by schematron #1', async () => {
    const xml = timeSeriesCdi.replace(/\n {2}<gmd:fileIdentifier>[\s\S]*?<\/gmd:fileIdentifier>/, '');
    const report = await validateCdi(xml);
    expect(report.errors.map((e) => `${e.rule} ${e.path}`)).toEqual(['cdi-12.1.2#1 /gmd:MD_Metadata', 'cdi-12.1.2#1 /gmd:MD_Metadata']);
  });

  it('bad bounding box: XSD errors (line) and schematron errors (path) together', async () => {
    // South written with a decimal comma: not an xs:decimal (XSD), no '.' decimals (#46), NaN for the range (#65).
    const xml = timeSeriesCdi.replace('<gco:Decimal>43.2383</gco:Decimal>', '<gco:Decimal>43,24</gco:Decimal>');
    const report = await validateCdi(xml);
    expect(report.errors.map((e) => `${e.rule} ${e.line ?? e.path!.split('/').pop()}`)).toEqual([
      `${CDI_XSD_RULE} ${lineOf(xml, '43,24')}`,
      'cdi-12.1.2#47 gmd:southBoundLatitude',
      'cdi-12.1.2#65 gmd:EX_GeographicBoundingBox',
      'cdi-12.1.2#65 gmd:EX_GeographicBoundingBox',
    ]);
    // A latitude of 95: a valid decimal, refused by the schematron only.
    const north = await validateCdi(timeSeriesCdi.replace('<gco:Decimal>43.2383</gco:Decimal>\n              </gmd:northBoundLatitude>', '<gco:Decimal>95.00</gco:Decimal>\n              </gmd:northBoundLatitude>'));
    expect(north.errors.map((e) => `${e.rule} ${e.message.split(' [')[0]}`)).toEqual(['cdi-12.1.2#65 northBoundLatitude must be in -90; 90 and greater than southBoundLatitude']);
  });

  it('reports a malformed record once', async () => {
    const report = await validateCdi('<gmd:MD_Metadata xmlns:gmd="http://www.isotc211.org/2005/gmd">\n  <gmd:fileIdentifier>\n</gmd:MD_Metadata>\n');
    expect(report).toMatchObject({ valid: false, format: 'cdi-xml' });
    expect(report.errors).toEqual([{ rule: 'xml', line: 3, message: expect.stringContaining('not a well-formed XML document') }]);
    expect(report.skipped.map((s) => s.rule)).toEqual([CDI_XSD_RULE, 'cdi-12.1.2']);
  });

  it('validates many records with one xmllint run, each with its own result', async () => {
    const records = [timeSeriesCdi, wrongXsd, 'not xml at all', profileCdi, cdiExample];
    const reports = await timed('batch of 5 records (4 through xmllint)', () => validateCdiRecords(records));
    expect(reports.map((r) => r.valid)).toEqual([true, false, false, true, true]);
    expect(reports[1]!.errors.filter((e) => e.rule === CDI_XSD_RULE).map((e) => e.line)).toEqual([30]);
    expect(reports[2]!.errors.map((e) => e.rule)).toEqual(['xml']);
    expect(reports[4]!.warnings!.map((e) => e.rule)).toEqual(['cdi-12.1.2#71', 'cdi-12.1.2#72', 'cdi-12.1.2#73', 'cdi-12.1.2#81']);
    expect(await validateCdiRecords([])).toEqual([]);
  });
});
