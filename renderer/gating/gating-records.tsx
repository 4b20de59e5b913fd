/**
 * What the service records about this sample's gating: the gates it overrides (with "Remove override"), the
 * template's version history (who, when, why), and the abundances each set gives — with the template version and
 * overrides that produced them, the analysed volume and how it was found, the default flag and any note.
 */
import { formatCount, formatUtcTime } from '../format/format-values.js';
import { FlagChip } from '../components/review/flag-chip.js';
import { useT } from '../i18n/use-i18n.js';
import { formatPerMl, overridesText, volumeText } from './gating-text.js';
import { GroupName } from './group-name.js';
import { useGatingStore } from './use-gating-store.js';

export function OverridesList({ readOnly }: { readOnly: boolean }) {
  const t = useT();
  const gating = useGatingStore((s) => s.gating);
  const saved = useGatingStore((s) => s.saved);
  const busy = useGatingStore((s) => s.busy);
  const removeOverride = useGatingStore((s) => s.removeOverride);
  const overrides = (gating?.overrides ?? []).filter((o) => o.gate !== null);
  if (overrides.length === 0) return null;
  const name = (id: string) => gating?.effective?.gates.find((g) => g.id === id)?.name ?? saved?.gates.find((g) => g.id === id)?.name ?? id;
  return (
    <div className="cc-gating-block" data-testid="gating-overrides">
      <h4 className="cc-gating-subtitle">{t('gating.overridesTitle')}</h4>
      <table className="cc-table cc-panel-table">
        <thead>
          <tr>
            <th scope="col">{t('gating.gate')}</th>
            <th scope="col">{t('gating.revision')}</th>
            <th scope="col">{t('gating.by')}</th>
            <th scope="col">{t('gating.when')}</th>
            <th scope="col">
              <span className="cc-visually-hidden">{t('gating.removeOverride')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {overrides.map((o) => (
            <tr key={o.gateId} data-testid="gating-override" data-gate-name={name(o.gateId)}>
              <td>{name(o.gateId)}</td>
              <td>{o.version}</td>
              <td>{o.actorName ?? '—'}</td>
              <td className="cc-mono">{formatUtcTime(o.at)}</td>
              <td>
                <button
                  type="button"
                  className="cc-button cc-button-compact"
                  disabled={readOnly || busy}
                  onClick={() => void removeOverride(o.gateId, null)}
                  data-testid="gate-remove-override"
                >
                  {t('gating.removeOverride')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function VersionHistory() {
  const t = useT();
  const history = useGatingStore((s) => s.history);
  const saved = useGatingStore((s) => s.saved);
  if (!saved || history.length === 0) return null;
  const rows = [...history].sort((a, b) => b.version - a.version);
  return (
    <details className="cc-gating-block" data-testid="gating-history">
      <summary className="cc-gating-subtitle">{t('gating.historyTitle', { name: saved.name, count: history.length })}</summary>
      <table className="cc-table cc-panel-table">
        <thead>
          <tr>
            <th scope="col">{t('gating.version')}</th>
            <th scope="col">{t('gating.by')}</th>
            <th scope="col">{t('gating.when')}</th>
            <th scope="col">{t('gating.why')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((v) => (
            <tr key={v.version} data-testid="gating-version">
              <td>{v.version}</td>
              <td>{v.actorName ?? v.actor}</td>
              <td className="cc-mono">{formatUtcTime(v.at)}</td>
              <td>{v.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function AbundanceTable() {
  const t = useT();
  const gating = useGatingStore((s) => s.gating);
  const records = gating?.abundances ?? [];
  if (!gating?.template) return null;
  if (records.length === 0) return <p className="cc-muted">{t('gating.noAbundances')}</p>;
  const gateName = (id: string) => gating.effective?.gates.find((g) => g.id === id)?.name;
  const method = (m: string) => {
    const known = ['instrument', 'fcs-vol', 'flow-rate', 'beads'];
    return known.includes(m) ? t(`gating.volume.method.${m as 'instrument'}`) : m;
  };
  return (
    <div className="cc-gating-block cc-table-scroll" data-testid="abundance-table-wrap">
      <h4 className="cc-gating-subtitle">{t('gating.abundancesTitle')}</h4>
      <table className="cc-table cc-panel-table cc-abundance-table" data-testid="abundance-table">
        <thead>
          <tr>
            <th scope="col">{t('sets.name')}</th>
            <th scope="col">{t('gating.group')}</th>
            <th scope="col" className="cc-num">
              {t('sets.events')}
            </th>
            <th scope="col" className="cc-num">
              {t('gating.cellsPerMl')}
            </th>
            <th scope="col">{t('gating.templateVersion')}</th>
            <th scope="col">{t('gating.overrides')}</th>
            <th scope="col">{t('gating.volumeMethod')}</th>
            <th scope="col">{t('gating.defaultFlag')}</th>
            <th scope="col">{t('gating.note')}</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr key={r.set} data-testid="abundance-row" data-set={r.set} data-group={r.group ?? ''}>
              <td>{r.set}</td>
              <td>{r.group ? <GroupName group={r.group} /> : <span className="cc-muted">—</span>}</td>
              <td className="cc-num" data-testid="abundance-events">
                {formatCount(r.events)}
              </td>
              <td className="cc-num" data-testid="abundance-per-ml">
                {formatPerMl(r.abundance_per_mL)}
              </td>
              <td>{t('gating.versionShort', { version: r.templateVersion })}</td>
              <td>{overridesText(r.overrides, gateName, (n) => t('gating.revisionN', { n })) || <span className="cc-muted">—</span>}</td>
              <td>{volumeText(r, method)}</td>
              <td>{r.flag ? <FlagChip flag={{ scheme: 'L20', code: r.flag }} /> : <span className="cc-muted">—</span>}</td>
              <td>{r.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
