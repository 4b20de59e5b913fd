import { describe, expect, it } from 'vitest';
import type { CurationApi, RequestOf } from '../../shared/api/contract.js';
import type { VocabularyListing } from './vocabulary-terms.js';
import { createTermCache } from './vocabulary-terms.js';

const l22: VocabularyListing['terms'] = [
  { code: 'TOOL1209', urn: 'SDN:L22::TOOL1209', label: 'Cytobuoy CytoSense flow cytometer' },
  { code: 'TOOL12090', urn: 'SDN:L22::TOOL12090', label: 'Another tool' },
];

function fakeApi(calls: RequestOf<'listVocabulary'>[]): Pick<CurationApi, 'listVocabulary'> {
  return {
    listVocabulary: async (request) => {
      calls.push(request);
      const q = (request.query ?? '').toLowerCase();
      const terms = l22.filter((t) => t.code.toLowerCase().startsWith(q) || t.label.toLowerCase().includes(q));
      return { collection: request.collection, title: 'SeaVoX Device Catalogue', version: '749', date: '2025-04-12T02:00:01', source: 'bundled', total: terms.length, terms };
    },
  };
}

describe('term cache', () => {
  it('looks a code up once, even when asked twice at the same time', async () => {
    const calls: RequestOf<'listVocabulary'>[] = [];
    const cache = createTermCache(() => fakeApi(calls));
    const [a, b] = await Promise.all([cache.term('L22', 'TOOL1209'), cache.term('L22', 'TOOL1209')]);
    expect(a?.label).toBe('Cytobuoy CytoSense flow cytometer');
    expect(b).toBe(a);
    expect(await cache.term('L22', 'TOOL1209')).toBe(a);
    expect(calls).toEqual([{ collection: 'L22', query: 'TOOL1209', limit: 10 }]);
    // The longer code came back in the same answer: known without asking
    expect(cache.known('L22', 'TOOL12090')?.label).toBe('Another tool');
  });

  it('remembers a code the list does not have as null, and terms found by a search', async () => {
    const calls: RequestOf<'listVocabulary'>[] = [];
    const cache = createTermCache(() => fakeApi(calls));
    expect(await cache.term('L22', 'TOOL9999')).toBeNull();
    expect(cache.known('L22', 'TOOL9999')).toBeNull();
    expect(cache.known('L22', 'TOOL1209')).toBeUndefined();
    const listing = await cache.search('L22', 'cytosense', 60);
    expect(listing.terms.map((t) => t.code)).toEqual(['TOOL1209']);
    expect(cache.known('L22', 'TOOL1209')?.code).toBe('TOOL1209');
    expect(calls.at(-1)).toEqual({ collection: 'L22', query: 'cytosense', limit: 60 });
  });

  it('forgets everything when cleared (vocabularies updated), ignoring answers asked before', async () => {
    const calls: RequestOf<'listVocabulary'>[] = [];
    const cache = createTermCache(() => fakeApi(calls));
    await cache.term('L22', 'TOOL1209');
    const late = cache.term('L22', 'TOOL12090');
    cache.clear();
    await late;
    expect(cache.known('L22', 'TOOL1209')).toBeUndefined();
    expect(cache.known('L22', 'TOOL12090')).toBeUndefined();
    await cache.term('L22', 'TOOL1209');
    expect(calls.filter((c) => c.query === 'TOOL1209')).toHaveLength(2);
  });
});
