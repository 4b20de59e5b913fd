/** The outcome of an import at a glance: one tile per count. */
import { formatCount } from '../../format/format-values.js';
import type { ImportSummary } from '../../import/import-report-summary.js';
import { useT } from '../../i18n/use-i18n.js';

export function ImportCounts({ counts }: { counts: ImportSummary['counts'] }) {
  const t = useT();
  const tiles: { key: 'imported' | 'new-version' | 'unchanged' | 'tracks' | 'errors' | 'skipped'; value: number; tone?: 'error' }[] = [
    { key: 'imported', value: counts.imported },
    { key: 'new-version', value: counts.newVersion },
    { key: 'unchanged', value: counts.unchanged },
    ...(counts.tracks ? [{ key: 'tracks' as const, value: counts.tracks }] : []),
    { key: 'errors', value: counts.errors, tone: 'error' as const },
    { key: 'skipped', value: counts.skipped },
  ];
  return (
    <dl className="cc-counts" data-testid="import-counts">
      {tiles.map((tile) => (
        <div key={tile.key} className={`cc-count-tile${tile.value === 0 ? ' cc-count-zero' : ''}${tile.tone && tile.value > 0 ? ` cc-count-${tile.tone}` : ''}`} data-count={tile.key}>
          <dt>{t(`import.count.${tile.key}`)}</dt>
          <dd>{formatCount(tile.value)}</dd>
        </div>
      ))}
    </dl>
  );
}
