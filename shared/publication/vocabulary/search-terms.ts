/**
 * Term lookups for the vocabulary pickers: search by code or label (case and accents ignored, prefix matches
 * first) and exact lookup by code, URN or NVS address. The folded text of each collection is computed once and
 * kept beside it (WeakMap), so typing in a picker over C17's thousands of platforms stays cheap.
 */
import { parseTermUrl, parseTermUrn } from './nvs-collection.js';
import type { NvsCollection, NvsTerm } from './nvs-collection.js';

export interface TermSearchOptions {
  /** Also return deprecated terms (listed after the others). Default false: pickers offer current terms only. */
  includeDeprecated?: boolean;
}

interface FoldedTerm {
  term: NvsTerm;
  code: string;
  label: string;
  shortLabel: string;
  /** code, label and short label together, for the every-word test. */
  all: string;
}

/** Lower case without accents, any run of white space (no-break spaces included) as one space: `Wärtsilä` → `wartsila`. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').toLowerCase();
}

const folded = new WeakMap<NvsCollection, FoldedTerm[]>();

function foldedTerms(collection: NvsCollection): FoldedTerm[] {
  let list = folded.get(collection);
  if (!list) {
    list = collection.terms.map((term) => {
      const code = foldText(term.code);
      const label = foldText(term.label);
      const shortLabel = foldText(term.shortLabel ?? '');
      return { term, code, label, shortLabel, all: `${code} ${label} ${shortLabel}` };
    });
    folded.set(collection, list);
  }
  return list;
}

/** True when `needle` starts a word of `text` (at its start or after a character that is not a letter or digit). */
function startsWord(text: string, needle: string): boolean {
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    if (i === 0 || !/[\p{L}\p{N}]/u.test(text[i - 1] as string)) return true;
  }
  return false;
}

/**
 * Rank of a match, lower first: 0 exact code, 1 code prefix, 2 label or short label prefix, 3 a word of the label
 * starts with the query, 4 the query appears anywhere, 5 each word of the query appears somewhere; null: no match.
 */
function rank(t: FoldedTerm, query: string, words: string[]): number | null {
  if (t.code === query) return 0;
  if (t.code.startsWith(query)) return 1;
  if (t.label.startsWith(query) || t.shortLabel.startsWith(query)) return 2;
  if (startsWord(t.label, query) || startsWord(t.shortLabel, query)) return 3;
  if (t.all.includes(query)) return 4;
  if (words.length > 1 && words.every((w) => t.all.includes(w))) return 5;
  return null;
}

/**
 * Terms matching `query` in their code, label or short label, best first (see `rank`); ties in code order for code
 * matches, in label order for the others; deprecated terms (when asked for) last.
 * An empty query lists the collection in its own order. At most `limit` terms (none when limit ≤ 0).
 */
export function searchTerms(collection: NvsCollection, query: string, limit = 50, options: TermSearchOptions = {}): NvsTerm[] {
  if (!(limit > 0)) return [];
  const q = foldText(query).trim();
  const usable = foldedTerms(collection).filter((t) => options.includeDeprecated || !t.term.deprecated);
  if (q === '') {
    const current = usable.filter((t) => !t.term.deprecated);
    const withdrawn = usable.filter((t) => t.term.deprecated);
    return [...current, ...withdrawn].slice(0, limit).map((t) => t.term);
  }
  const words = q.split(' ');
  const hits: { t: FoldedTerm; rank: number }[] = [];
  for (const t of usable) {
    const r = rank(t, q, words);
    if (r !== null) hits.push({ t, rank: r });
  }
  const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  // Code matches read best in code order (TOOL1209, TOOL1210); label matches in label order.
  hits.sort(
    (a, b) =>
      Number(a.t.term.deprecated ?? false) - Number(b.t.term.deprecated ?? false) ||
      a.rank - b.rank ||
      (a.rank <= 1 ? a.t.code.length - b.t.code.length || cmp(a.t.code, b.t.code) : cmp(a.t.label, b.t.label) || cmp(a.t.code, b.t.code)),
  );
  return hits.slice(0, limit).map((h) => h.t.term);
}

const byCode = new WeakMap<NvsCollection, Map<string, NvsTerm>>();

/**
 * The term with this code (`TOOL1209`), URN (`SDN:L22::TOOL1209`) or NVS address
 * (`https://vocab.nerc.ac.uk/collection/L22/current/TOOL1209/`); a URN or address of another collection finds
 * nothing. Codes are matched exactly, then ignoring case. Deprecated terms are found too (check `deprecated`).
 */
export function findTerm(collection: NvsCollection, codeOrUrn: string): NvsTerm | undefined {
  let map = byCode.get(collection);
  if (!map) {
    map = new Map(collection.terms.map((t) => [t.code, t]));
    byCode.set(collection, map);
  }
  const text = codeOrUrn.trim();
  const ref = parseTermUrn(text) ?? (/^https?:\/\//i.test(text) ? parseTermUrl(text) : null);
  if (ref && ref.collection !== collection.collection) return undefined;
  const code = ref ? ref.code : text;
  const exact = map.get(code);
  if (exact) return exact;
  const upper = code.toUpperCase();
  return collection.terms.find((t) => t.code.toUpperCase() === upper);
}
