/** A sample's groups in words: "Synechococcus 30 (60 /mL) · Picoeukaryotes 5" (abundance only when known). */
import type { SampleSummary } from '../../shared/model/sample.js';
import { formatCount } from '../format/format-values.js';

export type SampleGroup = SampleSummary['groups'][number];

export function formatAbundance(perMl: number | null | undefined): string {
  return perMl === null || perMl === undefined || !Number.isFinite(perMl) ? '' : `${formatCount(Math.round(perMl))} /mL`;
}

export function groupText(group: SampleGroup): string {
  const abundance = formatAbundance(group.abundancePerMl);
  return `${group.name} ${formatCount(group.count)}${abundance ? ` (${abundance})` : ''}`;
}

export function groupsText(groups: readonly SampleGroup[] | null | undefined, separator = ' · '): string {
  return (groups ?? []).map(groupText).join(separator);
}
