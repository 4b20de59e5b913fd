import { describe, expect, it } from 'vitest';
import { readRealFixture } from '../../../electron/test-support/real-fixtures.js';
import { CurationError } from '../../api/errors.js';
import type { NvsCollection } from './nvs-collection.js';
import { parseNvsJsonLd } from './parse-nvs-json-ld.js';
import { parseOctopusVocabulary } from './parse-octopus-vocabulary.js';
import { toNvsJsonLd } from './test-support/nvs-json-ld.js';

const fixture = (file: string): NvsCollection => parseOctopusVocabulary(readRealFixture(`octopus/vocab/${file}`)).vocabulary;
const sorted = (c: NvsCollection) => [...c.terms].sort((a, b) => (a.code < b.code ? -1 : 1));

function throwsInvalid(fn: () => unknown, message: RegExp): void {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(CurationError);
  expect((thrown as CurationError).code).toBe('invalid-input');
  expect((thrown as CurationError).message).toMatch(message);
}

/**
 * The 2021 NVS compaction, written for this test after the shape of a concept the server returned then (bare
 * terms from the @context; prefLabel, definition and note as language-tagged objects; altLabel an array of a
 * string and a tagged object; deprecated and dates as plain strings; the collection node last).
 */
const termsStyleL20 = {
  '@context': {
    skos: 'http://www.w3.org/2004/02/skos/core#',
    prefLabel: { '@id': 'http://www.w3.org/2004/02/skos/core#prefLabel' },
    altLabel: { '@id': 'http://www.w3.org/2004/02/skos/core#altLabel' },
    notation: { '@id': 'http://www.w3.org/2004/02/skos/core#notation' },
    note: { '@id': 'http://www.w3.org/2004/02/skos/core#note' },
    definition: { '@id': 'http://www.w3.org/2004/02/skos/core#definition' },
    member: { '@id': 'http://www.w3.org/2004/02/skos/core#member', '@type': '@id' },
    identifier: { '@id': 'http://purl.org/dc/terms/identifier' },
    date: { '@id': 'http://purl.org/dc/terms/date' },
    title: { '@id': 'http://purl.org/dc/terms/title' },
    deprecated: { '@id': 'http://www.w3.org/2002/07/owl#deprecated' },
    versionInfo: { '@id': 'http://www.w3.org/2002/07/owl#versionInfo' },
    version: { '@id': 'http://purl.org/pav/version' },
  },
  '@graph': [
    {
      '@id': 'http://vocab.nerc.ac.uk/collection/L20/current/4/',
      '@type': 'skos:Concept',
      identifier: 'SDN:L20::4',
      notation: 'SDN:L20::4',
      date: '2007-05-17 09:47:30.0',
      version: '2',
      versionInfo: '2',
      deprecated: 'false',
      altLabel: ['bad', { '@language': 'en', '@value': 'bad' }],
      prefLabel: { '@language': 'en', '@value': 'bad value' },
      note: { '@language': 'en', '@value': 'accepted' },
      definition: { '@language': 'en', '@value': 'A value that is clearly wrong.' },
    },
    {
      '@id': 'http://vocab.nerc.ac.uk/collection/L20/current/Q/',
      '@type': 'skos:Concept',
      identifier: 'SDN:L20::Q',
      date: '2020-06-16 15:41:43.0',
      deprecated: 'false',
      altLabel: 'BelowLOQ',
      prefLabel: [
        { '@language': 'fr', '@value': 'valeur sous la limite de quantification' },
        { '@language': 'en', '@value': 'value below limit of quantification' },
      ],
    },
    {
      '@id': 'http://vocab.nerc.ac.uk/collection/L20/current/X/',
      '@type': 'skos:Concept',
      date: '2001-01-01 00:00:00.0',
      prefLabel: { '@language': 'en', '@value': 'an old flag' },
      note: { '@language': 'en', '@value': 'deprecated' },
    },
    {
      '@id': 'http://vocab.nerc.ac.uk/collection/L20/current/',
      '@type': 'skos:Collection',
      title: 'SeaDataNet measurand qualifier flags',
      versionInfo: '9',
      date: '2024-01-02 03:04:05.0',
      member: ['http://vocab.nerc.ac.uk/collection/L20/current/4/', 'http://vocab.nerc.ac.uk/collection/L20/current/Q/'],
    },
  ],
};

describe('NVS JSON-LD collections', () => {
  it.each(['prefixed', 'terms', 'expanded'] as const)('%s compaction of the fixture collections reads back every term', (style) => {
    for (const file of ['SDN.L20.8..xml', 'SDN.L22.749..xml', 'SDN.P06.146..xml', 'SDN.L05.92..xml']) {
      const source = fixture(file);
      const { vocabulary, issues } = parseNvsJsonLd(toNvsJsonLd(source, { style }));
      expect(issues).toEqual([]);
      expect({ ...vocabulary, terms: sorted(vocabulary) }).toEqual({ ...source, terms: sorted(source) });
    }
  });

  it('reads the 2021 bare-term compaction: labels in English, short labels, dates, deprecation from the note', () => {
    const { vocabulary, issues } = parseNvsJsonLd(JSON.stringify(termsStyleL20));
    expect(issues).toEqual([]);
    expect(vocabulary).toEqual({
      collection: 'L20',
      version: '9', // the collection's owl:versionInfo, not a concept's
      date: '2024-01-02T03:04:05',
      title: 'SeaDataNet measurand qualifier flags',
      terms: [
        { code: '4', urn: 'SDN:L20::4', label: 'bad value', shortLabel: 'bad', date: '2007-05-17T09:47:30' },
        { code: 'Q', urn: 'SDN:L20::Q', label: 'value below limit of quantification', shortLabel: 'BelowLOQ', date: '2020-06-16T15:41:43' },
        // No notation: the code comes from the concept's address.
        { code: 'X', urn: 'SDN:L20::X', label: 'an old flag', date: '2001-01-01T00:00:00', deprecated: true },
      ],
    });
  });

  it('owl:deprecated true (string or boolean) marks a term; "false" wins over a note', () => {
    const doc = structuredClone(termsStyleL20);
    (doc['@graph'][0] as Record<string, unknown>).deprecated = true;
    (doc['@graph'][1] as Record<string, unknown>).deprecated = { '@value': 'true', '@type': 'xsd:boolean' };
    (doc['@graph'][2] as Record<string, unknown>).deprecated = 'false';
    const terms = parseNvsJsonLd(JSON.stringify(doc)).vocabulary.terms;
    expect(terms.map((t) => [t.code, t.deprecated ?? false])).toEqual([
      ['4', true],
      ['Q', true],
      ['X', false],
    ]);
  });

  it('accepts bytes with a BOM', () => {
    const bytes = new TextEncoder().encode(`\uFEFF${JSON.stringify(termsStyleL20)}`);
    expect(parseNvsJsonLd(bytes).vocabulary.terms).toHaveLength(3);
  });
});

describe('unusable concepts are issues and are left out', () => {
  const base = fixture('SDN.L20.8..xml');

  it('another collection, no label, repeated, bad date, no code at all', () => {
    const doc = JSON.parse(toNvsJsonLd(base)) as { '@graph': Record<string, unknown>[] };
    const graph = doc['@graph'];
    const concept = (code: string) => graph.find((n) => n['skos:notation'] === `SDN:L20::${code}`)!;
    const [one, two, three, four] = ['1', '2', '3', '4'].map(concept);
    for (const key of ['skos:notation', 'dc:identifier', 'dce:identifier']) one![key] = 'SDN:L22::TOOL1209';
    delete two!['skos:prefLabel'];
    three!['dc:date'] = 'sometime';
    graph.splice(0, 0, { ...four });
    graph.splice(0, 0, { '@type': 'skos:Concept', 'skos:prefLabel': 'orphan' });
    const { vocabulary, issues } = parseNvsJsonLd(JSON.stringify(doc), 'L20');
    expect(issues).toEqual([
      { field: 'concept', message: 'concept without an SDN notation or an NVS address, skipped' },
      { field: 'SDN:L22::TOOL1209', message: 'concept of collection L22 in a L20 document, skipped' },
      { field: 'SDN:L20::2', message: 'concept without a preferred label, skipped' },
      { field: 'SDN:L20::3', message: 'date "sometime" is not a date, left out' },
      { field: 'SDN:L20::4', message: 'concept given twice; the first is kept' },
    ]);
    expect(vocabulary.terms.map((t) => t.code).sort()).toEqual(['0', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'Q']);
    expect(vocabulary.terms.find((t) => t.code === '3')?.date).toBeUndefined();
  });

  it('a document of another collection than the one asked for keeps nothing', () => {
    const { vocabulary, issues } = parseNvsJsonLd(toNvsJsonLd(base), 'L22');
    expect(vocabulary.collection).toBe('L22');
    expect(vocabulary.terms).toEqual([]);
    expect(issues[0]).toEqual({ field: 'collection', message: 'the document describes collection L20, not L22' });
    expect(issues.filter((i) => /concept of collection L20 in a L22 document/.test(i.message))).toHaveLength(13);
    expect(issues.at(-1)).toEqual({ field: 'collection', message: 'collection L22 has no usable concepts' });
  });

  it('no collection node: the collection from the notations, version and date unknown', () => {
    const doc = JSON.parse(toNvsJsonLd(base)) as { '@graph': Record<string, unknown>[] };
    doc['@graph'] = doc['@graph'].filter((n) => n['@type'] !== 'skos:Collection');
    const { vocabulary, issues } = parseNvsJsonLd(JSON.stringify(doc));
    expect(vocabulary).toMatchObject({ collection: 'L20', version: '', date: '', title: '' });
    expect(vocabulary.terms).toHaveLength(13);
    expect(issues).toEqual([{ field: 'collection', message: 'no skos:Collection node: version, date and title unknown' }]);
  });

  it('a collection node without version, date or title says so', () => {
    const doc = JSON.parse(toNvsJsonLd(base)) as { '@graph': Record<string, unknown>[] };
    const node = doc['@graph'].at(-1)!;
    delete node['owl:versionInfo'];
    delete node['dc:title'];
    delete node['skos:prefLabel'];
    node['dc:date'] = 'recently';
    expect(parseNvsJsonLd(JSON.stringify(doc)).issues).toEqual([
      { field: 'date', message: 'collection date "recently" is not a date' },
      { field: 'versionInfo', message: 'the collection gives no version (owl:versionInfo)' },
      { field: 'date', message: 'the collection gives no date' },
      { field: 'title', message: 'the collection gives no title' },
    ]);
  });
});

describe('answers that are not NVS JSON-LD throw', () => {
  const json = toNvsJsonLd(fixture('SDN.L20.8..xml'));
  it.each([
    ['an empty body', '', /the response is empty/],
    ['an HTML error page', '<html><body><h1>500 Internal Server Error</h1></body></html>', /not JSON .*it starts with "<html><body><h1>500 Internal Server Erro"/],
    ['a truncated document', json.slice(0, Math.floor(json.length / 2)), /not JSON/],
    ['RDF/XML', '<?xml version="1.0"?><rdf:RDF/>', /not JSON/],
    ['a JSON string', '"L20"', /not an object or an array/],
    ['an empty object', '{}', /neither a skos:Collection nor any skos:Concept/],
    ['an empty graph', '{"@context": {}, "@graph": []}', /neither a skos:Collection nor any skos:Concept/],
    ['other JSON-LD', '{"@graph": [{"@id": "x", "@type": "owl:Ontology"}]}', /neither a skos:Collection nor any skos:Concept/],
    ['concepts with no NVS address', '[{"@type": "http://www.w3.org/2004/02/skos/core#Concept", "@id": "urn:x"}]', /names no NVS collection/],
  ])('%s', (_name, text, message) => {
    throwsInvalid(() => parseNvsJsonLd(text), message);
  });
});
