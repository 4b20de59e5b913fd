/** The outcome of an import at a glance: one tile per count. */
import { formatCount } from '../../format/format-values.js';
import type { ImportSummary } from '../../import/import-report-summary.js';

export function ImportCounts({ counts }: { counts: ImportSummary['counts'] }) {
  const tiles: { key: string; label: string; value: number; tone?: 'error' }[] = [
    { key: 'imported', label: 'Imported', value: counts.imported },
    { key: 'new-version', label: 'New version', value: counts.newVersion },
    { key: 'unchanged', label: 'Unchanged', value: counts.unchanged },
    ...(counts.tracks ? [{ key: 'tracks', label: 'GPS tracks', value: counts.tracks }] : []),
    { key: 'errors', label: 'Errors', value: counts.errors, tone: 'error' as const },
    { key: 'skipped', label: 'Skipped', value: counts.skipped },
  ];
  return (
    <dl className="cc-counts" data-testid="import-counts">
      {tiles.map((t) => (
        <div key={t.key} className={`cc-count-tile${t.value === 0 ? ' cc-count-zero' : ''}${t.tone && t.value > 0 ? ` cc-count-${t.tone}` : ''}`} data-count={t.key}>
          <dt>{t.label}</dt>
          <dd>{formatCount(t.value)}</dd>
        </div>
      ))}
    </dl>
  );
}
