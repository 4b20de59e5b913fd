/** Name, UTC time with its markers (time zone assumed, PARTIAL), flag, review state, navigation and review buttons. */
import { l20Flags } from '../../../shared/model/flag-schemes.js';
import type { SampleDetail } from '../../../shared/model/sample.js';
import { formatUtcTime } from '../../format/format-values.js';
import type { MessageKey } from '../../i18n/en.js';
import { useT } from '../../i18n/use-i18n.js';
import type { ReviewAction } from '../../store/review-store.js';
import { useAppStore } from '../../store/use-app-store.js';
import { useReviewStore } from '../../store/use-review-store.js';
import { FlagChip } from '../review/flag-chip.js';
import { ReviewStateBadge } from '../review/review-state-badge.js';

export function SampleHeader({ detail }: { detail: SampleDetail | null }) {
  const t = useT();
  const current = useReviewStore((s) => s.current);
  const total = useReviewStore((s) => s.total);
  const busy = useReviewStore((s) => s.busy);
  const step = useReviewStore((s) => s.step);
  const closeSample = useReviewStore((s) => s.closeSample);
  const request = useReviewStore((s) => s.request);
  const readOnly = useAppStore((s) => s.status?.library.readOnly ?? true);
  if (!current) return null;

  const act = (action: ReviewAction) => void request(action, { kind: 'ids', ids: [current.id] }, { fromSampleView: true });
  const disabled = busy || readOnly || !detail;

  return (
    <header className="cc-panel-head">
      <div className="cc-panel-nav">
        <button type="button" className="cc-button cc-button-compact" onClick={() => void step(-1)} aria-keyshortcuts="k ArrowUp" data-testid="sample-previous">
          ‹ {t('sample.previous')}
        </button>
        <span className="cc-panel-position" data-testid="sample-position">
          {t('sample.position', { index: current.index + 1, total: total ?? '…' })}
        </span>
        <button type="button" className="cc-button cc-button-compact" onClick={() => void step(1)} aria-keyshortcuts="j ArrowDown" data-testid="sample-next">
          {t('sample.next')} ›
        </button>
        <button type="button" className="cc-button cc-button-quiet cc-panel-close" onClick={closeSample} title={t('sample.closeHint')} aria-keyshortcuts="Escape">
          {t('sample.close')}
        </button>
      </div>
      <h2 className="cc-panel-title" data-testid="sample-name" title={detail?.name}>
        {detail?.name ?? '…'}
      </h2>
      {detail && (
        <div className="cc-panel-markers">
          <span className="cc-mono" data-testid="sample-time">
            {detail.startedAt ? `${formatUtcTime(detail.startedAt)} UTC` : t('sample.noTime')}
          </span>
          {detail.timeZoneAssumed && (
            <span className="cc-badge cc-badge-warn" title={t('sample.timeZoneAssumedHint')}>
              {t('sample.timeZoneAssumed')}
            </span>
          )}
          {detail.partial && (
            <span className="cc-badge cc-badge-partial" title={t('sample.partialHint')}>
              {t('sample.partial')}
            </span>
          )}
          <span data-testid="sample-flag">
            <FlagChip flag={detail.flag} withLabel />
          </span>
          <span data-testid="sample-review">
            <ReviewStateBadge state={detail.reviewState} />
          </span>
        </div>
      )}
      {detail?.comment && (
        <p className="cc-panel-comment" data-testid="sample-comment">
          {detail.comment}
        </p>
      )}
      <div className="cc-panel-actions" role="group" aria-label={t('sample.actions')}>
        <div className="cc-flag-buttons">
          {l20Flags.slice(0, 10).map((f) => (
            <button
              key={f.code}
              type="button"
              className={`cc-flag-button${detail?.flag?.scheme === 'L20' && detail.flag.code === f.code ? ' cc-flag-button-on' : ''}`}
              title={`${f.code} — ${t(`flag.L20.${f.code}` as MessageKey)}`}
              aria-keyshortcuts={f.code}
              disabled={disabled}
              onClick={() => act({ kind: 'flag', code: f.code })}
            >
              <FlagChip flag={{ scheme: 'L20', code: f.code }} />
            </button>
          ))}
        </div>
        <button type="button" className="cc-button cc-button-compact" disabled={disabled} onClick={() => act({ kind: 'approve' })} aria-keyshortcuts="a">
          {t('bulk.approve')} <kbd>a</kbd>
        </button>
        <button type="button" className="cc-button cc-button-compact" disabled={disabled} onClick={() => act({ kind: 'attention' })} aria-keyshortcuts="n">
          {t('bulk.attention')} <kbd>n</kbd>
        </button>
        <button type="button" className="cc-button cc-button-compact" disabled={disabled} onClick={() => act({ kind: 'comment' })} aria-keyshortcuts="c">
          {t('bulk.comment')} <kbd>c</kbd>
        </button>
      </div>
    </header>
  );
}
