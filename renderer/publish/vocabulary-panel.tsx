/**
 * The NVS vocabularies the pickers and checks use: for each collection its version, date, number of terms and
 * whether it is the list bundled with CytoCurator or a newer copy fetched into the library. "Refresh
 * vocabularies" asks NVS for newer versions (online only) and says, per collection, what happened — or plainly
 * why it could not (no network, NVS unreachable).
 */
import { formatError } from '../../shared/api/errors.js';
import { Modal } from '../gating/modal.js';
import { useT } from '../i18n/use-i18n.js';
import { publishStore, usePublishStore } from './use-publish-store.js';

export function VocabularyPanel({ onClose }: { onClose(): void }) {
  const t = useT();
  const collections = usePublishStore((s) => s.vocabularies);
  const error = usePublishStore((s) => s.vocabularyError);
  const updating = usePublishStore((s) => s.updatingVocabularies);
  const results = usePublishStore((s) => s.vocabularyUpdate);
  const updateError = usePublishStore((s) => s.vocabularyUpdateError);
  const failed = results?.filter((r) => r.status === 'failed') ?? [];

  return (
    <Modal title={t('publish.vocab.title')} className="cc-publish-dialog" testId="vocabulary-panel" onClose={onClose}>
      <div className="cc-dialog-body">
        <p className="cc-muted">{t('publish.vocab.intro')}</p>
        {error && (
          <p className="cc-publish-error" role="alert">
            {formatError(error)}
          </p>
        )}
        {collections && (
          <table className="cc-publish-table" data-testid="vocabulary-status">
            <thead>
              <tr>
                <th scope="col">{t('publish.vocab.collection')}</th>
                <th scope="col">{t('publish.vocab.version')}</th>
                <th scope="col">{t('publish.vocab.date')}</th>
                <th scope="col" className="cc-publish-num">
                  {t('publish.vocab.termCount')}
                </th>
                <th scope="col">{t('publish.vocab.source')}</th>
              </tr>
            </thead>
            <tbody>
              {collections.map((c) => (
                <tr key={c.collection} data-testid="vocabulary-row" data-collection={c.collection}>
                  <td>
                    <span className="cc-mono">{c.collection}</span> {c.title}
                  </td>
                  <td className="cc-mono">{c.version}</td>
                  <td className="cc-mono">{c.date.slice(0, 10)}</td>
                  <td className="cc-publish-num">{c.terms}</td>
                  <td>
                    {c.source === 'updated' ? t('publish.vocab.updated', { bundled: c.bundledVersion ?? '—' }) : t('publish.vocab.bundled')}
                    {c.problem && <span className="cc-publish-bad"> — {c.problem}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {updating && <p className="cc-muted">{t('publish.vocab.updating')}</p>}
        {updateError && (
          <p className="cc-publish-error" role="alert" data-testid="vocabulary-update-error">
            {t('publish.vocab.updateFailed', { reason: formatError(updateError) })}
          </p>
        )}
        {results && (
          <section aria-live="polite" data-testid="vocabulary-update">
            <p className={failed.length ? 'cc-publish-bad' : 'cc-publish-good'}>
              {failed.length === 0
                ? t('publish.vocab.updateDone')
                : failed.length === results.length
                  ? t('publish.vocab.updateNone')
                  : t('publish.vocab.updatePartial', { failed: failed.length, total: results.length })}
            </p>
            <ul className="cc-publish-list">
              {results.map((r) => (
                <li key={r.collection} data-testid="vocabulary-result" data-status={r.status}>
                  <span className="cc-mono">{r.collection}</span> — {t(`publish.vocab.status.${r.status}`, { version: r.version ?? '—' })}
                  {r.reason ? <span className="cc-muted"> ({r.reason})</span> : null}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
      <div className="cc-dialog-actions">
        <button type="button" className="cc-button" onClick={onClose}>
          {t('publish.close')}
        </button>
        <button type="button" className="cc-button cc-button-primary" disabled={updating} onClick={() => void publishStore.getState().refreshVocabularies()} data-testid="vocabulary-refresh">
          {t('publish.vocab.refresh')}
        </button>
      </div>
    </Modal>
  );
}
