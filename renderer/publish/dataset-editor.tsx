/**
 * The dataset editor: every SeaDataNet metadata field (free text, EDMO codes, the PI, NVS pickers for the platform
 * class, platform, instrument, device category, discovery parameters and access restriction), the published groups
 * with their codes, the CDI units and the samples — with "What is missing" always beside it and the export below.
 * Save sends the version the form was loaded from: when someone saved another version meanwhile, it says so and
 * offers to reload.
 */
import { useMemo } from 'react';
import { formatError } from '../../shared/api/errors.js';
import { formatUtcTime } from '../format/format-values.js';
import { useT } from '../i18n/use-i18n.js';
import { useAppStore } from '../store/use-app-store.js';
import type { DatasetDraft } from './dataset-draft.js';
import type { DraftProblem } from './draft-problems.js';
import { checkDraft, problemsByField } from './draft-problems.js';
import { ExportPanel } from './export-panel.js';
import { FormField, TextInput } from './form-field.js';
import { MissingPanel } from './missing-panel.js';
import { isDirty } from './publish-store.js';
import { SamplesSection } from './samples-section.js';
import { UnitsEditor } from './units-editor.js';
import { publishStore, usePublishStore } from './use-publish-store.js';
import { VocabularyMultiPicker, VocabularyPicker } from './vocabulary-picker.js';

type TextKey = { [K in keyof DatasetDraft]: DatasetDraft[K] extends string ? K : never }[keyof DatasetDraft];

const edit = (patch: Partial<DatasetDraft>) => publishStore.getState().edit((d) => ({ ...d, ...patch }));

function GroupsTable() {
  const t = useT();
  const groups = usePublishStore((s) => s.view?.groups ?? null);
  if (!groups) return <p className="cc-field-hint">{t('publish.groups.afterSave')}</p>;
  if (groups.length === 0) return <p className="cc-field-hint">{t('publish.groups.none')}</p>;
  return (
    <table className="cc-publish-table" data-testid="published-groups">
      <thead>
        <tr>
          <th scope="col">{t('publish.groups.name')}</th>
          <th scope="col">P01</th>
          <th scope="col">P06</th>
          <th scope="col">P02</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.name} data-testid="published-group" data-group={g.name}>
            <td>
              {g.name}
              {g.unverified && (
                <span className="cc-publish-mark cc-publish-mark-warn" title={t('publish.groups.unverifiedHint')}>
                  {' '}
                  {t('publish.groups.unverified')}
                </span>
              )}
            </td>
            <td className="cc-mono">{g.p01 ?? '—'}</td>
            <td className="cc-mono">{g.p06 ?? '—'}</td>
            <td className="cc-mono">{g.p02 ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function EditorHeader() {
  const t = useT();
  const editing = usePublishStore((s) => s.editing);
  const view = usePublishStore((s) => s.view);
  const dirty = usePublishStore(isDirty);
  const saving = usePublishStore((s) => s.saving);
  const savedVersion = usePublishStore((s) => s.savedVersion);
  const prefilled = usePublishStore((s) => s.prefilledFrom);
  const readOnly = useAppStore((s) => s.status?.library.readOnly ?? false);
  const isNew = editing?.id === null;
  return (
    <header className="cc-publish-editor-head">
      <div className="cc-publish-editor-title">
        <h2 className="cc-publish-title" data-testid="editor-title">
          {isNew ? t('publish.editor.new') : (view?.title ?? editing?.id ?? '')}
        </h2>
        <span className="cc-muted" data-testid="editor-meta">
          {isNew
            ? prefilled
              ? t(prefilled.kind === 'defaults' ? 'publish.editor.prefilledDefaults' : 'publish.editor.prefilledDeployment', { deployment: prefilled.deployment })
              : t('publish.editor.notSaved')
            : view
              ? t('publish.editor.meta', { id: view.id, version: view.version, updated: formatUtcTime(view.updatedAt) })
              : ''}
        </span>
      </div>
      <div className="cc-publish-actions">
        {dirty && !isNew && <span className="cc-publish-unsaved">{t('publish.editor.unsaved')}</span>}
        {savedVersion !== null && !dirty && (
          <span className="cc-publish-good" role="status" data-testid="editor-saved">
            {t('publish.editor.saved', { version: savedVersion })}
          </span>
        )}
        {!isNew && dirty && (
          <button type="button" className="cc-button cc-button-compact" onClick={() => void publishStore.getState().reload()} data-testid="editor-discard">
            {t('publish.editor.discard')}
          </button>
        )}
        {isNew && (
          <button type="button" className="cc-button cc-button-compact" onClick={() => publishStore.getState().close()} data-testid="editor-cancel">
            {t('dialog.cancel')}
          </button>
        )}
        <button type="button" className="cc-button cc-button-primary" disabled={saving || readOnly || (!dirty && !isNew)} title={readOnly ? t('publish.readOnly') : undefined} onClick={() => void publishStore.getState().save()} data-testid="editor-save">
          {isNew ? t('publish.editor.create') : t('publish.editor.save')}
        </button>
      </div>
    </header>
  );
}

function Banners() {
  const t = useT();
  const conflict = usePublishStore((s) => s.conflict);
  const pending = usePublishStore((s) => s.pendingSwitch);
  const error = usePublishStore((s) => s.editorError);
  const attempted = usePublishStore((s) => s.attempted);
  const draft = usePublishStore((s) => s.draft);
  const count = useMemo(() => (draft && attempted ? checkDraft(draft).length : 0), [draft, attempted]);
  return (
    <>
      {conflict && (
        <div className="cc-publish-banner cc-publish-banner-bad" role="alert" data-testid="editor-conflict">
          <p>{conflict.current !== null ? t('publish.conflict.text', { base: conflict.base, current: conflict.current }) : t('publish.conflict.textUnknown', { base: conflict.base })}</p>
          <button type="button" className="cc-button cc-button-compact" onClick={() => void publishStore.getState().reload()} data-testid="editor-reload">
            {t('publish.conflict.reload')}
          </button>
        </div>
      )}
      {pending && (
        <div className="cc-publish-banner" role="alert" data-testid="editor-pending">
          <p>{t('publish.pending.text')}</p>
          <button type="button" className="cc-button cc-button-compact" onClick={() => void publishStore.getState().confirmSwitch()} data-testid="editor-pending-discard">
            {t('publish.pending.discard')}
          </button>
          <button type="button" className="cc-button cc-button-compact" onClick={() => publishStore.getState().cancelSwitch()}>
            {t('publish.pending.keep')}
          </button>
        </div>
      )}
      {error && (
        <p className="cc-publish-error" role="alert" data-testid="editor-error">
          {formatError(error)}
        </p>
      )}
      {count > 0 && (
        <p className="cc-publish-error" role="alert" data-testid="editor-not-saved">
          {t.plural('publish.editor.fixFirst', count)}
        </p>
      )}
    </>
  );
}

function MetadataForm({ draft, problems }: { draft: DatasetDraft; problems: Map<string, DraftProblem> }) {
  const t = useT();
  const groups = usePublishStore((s) => s.view?.groups ?? null);
  const derivedP02 = [...new Set((groups ?? []).flatMap((g) => (g.p02 ? [g.p02] : [])))];
  const text = (key: TextKey, field: string, label: string, opts: { required?: boolean; mono?: boolean; hint?: string; inputMode?: 'numeric' | 'email'; wide?: boolean } = {}) => (
    <FormField field={field} label={label} required={opts.required ?? false} problem={problems.get(field)} hint={opts.hint} wide={opts.wide ?? false}>
      {(control) => <TextInput control={control} value={draft[key]} onChange={(v) => edit({ [key]: v })} testId={`field-${field}`} mono={opts.mono ?? false} inputMode={opts.inputMode ?? 'text'} />}
    </FormField>
  );
  const picker = (key: TextKey, field: string, collection: string, label: string, optional = false, hint?: string) => (
    <FormField field={field} label={t('publish.pickerLabel', { label, collection })} required={!optional} problem={problems.get(field)} hint={hint}>
      {(control) => <VocabularyPicker collection={collection} value={draft[key]} onChange={(code) => edit({ [key]: code })} optional={optional} control={control} label={label} />}
    </FormField>
  );

  return (
    <>
      <section className="cc-publish-section" aria-labelledby="publish-description-title">
        <h3 id="publish-description-title" className="cc-publish-section-title">
          {t('publish.section.description')}
        </h3>
        <div className="cc-publish-grid">
          {text('title', 'title', t('publish.field.title'), { required: true, wide: true })}
          <FormField field="abstract" label={t('publish.field.abstract')} required problem={problems.get('abstract')} wide hint={t('publish.field.abstractHint')}>
            {(control) => <textarea {...control} className="cc-textarea cc-publish-abstract" rows={4} value={draft.abstract} onChange={(e) => edit({ abstract: e.target.value })} data-testid="field-abstract" />}
          </FormField>
          {text('project', 'project', t('publish.field.project'))}
          {text('cruise', 'cruise', t('publish.field.cruise'), { hint: t('publish.field.cruiseHint') })}
        </div>
      </section>

      <section className="cc-publish-section" aria-labelledby="publish-contacts-title">
        <h3 id="publish-contacts-title" className="cc-publish-section-title">
          {t('publish.section.contacts')}
        </h3>
        <div className="cc-publish-grid">
          {text('holdingCentreEdmo', 'holdingCentreEdmo', t('publish.field.holdingCentreEdmo'), { required: true, mono: true, inputMode: 'numeric', hint: t('publish.field.edmoHint') })}
          {text('originatorEdmo', 'originatorEdmo', t('publish.field.originatorEdmo'), { required: true, mono: true, inputMode: 'numeric' })}
          {text('piName', 'pi.name', t('publish.field.piName'), { required: true })}
          {text('piEmail', 'pi.email', t('publish.field.piEmail'), { required: true, inputMode: 'email' })}
          {text('piEdmo', 'pi.edmo', t('publish.field.piEdmo'), { mono: true, inputMode: 'numeric' })}
        </div>
      </section>

      <section className="cc-publish-section" aria-labelledby="publish-platform-title">
        <h3 id="publish-platform-title" className="cc-publish-section-title">
          {t('publish.section.platform')}
        </h3>
        <div className="cc-publish-grid">
          {picker('platformClass', 'platformClass', 'L06', t('publish.field.platformClass'))}
          {picker('platformCode', 'platformCode', 'C17', t('publish.field.platformCode'), true, t('publish.field.platformCodeHint'))}
          {picker('instrument', 'instrument', 'L22', t('publish.field.instrument'), false, t('publish.field.instrumentHint'))}
          {picker('deviceCategory', 'deviceCategory', 'L05', t('publish.field.deviceCategory'), false, t('publish.field.deviceCategoryHint'))}
        </div>
      </section>

      <section className="cc-publish-section" aria-labelledby="publish-discovery-title">
        <h3 id="publish-discovery-title" className="cc-publish-section-title">
          {t('publish.section.discovery')}
        </h3>
        <div className="cc-publish-grid">
          <FormField
            field="discoveryParameters"
            label={t('publish.pickerLabel', { label: t('publish.field.discoveryParameters'), collection: 'P02' })}
            problem={problems.get('discoveryParameters')}
            hint={draft.discoveryParameters.length === 0 ? (derivedP02.length ? t('publish.field.p02Derived', { codes: derivedP02.join(', ') }) : t('publish.field.p02DerivedNone')) : undefined}
          >
            {(control) => (
              <VocabularyMultiPicker collection="P02" values={draft.discoveryParameters} onChange={(codes) => edit({ discoveryParameters: codes })} control={control} label={t('publish.field.discoveryParameters')} />
            )}
          </FormField>
          {picker('accessRestriction', 'accessRestriction', 'L08', t('publish.field.accessRestriction'))}
        </div>
        <h4 className="cc-publish-subtitle">{t('publish.groups.title')}</h4>
        <GroupsTable />
      </section>
    </>
  );
}

export function DatasetEditor() {
  const t = useT();
  const draft = usePublishStore((s) => s.draft);
  const loading = usePublishStore((s) => s.loading);
  const attempted = usePublishStore((s) => s.attempted);
  const serviceProblems = usePublishStore((s) => s.serviceProblems);
  const isSaved = usePublishStore((s) => typeof s.editing?.id === 'string' && s.view !== null);
  // Next to each field: every problem once a save was tried; before that, only those that are not "required".
  const problems = useMemo(() => {
    const all = draft ? [...serviceProblems, ...checkDraft(draft)] : serviceProblems;
    return problemsByField(attempted ? all : all.filter((p) => p.kind !== 'required' && p.kind !== 'no-samples'));
  }, [draft, attempted, serviceProblems]);

  return (
    <div className="cc-publish-editor" data-testid="dataset-editor" aria-busy={loading}>
      <EditorHeader />
      <Banners />
      <div className="cc-publish-editor-body">
        <div className="cc-publish-form">
          {!draft ? (
            <p className="cc-muted">{loading ? t('publish.loading') : ''}</p>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void publishStore.getState().save();
              }}
              noValidate
            >
              <MetadataForm draft={draft} problems={problems} />
              <UnitsEditor draft={draft} problems={problems} />
              <SamplesSection draft={draft} problem={problems.get('samples')} />
            </form>
          )}
          {isSaved && <ExportPanel />}
        </div>
        <MissingPanel />
      </div>
    </div>
  );
}
