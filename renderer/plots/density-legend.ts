/** Legend of a density cytogram: the counts a few colour levels stand for, and what the bins left out. */
import type { DensityPayload } from '../../shared/api/contract.js';
import type { Translator } from '../i18n/translate.js';
import { englishT } from '../i18n/translate.js';
import { countAtLevel, levelForCount } from '../../shared/plots/density-image.js';
import { levelCss } from './colormap.js';

export interface LegendStop {
  level: number;
  /** Smallest bin count drawn in this colour. */
  count: number;
  css: string;
  /** Position along the colour bar, 0 … 1. */
  at: number;
}

/** About `n` stops from level 1 (count 1) to levelCount (the fullest bin), each count shown once. */
export function legendStops(max: number, levelCount: number, n = 4): LegendStop[] {
  if (!(max > 0) || levelCount < 1) return [];
  const out: LegendStop[] = [];
  const steps = Math.max(1, n - 1);
  for (let i = 0; i <= steps; i++) {
    const wanted = Math.max(1, Math.round(1 + ((levelCount - 1) * i) / steps));
    const count = countAtLevel(wanted, max, levelCount);
    // The level that count is drawn at (no count may have exactly the wanted level when max is small)
    const level = levelForCount(count, max, levelCount);
    if (out.some((s) => s.count === count)) continue;
    out.push({ level, count, css: levelCss(level, levelCount), at: levelCount <= 1 ? 1 : (level - 1) / (levelCount - 1) });
  }
  return out;
}

/** "123,456 of 130,000 events shown; 2,000 outside the range; 50 not plottable on these axes" (counts formatted). */
export function densitySummary(
  d: Pick<DensityPayload, 'total' | 'binned' | 'outOfRange' | 'outOfDomain' | 'nonFinite'>,
  format: (n: number) => string,
  t: Translator = englishT,
): string {
  const parts = [t('plots.shown', { binned: format(d.binned), total: format(d.total) })];
  if (d.outOfRange > 0) parts.push(t('plots.outsideRange', { count: format(d.outOfRange) }));
  const unplottable = d.outOfDomain + d.nonFinite;
  if (unplottable > 0) parts.push(t('plots.notPlottable', { count: format(unplottable) }));
  return parts.join('; ');
}
