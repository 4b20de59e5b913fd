import { z } from 'zod';

/**
 * An array of many small entries (a sample's 100 images, a batch's 1,000 files, their answers), checked entry by
 * entry with `isPlain` first: a hand-written check that accepts an entry only where `item` accepts it unchanged.
 * Only an entry it does not accept goes through `item`, whose issues (with the entry's index in their path) say what
 * is wrong, and whose output (unknown keys stripped) replaces it. Per-entry zod objects cost about a microsecond
 * each, most of what either side spent on such arrays.
 */
export function checkedArray<T>(item: z.ZodType<T>, isPlain: (v: unknown) => v is T, bounds: { min?: number; max?: number } = {}): z.ZodType<T[]> {
  let array = z.array(z.unknown());
  if (bounds.min !== undefined) array = array.min(bounds.min);
  if (bounds.max !== undefined) array = array.max(bounds.max);
  // One pass: each entry is checked once (a refine and then a transform looked at every entry twice).
  return array.transform((entries, ctx) => {
    let out: unknown[] | null = null;
    let failed = false;
    for (let i = 0; i < entries.length; i++) {
      if (isPlain(entries[i])) continue;
      const parsed = item.safeParse(entries[i]);
      if (!parsed.success) {
        failed = true;
        for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: [i, ...issue.path] } as Parameters<typeof ctx.addIssue>[0]);
        continue;
      }
      out ??= entries.slice();
      out[i] = parsed.data;
    }
    return (failed ? z.NEVER : (out ?? entries)) as T[];
  });
}

/** True when `v` is a plain object whose own keys are among `allowed` and include every one of `required`. */
export function hasOnlyKeys(v: unknown, allowed: readonly string[], required: readonly string[]): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  let own = 0;
  for (const k in v) {
    if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
    if (!allowed.includes(k)) return false;
    own++;
  }
  if (own < required.length) return false;
  for (const k of required) if (!Object.prototype.hasOwnProperty.call(v, k)) return false;
  return true;
}
