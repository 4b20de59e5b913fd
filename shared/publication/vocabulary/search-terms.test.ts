import { describe, expect, it } from 'vitest';
import { readRealFixture } from '../../../electron/test-support/real-fixtures.js';
import type { NvsCollection, NvsTerm } from './nvs-collection.js';
import { parseOctopusVocabulary } from './parse-octopus-vocabulary.js';
import { findTerm, foldText, searchTerms } from './search-terms.js';

const fixture = (file: string): NvsCollection => parseOctopusVocabulary(readRealFixture(`octopus/vocab/${file}`)).vocabulary;
const codes = (terms: NvsTerm[]) => terms.map((t) => t.code);

const term = (code: string, label: string, extra: Partial<NvsTerm> = {}): NvsTerm => ({ code, urn: `SDN:X01::${code}`, label, ...extra });
/** Hand-made so each rank has exactly one candidate for the query "flow". */
const small: NvsCollection = {
  collection: 'X01',
  version: '1',
  date: '2024-01-01',
  title: 'test',
  terms: [
    term('A5', 'Overflow counter'), // "flow" inside a word: rank 4
    term('A4', 'Imaging cytometer', { shortLabel: 'Flow imager' }), // short label prefix: rank 2
    term('A3', 'Particle flow sorter'), // a word starts with "flow": rank 3
    term('FLOW', 'Something else'), // exact code: rank 0
    term('FLOW2', 'Another thing'), // code prefix: rank 1
    term('A2', 'Flow cytometer'), // label prefix: rank 2, before A4 (ties go by label: "flow cytometer" < "imaging cytometer")
    term('A1', 'Old flow meter', { deprecated: true }),
    term('A6', 'Counter with fluid'), // no match
  ],
};

describe('searchTerms', () => {
  it('ranks exact code, code prefix, label prefix, word prefix, anywhere; deprecated only when asked, last', () => {
    expect(codes(searchTerms(small, 'flow'))).toEqual(['FLOW', 'FLOW2', 'A2', 'A4', 'A3', 'A5']);
    expect(codes(searchTerms(small, 'flow', 50, { includeDeprecated: true }))).toEqual(['FLOW', 'FLOW2', 'A2', 'A4', 'A3', 'A5', 'A1']);
    expect(codes(searchTerms(small, 'flow', 3))).toEqual(['FLOW', 'FLOW2', 'A2']);
    expect(searchTerms(small, 'flow', 0)).toEqual([]);
  });

  it('an empty query lists the collection in its order, current terms first', () => {
    expect(codes(searchTerms(small, '  '))).toEqual(['A5', 'A4', 'A3', 'FLOW', 'FLOW2', 'A2', 'A6']);
    expect(codes(searchTerms(small, '', 50, { includeDeprecated: true })).at(-1)).toBe('A1');
  });

  it('several words: each must appear somewhere', () => {
    expect(codes(searchTerms(small, 'counter fluid'))).toEqual(['A6']);
    expect(codes(searchTerms(small, 'cytometer imaging'))).toEqual(['A4']);
  });

  const l22 = fixture('SDN.L22.749..xml');

  it('finds the CytoSense in L22 by label, short label or code, any case', () => {
    for (const q of ['cytosense', 'CytoSense', 'CYTOBUOY', 'TOOL1209', 'tool1209']) expect(searchTerms(l22, q, 5)[0]?.code, q).toBe('TOOL1209');
    // Code prefix: every TOOL120x in code order (computed here by filtering the codes).
    const expected = l22.terms.map((t) => t.code).filter((c) => c.startsWith('TOOL120')).sort();
    expect(expected.length).toBeGreaterThan(3);
    expect(codes(searchTerms(l22, 'tool120', 100))).toEqual(expected);
  });

  it('"flow cytometer" lists the flow cytometers of L22 (formats-seadatanet.md §6.1)', () => {
    const found = codes(searchTerms(l22, 'flow cytometer', 100));
    for (const c of ['TOOL1209', 'TOOL1210', 'TOOL1711', 'TOOL2134', 'TOOL1102']) expect(found).toContain(c);
    // Every term whose label or short label holds the phrase is found, before those that only hold both words.
    const hasPhrase = (code: string) => {
      const t = l22.terms.find((x) => x.code === code)!;
      return `${t.label} ${t.shortLabel ?? ''}`.toLowerCase().includes('flow cytometer');
    };
    const withPhrase = l22.terms.filter((t) => hasPhrase(t.code)).length;
    expect(withPhrase).toBeGreaterThan(5);
    expect(found.slice(0, withPhrase).every(hasPhrase)).toBe(true);
    expect(found.slice(withPhrase).some(hasPhrase)).toBe(false);
  });

  it('ignores accents and no-break spaces', () => {
    // The labels with "Wärtsilä" counted straight from the file.
    const wartsila = l22.terms.filter((t) => t.label.includes('Wärtsilä')).map((t) => t.code).sort();
    expect(wartsila).toHaveLength(3);
    expect(codes(searchTerms(l22, 'wartsila')).sort()).toEqual(wartsila);
    expect(codes(searchTerms(l22, 'WÄRTSILÄ')).sort()).toEqual(wartsila);
    expect(codes(searchTerms(fixture('SDN.L05.92..xml'), 'systeme leger'))).toEqual(['POS12']);
    // "Polarisation and\u00a0Directionality of the\u00a0Earth's…"
    expect(codes(searchTerms(l22, 'directionality of the earth'))).toEqual(['TOOL1042']);
    expect(foldText('Système\u00a0Légér')).toBe('systeme leger');
  });

  it('searches C17 by ship name', () => {
    const c17 = fixture('SDN.C17.1155..xml');
    expect(searchTerms(c17, 'tethys ii', 5)[0]).toMatchObject({ code: '35TT', label: 'Tethys II' });
    expect(searchTerms(c17, "l'atalante", 5)[0]?.code).toBe('35A3');
  });
});

describe('findTerm', () => {
  const l22 = fixture('SDN.L22.749..xml');
  it('by code, URN, NVS address; ignoring case only when the exact code is absent', () => {
    expect(findTerm(l22, 'TOOL1209')?.label).toBe('CytoBuoy CytoSense flow cytometer');
    expect(findTerm(l22, ' tool1209 ')?.code).toBe('TOOL1209');
    expect(findTerm(l22, 'SDN:L22::TOOL1209')?.code).toBe('TOOL1209');
    expect(findTerm(l22, 'SDN:L22:749:TOOL1209')?.code).toBe('TOOL1209');
    expect(findTerm(l22, 'https://vocab.nerc.ac.uk/collection/L22/current/TOOL1209/')?.code).toBe('TOOL1209');
    expect(findTerm(l22, 'http://vocab.nerc.ac.uk/collection/L22/749/TOOL1209')?.code).toBe('TOOL1209');
  });

  it('nothing for another collection, an unknown code or an empty text', () => {
    expect(findTerm(l22, 'SDN:L05::LAB37')).toBeUndefined();
    expect(findTerm(l22, 'https://vocab.nerc.ac.uk/collection/L05/current/LAB37/')).toBeUndefined();
    expect(findTerm(l22, 'TOOL9999')).toBeUndefined();
    expect(findTerm(l22, '')).toBeUndefined();
  });

  it('finds deprecated terms too', () => {
    expect(findTerm(small, 'A1')).toMatchObject({ label: 'Old flow meter', deprecated: true });
  });
});
