/**
 * Compares the sums a manifest or the library's records expect with the sums found on disk, and names every file
 * that is missing or differs. Pure: the caller hashes the files.
 */

export interface SumDifference {
  path: string;
  expected: string;
  actual: string;
}

export interface SumComparison {
  /** Files whose sum matches. */
  matching: number;
  /** Expected but not there (or not readable). */
  missing: { path: string; expected: string }[];
  /** There, with other content. */
  differing: SumDifference[];
  /** There but expected by nothing (found on disk, not listed). */
  unlisted: string[];
}

/**
 * `actual` maps a path to its sum, or to null when the file is absent or unreadable. Paths only in `actual`
 * (with a sum) are unlisted. Lists come out sorted by path.
 */
export function compareSums(expected: ReadonlyMap<string, string>, actual: ReadonlyMap<string, string | null>): SumComparison {
  const out: SumComparison = { matching: 0, missing: [], differing: [], unlisted: [] };
  for (const [path, want] of expected) {
    const got = actual.get(path);
    if (got === undefined || got === null) out.missing.push({ path, expected: want });
    else if (got.toLowerCase() !== want.toLowerCase()) out.differing.push({ path, expected: want, actual: got });
    else out.matching++;
  }
  for (const [path, got] of actual) if (got !== null && !expected.has(path)) out.unlisted.push(path);
  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  out.missing.sort(byPath);
  out.differing.sort(byPath);
  out.unlisted.sort();
  return out;
}
