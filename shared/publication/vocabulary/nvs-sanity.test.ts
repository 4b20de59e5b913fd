import { describe, expect, it } from 'vitest';
import { readRealFixture } from '../../../electron/test-support/real-fixtures.js';
import type { NvsCollection } from './nvs-collection.js';
import { checkCollectionUpdate, reliedUponCodes } from './nvs-sanity.js';
import { parseOctopusVocabulary } from './parse-octopus-vocabulary.js';

const fixture = (file: string): NvsCollection => parseOctopusVocabulary(readRealFixture(`octopus/vocab/${file}`)).vocabulary;
const files: Record<string, string> = {
  C17: 'SDN.C17.1155..xml',
  L05: 'SDN.L05.92..xml',
  L06: 'SDN.L06.18..xml',
  L08: 'SDN.L08.5..xml',
  L20: 'SDN.L20.8..xml',
  L22: 'SDN.L22.749..xml',
  L23: 'SDN.L23.10..xml',
  P02: 'SDN.P02.127..xml',
  P06: 'SDN.P06.146..xml',
};

describe('checkCollectionUpdate', () => {
  it.each(Object.keys(reliedUponCodes))('the fixture extract of %s passes (it holds every relied-upon code)', (c) => {
    const v = fixture(files[c]!);
    expect(checkCollectionUpdate(v, c, v)).toEqual({ problems: [], warnings: [] });
  });

  it('refuses a collection missing a relied-upon code, names them all', () => {
    const l20 = fixture(files.L20!);
    const cut = { ...l20, terms: l20.terms.filter((t) => t.code !== 'Q' && t.code !== '9') };
    expect(checkCollectionUpdate(cut, 'L20', l20).problems).toEqual(['missing codes CytoCurator relies on: 9, Q']);
    const l22 = fixture(files.L22!);
    expect(checkCollectionUpdate({ ...l22, terms: l22.terms.filter((t) => t.code !== 'TOOL1209') }, 'L22', null).problems).toEqual([
      'missing code CytoCurator relies on: TOOL1209',
    ]);
  });

  it('a relied-upon code in another case is missing; a deprecated one is a warning', () => {
    const l05 = fixture(files.L05!);
    const lower = { ...l05, terms: l05.terms.map((t) => (t.code === 'LAB37' ? { ...t, code: 'lab37' } : t)) };
    expect(checkCollectionUpdate(lower, 'L05', null).problems).toEqual(['missing code CytoCurator relies on: LAB37']);
    const deprecated = { ...l05, version: '93', terms: l05.terms.map((t) => (t.code === 'LAB37' ? { ...t, deprecated: true } : t)) };
    expect(checkCollectionUpdate(deprecated, 'L05', l05)).toEqual({ problems: [], warnings: ['SDN:L05::LAB37 (flow cytometers) is deprecated in version 93'] });
  });

  it('refuses another collection, no version, no current terms', () => {
    const l08 = fixture(files.L08!);
    expect(checkCollectionUpdate(l08, 'L07', null).problems).toEqual(['the server sent collection L08, not L07']);
    expect(checkCollectionUpdate({ ...l08, version: '' }, 'L08', null).problems).toEqual(['the server gave no collection version']);
    const gone = { ...l08, terms: l08.terms.map((t) => ({ ...t, deprecated: true })) };
    const check = checkCollectionUpdate(gone, 'L08', null);
    expect(check.problems).toEqual(['no current terms']);
    expect(check.warnings.map((w) => w.split(' ')[0])).toEqual(['SDN:L08::LS', 'SDN:L08::UN', 'SDN:L08::CB']);
  });

  it('refuses a version with less than half the current terms of the one in use (a cut-off answer)', () => {
    const c17 = fixture(files.C17!);
    // Keep 35TT and the first 3 999 others: 4 000 of 8 000 is exactly half, accepted; one fewer is refused.
    const keep = (n: number) => ({ ...c17, version: '1156', terms: [c17.terms.find((t) => t.code === '35TT')!, ...c17.terms.filter((t) => t.code !== '35TT').slice(0, n - 1)] });
    expect(checkCollectionUpdate(keep(4000), 'C17', c17).problems).toEqual([]);
    expect(checkCollectionUpdate(keep(3999), 'C17', c17).problems).toEqual(['only 3999 current terms where version 1155 has 8000: the response looks truncated']);
    // Without a list in use there is nothing to compare with.
    expect(checkCollectionUpdate(keep(10), 'C17', null).problems).toEqual([]);
  });
});
