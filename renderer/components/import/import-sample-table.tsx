/** The samples of an import: name, start time in UTC, events, images, and what the import did with each. */
import { formatCount } from '../../format/format-values.js';
import type { SampleRow } from '../../import/import-report-summary.js';

export function ImportSampleTable({ rows }: { rows: SampleRow[] }) {
  return (
    <div className="cc-table-wrap">
      <table className="cc-table" data-testid="import-samples">
        <thead>
          <tr>
            <th scope="col">Sample</th>
            <th scope="col">Start (UTC)</th>
            <th scope="col" className="cc-num">
              Events
            </th>
            <th scope="col">Images</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-sample-id={r.id}>
              <td className="cc-table-name" title={r.name}>
                {r.name}
              </td>
              <td className="cc-mono" title={r.timeSource ? `As written in the source: ${r.timeSource}` : undefined}>
                {r.timeUtc || '—'}
                {r.timeZoneAssumed && (
                  <span className="cc-note" title="The source gives no time zone and no deployment set one: read as UTC">
                    {' '}
                    (zone assumed)
                  </span>
                )}
              </td>
              <td className="cc-num">
                {r.events}
                {r.partial && (
                  <span className="cc-badge cc-badge-partial" title="Only some particle sets were exported: not every event of the measurement is here">
                    partial
                  </span>
                )}
              </td>
              <td>
                {formatCount(r.imagesLinked)} linked
                {r.imagesMissing > 0 && <span className="cc-muted">, {formatCount(r.imagesMissing)} missing</span>}
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
