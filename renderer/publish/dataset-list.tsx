/**
 * The library's publication datasets: id, title, version, approved of all samples, CDI units, and whether it can
 * be published now. A row opens the dataset in the editor.
 */
import { formatError } from '../../shared/api/errors.js';
import { formatUtcTime } from '../format/format-values.js';
import { useT } from '../i18n/use-i18n.js';
import { publishStore, usePublishStore } from './use-publish-store.js';

export function DatasetList() {
  const t = useT();
  const datasets = usePublishStore((s) => s.datasets);
  const error = usePublishStore((s) => s.listError);
  const openId = usePublishStore((s) => s.editing?.id ?? null);

  return (
    <section className="cc-publish-datasets" aria-labelledby="publish-datasets-title">
      <h2 id="publish-datasets-title" className="cc-publish-section-title">
        {t('publish.datasets.title')}
      </h2>
      {error && (
        <p className="cc-publish-error" role="alert">
          {formatError(error)}
        </p>
      )}
      {datasets === null ? (
        <p className="cc-muted">{t('publish.loading')}</p>
      ) : datasets.length === 0 ? (
        <p className="cc-muted" data-testid="datasets-empty">
          {t('publish.datasets.none')}
        </p>
      ) : (
        <div className="cc-publish-table-wrap cc-publish-datasets-wrap">
          <table className="cc-publish-table cc-publish-dataset-table" data-testid="datasets">
            <thead>
              <tr>
                <th scope="col">{t('publish.datasets.id')}</th>
                <th scope="col">{t('publish.datasets.name')}</th>
                <th scope="col" className="cc-publish-num">
                  {t('publish.datasets.version')}
                </th>
                <th scope="col" className="cc-publish-num">
                  {t('publish.datasets.samples')}
                </th>
                <th scope="col" className="cc-publish-num">
                  {t('publish.datasets.units')}
                </th>
                <th scope="col">{t('publish.datasets.status')}</th>
                <th scope="col">{t('publish.datasets.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {datasets.map((d) => (
                <tr
                  key={d.id}
                  className={`cc-publish-dataset-row${d.id === openId ? ' cc-publish-row-open' : ''}`}
                  aria-selected={d.id === openId}
                  onClick={() => void publishStore.getState().open(d.id)}
                  data-testid="dataset-row"
                  data-id={d.id}
                  data-publishable={d.publishable}
                >
                  <td className="cc-mono">{d.id}</td>
                  <td>
                    <button type="button" className="cc-publish-link" onClick={(e) => {
                        // The row opens it too; the button is what the keyboard reaches.
                        e.stopPropagation();
                        void publishStore.getState().open(d.id);
                      }}>
                      {d.title}
                    </button>
                  </td>
                  <td className="cc-publish-num">{d.version}</td>
                  <td className="cc-publish-num">{t('publish.datasets.approvedOf', { approved: d.approved, samples: d.samples })}</td>
                  <td className="cc-publish-num">{d.units}</td>
                  <td className={d.publishable ? 'cc-publish-good' : 'cc-publish-bad'}>{d.publishable ? t('publish.datasets.publishable') : t('publish.datasets.notYet')}</td>
                  <td className="cc-mono">{formatUtcTime(d.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
