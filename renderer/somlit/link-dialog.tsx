/**
 * Linking benchtop cytometry to the focused sampling: the gated samples near its date (same site first), a
 * preview of the values they give (and why some cannot be linked), then Link — one changeset, each value recording
 * its samples, sets, gate template and version.
 */
import { useEffect, useState } from 'react';
import type { SomlitCandidateSample, SomlitLinkResult } from '../../shared/api/somlit-contract.js';
import { formatError, toErrorData } from '../../shared/api/errors.js';
import { formatUtcTime } from '../format/format-values.js';
import { Modal } from '../gating/modal.js';
import { useT } from '../i18n/use-i18n.js';
import { formatNumber } from './grid-model.js';
import { codeTitle } from './problem-text.js';
import { somlitStore } from './use-somlit-store.js';

export function LinkDialog({ entryId, onClose }: { entryId: string; onClose(): void }) {
  const t = useT();
  const [candidates, setCandidates] = useState<SomlitCandidateSample[] | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [preview, setPreview] = useState<SomlitLinkResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    window.curation
      .somlitCytometryCandidates({ entryId })
      .then((r) => {
        setCandidates(r.samples);
        setChosen(r.samples.slice(0, 1).map((s) => s.id));
      })
      .catch((err) => setError(formatError(toErrorData(err))));
  }, [entryId]);

  const run = async (dryRun: boolean) => {
    setBusy(true);
    const r = await somlitStore.getState().link(entryId, chosen, dryRun);
    setBusy(false);
    if (!r) return;
    setPreview(r);
    if (!dryRun) onClose();
  };

  return (
    <Modal title={t('somlit.link.title')} testId="somlit-link-dialog" onClose={onClose}>
      <div className="cc-dialog-body">
        <p className="cc-muted">{t('somlit.link.hint')}</p>
        {error && <p className="cc-import-inline-error">{error}</p>}
        {candidates?.length === 0 && <p>{t('somlit.link.none')}</p>}
        {candidates && candidates.length > 0 && (
          <ul className="cc-checklist">
            {candidates.map((c) => (
              <li key={c.id} className="cc-checklist-item">
                <label>
                  <input
                    type="checkbox"
                    checked={chosen.includes(c.id)}
                    onChange={(e) => {
                      setPreview(null);
                      setChosen((prev) => (e.target.checked ? [...prev, c.id] : prev.filter((x) => x !== c.id)));
                    }}
                  />{' '}
                  {c.name} <span className="cc-mono">{formatUtcTime(c.startedAt)}</span>
                  {c.daysFromEntry !== null && <span className="cc-muted"> · {t('somlit.link.days', { days: formatNumber(c.daysFromEntry, t.language) })}</span>}
                  <span className="cc-muted">
                    {' '}
                    · {c.template.id} v{c.template.version} · {c.sets.filter((s) => s.prefix).map((s) => `${s.set}→${s.prefix}`).join(', ')}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {preview && (
          <div className="cc-somlit-link-preview" data-testid="somlit-link-preview">
            <h4>{t('somlit.link.values')}</h4>
            <table className="cc-table">
              <tbody>
                {Object.entries(preview.values).map(([code, cell]) => (
                  <tr key={code}>
                    <td className="cc-mono">{code}</td>
                    <td>{cell.value === null ? '' : formatNumber(cell.value, t.language)}</td>
                    <td title={codeTitle(t, cell.code)}>q{cell.code}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {preview.problems.length > 0 && (
              <>
                <h4>{t('somlit.link.problems')}</h4>
                <ul>
                  {preview.problems.map((p) => (
                    <li key={p.parameter}>{p.message}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </div>
      <div className="cc-dialog-actions">
        <button type="button" className="cc-button" onClick={onClose}>
          {t('somlit.link.cancel')}
        </button>
        <button type="button" className="cc-button" disabled={busy || chosen.length === 0} onClick={() => void run(true)}>
          {t('somlit.link.preview')}
        </button>
        <button type="button" className="cc-button cc-button-primary" disabled={busy || chosen.length === 0} onClick={() => void run(false)} data-testid="somlit-link-apply">
          {t('somlit.link.apply')}
        </button>
      </div>
    </Modal>
  );
}
