import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { readRealFixture } from '../../../electron/test-support/real-fixtures.js';
import { decodeText } from '../../formats/text/decode-text.js';
import { profileExample, timeSeriesExample } from './example-datasets.js';
import { cdiSchematronPatterns, validateCdiSchematron } from './schematron-12-1-2.js';
import { writeCdi } from './write-cdi.js';

const schPath = path.resolve(import.meta.dirname, '../../../resources/seadatanet/schematron/cdi-12.1.2.sch');
const fixture = (rel: string): string => decodeText(readRealFixture(rel)).text;
const cdiExample = (): string => fixture('essi-lab-dab/cdi-records/cdiExample.xml');
const wrongXsd = (): string => fixture('essi-lab-dab/cdi-records/cdiValidationTest-wrong-xsd.xml');
const fullExample = (): string => fixture('geonetwork-schema-plugins/iso19139.sdn-cdi/templates/CDI_ISO19139_full_example.xml');

const ts = timeSeriesExample();
const tsUnit = ts.units[0]!;
const pr = profileExample();
const prUnit = pr.units[0]!;
const timeSeriesCdi = writeCdi(ts, tsUnit, { formats: ['odv', 'netcdf'] });
const profileCdi = writeCdi(pr, prUnit);

/** `rule path` pairs, for compact expectations. */
const summary = (xml: string): string[] => validateCdiSchematron(xml).errors.map((e) => `${e.rule} ${e.path}`);
const rules = (xml: string): string[] => validateCdiSchematron(xml).errors.map((e) => e.rule);
const ID = '/gmd:MD_Metadata/gmd:identificationInfo/sdn:SDN_DataIdentification';

/** Replaces exactly one occurrence (fails the test when the anchor is absent or ambiguous). */
function replaceOnce(xml: string, from: string | RegExp, to: string): string {
  const matches = typeof from === 'string' ? xml.split(from).length - 1 : (xml.match(new RegExp(from, 'g')) ?? []).length;
  expect(matches, `anchor ${String(from)}`).toBe(1);
  return xml.replace(from, to);
}

describe('the rule table against cdi-12.1.2.sch', () => {
  // The .sch read independently: every pattern's title, every rule's context and every assert's test, in order.
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: true, trimValues: true });
  const schema = (parser.parse(fs.readFileSync(schPath, 'utf8')) as any[]).find((n) => n['sch:schema'])['sch:schema'] as any[];
  const sch = schema
    .filter((n) => n['sch:pattern'])
    .map((n) => ({
      title: n['sch:pattern'].find((c: any) => c['sch:title'])['sch:title'][0]['#text'] as string,
      rules: n['sch:pattern']
        .filter((c: any) => c['sch:rule'])
        .map((r: any) => ({
          context: r[':@']['@context'] as string,
          tests: r['sch:rule'].filter((c: any) => c['sch:assert']).map((c: any) => c[':@']['@test'] as string),
        })),
    }));

  it('has the 82 patterns of the .sch, in order, with their titles, contexts and assert tests verbatim', () => {
    expect(sch).toHaveLength(82);
    expect(cdiSchematronPatterns).toHaveLength(82);
    cdiSchematronPatterns.forEach((p, i) => {
      expect(p.id).toBe(`cdi-12.1.2#${i + 1}`);
      expect(p.title).toBe(sch[i]!.title);
      expect(p.rules.map((r) => ({ context: r.context, tests: r.asserts.map((a) => a.test) }))).toEqual(sch[i]!.rules);
    });
  });

  it('marks exactly the asserts that call document() as remote, and implements all others', () => {
    const remote = cdiSchematronPatterns.flatMap((p) => p.rules.flatMap((r) => r.asserts.filter((a) => a.remote).map(() => p.id)));
    expect(remote).toEqual(['cdi-12.1.2#23', 'cdi-12.1.2#32', 'cdi-12.1.2#51', 'cdi-12.1.2#82']);
    for (const p of cdiSchematronPatterns) for (const r of p.rules) for (const a of r.asserts) expect(Boolean(a.remote) !== Boolean(a.check)).toBe(true);
    // The .sch's document() calls are all in these four patterns' sch:let declarations.
    const text = fs.readFileSync(schPath, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    expect(text.match(/value="document\(/g)).toHaveLength(4);
  });

  it('lists the patterns whose context cannot match a SeaDataNet record', () => {
    expect(cdiSchematronPatterns.filter((p) => p.inert).map((p) => p.id)).toEqual([
      'cdi-12.1.2#16', // sdn:DataIdentification
      'cdi-12.1.2#17',
      'cdi-12.1.2#70', // gmd:RS_identifier
      'cdi-12.1.2#75', // INSPIRE SC7, SC8, SC10, SC17: gmd:MD_DataIdentification only
      'cdi-12.1.2#76',
      'cdi-12.1.2#77',
      'cdi-12.1.2#79',
    ]);
  });
});

describe('validateCdiSchematron on the real records', () => {
  // Expected results cross-checked with an XSLT 1.0 run of the same .sch (Java's built-in XSLT, document()
  // resolved to empty documents; the remote asserts ignored), see the report of issue 6.
  it('cdiExample.xml (a 2017 record, schema 10.0.0): only the deviations a 12.1.2 check is expected to find', () => {
    const result = validateCdiSchematron(cdiExample());
    // Known deviations of this older record from 12.1.2: thesaurus identifiers written http:// (12.x wants
    // https://www.seadatanet.org/urnurl/SDN:P02 …) and no INSPIRE 1089/2010 conformance report.
    expect(result.errors.map((e) => `${e.rule} ${e.path} ${e.message.split(' [')[0]}`)).toEqual([
      `cdi-12.1.2#71 ${ID}/gmd:descriptiveKeywords[2]/gmd:MD_Keywords P02 should be referenced`,
      `cdi-12.1.2#72 ${ID}/gmd:descriptiveKeywords[3]/gmd:MD_Keywords L05 should be referenced`,
      `cdi-12.1.2#73 ${ID}/gmd:descriptiveKeywords[4]/gmd:MD_Keywords L06 should be referenced`,
      'cdi-12.1.2#81 /gmd:MD_Metadata [INSPIRE conformance report] conformance report against INSPIRE regulation as regards interoperability of spatial data sets and services must be documented',
    ]);
    // Skipped, not passed: the code-list check for every element with @codeList (counted independently).
    const codeLists = cdiExample().match(/ codeList="/g)!.length;
    expect(codeLists).toBe(87);
    expect(result.skipped).toEqual([{ rule: 'cdi-12.1.2#82', reason: expect.stringContaining(`(${codeLists} context elements)`) }]);
  });

  it('cdiValidationTest-wrong-xsd.xml: the misspelt hierarchyLevelName element, http:// units and datum, and more', () => {
    const result = validateCdiSchematron(wrongXsd());
    const grid = '/gmd:MD_Metadata/gmd:spatialRepresentationInfo[2]/gmd:MD_GridSpatialRepresentation';
    expect(result.errors.map((e) => `${e.rule} ${e.path}`)).toEqual([
      'cdi-12.1.2#5 /gmd:MD_Metadata', // hierarchyLevel codelist missing (sdn:SDN_HierarchyLevelNameCodee)
      'cdi-12.1.2#5 /gmd:MD_Metadata', // hierarchyLevelName is not "Common Data Index record"
      `cdi-12.1.2#23 ${ID}/gmd:spatialResolution/gmd:MD_Resolution`,
      `cdi-12.1.2#32 ${grid}/gmd:axisDimensionProperties[1]/gmd:MD_Dimension`,
      `cdi-12.1.2#32 ${grid}/gmd:axisDimensionProperties[2]/gmd:MD_Dimension`,
      `cdi-12.1.2#32 ${grid}/gmd:axisDimensionProperties[3]/gmd:MD_Dimension`,
      `cdi-12.1.2#51 ${ID}/gmd:extent/gmd:EX_Extent/gmd:verticalElement/gmd:EX_VerticalExtent`,
      `cdi-12.1.2#71 ${ID}/gmd:descriptiveKeywords[2]/gmd:MD_Keywords`,
      `cdi-12.1.2#72 ${ID}/gmd:descriptiveKeywords[3]/gmd:MD_Keywords`,
      `cdi-12.1.2#73 ${ID}/gmd:descriptiveKeywords[4]/gmd:MD_Keywords`,
      `cdi-12.1.2#74 ${ID}/gmd:descriptiveKeywords[5]/gmd:MD_Keywords`,
      'cdi-12.1.2#81 /gmd:MD_Metadata',
    ]);
    expect(result.errors[0]!.message).toBe('hierarchyLevel codelist missing [hierarchyLevelName (7) -> mandatory; restricted cardinality; restricted domain]');
    expect(result.errors[2]!.message).toMatch(/^distance uom must start with https:\/\/www\.seadatanet\.org\/urnurl\/SDN:P06::/);
    // The P06 and L11 catalogue lookups are skipped, with how many elements they concern.
    expect(result.skipped.map((s) => s.rule)).toEqual(['cdi-12.1.2#23', 'cdi-12.1.2#32', 'cdi-12.1.2#51', 'cdi-12.1.2#82']);
    expect(result.skipped[1]!.reason).toContain('P06');
    expect(result.skipped[1]!.reason).toContain('(3 context elements)');
    expect(result.skipped[2]!.reason).toContain('L11');
  });

  it('CDI_ISO19139_full_example.xml (the 7.0.0 MARIS test record): http:// forms refused by 12.1.2', () => {
    expect(rules(fullExample())).toEqual([
      'cdi-12.1.2#23',
      'cdi-12.1.2#23',
      'cdi-12.1.2#32',
      'cdi-12.1.2#51',
      'cdi-12.1.2#71',
      'cdi-12.1.2#72',
      'cdi-12.1.2#73',
      'cdi-12.1.2#74',
      'cdi-12.1.2#81',
    ]);
  });
});

describe('validateCdiSchematron on generated records', () => {
  it('passes the time-series and the profile record; only the remote checks are skipped', () => {
    for (const xml of [timeSeriesCdi, profileCdi]) {
      const result = validateCdiSchematron(xml);
      expect(result.errors).toEqual([]);
      expect(result.skipped.map((s) => s.rule)).toEqual(['cdi-12.1.2#51', 'cdi-12.1.2#82']);
    }
  });

  it('does not depend on prefixes, line ends, BOM or indentation', () => {
    const renamed = timeSeriesCdi.replaceAll('gmd:', 'md:').replace('xmlns:gmd=', 'xmlns:md=');
    expect(renamed).toContain('xmlns:md="http://www.isotc211.org/2005/gmd"');
    expect(validateCdiSchematron(renamed).errors).toEqual([]);
    // Default namespace for gmd.
    const defaulted = timeSeriesCdi.replaceAll('gmd:', '').replace('xmlns:gmd=', 'xmlns=');
    expect(validateCdiSchematron(defaulted).errors).toEqual([]);
    expect(validateCdiSchematron('\uFEFF' + timeSeriesCdi.replaceAll('\n', '\r\n')).errors).toEqual([]);
    expect(validateCdiSchematron(timeSeriesCdi.replace(/>\s+</g, '><')).errors).toEqual([]);
  });

  it('refuses a record whose elements are in the wrong namespace (nothing matches gmd:MD_Metadata)', () => {
    const wrongNs = timeSeriesCdi.replace('xmlns:gmd="http://www.isotc211.org/2005/gmd"', 'xmlns:gmd="http://www.isotc211.org/2005/gmd-x"');
    // The contexts are namespace-qualified: only rules on sdn:/gco: elements still fire.
    expect(rules(wrongNs)).not.toContain('cdi-12.1.2#1');
  });

  it('missing fileIdentifier: both asserts of #1', () => {
    const xml = replaceOnce(timeSeriesCdi, /\n {2}<gmd:fileIdentifier>[\s\S]*?<\/gmd:fileIdentifier>/, '');
    const errors = validateCdiSchematron(xml).errors;
    expect(errors.map((e) => e.message.split(' [')[0])).toEqual(['fileIdentifier missing', 'fileIdentifier does not start with urn:SDN:CDI:']);
    expect(errors[0]).toMatchObject({ rule: 'cdi-12.1.2#1', path: '/gmd:MD_Metadata' });
  });

  it('fileIdentifier with another prefix, or with leading whitespace (text() is taken as written)', () => {
    expect(summary(timeSeriesCdi.replace('>urn:SDN:CDI:LOCAL:CYTOCURATOR', '>urn:SDN:CSR:LOCAL:CYTOCURATOR'))).toEqual(['cdi-12.1.2#1 /gmd:MD_Metadata']);
    const padded = replaceOnce(timeSeriesCdi, '<gco:CharacterString>urn:SDN:CDI:LOCAL:CYTOCURATOR_SOLEMIO_2024-05</gco:CharacterString>\n  </gmd:fileIdentifier>', '<gco:CharacterString> urn:SDN:CDI:LOCAL:CYTOCURATOR_SOLEMIO_2024-05</gco:CharacterString>\n  </gmd:fileIdentifier>');
    expect(rules(padded)).toEqual(['cdi-12.1.2#1']);
  });

  it('bounding box: one decimal, out of range, south above north', () => {
    const bbox = `${ID}/gmd:extent/gmd:EX_Extent/gmd:geographicElement/gmd:EX_GeographicBoundingBox`;
    const oneDecimal = replaceOnce(timeSeriesCdi, '<gco:Decimal>5.2883</gco:Decimal>\n              </gmd:westBoundLongitude>', '<gco:Decimal>5.3</gco:Decimal>\n              </gmd:westBoundLongitude>');
    const e1 = validateCdiSchematron(oneDecimal).errors;
    expect(e1.map((e) => `${e.rule} ${e.path} ${e.message.split(' [')[0]}`)).toEqual([
      `cdi-12.1.2#45 ${bbox}/gmd:westBoundLongitude Precision of two decimal places is required for westBoundLongitude`,
    ]);
    const integer = replaceOnce(timeSeriesCdi, '<gco:Decimal>43.2383</gco:Decimal>\n              </gmd:northBoundLatitude>', '<gco:Decimal>44</gco:Decimal>\n              </gmd:northBoundLatitude>');
    expect(summary(integer)).toEqual([`cdi-12.1.2#48 ${bbox}/gmd:northBoundLatitude`]);
    const outOfRange = replaceOnce(timeSeriesCdi, '<gco:Decimal>5.2883</gco:Decimal>\n              </gmd:eastBoundLongitude>', '<gco:Decimal>190.00</gco:Decimal>\n              </gmd:eastBoundLongitude>');
    expect(validateCdiSchematron(outOfRange).errors.map((e) => `${e.rule} ${e.message.split(' [')[0]}`)).toEqual(['cdi-12.1.2#65 eastBoundLongitude must be in -180; 180']);
    const inverted = replaceOnce(timeSeriesCdi, '<gco:Decimal>43.2383</gco:Decimal>\n              </gmd:southBoundLatitude>', '<gco:Decimal>50.00</gco:Decimal>\n              </gmd:southBoundLatitude>');
    expect(validateCdiSchematron(inverted).errors.map((e) => `${e.rule} ${e.message.split(' [')[0]}`)).toEqual([
      'cdi-12.1.2#65 southBoundLatitude must be in -90; 90 and less than northBoundLatitude',
      'cdi-12.1.2#65 northBoundLatitude must be in -90; 90 and greater than southBoundLatitude',
    ]);
    // XPath number(): no exponent, so '1e1' is NaN and fails both range asserts on west.
    const exponent = replaceOnce(timeSeriesCdi, '<gco:Decimal>5.2883</gco:Decimal>\n              </gmd:westBoundLongitude>', '<gco:Decimal>1e1.00</gco:Decimal>\n              </gmd:westBoundLongitude>');
    expect(rules(exponent)).toEqual(['cdi-12.1.2#65']);
  });

  it('empty elements (#66) follow XPath text(): the first text node, comments split text, CDATA is text', () => {
    const abstract = /<gmd:abstract>\s*<gco:CharacterString>[^<]*<\/gco:CharacterString>/;
    const empty = replaceOnce(timeSeriesCdi, abstract, '<gmd:abstract><gco:CharacterString></gco:CharacterString>');
    expect(validateCdiSchematron(empty).errors.map((e) => `${e.rule} ${e.path} ${e.message.split('.')[0]}`)).toEqual([
      `cdi-12.1.2#66 ${ID}/gmd:abstract/gco:CharacterString Empty abstract / CharacterString`,
    ]);
    const blankThenComment = replaceOnce(timeSeriesCdi, abstract, '<gmd:abstract><gco:CharacterString> <!-- x -->text</gco:CharacterString>');
    expect(rules(blankThenComment)).toEqual(['cdi-12.1.2#66']);
    const commentThenText = replaceOnce(timeSeriesCdi, abstract, '<gmd:abstract><gco:CharacterString><!-- x -->text</gco:CharacterString>');
    expect(rules(commentThenText)).toEqual([]);
    const cdata = replaceOnce(timeSeriesCdi, abstract, '<gmd:abstract><gco:CharacterString><![CDATA[a <b>]]></gco:CharacterString>');
    expect(rules(cdata)).toEqual([]);
    // No-break space is not XML whitespace: not empty for normalize-space().
    const nbsp = replaceOnce(timeSeriesCdi, abstract, '<gmd:abstract><gco:CharacterString>&#160;</gco:CharacterString>');
    expect(rules(nbsp)).toEqual([]);
    // nilReason or xlink:href make an empty element acceptable.
    const nil = replaceOnce(timeSeriesCdi, abstract, '<gmd:abstract gco:nilReason="missing">');
    expect(rules(nil.replace('<gmd:abstract gco:nilReason="missing">\n      </gmd:abstract>', '<gmd:abstract gco:nilReason="missing"/>'))).toEqual([]);
  });

  it('contacts, constraints, reports, keywords, aggregation: one broken rule each', () => {
    const contact = timeSeriesCdi.match(/ {2}<gmd:contact>[\s\S]*?<\/gmd:contact>\n/)![0];
    expect(rules(replaceOnce(timeSeriesCdi, contact, contact + contact))).toEqual(['cdi-12.1.2#6']);
    expect(rules(replaceOnce(timeSeriesCdi, /<gmd:otherConstraints>[\s\S]*?<\/gmd:otherConstraints>/, ''))).toEqual(['cdi-12.1.2#60']);
    const secondReport = /<gmd:report>(?:(?!<gmd:report>)[\s\S])*?1089\/2010[\s\S]*?<\/gmd:report>/;
    expect(rules(replaceOnce(timeSeriesCdi, secondReport, ''))).toEqual(['cdi-12.1.2#81']);
    expect(rules(timeSeriesCdi.replace('<gco:Date>2010-12-08</gco:Date>', '<gco:Date>2010-12-09</gco:Date>'))).toEqual(['cdi-12.1.2#81']);
    expect(rules(replaceOnce(timeSeriesCdi, '>https://www.seadatanet.org/urnurl/SDN:P02<', '>http://www.seadatanet.org/urnurl/SDN:P02<'))).toEqual(['cdi-12.1.2#71']);
    expect(rules(timeSeriesCdi.replace('codeListValue="largerWorkCitation"', 'codeListValue="source"'))).toEqual(['cdi-12.1.2#67']);
    expect(rules(timeSeriesCdi.replace('codeListValue="platform_class"', 'codeListValue="platform"'))).toEqual(['cdi-12.1.2#68']);
    const email = /<gmd:electronicMailAddress>\s*<gco:CharacterString>jane\.doe@example\.org<\/gco:CharacterString>\s*<\/gmd:electronicMailAddress>/;
    // The first e-mail is the CDI partner's (contact): its address is then empty as well (#66).
    const address = '/gmd:MD_Metadata/gmd:contact/gmd:CI_ResponsibleParty/gmd:contactInfo/gmd:CI_Contact/gmd:address/gmd:CI_Address';
    expect(summary(timeSeriesCdi.replace(email, ''))).toEqual([`cdi-12.1.2#57 ${address}`, `cdi-12.1.2#66 ${address}`]);
    const url = replaceOnce(timeSeriesCdi, '<gmd:URL>http://www.sdn-taskmanager.org/</gmd:URL>', '<gmd:URL>www.sdn-taskmanager.org</gmd:URL>');
    expect(rules(url)).toEqual(['cdi-12.1.2#59']);
  });

  it('reports a malformed or empty document as one xml error with the line, and skips the rules', () => {
    const truncated = timeSeriesCdi.slice(0, 2000);
    const result = validateCdiSchematron(truncated);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ rule: 'xml' });
    expect(result.skipped).toEqual([{ rule: 'cdi-12.1.2', reason: 'the document is not well-formed XML' }]);
    const unclosed = validateCdiSchematron('<a>\n<b>\n</a>');
    expect(unclosed.errors[0]).toMatchObject({ rule: 'xml', line: 3 });
    expect(validateCdiSchematron('').errors[0]!.message).toBe('not a well-formed XML document: empty document');
    expect(validateCdiSchematron('\u0000\u0001binary\u00ff').errors[0]!.rule).toBe('xml');
  });

  it('gives the same result twice (no state between runs)', () => {
    const a = validateCdiSchematron(wrongXsd());
    const b = validateCdiSchematron(wrongXsd());
    expect(b).toEqual(a);
  });
});
