/**
 * "What is missing", always beside the editor: the form's own problems (each a link to its field), then the
 * service's reasons the saved dataset cannot be published yet (samples, groups, codes checked against the NVS
 * lists), and the warnings that do not stop publication (unverified vocabulary entries, unapproved samples left
 * out, sets without a standard name). "Check again" reads the dataset anew (after approvals in the table).
 */
import { useMemo } from 'react';
import { useT } from '../i18n/use-i18n.js';
import { checkDraft } from './draft-problems.js';
import { fieldDomId, problemLine } from './field-labels.js';
import { isDirty } from './publish-store.js';
import { publishStore, usePublishStore } from './use-publish-store.js';

function focusField(field: string): void {
  const el = document.getElementById(fieldDomId(field));
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  const control = el.matches('input, textarea, select, button') ? el : el.querySelector<HTMLElement>('input, textarea, select, button');
  (control ?? el).focus();
}

export function MissingPanel() {
  const t = useT();
  const draft = usePublishStore((s) => s.draft);
  const view = usePublishStore((s) => s.view);
  const isNew = usePublishStore((s) => s.editing?.id === null);
  const dirty = usePublishStore(isDirty);
  const serviceProblems = usePublishStore((s) => s.serviceProblems);
  const formProblems = useMemo(() => (draft ? checkDraft(draft) : []), [draft]);
  const problems = [...formProblems, ...serviceProblems.filter((p) => !formProblems.some((f) => f.field === p.field))];
  const missing = view?.missing ?? [];
  const nothing = problems.length === 0 && missing.length === 0 && !isNew && !dirty && view !== null;

  return (
    <aside className="cc-publish-missing" aria-labelledby="publish-missing-title" data-testid="publish-missing" data-count={problems.length + missing.length + (isNew ? 1 : 0)}>
      <h3 id="publish-missing-title" className="cc-publish-section-title">
        {t('publish.missing.title')}
      </h3>
      {nothing ? (
        <p className="cc-publish-good" data-testid="publish-nothing-missing">
          {t('publish.missing.nothing')}
        </p>
      ) : (
        <ul className="cc-publish-checklist" data-testid="missing-list">
          {problems.map((p) => (
            <li key={`form:${p.field}:${p.kind}`} data-testid="missing-item" data-source="form" data-field={p.field}>
              <button type="button" className="cc-publish-missing-link" onClick={() => focusField(p.field)}>
                {problemLine(t, p)}
              </button>
            </li>
          ))}
          {missing.map((m) => (
            <li key={`service:${m}`} data-testid="missing-item" data-source="service">
              {m}
            </li>
          ))}
          {isNew && (
            <li className="cc-publish-missing-save" data-testid="missing-item" data-source="save">
              {problems.length ? t('publish.missing.newDataset') : t('publish.missing.saveToCheck')}
            </li>
          )}
        </ul>
      )}
      {!isNew && dirty && view && <p className="cc-field-hint">{t('publish.missing.checkedSaved', { version: view.version })}</p>}
      {view && (
        <button type="button" className="cc-button cc-button-quiet" onClick={() => void publishStore.getState().recheck()} data-testid="publish-recheck">
          {t('publish.missing.recheck')}
        </button>
      )}
      {view && view.warnings.length > 0 && (
        <>
          <h4 className="cc-publish-subtitle">{t('publish.warnings')}</h4>
          <ul className="cc-publish-list cc-publish-warnings" data-testid="publish-warnings">
            {view.warnings.map((w) => (
              <li key={w} data-testid="warning-item">
                {w}
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}
