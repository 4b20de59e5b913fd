/**
 * `--samples ID,ID…` or `--filter "key=value;…"` (the sample table's filter: search, review, flag, deployment)
 * turned into the contract's selection, so a CLI action covers the same samples the workstation would.
 */
import { UsageError } from './cli-io.js';

export type CliSelection = { ids: string[] } | { query: { search?: string; reviewStates?: ('unreviewed' | 'approved' | 'needs-attention')[]; flags?: string[]; deployment?: string } };

const reviewStates = new Set(['unreviewed', 'approved', 'needs-attention']);

export function parseFilter(text: string): CliSelection {
  const query: Extract<CliSelection, { query: unknown }>['query'] = {};
  for (const part of text.split(';').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new UsageError(`--filter: "${part}" is not key=value (keys: search, review, flag, deployment)`);
    const key = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    const list = value.split(',').map((v) => v.trim()).filter(Boolean);
    if (key === 'search') query.search = value;
    else if (key === 'deployment') query.deployment = value;
    else if (key === 'flag' || key === 'flags') query.flags = list;
    else if (key === 'review') {
      const bad = list.filter((v) => !reviewStates.has(v));
      if (bad.length) throw new UsageError(`--filter review: "${bad.join(', ')}" is not one of unreviewed, approved, needs-attention`);
      query.reviewStates = list as ('unreviewed' | 'approved' | 'needs-attention')[];
    } else throw new UsageError(`--filter: unknown key "${key}" (keys: search, review, flag, deployment)`);
  }
  return { query };
}

/** The selection given by --samples / --filter; `fallback` when neither is given (null: one of them is required). */
export function selectionOption(values: Record<string, unknown>, fallback: CliSelection | null): CliSelection {
  const samples = values['samples'];
  const filter = values['filter'];
  if (typeof samples === 'string' && typeof filter === 'string') throw new UsageError('give either --samples or --filter, not both');
  if (typeof samples === 'string') {
    const ids = samples.split(',').map((s) => s.trim()).filter(Boolean);
    if (!ids.length) throw new UsageError('--samples needs at least one sample id');
    return { ids };
  }
  if (typeof filter === 'string') return parseFilter(filter);
  if (fallback) return fallback;
  throw new UsageError('give the samples with --samples ID,ID… or --filter "key=value;…"');
}
