/**
 * The SOMLIT view: lab entries of the SOMLIT stations for technicians. A toolbar (hydrology or pico/nano columns,
 * site and date filter, delete row, undo, link cytometry, import and export files), the entry grid, the cells that
 * stopped a paste, the focused cell's details, and a status line with Undo. Keys typed here are the grid's: the
 * review shortcuts of the other views (digits flag a sample) do not reach the window.
 */
import { useEffect, useState } from 'react';
import { formatError } from '../../shared/api/errors.js';
import { somlitTypes } from '../../shared/somlit/somlit-table.js';
import type { MessageKey } from '../i18n/en.js';
import { useT } from '../i18n/use-i18n.js';
import { useAppStore } from '../store/use-app-store.js';
import { CellDetails } from './cell-details.js';
import { ExportDialog } from './export-dialog.js';
import { columnById } from './grid-model.js';
import { ImportDialog } from './import-dialog.js';
import { LinkDialog } from './link-dialog.js';
import { problemText } from './problem-text.js';
import { SomlitGrid } from './somlit-grid.js';
import { somlitStore, useSomlitStore } from './use-somlit-store.js';
import './somlit.css';

type Dialog = 'link' | 'import' | 'export' | null;

function PasteProblems() {
  const t = useT();
  const problems = useSomlitStore((s) => s.pasteProblems);
  const table = useSomlitStore((s) => s.table);
  if (!problems || !table) return null;
  const columnName = (id: string) => {
    const c = columnById(table, id);
    if (!c) return id;
    if (c.kind === 'field') return t(`somlit.field.${c.field}` as MessageKey);
    return c.kind === 'code' ? `${table.extraction.qualityPrefix}${c.parameter.code}` : c.parameter.code;
  };
  return (
    <section className="cc-somlit-paste" role="alert" data-testid="somlit-paste-problems">
      <h3>{t('somlit.paste.title')}</h3>
      <ul>
        {problems.map((p, i) => (
          <li key={i} data-row={p.rowIndex} data-column={p.columnId}>
            <strong>{t('somlit.paste.where', { row: String(p.rowIndex + 1), column: columnName(p.columnId) })}</strong> — {problemText(t, p.problem)}
          </li>
        ))}
      </ul>
      <button type="button" className="cc-button cc-button-quiet" onClick={() => somlitStore.getState().dismissPasteProblems()}>
        {t('somlit.paste.dismiss')}
      </button>
    </section>
  );
}

function StatusLine() {
  const t = useT();
  const status = useSomlitStore((s) => s.status);
  const saving = useSomlitStore((s) => s.saving);
  if (saving > 0) return <span className="cc-somlit-status" data-testid="somlit-status">{t('somlit.saving')}</span>;
  if (!status) return <span className="cc-somlit-status" data-testid="somlit-status" />;
  const text = status.error ? t('somlit.status.error', { message: formatError(status.error) }) : t(status.key as MessageKey, Object.fromEntries(Object.entries(status.params ?? {}).map(([k, v]) => [k, String(v)])));
  return (
    <span className={`cc-somlit-status${status.tone === 'error' ? ' cc-somlit-status-error' : ''}`} data-testid="somlit-status" role={status.tone === 'error' ? 'alert' : 'status'}>
      {text}
      {status.changeset && (
        <button type="button" className="cc-button cc-button-quiet" onClick={() => void somlitStore.getState().undo(status.changeset)} data-testid="somlit-status-undo">
          {t('somlit.undo')}
        </button>
      )}
    </span>
  );
}

export function SomlitView() {
  const t = useT();
  const libraryPath = useAppStore((s) => s.status?.library.path ?? null);
  const libraryRevision = useAppStore((s) => s.libraryRevision);
  const readOnly = useAppStore((s) => s.status?.library.readOnly ?? false);
  const table = useSomlitStore((s) => s.table);
  const type = useSomlitStore((s) => s.type);
  const site = useSomlitStore((s) => s.site);
  const from = useSomlitStore((s) => s.from);
  const to = useSomlitStore((s) => s.to);
  const focus = useSomlitStore((s) => s.focus);
  const rows = useSomlitStore((s) => s.rows);
  const [dialog, setDialog] = useState<Dialog>(null);
  const focusedRow = focus ? rows.find((r) => r.key === focus.rowKey) : undefined;

  useEffect(() => {
    if (libraryPath) void somlitStore.getState().init();
  }, [libraryPath, libraryRevision]);

  return (
    // Keys stay in the view: the window's review keys must not act on samples while a technician types here.
    <main className="cc-somlit" data-testid="somlit-view" onKeyDown={(e) => e.stopPropagation()} aria-label={t('somlit.title')}>
      <div className="cc-somlit-toolbar">
        <div className="cc-segmented" role="group" aria-label={t('somlit.type.label')}>
          {somlitTypes.map((ty) => (
            <button key={ty} type="button" className="cc-segment" aria-pressed={type === ty} onClick={() => somlitStore.getState().setType(ty)} data-testid={`somlit-type-${ty}`}>
              {t(`somlit.type.${ty}` as MessageKey)}
            </button>
          ))}
        </div>
        <label className="cc-somlit-filter">
          <span>{t('somlit.filter.site')}</span>
          <select className="cc-select" value={site ?? ''} onChange={(e) => somlitStore.getState().setFilter({ site: e.target.value || null })} data-testid="somlit-site">
            <option value="">{t('somlit.filter.allSites')}</option>
            {table?.sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.id} — {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="cc-somlit-filter">
          <span>{t('somlit.filter.from')}</span>
          <input type="date" className="cc-search" value={from ?? ''} onChange={(e) => somlitStore.getState().setFilter({ from: e.target.value || null })} data-testid="somlit-from" />
        </label>
        <label className="cc-somlit-filter">
          <span>{t('somlit.filter.to')}</span>
          <input type="date" className="cc-search" value={to ?? ''} onChange={(e) => somlitStore.getState().setFilter({ to: e.target.value || null })} data-testid="somlit-to" />
        </label>
        <span className="cc-somlit-spacer" />
        <button type="button" className="cc-button" disabled={readOnly || !focusedRow || focusedRow.blank} onClick={() => focusedRow && void somlitStore.getState().deleteRow(focusedRow.key)} data-testid="somlit-delete-row">
          {t('somlit.deleteRow')}
        </button>
        <button type="button" className="cc-button" disabled={readOnly} onClick={() => void somlitStore.getState().undo()} data-testid="somlit-undo">
          {t('somlit.undo')}
        </button>
        <button type="button" className="cc-button" disabled={readOnly || !focusedRow?.entryId} title={focusedRow?.entryId ? undefined : t('somlit.link.needsEntry')} onClick={() => setDialog('link')} data-testid="somlit-link">
          {t('somlit.link')}
        </button>
        <button type="button" className="cc-button" disabled={readOnly} onClick={() => setDialog('import')} data-testid="somlit-import">
          {t('somlit.import')}
        </button>
        <button type="button" className="cc-button" onClick={() => setDialog('export')} data-testid="somlit-export">
          {t('somlit.export')}
        </button>
      </div>
      <div className="cc-somlit-hint">
        <span className="cc-muted">{t('somlit.keysHint')}</span>
        <StatusLine />
      </div>
      {table ? <SomlitGrid table={table} type={type} /> : <p className="cc-muted cc-somlit-loading">{t('somlit.loading')}</p>}
      <PasteProblems />
      {table && <CellDetails table={table} />}
      {dialog === 'link' && focusedRow?.entryId && <LinkDialog entryId={focusedRow.entryId} onClose={() => setDialog(null)} />}
      {dialog === 'import' && <ImportDialog onClose={() => setDialog(null)} />}
      {dialog === 'export' && <ExportDialog onClose={() => setDialog(null)} />}
    </main>
  );
}
