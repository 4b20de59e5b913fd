/** How a plotted value reads in the tooltip: counts as whole numbers, abundances with a few significant decimals. */
import { formatCount } from '../format/format-values.js';
import type { Measure } from './series-points.js';

export function formatMeasureValue(value: number, measure: Measure): string {
  if (measure === 'count') return formatCount(value);
  const digits = Math.abs(value) < 10 ? 2 : Math.abs(value) < 1000 ? 1 : 0;
  return new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}
