/**
 * NVS terms for the pickers, from the service's bundled (or updated) lists — offline. Searches go to the service
 * (C17 holds thousands of platforms); the term of a chosen code is looked up once and kept, so a form showing
 * "TOOL1209 — CytoSense…" does not ask again. `clear()` after the vocabularies are updated.
 */
import type { CurationApi, ResponseOf } from '../../shared/api/contract.js';

export type VocabularyListing = ResponseOf<'listVocabulary'>;
export type NvsTermInfo = VocabularyListing['terms'][number];

export interface TermCache {
  search(collection: string, query: string, limit?: number): Promise<VocabularyListing>;
  /** The term with this code (null when the list has no such code); kept after the first answer. */
  term(collection: string, code: string): Promise<NvsTermInfo | null>;
  /** A term already known, without asking. */
  known(collection: string, code: string): NvsTermInfo | null | undefined;
  clear(): void;
}

export function createTermCache(api: () => Pick<CurationApi, 'listVocabulary'>): TermCache {
  const terms = new Map<string, NvsTermInfo | null>();
  const pending = new Map<string, Promise<NvsTermInfo | null>>();
  let generation = 0;
  const key = (collection: string, code: string) => `${collection}:${code}`;
  const remember = (collection: string, listing: VocabularyListing) => {
    for (const t of listing.terms) terms.set(key(collection, t.code), t);
  };

  return {
    async search(collection, query, limit = 50) {
      const mine = generation;
      const listing = await api().listVocabulary({ collection, query, limit });
      if (mine === generation) remember(collection, listing);
      return listing;
    },
    term(collection, code) {
      const k = key(collection, code);
      if (terms.has(k)) return Promise.resolve(terms.get(k) ?? null);
      const running = pending.get(k);
      if (running) return running;
      const mine = generation;
      // An exact code comes first in the service's ranking; a few more cover codes that prefix others.
      const p = api()
        .listVocabulary({ collection, query: code, limit: 10 })
        .then((listing) => {
          const found = listing.terms.find((t) => t.code === code) ?? null;
          if (mine === generation) {
            remember(collection, listing);
            terms.set(k, found);
          }
          return found;
        })
        .finally(() => pending.delete(k));
      pending.set(k, p);
      return p;
    },
    known(collection, code) {
      return terms.get(key(collection, code));
    },
    clear() {
      generation += 1;
      terms.clear();
      pending.clear();
    },
  };
}
