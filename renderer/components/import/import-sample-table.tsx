/** The samples of an import: name, start time in UTC, events, images, and what the import did with each. */
import { formatCount } from '../../format/format-values.js';
import type { SampleRow } from '../../import/import-report-summary.js';
import { useT } from '../../i18n/use-i18n.js';

export function ImportSampleTable({ rows }: { rows: SampleRow[] }) {
  const t = useT();
  return (
    <div className="cc-table-wrap">
      <table className="cc-table" data-testid="import-samples">
        <thead>
          <tr>
            <th scope="col">{t('import.col.sample')}</th>
            <th scope="col">{t('import.col.start')}</th>
            <th scope="col" className="cc-num">
              {t('import.col.events')}
            </th>
            <th scope="col">{t('import.col.images')}</th>
            <th scope="col">{t('import.col.result')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-sample-id={r.id}>
              <td className="cc-table-name" title={r.name}>
                {r.name}
              </td>
              <td className="cc-mono" title={r.timeSource ? t('import.asWritten', { time: r.timeSource }) : undefined}>
                {r.timeUtc || '—'}
                {r.timeZoneAssumed && (
                  <span className="cc-note" title={t('import.zoneAssumedHint')}>
                    {' '}
                    {t('import.zoneAssumed')}
                  </span>
                )}
              </td>
              <td className="cc-num">
                {r.events}
                {r.partial && (
                  <span className="cc-badge cc-badge-partial" title={t('import.partialHint')}>
                    {t('import.partial')}
                  </span>
                )}
              </td>
              <td>
                {t('import.imagesLinked', { count: formatCount(r.imagesLinked) })}
                {r.imagesMissing > 0 && <span className="cc-muted">{t('import.imagesMissing', { count: formatCount(r.imagesMissing) })}</span>}
              </td>
              <td>
                <span className={`cc-status-pill cc-status-${r.status}`}>
                  {r.statusLabel}
                  {r.status === 'new-version' ? ` (v${r.version})` : ''}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
