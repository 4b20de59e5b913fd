/**
 * CytoClus sets exported with the sample: event count, abundance per mL when known, and the value flag of
 * each set's count. "Flag ▾" on a row flags that value (L20 code, optional comment) for this sample only;
 * the sample detail and audit are then reloaded, and the toast offers Undo like the other review actions.
 */
import { useState } from 'react';
import { formatError, toErrorData } from '../../../shared/api/errors.js';
import type { SampleDetail } from '../../../shared/model/sample.js';
import { formatCount } from '../../format/format-values.js';
import { formatAbundance } from '../../grid/group-text.js';
import { useT } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../store/use-app-store.js';
import { reviewStore, useReviewStore } from '../../store/use-review-store.js';
import { FlagChip } from '../review/flag-chip.js';
import { L20FlagItems } from '../review/flag-menu.js';
import { PopoverButton } from '../review/popover-button.js';
import { PanelSection } from './panel-section.js';
import { currentValueFlags } from './value-flags.js';

/** Flags one group value of one sample, then refreshes like the review store does after its actions. */
async function flagValue(sampleId: string, group: string, code: string, comment: string): Promise<void> {
  reviewStore.setState({ busy: true });
  try {
    const text = comment.trim();
    const result = await window.curation.flagSamples({ selection: { ids: [sampleId] }, flag: { scheme: 'L20', code }, comment: text ? text : null, group });
    const cs = result.changeset;
    reviewStore.setState((s) => ({
      undoStack: cs ? [...s.undoStack, cs].slice(-200) : s.undoStack,
      dataRevision: s.dataRevision + 1,
      toast: { id: Date.now(), tone: 'info', message: cs ? { key: 'sets.flagged', params: { group, code } } : { key: 'toast.nothing' }, changeset: cs },
    }));
  } catch (err) {
    reviewStore.setState({ toast: { id: Date.now(), tone: 'error', message: { raw: formatError(toErrorData(err)) }, changeset: null } });
  } finally {
    reviewStore.setState({ busy: false });
  }
  await reviewStore.getState().reloadSample();
}

function SetFlagMenu({ group, disabled, onChoose }: { group: string; disabled: boolean; onChoose(code: string): void }) {
  const t = useT();
  return (
    <PopoverButton label={t('sets.flagButton')} ariaLabel={t('sets.flagValueOf', { group })} disabled={disabled} testId="set-flag-button">
      {(close) => (
        <ul className="cc-menu" role="menu" aria-label={t('sets.flagMenu', { group })} data-testid="set-flag-menu">
          <L20FlagItems close={close} onChoose={onChoose} />
        </ul>
      )}
    </PopoverButton>
  );
}

function FlagCommentRow({ group, code, busy, onApply, onCancel }: { group: string; code: string; busy: boolean; onApply(comment: string): void; onCancel(): void }) {
  const t = useT();
  const [comment, setComment] = useState('');
  return (
    <tr className="cc-set-flag-row" data-testid="set-flag-form" data-set={group}>
      <td colSpan={5}>
        <form
          className="cc-set-flag-form"
          onSubmit={(e) => {
            e.preventDefault();
            onApply(comment);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              e.nativeEvent.stopImmediatePropagation();
              onCancel();
            }
          }}
        >
          <FlagChip flag={{ scheme: 'L20', code }} withLabel />
          <input
            type="text"
            className="cc-set-flag-comment"
            maxLength={2000}
            value={comment}
            placeholder={t('sets.commentLabel', { group, code })}
            aria-label={t('sets.commentLabel', { group, code })}
            data-testid="set-flag-comment"
            autoFocus
            onChange={(e) => setComment(e.target.value)}
          />
          <button type="submit" className="cc-button cc-button-compact cc-button-primary" disabled={busy} data-testid="set-flag-apply">
            {t('sets.apply', { group, code })}
          </button>
          <button type="button" className="cc-button cc-button-compact" onClick={onCancel} data-testid="set-flag-cancel">
            {t('sets.cancel')}
          </button>
        </form>
      </td>
    </tr>
  );
}

export function SetsSection({ sets }: { sets: SampleDetail['sets'] }) {
  const t = useT();
  const detail = useReviewStore((s) => s.detail);
  const audit = useReviewStore((s) => s.audit);
  const busy = useReviewStore((s) => s.busy);
  const readOnly = useAppStore((s) => s.status?.library.readOnly ?? true);
  const [choosing, setChoosing] = useState<{ group: string; code: string } | null>(null);
  const sampleId = detail?.id ?? null;
  const flags = currentValueFlags(audit.filter((e) => e.target.sampleId === sampleId));
  const groups = new Map((detail?.groups ?? []).map((g) => [g.name, g]));

  return (
    <PanelSection title={t('sample.sets')} testId="sample-sets" count={sets.length}>
      {sets.length === 0 ? (
        <p className="cc-muted">{t('sets.none')}</p>
      ) : (
        <table className="cc-table cc-panel-table cc-sets-table">
          <thead>
            <tr>
              <th scope="col">{t('sets.name')}</th>
              <th scope="col" className="cc-num">
                {t('sets.events')}
              </th>
              <th scope="col" className="cc-num">
                {t('sets.abundance')}
              </th>
              <th scope="col">{t('sets.flag')}</th>
              <th scope="col">
                <span className="cc-visually-hidden">{t('sets.flagButton')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sets.flatMap((s) => {
              const flag = flags.get(s.name) ?? null;
              const group = groups.get(s.name);
              const rows = [
                <tr key={s.name} data-testid="set-row" data-set={s.name} data-flag={flag?.code ?? 'none'}>
                  <td>{s.name}</td>
                  <td className="cc-num">{formatCount(group?.count ?? s.events)}</td>
                  <td className="cc-num">{formatAbundance(group?.abundancePerMl)}</td>
                  <td data-testid="set-flag" title={flag?.comment ?? undefined}>
                    <FlagChip flag={flag} />
                  </td>
                  <td className="cc-set-flag-cell">
                    <SetFlagMenu group={s.name} disabled={busy || readOnly || !sampleId} onChoose={(code) => setChoosing({ group: s.name, code })} />
                  </td>
                </tr>,
              ];
              if (choosing?.group === s.name)
                rows.push(
                  <FlagCommentRow
                    key={`${s.name}\u0000${choosing.code}`}
                    group={s.name}
                    code={choosing.code}
                    busy={busy || readOnly}
                    onCancel={() => setChoosing(null)}
                    onApply={(comment) => {
                      setChoosing(null);
                      if (sampleId) void flagValue(sampleId, s.name, choosing.code, comment);
                    }}
                  />,
                );
              return rows;
            })}
          </tbody>
        </table>
      )}
    </PanelSection>
  );
}
