/**
 * "Apply gate template…" in the table's bulk bar: choose a template and apply it to the selected samples or to every
 * sample matching the filter (sent as the query itself, after its count is confirmed, as for flags). The service
 * computes their abundances; the toast offers Undo, and the table, time series and open sample reload.
 */
import { useEffect, useState } from 'react';
import type { TemplateSummary } from '../../shared/api/gating-contract.js';
import type { CurationErrorData } from '../../shared/api/errors.js';
import { formatError, toErrorData } from '../../shared/api/errors.js';
import { useT } from '../i18n/use-i18n.js';
import { toSampleQuery } from '../review/sample-filter.js';
import type { ActionTarget } from '../store/review-store.js';
import { reviewStore } from '../store/use-review-store.js';
import { Modal } from './modal.js';
import { gatingStore } from './use-gating-store.js';
import './gating.css';

function selectionOf(target: ActionTarget) {
  return target.kind === 'ids' ? { ids: target.ids } : { query: toSampleQuery(reviewStore.getState().filter) };
}

export function ApplyTemplateDialog({ target, onClose }: { target: ActionTarget; onClose(): void }) {
  const t = useT();
  const [templates, setTemplates] = useState<TemplateSummary[] | null>(null);
  const [count, setCount] = useState<number | null>(target.kind === 'ids' ? target.ids.length : null);
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<CurationErrorData | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    window.curation.listGateTemplates({}).then(
      (r) => live && setTemplates(r.templates),
      (err: unknown) => live && setError(toErrorData(err)),
    );
    if (target.kind === 'matching') {
      window.curation.countSelection({ selection: selectionOf(target) }).then(
        (r) => live && setCount(r.count),
        (err: unknown) => live && setError(toErrorData(err)),
      );
    }
    return () => {
      live = false;
    };
    // Asked once, when the dialog opens, for the target it opened on
  }, []);

  const chosen = templates?.find((tp) => tp.id === choice) ?? templates?.[0] ?? null;

  const apply = async () => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      const result = await window.curation.applyGateTemplate({ templateId: chosen.id, selection: selectionOf(target) });
      const cs = result.changeset;
      reviewStore.setState((s) => ({
        undoStack: cs ? [...s.undoStack, cs].slice(-200) : s.undoStack,
        dataRevision: s.dataRevision + 1,
        toast: {
          id: Date.now(),
          tone: 'info',
          message: cs ? { plural: 'gating.appliedMany', count: result.samples, params: { name: chosen.name, version: chosen.version } } : { key: 'toast.nothing' },
          changeset: cs,
        },
      }));
      onClose();
      void reviewStore.getState().reloadSample();
      void gatingStore.getState().refresh();
    } catch (err) {
      setError(toErrorData(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={t('gating.applyTitle')} className="cc-apply-template-dialog" testId="apply-template-dialog" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void apply();
        }}
      >
        <div className="cc-dialog-body">
          {templates === null && !error && <p className="cc-muted">{t('sample.loading')}</p>}
          {templates !== null && templates.length === 0 && <p>{t('gating.noTemplates')}</p>}
          {templates !== null && templates.length > 0 && (
            <div className="cc-field">
              <label>
                {t('gating.template')}
                <select className="cc-select" value={chosen?.id ?? ''} onChange={(e) => setChoice(e.target.value)} data-testid="apply-template-choice">
                  {templates.map((tp) => (
                    <option key={tp.id} value={tp.id}>
                      {t.plural('gating.templateOption', tp.samples, { name: tp.name, version: tp.version })}
                    </option>
                  ))}
                </select>
              </label>
              {chosen && chosen.sets.length > 0 && <p className="cc-field-hint">{t('gating.templateSets', { sets: chosen.sets.map((s) => s.name).join(', ') })}</p>}
            </div>
          )}
          {count !== null && (
            <p data-testid="apply-template-count" className={target.kind === 'matching' ? 'cc-confirm' : 'cc-muted'}>
              {target.kind === 'matching' ? t.plural('dialog.confirm', count) : t.plural('dialog.target', count)} {t('gating.applyRecomputes')}
            </p>
          )}
          {error && (
            <p className="cc-import-alert" role="alert">
              {formatError(error)}
            </p>
          )}
        </div>
        <div className="cc-dialog-actions">
          <button type="button" className="cc-button" onClick={onClose}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" className="cc-button cc-button-primary" disabled={busy || !chosen || count === null || count === 0} data-testid="apply-template-confirm">
            {target.kind === 'matching' ? t('dialog.continue') : t('dialog.apply')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function ApplyTemplateButton({ target, disabled }: { target: ActionTarget; disabled: boolean }) {
  const t = useT();
  const [open, setOpen] = useState<ActionTarget | null>(null);
  return (
    <>
      <button type="button" className="cc-button cc-button-compact" disabled={disabled} onClick={() => setOpen(target)} data-testid="bulk-apply-template">
        {t('gating.applyBulk')}
      </button>
      {open && <ApplyTemplateDialog target={open} onClose={() => setOpen(null)} />}
    </>
  );
}
