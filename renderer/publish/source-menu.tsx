/**
 * Where samples come from, with how many each choice holds: the samples selected in the table (carried over
 * when the Publish view was opened), every sample matching the table's filter, or every approved sample.
 */
import { useEffect, useState } from 'react';
import { PopoverButton } from '../components/review/popover-button.js';
import { useT } from '../i18n/use-i18n.js';
import { isFilterActive, toSampleQuery } from '../review/sample-filter.js';
import { useReviewStore } from '../store/use-review-store.js';
import type { SampleSource } from './sample-source.js';
import { usePublishStore } from './use-publish-store.js';

function useCounts(): { filtered: number | null; approved: number | null } {
  const filter = useReviewStore((s) => s.filter);
  const [counts, setCounts] = useState<{ filtered: number | null; approved: number | null }>({ filtered: null, approved: null });
  const queryKey = JSON.stringify(toSampleQuery(filter));
  useEffect(() => {
    let live = true;
    const query = JSON.parse(queryKey) as ReturnType<typeof toSampleQuery>;
    Promise.all([
      window.curation.listSamples({ ...query, limit: 1 }).then((p) => p.total),
      window.curation.listSamples({ reviewStates: ['approved'], limit: 1 }).then((p) => p.total),
    ])
      .then(([filtered, approved]) => live && setCounts({ filtered, approved }))
      .catch(() => live && setCounts({ filtered: null, approved: null }));
    return () => {
      live = false;
    };
  }, [queryKey]);
  return counts;
}

function SourceChoices({ onChoose }: { onChoose(source: SampleSource): void }) {
  const t = useT();
  const carried = usePublishStore((s) => s.carried);
  const filter = useReviewStore((s) => s.filter);
  const counts = useCounts();
  const count = (n: number | null) => (n === null ? '…' : n);
  return (
    <ul className="cc-publish-menu" role="menu" data-testid="sample-source-menu">
      <li role="none">
        <button type="button" role="menuitem" className="cc-publish-menu-item" disabled={carried.length === 0} onClick={() => onChoose({ kind: 'selection', ids: carried })} data-testid="source-selection">
          {t.plural('publish.source.selection', carried.length)}
        </button>
        {carried.length === 0 && <span className="cc-field-hint">{t('publish.source.selectionHint')}</span>}
      </li>
      <li role="none">
        <button
          type="button"
          role="menuitem"
          className="cc-publish-menu-item"
          disabled={counts.filtered === 0}
          onClick={() => onChoose({ kind: 'filtered', query: toSampleQuery(filter) })}
          data-testid="source-filtered"
        >
          {isFilterActive(filter) ? t('publish.source.filtered', { count: count(counts.filtered) }) : t('publish.source.all', { count: count(counts.filtered) })}
        </button>
      </li>
      <li role="none">
        <button type="button" role="menuitem" className="cc-publish-menu-item" disabled={counts.approved === 0} onClick={() => onChoose({ kind: 'approved' })} data-testid="source-approved">
          {t('publish.source.approved', { count: count(counts.approved) })}
        </button>
      </li>
    </ul>
  );
}

export function SourceMenu({ label, testId, disabled, onChoose }: { label: string; testId: string; disabled?: boolean; onChoose(source: SampleSource): void }) {
  return (
    <PopoverButton label={label} testId={testId} disabled={disabled ?? false}>
      {(close) => (
        <SourceChoices
          onChoose={(source) => {
            close();
            onChoose(source);
          }}
        />
      )}
    </PopoverButton>
  );
}
