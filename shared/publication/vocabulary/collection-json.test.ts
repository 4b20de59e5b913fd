import { describe, expect, it } from 'vitest';
import { readRealFixture } from '../../../electron/test-support/real-fixtures.js';
import { CurationError } from '../../api/errors.js';
import { indexEntry, readCollection, readIndex, serialiseCollection, serialiseIndex } from './collection-json.js';
import type { NvsCollection } from './nvs-collection.js';
import { parseOctopusVocabulary } from './parse-octopus-vocabulary.js';

const fixture = (file: string): NvsCollection => parseOctopusVocabulary(readRealFixture(`octopus/vocab/${file}`)).vocabulary;
const byCode = (c: NvsCollection) => [...c.terms].sort((a, b) => (a.code < b.code ? -1 : 1));

function throwsInvalid(fn: () => unknown, message: RegExp, field?: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(CurationError);
  expect((thrown as CurationError).code).toBe('invalid-input');
  expect((thrown as CurationError).message).toMatch(message);
  if (field) expect((thrown as CurationError).field).toBe(field);
}

const small: NvsCollection = {
  collection: 'L20',
  version: '8',
  date: '2022-05-14T02:00:05',
  title: 'SeaDataNet measurand qualifier flags',
  origin: 'hand-made',
  terms: [
    { code: 'Q', urn: 'SDN:L20::Q', label: 'value below limit of quantification', shortLabel: 'BelowLOQ' },
    { code: '1', urn: 'SDN:L20::1', label: 'good value', date: '2009-05-12T08:11:55' },
    { code: '0', urn: 'SDN:L20::0', label: 'no quality control', deprecated: true },
    { code: 'Z', urn: 'SDN:L20::Z', label: 'with "quotes" and\nline' },
  ],
};

describe('compact collection JSON', () => {
  it('writes one term per line in code order, leaving out trailing empty cells', () => {
    const text = serialiseCollection(small);
    const lines = text.split('\n');
    expect(lines.slice(-8)).toEqual([
      '  "terms": [',
      '    ["0","no quality control",null,null,true],',
      '    ["1","good value",null,"2009-05-12T08:11:55"],',
      '    ["Q","value below limit of quantification","BelowLOQ"],',
      '    ["Z","with \\"quotes\\" and\\nline"]',
      '  ]',
      '}',
      '',
    ]);
    expect(JSON.parse(text)).toMatchObject({ format: 'cytocurator/nvs-collection', formatVersion: 1, collection: 'L20', version: '8', origin: 'hand-made' });
    expect(readCollection(text)).toEqual({ ...small, terms: byCode(small) });
  });

  it.each(['SDN.C17.1155..xml', 'SDN.L22.749..xml', 'SDN.L05.92..xml', 'SDN.L20.8..xml'])('%s round-trips', (file) => {
    const c = fixture(file);
    const back = readCollection(serialiseCollection(c));
    expect(back).toEqual({ ...c, terms: byCode(c) });
  });

  it('reads files with the columns in another order and a BOM (a later writer may reorder them)', () => {
    const text = '\uFEFF{"format":"cytocurator/nvs-collection","formatVersion":1,"collection":"L08","version":"5","date":"","title":"t","columns":["code","label","date","shortLabel"],"terms":[["LS","SeaDataNet licence","2008-09-25T08:31:26","SDN_licence"]]}';
    expect(readCollection(text).terms).toEqual([{ code: 'LS', urn: 'SDN:L08::LS', label: 'SeaDataNet licence', shortLabel: 'SDN_licence', date: '2008-09-25T08:31:26' }]);
  });

  const good = JSON.parse(serialiseCollection(small)) as Record<string, unknown>;
  const variant = (change: (o: Record<string, any>) => void): string => {
    const o = structuredClone(good);
    change(o);
    return JSON.stringify(o);
  };
  it.each([
    ['not JSON', '{"format": ', /not a CytoCurator NVS collection file: /, undefined],
    ['a JSON list', '[]', /not a JSON object/, undefined],
    ['another format', variant((o) => (o.format = 'cytocurator/groups')), /"format" is "cytocurator\/groups"/, 'format'],
    ['a newer format version', variant((o) => (o.formatVersion = 2)), /formatVersion 2 is not supported/, 'formatVersion'],
    ['a bad collection id', variant((o) => (o.collection = 'l20')), /"l20" is not an NVS collection id/, 'collection'],
    ['no version', variant((o) => delete o.version), /"version" must be text/, 'version'],
    ['bad columns', variant((o) => (o.columns = ['label', 'code'])), /"columns" must start with "code", "label"/, 'columns'],
    ['terms not a list', variant((o) => (o.terms = {})), /"terms" must be a list/, 'terms'],
    ['a row that is not a list', variant((o) => (o.terms[1] = 'x')), /terms\[1\] must be a list of cells/, 'terms[1]'],
    ['a row without a label', variant((o) => (o.terms[2] = ['Q'])), /terms\[2\] needs a code and a label/, 'terms[2]'],
    ['a repeated code', variant((o) => (o.terms[3] = ['1', 'again'])), /terms\[3\]: code 1 appears twice/, 'terms[3]'],
  ])('refuses %s', (_name, text, message, field) => {
    throwsInvalid(() => readCollection(text), message, field);
  });
});

describe('index.json', () => {
  it('round-trips, sorted by collection', () => {
    const entries = [indexEntry(fixture('SDN.L22.749..xml')), indexEntry(small)];
    expect(entries[1]).toEqual({ collection: 'L20', version: '8', date: '2022-05-14T02:00:05', title: 'SeaDataNet measurand qualifier flags', source: 'hand-made', terms: 4 });
    const text = serialiseIndex(entries);
    expect(readIndex(text).map((e) => [e.collection, e.version, e.terms])).toEqual([
      ['L20', '8', 4],
      ['L22', '749', 2229],
    ]);
  });

  it.each([
    ['another format', '{"format":"x","formatVersion":1,"collections":[]}', /"format" is "x"/],
    ['no list', '{"format":"cytocurator/nvs-index","formatVersion":1}', /"collections" must be a list/],
    ['a bad count', '{"format":"cytocurator/nvs-index","formatVersion":1,"collections":[{"collection":"L20","version":"8","date":"","title":"t","source":"s","terms":-1}]}', /"terms" must be a count/],
    ['a bad id', '{"format":"cytocurator/nvs-index","formatVersion":1,"collections":[{"collection":"XX","version":"8","date":"","title":"t","source":"s","terms":1}]}', /"XX" is not an NVS collection id/],
  ])('refuses %s', (_name, text, message) => {
    throwsInvalid(() => readIndex(text), message);
  });
});
