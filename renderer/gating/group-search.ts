/**
 * The standard group vocabulary in the set editor: search by name, label, alias or code (P01, P02, P06, SOMLIT),
 * best matches first, and whether a group name is verified against NVS, unverified, or not in the vocabulary.
 */
import type { GroupVocabularyEntryInfo } from '../../shared/api/gating-contract.js';

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();

/** Entries matching every word of the query, best first (name starts with it, then name contains, then others); all when empty. */
export function searchVocabulary(entries: readonly GroupVocabularyEntryInfo[], query: string, limit = 100): GroupVocabularyEntryInfo[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return entries.slice(0, limit);
  const q = words.join(' ');
  const scored: { entry: GroupVocabularyEntryInfo; score: number; order: number }[] = [];
  entries.forEach((entry, order) => {
    const name = fold(entry.name);
    const others = [entry.label, ...entry.aliases, entry.p01, entry.p02, entry.p06, entry.somlit].filter((v): v is string => !!v).map(fold);
    const haystack = [name, ...others].join(' \u0000 ');
    if (!words.every((w) => haystack.includes(w))) return;
    const score = name === q ? 0 : name.startsWith(q) ? 1 : name.includes(q) ? 2 : others.some((o) => o === q) ? 3 : 4;
    scored.push({ entry, score, order });
  });
  scored.sort((a, b) => a.score - b.score || a.order - b.order);
  return scored.slice(0, limit).map((s) => s.entry);
}

export type GroupStatus = 'verified' | 'unverified' | 'unknown';

export type VocabularyIndex = ReadonlyMap<string, GroupVocabularyEntryInfo>;

/** Entries by name, compared without case. */
export function vocabularyIndex(entries: readonly GroupVocabularyEntryInfo[]): VocabularyIndex {
  return new Map(entries.map((e) => [e.name.toLowerCase(), e]));
}

/** 'unverified' for an entry not confirmed against NVS; 'unknown' for a name the vocabulary does not have. */
export function groupStatus(index: VocabularyIndex, group: string): GroupStatus {
  const entry = index.get(group.toLowerCase());
  if (!entry) return 'unknown';
  return entry.verified ? 'verified' : 'unverified';
}
