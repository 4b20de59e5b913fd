import { describe, expect, it } from 'vitest';
import { readRealFixture } from '../../../electron/test-support/real-fixtures.js';
import { CurationError } from '../../api/errors.js';
import { parseOctopusVocabulary } from './parse-octopus-vocabulary.js';

const enc = new TextEncoder();
const dec = new TextDecoder();
const vocab = (file: string): Uint8Array => readRealFixture(`octopus/vocab/${file}`);
const parseText = (xml: string) => parseOctopusVocabulary(enc.encode(xml));

const files = [
  'SDN.C17.1155..xml',
  'SDN.C18.6..xml',
  'SDN.L05.92..xml',
  'SDN.L06.18..xml',
  'SDN.L07.3..xml',
  'SDN.L08.5..xml',
  'SDN.L20.8..xml',
  'SDN.L22.749..xml',
  'SDN.L23.10..xml',
  'SDN.P02.127..xml',
  'SDN.P06.146..xml',
];

const unescape = (s: string): string =>
  s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim();

/** Independent oracle: code → label with one regular expression over the raw text (the fixtures write key then label). */
function regexLabels(xml: string): Map<string, string> {
  return new Map([...xml.matchAll(/<element\b[^>]*?\bkey="SDN:\w+::([^"]+)"\s+label="([^"]*)"/g)].map((m) => [m[1]!, unescape(m[2]!)]));
}

/** Independent oracle: the collection list of the same snapshot. */
function listed(): Map<string, { version: string; date: string; title: string }> {
  const xml = dec.decode(vocab('vocabularies.xml'));
  return new Map(
    [...xml.matchAll(/<vocabulary list="SDN:(\w+):\d+:"\s+version="(\d+)"\s+date="([^"]+)"\s+title="([^"]*)"/g)].map((m) => [
      m[1]!,
      { version: m[2]!, date: m[3]!.slice(0, 19), title: unescape(m[4]!) },
    ]),
  );
}

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

describe('Octopus NVS extracts (real fixtures)', () => {
  const versions = listed();

  it.each(files)('%s: every element is read, with the label the raw text gives, no issues', (file) => {
    const bytes = vocab(file);
    const xml = dec.decode(bytes);
    const { vocabulary, issues } = parseOctopusVocabulary(bytes);
    expect(issues).toEqual([]);
    const expected = regexLabels(xml);
    expect(vocabulary.terms).toHaveLength((xml.match(/<element\b/g) ?? []).length);
    expect(vocabulary.terms.length).toBe(expected.size);
    for (const t of vocabulary.terms) expect({ code: t.code, label: t.label }).toEqual({ code: t.code, label: expected.get(t.code) });
    expect(vocabulary.terms.every((t) => t.urn === `SDN:${vocabulary.collection}::${t.code}`)).toBe(true);
    // Version, date and title as vocabularies.xml lists them.
    const v = versions.get(vocabulary.collection)!;
    expect({ version: vocabulary.version, date: vocabulary.date, title: vocabulary.title }).toEqual(v);
    expect(file).toBe(`SDN.${vocabulary.collection}.${vocabulary.version}..xml`);
  });

  it('reads the L20 flags with labels, short labels and dates (formats-seadatanet.md §3.1)', () => {
    const { vocabulary } = parseOctopusVocabulary(vocab('SDN.L20.8..xml'));
    expect(vocabulary).toMatchObject({ collection: 'L20', version: '8', date: '2022-05-14T02:00:05', title: 'SeaDataNet measurand qualifier flags' });
    expect(vocabulary.terms.map((t) => t.code).sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'Q']);
    // <element key="SDN:L20::1" label="good value" shortLabel="good" date="2009-05-12T08:11:55.000"/>
    expect(vocabulary.terms.find((t) => t.code === '1')).toEqual({ code: '1', urn: 'SDN:L20::1', label: 'good value', shortLabel: 'good', date: '2009-05-12T08:11:55' });
    expect(vocabulary.terms.find((t) => t.code === 'Q')?.shortLabel).toBe('BelowLOQ');
  });

  it('decodes UTF-8, entities and trims stray spaces and U+FEFF', () => {
    const l05 = parseOctopusVocabulary(vocab('SDN.L05.92..xml')).vocabulary;
    expect(l05.terms.find((t) => t.code === 'POS12')?.label).toBe('Système leger de measure de distance receivers');
    expect(l05.terms.find((t) => t.code === '366')?.label).toBe('>2000 Hz top-bandwidth multi-channel seismic reflection systems');
    expect(l05.terms.find((t) => t.code === 'LAB37')).toMatchObject({ label: 'flow cytometers', date: '2012-08-02T13:45:33' });
    const l22 = parseOctopusVocabulary(vocab('SDN.L22.749..xml')).vocabulary;
    expect(l22.terms.find((t) => t.code === 'TOOL1209')).toEqual({
      code: 'TOOL1209',
      urn: 'SDN:L22::TOOL1209',
      label: 'CytoBuoy CytoSense flow cytometer',
      shortLabel: 'CytoSense flow cytometer',
      date: '2018-02-02T09:09:47',
    });
    // Entity decoded; the no-break spaces NVS has inside this label are kept as they are.
    expect(l22.terms.find((t) => t.code === 'TOOL1042')?.label).toBe("Polarisation and\u00a0Directionality of the\u00a0Earth's\u00a0Reflectances");
    expect(l22.terms.find((t) => t.code === 'TOOL1057')?.label).toBe('Thematic Mapper'); // "Thematic Mapper " in the file
    expect(l22.terms.find((t) => t.code === 'TOOL1641')?.shortLabel).toBe('Rotronic HC2'); // "\uFEFFRotronic HC2" in the file
    expect(l22.terms.find((t) => t.code === 'TOOL1676')?.label).toBe('Wärtsilä ELAC SeaBeam 3050 MK II multibeam echosounder');
  });

  it('keeps the C17 platform groups and French research vessels (§6.3)', () => {
    const { vocabulary } = parseOctopusVocabulary(vocab('SDN.C17.1155..xml'));
    expect(vocabulary.terms).toHaveLength(8000);
    const ships = Object.fromEntries(['35TT', '35TF', '35A3', '35PK'].map((c) => [c, vocabulary.terms.find((t) => t.code === c)?.label]));
    expect(ships).toEqual({ '35TT': 'Tethys II', '35TF': 'Antedon II', '35A3': "L'Atalante", '35PK': 'Pourquoi pas?' });
    // <element group="fishing vessel" key="SDN:C17::48UI" label="Togo" …/> is the first element of the file.
    expect(vocabulary.terms[0]).toMatchObject({ code: '48UI', label: 'Togo', group: 'fishing vessel' });
    expect(vocabulary.terms.every((t) => typeof t.group === 'string' && t.group !== '')).toBe(true);
  });
});

describe('generated variants read the same', () => {
  const l05 = dec.decode(vocab('SDN.L05.92..xml'));
  const reference = parseText(l05).vocabulary;

  it('CRLF line ends, a UTF-8 BOM', () => {
    expect(parseText(l05.replace(/\n/g, '\r\n')).vocabulary).toEqual(reference);
    expect(parseOctopusVocabulary(new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(l05)])).vocabulary).toEqual(reference);
  });

  it('Windows-1252 (a file re-saved by a Windows editor)', () => {
    // Every character of L05 is in Windows-1252's upper half as Latin-1 (è, é): write them as single bytes.
    const bytes = Uint8Array.from([...l05].map((ch) => {
      const cp = ch.codePointAt(0)!;
      expect(cp).toBeLessThan(256);
      return cp;
    }));
    expect(bytes.length).toBeLessThan(enc.encode(l05).length); // really single-byte now
    expect(parseOctopusVocabulary(bytes).vocabulary).toEqual(reference);
  });

  it('single quotes, other attribute order, open/close elements, comments and a DOCTYPE', () => {
    const xml = [
      "<?xml version='1.0' encoding='UTF-8'?>",
      '<!DOCTYPE vocabulary>',
      '<!-- written by hand -->',
      "<vocabulary title='SeaDataNet measurand qualifier flags' date='2022-05-14T02:00:05.000' version='8' list='SDN:L20:8:'>",
      "  <element date='2009-05-12T08:11:55.000' shortLabel='good' label='good value' key='SDN:L20::1'></element>",
      '  <!-- a comment between elements -->',
      '  <element',
      '     key="SDN:L20::4"',
      '     label="bad&#x20;value" shortLabel="bad"',
      '     date="2007-05-17T09:47:30.000"/>',
      '</vocabulary>',
      '<!-- trailing comment -->',
    ].join('\n');
    const { vocabulary, issues } = parseText(xml);
    expect(issues).toEqual([]);
    expect(vocabulary).toEqual({
      collection: 'L20',
      version: '8',
      date: '2022-05-14T02:00:05',
      title: 'SeaDataNet measurand qualifier flags',
      terms: [
        { code: '1', urn: 'SDN:L20::1', label: 'good value', shortLabel: 'good', date: '2009-05-12T08:11:55' },
        { code: '4', urn: 'SDN:L20::4', label: 'bad value', shortLabel: 'bad', date: '2007-05-17T09:47:30' },
      ],
    });
  });
});

describe('bad elements are issues with their line; the others are kept', () => {
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n<vocabulary list="SDN:L08:5:" version="5" date="2021-05-05T02:00:15.000" title="SeaDataNet Data Access Restriction Policies">\n';
  const good = '  <element key="SDN:L08::LS" label="SeaDataNet licence" shortLabel="SDN_licence" date="2008-09-25T08:31:26.000"/>\n';

  it.each([
    ['no key', '<element label="x"/>', { field: 'key', message: 'element without a key, skipped' }],
    ['a key that is not a URN', '<element key="LS" label="x"/>', { field: 'key', message: 'key "LS" is not of the form SDN:<collection>::<code>, skipped' }],
    ['a key of another collection', '<element key="SDN:L22::TOOL1209" label="CytoSense"/>', { field: 'key', message: 'key SDN:L22::TOOL1209 belongs to collection L22, not L08; skipped' }],
    ['no label', '<element key="SDN:L08::UN"/>', { field: 'label', message: 'SDN:L08::UN: no label, skipped' }],
    ['an empty label', '<element key="SDN:L08::UN" label="  "/>', { field: 'label', message: 'SDN:L08::UN: no label, skipped' }],
    ['a repeated key', '<element key="SDN:L08::LS" label="again"/>', { field: 'key', message: 'SDN:L08::LS repeats line 3; the first is kept' }],
    ['an unquoted attribute', '<element key="SDN:L08::UN" label=unrestricted/>', { message: 'malformed attributes in <element> near "label=unrestricted", skipped' }],
    ['another element', '<term key="SDN:L08::UN" label="unrestricted"/>', { message: 'unexpected element <term>, ignored' }],
    ['stray text', 'hello', { message: 'unexpected text "hello", ignored' }],
  ])('%s', (_name, bad, issue) => {
    const { vocabulary, issues } = parseText(`${head}${good}  ${bad}\n${good.replace(/LS/g, 'MO').replace('SeaDataNet licence', 'moratorium')}</vocabulary>\n`);
    expect(issues).toEqual([{ line: 4, ...issue }]);
    expect(vocabulary.terms.map((t) => t.code)).toEqual(['LS', 'MO']);
  });

  it('a bad date leaves the date out, an unknown entity is kept as written', () => {
    const { vocabulary, issues } = parseText(`${head}  <element key="SDN:L08::UN" label="un&nbsp;restricted" date="yesterday"/>\n</vocabulary>`);
    expect(issues).toEqual([
      { line: 3, field: 'label', message: 'unknown character reference &nbsp; kept as written' },
      { line: 3, field: 'date', message: 'SDN:L08::UN: date "yesterday" is not a date, left out' },
    ]);
    expect(vocabulary.terms).toEqual([{ code: 'UN', urn: 'SDN:L08::UN', label: 'un&nbsp;restricted' }]);
  });

  it('root attributes: missing list (collection from the first key), version taken from list, bad date, no title', () => {
    const a = parseText('<vocabulary version="5" date="2021-05-05"><element key="SDN:L08::LS" label="SeaDataNet licence"/></vocabulary>');
    expect(a.vocabulary).toMatchObject({ collection: 'L08', version: '5', date: '2021-05-05', title: '' });
    expect(a.issues).toEqual([
      { line: 1, field: 'list', message: 'no list attribute (SDN:<collection>:<version>:)' },
      { line: 1, field: 'title', message: 'no title attribute' },
    ]);
    const b = parseText('<vocabulary list="SDN:L08:5:" date="May 2021" title="t">\n</vocabulary>');
    expect(b.vocabulary).toMatchObject({ collection: 'L08', version: '5', date: '', terms: [] });
    expect(b.issues).toEqual([
      { line: 1, field: 'version', message: 'no version attribute; version 5 taken from list' },
      { line: 1, field: 'date', message: 'date "May 2021" is not a date' },
      { line: 1, message: 'collection L08 has no terms' },
    ]);
    const c = parseText('<vocabulary list="SDN:L08:5:" version="6" date="2021-05-05" title="t"><element key="SDN:L08::LS" label="x"/></vocabulary>');
    expect(c.issues).toEqual([{ line: 1, field: 'version', message: 'version 6 differs from the version in list (5); 6 is used' }]);
  });

  it('a truncated file keeps the terms before the cut', () => {
    const xml = dec.decode(vocab('SDN.L08.5..xml'));
    // Cut inside the 6th element: the 5 complete ones are kept (counted here with a regular expression).
    const cut = xml.indexOf('<element', xml.split('<element', 6).join('<element').length) + 20;
    const complete = (xml.slice(0, cut).match(/<element\b[^>]*\/>/g) ?? []).length;
    expect(complete).toBe(5);
    const { vocabulary, issues } = parseText(xml.slice(0, cut));
    expect(vocabulary.terms).toHaveLength(5);
    expect(issues.map((i) => i.message)).toEqual(['the file ends inside a tag (truncated)', 'no closing </vocabulary>: the file is truncated; the terms before the cut are kept']);
    expect(issues[0]!.line).toBe(8);
    // Cut between elements: only the closing tag is missing.
    const between = parseText(xml.slice(0, xml.lastIndexOf('</vocabulary>')));
    expect(between.vocabulary.terms).toHaveLength(14);
    expect(between.issues).toEqual([{ line: 17, message: 'no closing </vocabulary>: the file is truncated; the terms before the cut are kept' }]);
  });

  it('randomly truncated files never throw once the root is read and keep a prefix of the terms', () => {
    const xml = dec.decode(vocab('SDN.L20.8..xml'));
    const full = parseText(xml).vocabulary.terms.map((t) => t.code);
    const seed = Date.now() % 100_000;
    console.log(`truncation seed ${seed}`);
    let state = seed;
    const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
    const rootEnd = xml.indexOf('>', xml.indexOf('<vocabulary')) + 1;
    for (let i = 0; i < 200; i++) {
      const at = rootEnd + Math.floor(random() * (xml.length - rootEnd - 14));
      const { vocabulary, issues } = parseText(xml.slice(0, at));
      expect(full.slice(0, vocabulary.terms.length), `cut at ${at}`).toEqual(vocabulary.terms.map((t) => t.code));
      expect(issues.some((i) => /truncated/.test(i.message)), `cut at ${at}`).toBe(true);
    }
  });
});

describe('input that is not an Octopus vocabulary throws', () => {
  it.each([
    ['an empty file', new Uint8Array(0), /the file is empty/],
    ['white space', enc.encode('  \r\n\t'), /only white space/],
    ['binary junk', Uint8Array.from({ length: 512 }, (_, i) => (i * 37) % 256), /binary data/],
    ['UTF-16', Uint8Array.from([0xff, 0xfe, 0x3c, 0x00, 0x76, 0x00]), /UTF-16/],
    ['the collection list', null, /the root element is <vocabularies>, expected <vocabulary>/],
    ['an HTML error page', enc.encode('<!DOCTYPE html>\n<html><body>502 Bad Gateway</body></html>'), /root element is <html>/],
    ['plain text', enc.encode('SDN:L20::1 good value\n'), /text before the root element/],
    ['JSON', enc.encode('{"@graph": []}'), /text before the root element/],
    ['a vocabulary naming no collection', enc.encode('<vocabulary version="1"></vocabulary>'), /names a collection/],
  ])('%s', (_name, bytes, message) => {
    throwsInvalid(() => parseOctopusVocabulary(bytes ?? vocab('vocabularies.xml')), message);
  });
});
