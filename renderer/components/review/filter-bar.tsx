/**
 * Above the table: search text, review states and flags. The filter is sent to the service with every page
 * (and with every "all matching" action) and remembered with the column layout.
 */
import { useEffect, useState } from 'react';
import { l20Flags } from '../../../shared/model/flag-schemes.js';
import type { MessageKey } from '../../i18n/en.js';
import { useT } from '../../i18n/use-i18n.js';
import { isFilterActive, reviewStates } from '../../review/sample-filter.js';
import type { ReviewState } from '../../review/sample-filter.js';
import { useReviewStore } from '../../store/use-review-store.js';
import { FlagChip } from './flag-chip.js';
import { MultiSelect } from './multi-select.js';
import { ReviewStateBadge } from './review-state-badge.js';

const searchDelayMs = 300;

export function FilterBar() {
  const t = useT();
  const filter = useReviewStore((s) => s.filter);
  const total = useReviewStore((s) => s.total);
  const setFilter = useReviewStore((s) => s.setFilter);
  const clearFilter = useReviewStore((s) => s.clearFilter);
  const [search, setSearch] = useState(filter.search);

  // Typing settles before the table reloads; Enter applies at once.
  useEffect(() => setSearch(filter.search), [filter.search]);
  useEffect(() => {
    if (search === filter.search) return;
    const timer = setTimeout(() => setFilter({ search }), searchDelayMs);
    return () => clearTimeout(timer);
  }, [search, filter.search, setFilter]);

  const reviewOptions = reviewStates.map((state) => ({ value: state, text: t(`review.${state}`), content: <ReviewStateBadge state={state} /> }));
  const flagOptions = [
    { value: 'none', text: t('flag.none'), content: <span className="cc-flag-label">{t('flag.none')}</span> },
    ...l20Flags.map((f) => {
      const label = t(`flag.L20.${f.code}` as MessageKey);
      return { value: f.code, text: `${f.code} — ${label}`, content: <FlagChip flag={{ scheme: 'L20', code: f.code }} withLabel /> };
    }),
  ];

  return (
    <div className="cc-filter-bar" role="search" aria-label={t('filter.label')} data-testid="filter-bar">
      <input
        type="search"
        className="cc-search"
        aria-label={t('filter.search')}
        placeholder={`${t('filter.search')} — ${t('filter.searchPlaceholder')}`}
        value={search}
        maxLength={200}
        onChange={(e) => setSearch(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') setFilter({ search });
        }}
        data-testid="filter-search"
      />
      <MultiSelect<ReviewState>
        label={t('filter.review')}
        options={reviewOptions}
        values={filter.reviewStates}
        onChange={(values) => setFilter({ reviewStates: values })}
        testId="filter-review"
      />
      <MultiSelect<string> label={t('filter.flag')} options={flagOptions} values={filter.flags} onChange={(values) => setFilter({ flags: values })} testId="filter-flag" />
      {isFilterActive(filter) && (
        <button type="button" className="cc-button cc-button-quiet" onClick={clearFilter}>
          {t('filter.clear')}
        </button>
      )}
      <span className="cc-filter-total" aria-live="polite" data-testid="filter-total">
        {total !== null ? t.plural('filter.matching', total) : ''}
      </span>
    </div>
  );
}
