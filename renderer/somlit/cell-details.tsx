/**
 * Under the grid: the focused cell's parameter (unit, plausible range, detection limit), its quality code and what it
 * means, the comment (needed with code 3 or 4 for a value outside its range), where the value came from (typed, a
 * file and line, or cytometry with the samples, gate template and version), what stops it from being saved, and its
 * history from the change events.
 */
import { useEffect, useState } from 'react';
import type { SomlitAuditEvent } from '../../shared/api/somlit-contract.js';
import { formatError, toErrorData } from '../../shared/api/errors.js';
import { missingKeyFields } from '../../shared/somlit/consistency-rules.js';
import type { SomlitValueValue } from '../../shared/somlit/somlit-entry.js';
import type { SomlitTable } from '../../shared/somlit/somlit-table.js';
import { formatUtcTime } from '../format/format-values.js';
import type { MessageKey } from '../i18n/en.js';
import { useT } from '../i18n/use-i18n.js';
import type { Translator } from '../i18n/translate.js';
import { cellDraftProblems, columnById, duplicateOf, formatNumber } from './grid-model.js';
import { codeTitle, problemText } from './problem-text.js';
import { somlitStore, useSomlitStore } from './use-somlit-store.js';

function sourceText(t: Translator, cell: SomlitValueValue | null): string {
  const s = cell?.source;
  if (!s) return t('somlit.details.typed');
  if (s.kind === 'file') return t('somlit.details.fromFile', { file: s.file, line: String(s.line) });
  const first = s.samples[0];
  return t('somlit.details.fromCytometry', {
    samples: [...new Set(s.samples.map((x) => `${x.name} / ${x.set}`))].join(', '),
    template: first?.templateId ?? '',
    version: String(first?.templateVersion ?? ''),
    channel: s.channel ? ` — ${s.channel}${s.normalised ? ' ÷ beads' : ''}` : '',
  });
}

function valueSummary(t: Translator, v: unknown): string {
  if (v === null || v === undefined) return '∅';
  const o = v as Record<string, unknown>;
  if ('code' in o) return `${o['value'] === null ? '∅' : formatNumber(o['value'] as number, t.language)} q${String(o['code'])}${o['comment'] ? ` “${String(o['comment'])}”` : ''}`;
  return Object.entries(o)
    .filter(([, x]) => x !== null)
    .map(([k, x]) => `${k} ${String(x)}`)
    .join(', ');
}

function CommentField({ rowKey, code, stored }: { rowKey: string; code: string; stored: string }) {
  const t = useT();
  const [text, setText] = useState(stored);
  useEffect(() => setText(stored), [stored, rowKey, code]);
  const commit = () => {
    if (text.trim() !== stored.trim()) somlitStore.getState().editComment(rowKey, code, text);
  };
  return (
    <label className="cc-somlit-comment">
      <span>{t('somlit.details.comment')}</span>
      <input
        className="cc-search"
        data-testid="somlit-comment"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      <span className="cc-field-hint">{t('somlit.details.commentHint')}</span>
    </label>
  );
}

export function CellDetails({ table }: { table: SomlitTable }) {
  const t = useT();
  const focus = useSomlitStore((s) => s.focus);
  const rows = useSomlitStore((s) => s.rows);
  const revision = useSomlitStore((s) => s.revision);
  const row = focus ? rows.find((r) => r.key === focus.rowKey) : undefined;
  const column = focus ? columnById(table, focus.columnId) : null;
  const [history, setHistory] = useState<SomlitAuditEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const code = column && column.kind !== 'field' ? column.parameter.code : null;
  const watched = row ? (code ? row.values[code] : row.fields) : null;

  useEffect(() => {
    setHistory(null);
    setError(null);
    if (!row?.entryId) return;
    let live = true;
    window.curation
      .somlitEntryAudit({ entryId: row.entryId })
      .then((r) => live && setHistory(r.events))
      .catch((err) => live && setError(formatError(toErrorData(err))));
    return () => {
      live = false;
    };
  }, [row?.entryId, watched, revision]);

  if (!row || !column) {
    return (
      <section className="cc-somlit-details" data-testid="somlit-details">
        <p className="cc-muted">{t('somlit.details.none')}</p>
      </section>
    );
  }
  const drafts = cellDraftProblems(row, column);
  const rowProblems = row.blank ? [] : [...missingKeyFields(row.fields)];
  const dup = row.blank ? null : duplicateOf(rows, row.key, row.fields);
  const events = (history ?? []).filter((e) => (code ? e.target.kind === 'somlit-value' && e.target.group === code : e.target.kind === 'somlit-entry'));

  return (
    <section className="cc-somlit-details" data-testid="somlit-details">
      {column.kind === 'field' ? (
        <h3 className="cc-somlit-details-title">{t(`somlit.field.${column.field}` as MessageKey)}</h3>
      ) : (
        <>
          <h3 className="cc-somlit-details-title">
            {column.parameter.code} — {column.parameter.label}
          </h3>
          <dl className="cc-somlit-facts">
            {column.parameter.unit && (
              <>
                <dt>{t('somlit.details.unit')}</dt>
                <dd>{column.parameter.unit}</dd>
              </>
            )}
            {column.parameter.plausible && (
              <>
                <dt>{t('somlit.details.range')}</dt>
                <dd>
                  {formatNumber(column.parameter.plausible[0], t.language)} – {formatNumber(column.parameter.plausible[1], t.language)}
                </dd>
              </>
            )}
            {column.parameter.detectionLimit !== null && (
              <>
                <dt>{t('somlit.details.limit')}</dt>
                <dd>{formatNumber(column.parameter.detectionLimit, t.language)}</dd>
              </>
            )}
            {(row.cellDrafts[code!]?.cell ?? row.values[code!]) && (
              <>
                <dt>{t('somlit.details.code')}</dt>
                <dd data-testid="somlit-code-meaning">{codeTitle(t, (row.cellDrafts[code!]?.cell ?? row.values[code!])!.code)}</dd>
                <dt>{t('somlit.details.source')}</dt>
                <dd>{sourceText(t, row.values[code!] ?? null)}</dd>
              </>
            )}
          </dl>
          {(row.values[code!] || row.cellDrafts[code!]?.cell) && (
            <CommentField rowKey={row.key} code={code!} stored={row.cellDrafts[code!]?.cell?.comment ?? row.values[code!]?.comment ?? ''} />
          )}
        </>
      )}
      {(drafts.length > 0 || rowProblems.length > 0 || dup) && (
        <ul className="cc-somlit-problems" data-testid="somlit-problems" role="alert">
          {drafts.map((p, i) => (
            <li key={`d${i}`} className="cc-somlit-problem">
              <strong>{t('somlit.details.notSaved')}:</strong> {problemText(t, p)}
            </li>
          ))}
          {rowProblems.map((p, i) => (
            <li key={`r${i}`}>
              {t('somlit.details.row')}: {problemText(t, p)}
            </li>
          ))}
          {dup && (
            <li>
              {t('somlit.details.row')}:{' '}
              {problemText(t, { rule: 'duplicate', field: 'date', params: { site: row.fields.site ?? '', date: row.fields.date ?? '', depthLevel: row.fields.depthLevel ?? '', depth: row.fields.depth ?? '' } })}
            </li>
          )}
        </ul>
      )}
      {row.entryId && (
        <div className="cc-somlit-history" data-testid="somlit-history">
          <h4>{t('somlit.details.history')}</h4>
          {error && <p className="cc-import-inline-error">{error}</p>}
          {history && events.length === 0 && <p className="cc-muted">{t('somlit.details.noHistory')}</p>}
          <ol>
            {events
              .slice(-8)
              .reverse()
              .map((e) => (
                <li key={e.id} data-action={e.action}>
                  <span className="cc-mono">{formatUtcTime(e.at)}</span> {e.actorName ?? e.actor} · {e.action} · {valueSummary(t, e.before)} → {valueSummary(t, e.after)}
                </li>
              ))}
          </ol>
        </div>
      )}
    </section>
  );
}
