import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PublicationDataset } from '../publication-dataset.js';
import { parseXmlTree } from './cdi-xml-tree.js';
import type { XmlElement } from './cdi-xml-tree.js';
import { profileExample, timeSeriesExample } from './example-datasets.js';
import { validateCdiSchematron } from './schematron-12-1-2.js';
import { formatCoordinate, writeCdi } from './write-cdi.js';
import { childElements, select, stringValue } from './xpath-lite.js';

const ts = timeSeriesExample();
const pr = profileExample();
const tsXml = writeCdi(ts, ts.units[0]!);
const prXml = writeCdi(pr, pr.units[0]!);

function root(xml: string): XmlElement {
  const parsed = parseXmlTree(xml);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.root;
}
const names = (el: XmlElement): string[] => childElements(el).map((c) => c.qname);
const text = (el: XmlElement, path: string): string[] => select(el, path).map(stringValue);
const ID = 'gmd:identificationInfo/sdn:SDN_DataIdentification';

/** Every `<tag …>value</tag>` value, read with a regular expression (independent of the tree code). */
const values = (xml: string, tag: string): string[] => [...xml.matchAll(new RegExp(`<${tag}(?: [^>]*)?>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]!);

afterEach(() => {
  vi.useRealTimers();
});

describe('writeCdi: structure', () => {
  it('writes the MD_Metadata children in the skeleton order (formats-seadatanet.md §4.3)', () => {
    expect(tsXml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<gmd:MD_Metadata xmlns:gmd="http://www.isotc211.org/2005/gmd"')).toBe(true);
    expect(tsXml.endsWith('</gmd:MD_Metadata>\n')).toBe(true);
    expect(names(root(tsXml))).toEqual([
      'gmd:fileIdentifier',
      'gmd:language',
      'gmd:characterSet',
      'gmd:hierarchyLevel',
      'gmd:hierarchyLevelName',
      'gmd:contact',
      'gmd:dateStamp',
      'gmd:metadataStandardName',
      'gmd:metadataStandardVersion',
      'gmd:spatialRepresentationInfo',
      'gmd:referenceSystemInfo',
      'gmd:metadataExtensionInfo',
      'gmd:identificationInfo',
      'gmd:distributionInfo',
      'gmd:dataQualityInfo',
    ]);
  });

  it('writes SDN_DataIdentification in the ISO MD_DataIdentification order', () => {
    const [id] = select(root(tsXml), ID);
    expect(id!.attributes.map((a) => `${a.qname}=${a.value}`)).toEqual(['gco:isoType=MD_DataIdentification_Type']);
    expect(names(id!)).toEqual([
      'gmd:citation',
      'gmd:abstract',
      'gmd:pointOfContact',
      ...Array<string>(6).fill('gmd:descriptiveKeywords'), // GEMET, P02, L05, L22, L06, project (no C17: a mooring)
      'gmd:resourceConstraints',
      'gmd:resourceConstraints',
      'gmd:aggregationInfo',
      'gmd:aggregationInfo',
      'gmd:spatialRepresentationType',
      'gmd:language',
      'gmd:characterSet',
      'gmd:topicCategory',
      'gmd:extent',
    ]);
    expect(names(select(root(tsXml), `${ID}/gmd:extent/gmd:EX_Extent`)[0]!)).toEqual(['gmd:geographicElement', 'gmd:temporalElement', 'gmd:verticalElement']);
  });

  it('identifies the record by urn:SDN:CDI:LOCAL:<localCdiId> and dates it from lastChangeAt only', () => {
    const r = root(tsXml);
    expect(text(r, 'gmd:fileIdentifier/gco:CharacterString')).toEqual(['urn:SDN:CDI:LOCAL:CYTOCURATOR_SOLEMIO_2024-05']);
    expect(text(r, `${ID}/gmd:citation/gmd:CI_Citation/gmd:identifier/gmd:MD_Identifier/gmd:code/gco:CharacterString`)).toEqual([
      'urn:SDN:CDI:LOCAL:CYTOCURATOR_SOLEMIO_2024-05',
    ]);
    expect(text(r, `${ID}/gmd:citation/gmd:CI_Citation/gmd:alternateTitle/gco:CharacterString`)).toEqual(['CYTOCURATOR_SOLEMIO_2024-05']);
    // lastChangeAt 2024-06-15T08:30:00.000Z → 2024-06-15
    expect(text(r, 'gmd:dateStamp/gco:Date')).toEqual(['2024-06-15']);
    expect(text(r, `${ID}/gmd:citation/gmd:CI_Citation/gmd:date/gmd:CI_Date/gmd:date/gco:Date`)).toEqual(['2024-06-15']);
    expect(text(r, `${ID}/gmd:citation/gmd:CI_Citation/gmd:title/gco:CharacterString`)).toEqual(['CytoSense flow cytometry at SOLEMIO, May 2024 - SOLEMIO']);
  });

  it('cites the holding centre (contact, custodian, distributor), the originator and the PI with EDMO codes', () => {
    const edmo = [...tsXml.matchAll(/<sdn:SDN_EDMOCode [^>]*codeListValue="(\d+)"[^>]*>([^<]*)</g)].map((m) => `${m[1]} ${m[2]}`);
    // contact, originator, PI, custodian, distributor — names unknown offline: "EDMO <code>"
    expect(edmo).toEqual(['486 EDMO 486', '1084 EDMO 1084', '1084 EDMO 1084', '486 EDMO 486', '486 EDMO 486']);
    expect(values(tsXml, 'gmd:CI_RoleCode')).toEqual(['pointOfContact', 'originator', 'principalInvestigator', 'custodian', 'distributor']);
    const r = root(tsXml);
    expect(text(r, `${ID}/gmd:citation/gmd:CI_Citation/gmd:citedResponsibleParty/gmd:CI_ResponsibleParty/gmd:individualName/gco:CharacterString`)).toEqual(['Jane Doe']);
    // Without an EDMO directory entry every party is reached through the PI's e-mail.
    expect(values(tsXml, 'gco:CharacterString').filter((v) => v.includes('@'))).toEqual(Array(5).fill('jane.doe@example.org'));
  });

  it('uses the EDMO directory entries it is given (name, address, country, e-mail, website)', () => {
    const xml = writeCdi(ts, ts.units[0]!, {
      organisations: [{ edmo: '486', name: 'IFREMER / IDM/SISMER', email: 'sismer@ifremer.fr', city: 'Plouzané', postalCode: '29280', countryCode: 'FR', countryName: 'France', website: 'https://www.ifremer.fr' }],
    });
    expect(xml).toContain('codeListValue="486" codeSpace="SeaDataNet">IFREMER / IDM/SISMER</sdn:SDN_EDMOCode>');
    expect(values(xml, 'sdn:SDN_CountryCode')).toEqual(['France', 'France', 'France']);
    expect(values(xml, 'gmd:URL')).toEqual(['https://www.ifremer.fr', 'https://www.ifremer.fr', 'https://www.ifremer.fr', 'http://www.sdn-taskmanager.org/']);
    expect(values(xml, 'gco:CharacterString').filter((v) => v.includes('@'))).toEqual([
      'sismer@ifremer.fr',
      'jane.doe@example.org',
      'jane.doe@example.org',
      'sismer@ifremer.fr',
      'sismer@ifremer.fr',
    ]);
    expect(validateCdiSchematron(xml).errors).toEqual([]);
  });
});

describe('writeCdi: keywords, constraints, formats', () => {
  it('writes P02, L05, L22, L06 and (for a ship) C17 keywords under their thesauri', () => {
    const kw = (xml: string): string[] =>
      select(root(xml), `${ID}/gmd:descriptiveKeywords/gmd:MD_Keywords`).map((k) => {
        const type = select(k, 'gmd:type/gmd:MD_KeywordTypeCode')[0]!.attributes.find((a) => a.local === 'codeListValue')!.value;
        const thesaurus = text(k, 'gmd:thesaurusName/gmd:CI_Citation/gmd:alternateTitle/gco:CharacterString')[0] ?? '-';
        const words = select(k, 'gmd:keyword/*').map((w) => w.attributes.find((a) => a.local === 'codeListValue')?.value ?? stringValue(w));
        return `${type} ${thesaurus} ${words.join(',')}`;
      });
    expect(kw(tsXml)).toEqual([
      'theme - Oceanographic geographical features',
      'parameter P02 PNTX,BNTX',
      'instrument L05 LAB37',
      'instrument L22 CytoBuoy CytoSense flow cytometer',
      'platform_class L06 48',
      'project - SOMLIT',
    ]);
    expect(kw(prXml)).toEqual([
      'theme - Oceanographic geographical features',
      'parameter P02 PNTX,BNTX', // metadata lists PNTX; BNTX comes from the HetHNA group
      'instrument L05 LAB37',
      'instrument L22 CytoBuoy CytoSense flow cytometer',
      'platform_class L06 31',
      'platform C17 Tethys II',
    ]);
    expect(prXml).toContain('codeListValue="31" codeSpace="SeaDataNet">research vessel</sdn:SDN_PlatformCategoryCode>');
    expect(prXml).toContain('<gco:CharacterString>https://www.seadatanet.org/urnurl/SDN:C17</gco:CharacterString>');
  });

  it('writes the L08 access restriction as an Anchor, with otherRestrictions', () => {
    expect(tsXml).toContain('<gmx:Anchor xlink:href="https://www.seadatanet.org/urnurl/SDN:L08::LS">SeaDataNet licence</gmx:Anchor>');
    expect(prXml).toContain('<gmx:Anchor xlink:href="https://www.seadatanet.org/urnurl/SDN:L08::CB">Creative Commons Attribution 4.0 International</gmx:Anchor>');
    expect(tsXml).toMatch(/codeListValue="otherRestrictions" codeSpace="ISOTC211\/19115">otherRestrictions</);
  });

  it('distributes ODV 0.4, plus CFPOINT 1 when NetCDF is delivered, in a fixed order', () => {
    const formats = (xml: string): string[] =>
      [...xml.matchAll(/codeListValue="(\w+)" codeSpace="SeaDataNet">[^<]*<\/sdn:SDN_FormatNameCode>\s*<\/gmd:name>\s*<gmd:version>\s*<gco:CharacterString>([^<]*)</g)].map((m) => `${m[1]} ${m[2]}`);
    expect(formats(tsXml)).toEqual(['ODV 0.4']);
    expect(formats(writeCdi(ts, ts.units[0]!, { formats: ['netcdf'] }))).toEqual(['ODV 0.4', 'CFPOINT 1']);
    expect(writeCdi(ts, ts.units[0]!, { formats: ['netcdf', 'odv', 'netcdf'] })).toBe(writeCdi(ts, ts.units[0]!, { formats: ['odv', 'netcdf'] }));
  });

  it('labels unknown codes with the code, or with the labels given', () => {
    const custom: PublicationDataset = { ...ts, metadata: { ...ts.metadata, discoveryParameters: ['ZZZZ'], platformClass: '99' }, groups: [] };
    const xml = writeCdi(custom, custom.units[0]!);
    expect(xml).toContain('codeListValue="ZZZZ" codeSpace="SeaDataNet">ZZZZ</sdn:SDN_ParameterDiscoveryCode>');
    const labelled = writeCdi(custom, custom.units[0]!, { labels: { P02: { ZZZZ: 'Something in water bodies' }, L06: { '99': 'test platform' } } });
    expect(labelled).toContain('>Something in water bodies</sdn:SDN_ParameterDiscoveryCode>');
    expect(labelled).toContain('>test platform</sdn:SDN_PlatformCategoryCode>');
  });
});

describe('writeCdi: extents', () => {
  it('formats coordinates with two to six decimals', () => {
    expect(formatCoordinate(5.3)).toBe('5.30');
    expect(formatCoordinate(5)).toBe('5.00');
    expect(formatCoordinate(-180)).toBe('-180.00');
    expect(formatCoordinate(43.2383)).toBe('43.2383');
    expect(formatCoordinate(1.23456789)).toBe('1.234568');
    expect(formatCoordinate(-0.0000001)).toBe('0.00');
    expect(formatCoordinate(-0)).toBe('0.00');
  });

  it('takes the bounding box, time span and depth range from the samples', () => {
    // Profile: latitudes 42.80015 + i·0.00011, longitudes 6.1603 − i·0.0002, i = 0…5; depths 5…200 m;
    // times 06:02 + i·4 min.
    const box = ['west', 'east', 'south', 'north'].map((s) => values(prXml, 'gco:Decimal')[['west', 'east', 'south', 'north'].indexOf(s)]);
    expect(box).toEqual([formatCoordinate(6.1603 - 5 * 0.0002), '6.1603', '42.80015', formatCoordinate(42.80015 + 5 * 0.00011)]);
    expect(box).toEqual(['6.1593', '6.1603', '42.80015', '42.8007']);
    expect(values(prXml, 'gml:beginPosition')).toEqual(['2023-09-14T06:02:00']);
    expect(values(prXml, 'gml:endPosition')).toEqual(['2023-09-14T06:22:00']);
    expect(values(prXml, 'gco:Real')).toEqual(['5', '200']);
    // Time series: 48 hourly samples from 00:17:30.250 → the end (23:17:30.250 next day) is rounded up.
    expect(values(tsXml, 'gml:beginPosition')).toEqual(['2024-05-02T00:17:30']);
    expect(values(tsXml, 'gml:endPosition')).toEqual(['2024-05-03T23:17:31']);
    // depth_m is null: the station's sampling depth (1 m) is used.
    expect(values(tsXml, 'gco:Real')).toEqual(['1', '1']);
    expect(prXml).toContain('<gml:identifier codeSpace="SeaDataNet">https://www.seadatanet.org/urnurl/SDN:L11::D08</gml:identifier>');
    expect(prXml).toContain('gml:uom="metres"');
  });

  it('cites the cruise from the first sample of the whole dataset and the station from its own first sample', () => {
    const aggregation = select(root(prXml), `${ID}/gmd:aggregationInfo/gmd:MD_AggregateInformation`).map(
      (a) => `${text(a, 'gmd:aggregateDataSetName/gmd:CI_Citation/gmd:title/gco:CharacterString')[0]} ${text(a, 'gmd:aggregateDataSetName/gmd:CI_Citation/gmd:date/gmd:CI_Date/gmd:date/gco:Date')[0]}`,
    );
    expect(aggregation).toEqual(['MOOSE-GE 2023 2023-09-14', 'C07 2023-09-14']);
    // A dataset with two units: the cruise date is the dataset's first sample, the station date the unit's own.
    const later = { ...pr.units[0]!, localCdiId: 'C08', station: { ...pr.units[0]!.station, name: 'C08' }, samples: pr.units[0]!.samples.map((x) => ({ ...x, time: x.time.replace('2023-09-14', '2023-09-16') })) };
    const two: PublicationDataset = { ...pr, units: [pr.units[0]!, later] };
    expect(values(writeCdi(two, later), 'gco:Date').filter((d) => d.startsWith('2023-09'))).toEqual(['2023-09-14', '2023-09-16']);
    expect(values(prXml, 'gmd:DS_AssociationTypeCode')).toEqual(['largerWorkCitation', 'source']);
    expect(values(prXml, 'gmd:DS_InitiativeTypeCode')).toEqual(['campaign', 'operation']);
  });

  it('handles a long time series (300 000 samples) without overflowing', () => {
    const unit = ts.units[0]!;
    const start = Date.parse('2024-01-01T00:00:00Z');
    const samples = Array.from({ length: 300_000 }, (_, i) => ({ ...unit.samples[0]!, time: new Date(start + i * 60_000).toISOString(), depth_m: (i % 10) / 2 }));
    const xml = writeCdi(ts, { ...unit, samples });
    expect(values(xml, 'gml:endPosition')).toEqual([new Date(start + 299_999 * 60_000).toISOString().slice(0, 19)]);
    expect(values(xml, 'gco:Real')).toEqual(['0', '4.5']);
  });

  it('leaves out what it does not know, so validation names it', () => {
    const noSamples: PublicationDataset = { ...pr, units: [{ ...pr.units[0]!, samples: [] }] };
    const xml = writeCdi(noSamples, noSamples.units[0]!);
    expect(xml).not.toContain('gmd:temporalElement');
    expect(xml).not.toContain('gmd:verticalElement');
    // The bounding box falls back to the station position.
    expect(values(xml, 'gco:Decimal')).toEqual(['6.16', '6.16', '42.80', '42.80']);
    expect(validateCdiSchematron(xml).errors.map((e) => e.rule)).toEqual(['cdi-12.1.2#42']);

    const noEmail: PublicationDataset = { ...ts, metadata: { ...ts.metadata, pi: { name: 'Jane Doe', email: '  ', edmo: null } } };
    const noEmailXml = writeCdi(noEmail, noEmail.units[0]!);
    expect(noEmailXml).not.toContain('electronicMailAddress');
    expect(new Set(validateCdiSchematron(noEmailXml).errors.map((e) => e.rule))).toEqual(new Set(['cdi-12.1.2#57', 'cdi-12.1.2#66']));

    const noCruise: PublicationDataset = { ...ts, metadata: { ...ts.metadata, cruise: ' ', project: null, platformCode: null } };
    const noCruiseXml = writeCdi(noCruise, noCruise.units[0]!);
    expect(values(noCruiseXml, 'gmd:DS_AssociationTypeCode')).toEqual(['source']);
    expect(validateCdiSchematron(noCruiseXml).errors).toEqual([]);
  });
});

describe('writeCdi: text and bytes', () => {
  it('escapes markup, drops characters XML cannot carry, writes LF only', () => {
    const abstract = 'Line one & <two>\r\nline "three" \'four\'\u0001\u000b end\u00e9\ud83d\ude00';
    const odd: PublicationDataset = { ...ts, metadata: { ...ts.metadata, abstract } };
    const xml = writeCdi(odd, odd.units[0]!);
    expect(xml).not.toContain('\r');
    expect(xml.includes('\u0001') || xml.includes('\u000b')).toBe(false);
    const parsed = new XMLParser({ processEntities: true, htmlEntities: true }).parse(xml) as any;
    expect(parsed['gmd:MD_Metadata']['gmd:identificationInfo']['sdn:SDN_DataIdentification']['gmd:abstract']['gco:CharacterString']).toBe(
      'Line one & <two>\nline "three" \'four\' end\u00e9\ud83d\ude00',
    );
    expect(validateCdiSchematron(xml).errors).toEqual([]);
  });

  it('writes a summary abstract when the dataset has none', () => {
    expect(values(prXml, 'gco:CharacterString')).toContain(
      'Profile of flow cytometry measurements (CytoBuoy CytoSense flow cytometer) at station C07: 6 samples from 2023-09-14T06:02:00 to 2023-09-14T06:22:00 UTC; groups: OraPicoProk, RedNano, HetHNA.',
    );
  });

  it('gives byte-identical output for identical input, whatever the clock says', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2001-02-03T04:05:06Z'));
    const a = writeCdi(timeSeriesExample(), timeSeriesExample().units[0]!, { formats: ['netcdf'] });
    vi.setSystemTime(new Date('2039-12-31T23:59:59Z'));
    const b = writeCdi(structuredClone(timeSeriesExample()), structuredClone(timeSeriesExample().units[0]!), { formats: ['netcdf'] });
    expect(b).toBe(a);
    expect(a).not.toContain('2001-02-03');
    expect(a).not.toContain('2039');
  });

  it('random datasets (seeded) always give records the schematron accepts', () => {
    const seed = Number(process.env.CDI_SEED ?? Date.now() % 100000);
    console.log(`write-cdi random test seed: ${seed} (rerun with CDI_SEED=${seed})`);
    let s = seed;
    const rnd = (): number => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return s / 2147483648;
    };
    for (let k = 0; k < 25; k++) {
      const base = rnd() < 0.5 ? timeSeriesExample() : profileExample();
      const unit = base.units[0]!;
      const n = Math.floor(rnd() * 6);
      const lat0 = rnd() * 170 - 85;
      const lon0 = rnd() * 350 - 175;
      const samples = Array.from({ length: n }, (_, i) => ({
        ...unit.samples[0]!,
        sampleId: `S${i}`,
        time: new Date(Date.parse('2020-01-01T00:00:00Z') + Math.floor(rnd() * 3e10)).toISOString(),
        latitude: lat0 + rnd() * 0.5,
        longitude: lon0 + rnd() * 0.5,
        depth_m: rnd() < 0.3 ? null : Math.round(rnd() * 500000) / 1000,
      }));
      const dataset: PublicationDataset = { ...base, units: [{ ...unit, localCdiId: `R${k}`, samples }] };
      const xml = writeCdi(dataset, dataset.units[0]!, { formats: rnd() < 0.5 ? ['netcdf'] : [] });
      const errors = validateCdiSchematron(xml).errors.map((e) => e.rule);
      // With no sample there is no time span to write (temporalElement, #42): the only expected error.
      expect(errors, `seed ${seed} record ${k}`).toEqual(n === 0 ? ['cdi-12.1.2#42'] : []);
      for (const v of values(xml, 'gco:Decimal')) expect(v).toMatch(/^-?\d+\.\d{2,6}$/);
      if (n > 0) expect(values(xml, 'gml:beginPosition')[0]! <= values(xml, 'gml:endPosition')[0]!).toBe(true);
    }
  });
});
