/**
 * Which gate template this sample has, and the template being edited: the applied one with its version and use,
 * a picker of every template to apply here or open for editing, "New template", "Import set file…", and — while
 * editing — the template's name and whether its sets are exclusive.
 */
import { useState } from 'react';
import { formatUtcTime } from '../format/format-values.js';
import { useT } from '../i18n/use-i18n.js';
import { FolderDialog } from '../components/folder-dialog.js';
import { ImportTemplateDialog } from './import-template-dialog.js';
import { useGatingStore } from './use-gating-store.js';

function TemplateNameField({ value, disabled, onCommit }: { value: string; disabled: boolean; onCommit(name: string): void }) {
  const t = useT();
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  const commit = () => {
    if (draft.trim() && draft.trim() !== value) onCommit(draft);
    else setDraft(value);
  };
  return (
    <label className="cc-gating-field">
      {t('gating.templateName')}
      <input
        type="text"
        className="cc-text-input"
        maxLength={200}
        value={draft}
        disabled={disabled}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
        data-testid="template-name"
      />
    </label>
  );
}

export function TemplateBar({ readOnly, defaultName }: { readOnly: boolean; defaultName: string }) {
  const t = useT();
  const gating = useGatingStore((s) => s.gating);
  const templates = useGatingStore((s) => s.templates);
  const saved = useGatingStore((s) => s.saved);
  const draft = useGatingStore((s) => s.draft);
  const busy = useGatingStore((s) => s.busy);
  const applyToSample = useGatingStore((s) => s.applyToSample);
  const editTemplate = useGatingStore((s) => s.editTemplate);
  const newTemplate = useGatingStore((s) => s.newTemplate);
  const renameTemplate = useGatingStore((s) => s.renameTemplate);
  const setExclusive = useGatingStore((s) => s.setExclusive);
  const exportTemplate = useGatingStore((s) => s.exportTemplate);
  const exported = useGatingStore((s) => s.exported);
  const [picked, setPicked] = useState('');
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const applied = gating?.template ?? null;
  const choice = templates.some((tp) => tp.id === picked) ? picked : (applied?.id ?? templates[0]?.id ?? '');
  const chosen = templates.find((tp) => tp.id === choice) ?? null;
  const editingApplied = saved !== null && applied !== null && saved.id === applied.id;

  return (
    <div className="cc-template-bar" data-testid="template-bar">
      <p className="cc-gating-applied" data-testid="gating-applied">
        {applied
          ? t.plural('gating.applied', applied.samples, { name: applied.name, version: applied.version })
          : t('gating.noneApplied')}
        {applied && (
          <span className="cc-muted">
            {' '}
            {t('gating.updated', { at: formatUtcTime(applied.updatedAt), by: applied.updatedBy ?? '—' })}
          </span>
        )}
      </p>
      <div className="cc-gating-row">
        {templates.length > 0 && (
          <>
            <label className="cc-gating-field">
              {t('gating.templates')}
              <select className="cc-select" value={choice} onChange={(e) => setPicked(e.target.value)} data-testid="template-picker">
                {templates.map((tp) => (
                  <option key={tp.id} value={tp.id}>
                    {t.plural('gating.templateOption', tp.samples, { name: tp.name, version: tp.version })}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="cc-button cc-button-compact"
              disabled={readOnly || busy || !chosen || (applied?.id === chosen.id && applied.version === chosen.version)}
              onClick={() => chosen && void applyToSample(chosen.id)}
              data-testid="template-apply-here"
            >
              {t('gating.applyHere')}
            </button>
            <button
              type="button"
              className="cc-button cc-button-compact"
              disabled={busy || !chosen || saved?.id === chosen.id}
              onClick={() => chosen && void editTemplate(chosen.id)}
              data-testid="template-edit"
            >
              {t('gating.editHere')}
            </button>
            <button
              type="button"
              className="cc-button cc-button-compact"
              disabled={busy || !chosen}
              title={t('gating.exportGatingMlHint')}
              onClick={() => setExporting(true)}
              data-testid="template-export"
            >
              {t('gating.exportGatingMl')}
            </button>
          </>
        )}
        <button type="button" className="cc-button cc-button-compact" disabled={readOnly || busy} onClick={() => newTemplate(defaultName)} data-testid="template-new">
          {t('gating.newTemplate')}
        </button>
        <button type="button" className="cc-button cc-button-compact" disabled={readOnly || busy} onClick={() => setImporting(true)} data-testid="template-import">
          {t('gating.importSetFile')}
        </button>
      </div>
      {draft && (
        <div className="cc-gating-row cc-gating-editing" data-testid="template-editing">
          <span className="cc-gating-editing-what">
            {saved
              ? editingApplied
                ? t('gating.editingApplied', { version: saved.version })
                : t('gating.editingOther', { version: saved.version })
              : t('gating.editingNew')}
          </span>
          <TemplateNameField value={draft.name} disabled={readOnly} onCommit={renameTemplate} />
          <label className="cc-checkbox-line" title={t('gating.exclusiveHint')}>
            <input type="checkbox" checked={draft.exclusive} disabled={readOnly} onChange={(e) => setExclusive(e.target.checked)} data-testid="template-exclusive" />
            {t('gating.exclusive')}
          </label>
        </div>
      )}
      {exported && (
        <p className="cc-muted" data-testid="template-exported">
          {t('gating.exported', { path: exported })}
        </p>
      )}
      {importing && <ImportTemplateDialog onClose={() => setImporting(false)} />}
      {exporting && chosen && (
        <FolderDialog title={t('gating.exportTitle')} start={null} onChoose={(folder) => void exportTemplate(chosen.id, chosen.version, folder)} onClose={() => setExporting(false)} />
      )}
    </div>
  );
}
