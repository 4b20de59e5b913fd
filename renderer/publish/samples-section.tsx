/**
 * The dataset's samples: name, time (UTC), review state — only approved samples are published, the others are
 * left out and listed — and, when the dataset has several units, the unit each belongs to (one by one, or the
 * checked samples at once). Samples are added from the table's selection, its filter or every approved sample,
 * and removed here.
 */
import { useMemo, useState } from 'react';
import { formatUtcTime } from '../format/format-values.js';
import { useT } from '../i18n/use-i18n.js';
import type { DatasetDraft } from './dataset-draft.js';
import { assignSamples, setDatasetSamples, unitOfSample } from './dataset-draft.js';
import type { DraftProblem } from './draft-problems.js';
import { fieldDomId, problemText } from './field-labels.js';
import { SourceMenu } from './source-menu.js';
import { publishStore, usePublishStore } from './use-publish-store.js';

/** Rows drawn at most (a dataset may hold a year of hourly samples); the rest are counted. */
const maxRows = 2000;

export function SamplesSection({ draft, problem }: { draft: DatasetDraft; problem: DraftProblem | undefined }) {
  const t = useT();
  const rows = usePublishStore((s) => s.sampleRows);
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const several = draft.units.length > 1;
  const unitOf = useMemo(() => unitOfSample(draft), [draft]);
  const ordered = useMemo(
    () => [...draft.sampleIds].sort((a, b) => (rows[a]?.startedAt ?? '').localeCompare(rows[b]?.startedAt ?? '') || (rows[a]?.name ?? a).localeCompare(rows[b]?.name ?? b)),
    [draft.sampleIds, rows],
  );
  const approved = draft.sampleIds.filter((id) => rows[id]?.reviewState === 'approved').length;
  const unitName = (key: string) => {
    const i = draft.units.findIndex((u) => u.key === key);
    const u = draft.units[i];
    return u ? u.localCdiId.trim() || t('publish.unitNumber', { n: i + 1 }) : '';
  };
  const toggle = (id: string, on: boolean) =>
    setChecked((c) => {
      const next = new Set(c);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const checkedIds = ordered.filter((id) => checked.has(id));

  return (
    <section className="cc-publish-section" aria-labelledby="publish-samples-title" data-testid="samples-section">
      <h3 id="publish-samples-title" className="cc-publish-section-title">
        {t('publish.samples.title')}
      </h3>
      <p className="cc-field-hint" data-testid="samples-count">
        {t('publish.samples.count', { samples: draft.sampleIds.length, approved })}
      </p>
      {problem && (
        <p id={fieldDomId('samples')} className="cc-publish-problem" tabIndex={-1}>
          {problemText(t, problem)}
        </p>
      )}
      <div className="cc-publish-actions">
        <SourceMenu label={t('publish.samples.add')} testId="samples-add" onChoose={(source) => void publishStore.getState().addSamples(source)} />
        <button
          type="button"
          className="cc-button cc-button-compact"
          disabled={checkedIds.length === 0}
          onClick={() => {
            const gone = new Set(checkedIds);
            publishStore.getState().edit((d) => setDatasetSamples(d, d.sampleIds.filter((id) => !gone.has(id))));
            setChecked(new Set());
          }}
          data-testid="samples-remove"
        >
          {t.plural('publish.samples.remove', checkedIds.length)}
        </button>
        {several && (
          <label className="cc-publish-inline">
            {t.plural('publish.samples.moveChecked', checkedIds.length)}
            <select
              className="cc-select"
              value=""
              disabled={checkedIds.length === 0}
              onChange={(e) => {
                const key = e.target.value;
                if (!key) return;
                publishStore.getState().edit((d) => assignSamples(d, checkedIds, key === '-' ? null : key));
                setChecked(new Set());
              }}
              data-testid="samples-move"
            >
              <option value="">{t('publish.samples.chooseUnit')}</option>
              {draft.units.map((u) => (
                <option key={u.key} value={u.key}>
                  {unitName(u.key)}
                </option>
              ))}
              <option value="-">{t('publish.samples.noUnit')}</option>
            </select>
          </label>
        )}
      </div>
      {ordered.length > 0 && (
        <div className="cc-publish-table-wrap">
          <table className="cc-publish-table cc-publish-samples" data-testid="dataset-samples">
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label={t('publish.samples.checkAll')}
                    checked={checkedIds.length > 0 && checkedIds.length === ordered.length}
                    onChange={(e) => setChecked(e.target.checked ? new Set(ordered) : new Set())}
                  />
                </th>
                <th scope="col">{t('publish.samples.name')}</th>
                <th scope="col">{t('publish.samples.time')}</th>
                <th scope="col">{t('publish.samples.state')}</th>
                {several && <th scope="col">{t('publish.samples.unit')}</th>}
              </tr>
            </thead>
            <tbody>
              {ordered.slice(0, maxRows).map((id) => {
                const row = rows[id];
                const state = row?.reviewState;
                return (
                  <tr key={id} data-testid="dataset-sample-row" data-id={id} data-state={state ?? ''} className={state && state !== 'approved' ? 'cc-publish-left-out' : undefined}>
                    <td>
                      <input type="checkbox" aria-label={t('publish.samples.check', { name: row?.name ?? id })} checked={checked.has(id)} onChange={(e) => toggle(id, e.target.checked)} />
                    </td>
                    <td>{row?.name ?? <span className="cc-mono">{id}</span>}</td>
                    <td className="cc-mono">{formatUtcTime(row?.startedAt)}</td>
                    <td>
                      {state ? t(`review.${state}`) : ''}
                      {state && state !== 'approved' ? <span className="cc-muted"> — {t('publish.samples.leftOut')}</span> : null}
                    </td>
                    {several && (
                      <td>
                        <select
                          className="cc-select"
                          aria-label={t('publish.samples.unitOf', { name: row?.name ?? id })}
                          value={unitOf.get(id) ?? '-'}
                          onChange={(e) => publishStore.getState().edit((d) => assignSamples(d, [id], e.target.value === '-' ? null : e.target.value))}
                          data-testid="sample-unit"
                        >
                          {draft.units.map((u) => (
                            <option key={u.key} value={u.key}>
                              {unitName(u.key)}
                            </option>
                          ))}
                          <option value="-">{t('publish.samples.noUnit')}</option>
                        </select>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {ordered.length > maxRows && <p className="cc-field-hint">{t('publish.samples.more', { count: ordered.length - maxRows })}</p>}
        </div>
      )}
    </section>
  );
}
