/**
 * Unsaved gate edits and what to do with them: "Save as new version" (every sample using the template follows;
 * refused when someone saved another version meanwhile — then said plainly, with Reload), "Override for this
 * sample only" for a changed gate of the template applied here, or "Discard changes". An optional reason is kept
 * with the change.
 */
import { useState } from 'react';
import { formatError } from '../../shared/api/errors.js';
import { useT } from '../i18n/use-i18n.js';
import { isDirty } from './gating-store.js';
import { canOverride, templateDiff } from './template-edit.js';
import { useGatingStore } from './use-gating-store.js';

export function ProblemBanner() {
  const t = useT();
  const problem = useGatingStore((s) => s.problem);
  const saved = useGatingStore((s) => s.saved);
  const busy = useGatingStore((s) => s.busy);
  const reloadTemplate = useGatingStore((s) => s.reloadTemplate);
  const dismiss = useGatingStore((s) => s.dismissProblem);
  if (!problem || problem.action === 'import') return null;
  return (
    <div className="cc-gating-problem" role="alert" data-testid="gating-problem" data-kind={problem.kind}>
      {problem.kind === 'conflict' ? (
        <>
          <p>
            <strong>{t('gating.conflictTitle')}</strong> {t('gating.conflictBody', { name: saved?.name ?? '', version: saved?.version ?? 0 })}
          </p>
          <p className="cc-muted">{problem.error.message}</p>
          <div className="cc-gating-row">
            <button type="button" className="cc-button cc-button-compact cc-button-primary" disabled={busy} onClick={() => void reloadTemplate()} data-testid="gating-reload">
              {t('gating.reload')}
            </button>
            <button type="button" className="cc-button cc-button-compact" onClick={dismiss}>
              {t('gating.keepEditing')}
            </button>
          </div>
        </>
      ) : (
        <>
          <p>{t(`gating.failed.${problem.action}`, { error: formatError(problem.error) })}</p>
          <button type="button" className="cc-button cc-button-compact" onClick={dismiss}>
            {t('error.dismiss')}
          </button>
        </>
      )}
    </div>
  );
}

export function DraftChanges({ readOnly }: { readOnly: boolean }) {
  const t = useT();
  const draft = useGatingStore((s) => s.draft);
  const saved = useGatingStore((s) => s.saved);
  const effective = useGatingStore((s) => s.effective);
  const gating = useGatingStore((s) => s.gating);
  const busy = useGatingStore((s) => s.busy);
  const dirty = useGatingStore((s) => isDirty(s));
  const saveVersion = useGatingStore((s) => s.saveVersion);
  const overrideGate = useGatingStore((s) => s.overrideGate);
  const discard = useGatingStore((s) => s.discard);
  const [reason, setReason] = useState('');
  if (!draft || !dirty) return null;

  const start = effective ?? saved;
  const diff = start ? templateDiff(start, draft) : null;
  const appliedHere = saved !== null && gating?.template?.id === saved.id;
  const why = reason.trim() ? reason.trim() : null;
  const gateName = (id: string) => draft.gates.find((g) => g.id === id)?.name ?? start?.gates.find((g) => g.id === id)?.name ?? id;
  const after = (ok: boolean) => {
    if (ok) setReason('');
  };

  return (
    <div className="cc-draft-changes" data-testid="draft-changes">
      <p className="cc-draft-summary">
        <strong>{t('gating.unsavedTitle')}</strong>{' '}
        {diff
          ? [
              diff.changedGates.length ? t.plural('gating.changedGates', diff.changedGates.length) : '',
              diff.addedGates.length ? t.plural('gating.addedGates', diff.addedGates.length) : '',
              diff.removedGates.length ? t.plural('gating.removedGates', diff.removedGates.length) : '',
              diff.setsChanged ? t('gating.setsChanged') : '',
              diff.settingsChanged ? t('gating.settingsChanged') : '',
            ]
              .filter(Boolean)
              .join(', ')
          : t.plural('gating.newGates', draft.gates.length)}
      </p>
      {diff && diff.changedGates.length > 0 && (
        <ul className="cc-changed-gates">
          {diff.changedGates.map((id) => {
            const overridable = appliedHere && effective !== null && canOverride(effective, draft, id);
            return (
              <li key={id} data-testid="changed-gate" data-gate-name={gateName(id)}>
                <span>{gateName(id)}</span>
                <button
                  type="button"
                  className="cc-button cc-button-compact"
                  disabled={readOnly || busy || !overridable}
                  title={overridable ? t('gating.overrideHint') : appliedHere ? t('gating.overrideTypeHint') : t('gating.overrideNotAppliedHint')}
                  onClick={() => void overrideGate(id, why).then(after)}
                  data-testid="gate-override"
                >
                  {t('gating.override')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="cc-gating-row">
        <label className="cc-gating-field cc-gating-reason">
          {t('gating.reason')}
          <input type="text" className="cc-text-input" maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="gating-reason" />
        </label>
      </div>
      <div className="cc-gating-row">
        <button
          type="button"
          className="cc-button cc-button-compact cc-button-primary"
          disabled={readOnly || busy || draft.gates.length === 0}
          onClick={() => void saveVersion(why).then(after)}
          title={saved ? t('gating.saveVersionHint', { version: saved.version + 1 }) : t('gating.saveNewHint')}
          data-testid="template-save"
        >
          {saved ? t('gating.saveVersion') : t('gating.saveNew')}
        </button>
        <button type="button" className="cc-button cc-button-compact" disabled={busy} onClick={discard} data-testid="template-discard">
          {t('gating.discard')}
        </button>
      </div>
    </div>
  );
}
