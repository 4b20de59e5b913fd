import { describe, expect, it } from 'vitest';
import type { GroupVocabularyEntryInfo } from '../../shared/api/gating-contract.js';
import { groupStatus, searchVocabulary, vocabularyIndex } from './group-search.js';

const entry = (name: string, extra: Partial<GroupVocabularyEntryInfo> = {}): GroupVocabularyEntryInfo => ({
  name,
  label: name,
  aliases: [],
  p01: null,
  p02: null,
  p06: null,
  somlit: null,
  nameStatus: 'standard',
  verified: true,
  ...extra,
});

const entries = [
  entry('Picoeukaryotes', { label: 'Picoeukaryotic phytoplankton', aliases: ['PicoE', 'Pico-eucaryotes'] }),
  entry('Synechococcus', { p01: 'SYNXXXXX', aliases: ['Syn'] }),
  entry('Prochlorococcus', { p01: 'PROCHLXX', verified: false }),
  entry('Nanoeukaryotes', { label: 'Nanoeucaryotes', somlit: 'NANO' }),
  entry('Cryptophytes', { aliases: ['Crypto'], verified: false }),
];

describe('vocabulary search', () => {
  it('returns everything for an empty query, in order', () => {
    expect(searchVocabulary(entries, '  ').map((e) => e.name)).toEqual(entries.map((e) => e.name));
    expect(searchVocabulary(entries, '', 2)).toHaveLength(2);
  });

  it('ranks name prefixes first, then name contents, then labels, aliases and codes', () => {
    expect(searchVocabulary(entries, 'syn').map((e) => e.name)).toEqual(['Synechococcus']);
    expect(searchVocabulary(entries, 'coccus').map((e) => e.name)).toEqual(['Synechococcus', 'Prochlorococcus']);
    expect(searchVocabulary(entries, 'euk').map((e) => e.name)).toEqual(['Picoeukaryotes', 'Nanoeukaryotes']);
    expect(searchVocabulary(entries, 'eucaryotes').map((e) => e.name)).toEqual(['Picoeukaryotes', 'Nanoeukaryotes']); // alias, label
    expect(searchVocabulary(entries, 'prochlxx').map((e) => e.name)).toEqual(['Prochlorococcus']); // P01 code
    expect(searchVocabulary(entries, 'nano').map((e) => e.name)).toEqual(['Nanoeukaryotes']);
    expect(searchVocabulary(entries, 'pico phyto').map((e) => e.name)).toEqual(['Picoeukaryotes']); // every word
    expect(searchVocabulary(entries, 'PÍCO').map((e) => e.name)).toEqual(['Picoeukaryotes']); // accents and case folded
    expect(searchVocabulary(entries, 'diatoms')).toEqual([]);
  });

  it('tells verified, unverified and unknown group names apart', () => {
    const index = vocabularyIndex(entries);
    expect(groupStatus(index, 'Synechococcus')).toBe('verified');
    expect(groupStatus(index, 'prochlorococcus')).toBe('unverified');
    expect(groupStatus(index, 'My own cluster')).toBe('unknown');
  });
});
