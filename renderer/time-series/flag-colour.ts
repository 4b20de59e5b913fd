/**
 * Point colours of the time-series plot, the same as the table's flag chips (styles.css .cc-flag-*):
 * L20 1 green, 2 light green, 3 orange, 4 red, any other code or no flag grey.
 */
import { flagTone } from '../review/flag-tone.js';
import type { FlagTone } from '../review/flag-tone.js';

export interface PointColour {
  fill: string;
  stroke: string;
}

export const toneColours: Record<FlagTone, PointColour> = {
  good: { fill: '#2e8b57', stroke: '#1f6a40' },
  'probably-good': { fill: '#c9ecc9', stroke: '#5fae5f' },
  'probably-bad': { fill: '#f5a340', stroke: '#b86f12' },
  bad: { fill: '#c62828', stroke: '#8e1b1b' },
  other: { fill: '#c9ced3', stroke: '#7d8790' },
};

export function flagColour(code: string | null | undefined): PointColour {
  return toneColours[flagTone(code)];
}

export type LegendEntry = { kind: 'flag'; code: string } | { kind: 'other' } | { kind: 'none' };

const ordered = ['1', '2', '3', '4'];

/**
 * Legend entries for the flags present: the coloured codes 1–4 in order, then one grey "other flags"
 * entry (0, 5–9, A, B, Q share the grey) and one grey "no flag" entry, when present.
 */
export function legendEntries(flags: readonly (string | null)[]): LegendEntry[] {
  const present = new Set(flags);
  const entries: LegendEntry[] = ordered.filter((c) => present.has(c)).map((code) => ({ kind: 'flag', code }));
  if ([...present].some((f) => f !== null && !ordered.includes(f))) entries.push({ kind: 'other' });
  if (present.has(null)) entries.push({ kind: 'none' });
  return entries;
}
