/**
 * How this sample is counted. For an FCS sample, the volume method form: the file's $VOL, flow rate × acquisition
 * time, or reference beads (a set of the template and their concentration), with the dilution factor and whether
 * the file's spillover compensation is applied. For a smart-triggered CytoSense sample, one confirmation per set that
 * it lies inside the trigger rule (until then its abundances carry the default flag 3).
 */
import { useId, useState } from 'react';
import { formatVolume } from '../format/format-values.js';
import { useT } from '../i18n/use-i18n.js';
import { useGatingStore } from './use-gating-store.js';
import type { VolumeField, VolumeFormFields, VolumeMethodKind } from './volume-form.js';
import { parseVolumeForm, volumeFormFields } from './volume-form.js';

const FCS_METHODS: readonly VolumeMethodKind[] = ['fcs-vol', 'flow-rate', 'beads'];

export function VolumeMethodForm({ readOnly }: { readOnly: boolean }) {
  const t = useT();
  const gating = useGatingStore((s) => s.gating);
  const sets = useGatingStore((s) => s.effective?.sets ?? s.draft?.sets ?? []);
  const busy = useGatingStore((s) => s.busy);
  const setVolume = useGatingStore((s) => s.setVolume);
  const stored = gating?.volume.method ?? null;
  const storedKey = JSON.stringify(stored);
  const [fields, setFields] = useState<VolumeFormFields>(() => volumeFormFields(stored));
  const [forStored, setForStored] = useState(storedKey);
  const [reason, setReason] = useState('');
  const [showProblem, setShowProblem] = useState(false);
  const setsListId = useId();
  if (forStored !== storedKey) {
    // The service's value changed (saved here or elsewhere): show it
    setForStored(storedKey);
    setFields(volumeFormFields(stored));
    setShowProblem(false);
  }
  if (!gating) return null;
  const parsed = parseVolumeForm(fields);
  const problem = !parsed.ok && showProblem ? parsed : null;
  const field = (name: VolumeField, label: string, extra: { list?: string; placeholder?: string } = {}) => (
    <label className="cc-gating-field">
      {label}
      <input
        type="text"
        inputMode={name === 'beadSet' ? 'text' : 'decimal'}
        className={`cc-text-input cc-volume-input${problem?.field === name ? ' cc-input-invalid' : ''}`}
        value={fields[name]}
        disabled={readOnly}
        aria-invalid={problem?.field === name}
        onChange={(e) => setFields((f) => ({ ...f, [name]: e.target.value }))}
        data-testid={`volume-${name}`}
        {...extra}
      />
    </label>
  );

  return (
    <form
      className="cc-gating-block cc-volume-form"
      data-testid="volume-form"
      onSubmit={(e) => {
        e.preventDefault();
        setShowProblem(true);
        if (parsed.ok) void setVolume(parsed.volume, reason.trim() ? reason.trim() : null).then((ok) => ok && setReason(''));
      }}
    >
      <h4 className="cc-gating-subtitle">{t('gating.volume.title')}</h4>
      <p className="cc-muted" data-testid="volume-current">
        {gating.volume.volume_uL !== null
          ? t('gating.volume.current', { volume: formatVolume(gating.volume.volume_uL) })
          : t('gating.volume.unknown', { reason: gating.volume.reason ?? '—' })}
      </p>
      <div className="cc-gating-row">
        <label className="cc-gating-field">
          {t('gating.volume.method')}
          <select
            className="cc-select"
            value={fields.method}
            disabled={readOnly}
            onChange={(e) => setFields((f) => ({ ...f, method: e.target.value as VolumeMethodKind }))}
            data-testid="volume-method"
          >
            {FCS_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`gating.volume.method.${m}`)}
              </option>
            ))}
          </select>
        </label>
        {fields.method === 'flow-rate' && (
          <>
            {field('flowRate', t('gating.volume.flowRate'))}
            {field('acquisitionSeconds', t('gating.volume.seconds'), { placeholder: t('gating.volume.secondsFromFile') })}
          </>
        )}
        {fields.method === 'beads' && (
          <>
            {field('beadSet', t('gating.volume.beadSet'), { list: setsListId })}
            <datalist id={setsListId}>
              {sets.map((s) => (
                <option key={s.id} value={s.name} />
              ))}
            </datalist>
            {field('beadConcentration', t('gating.volume.beadConcentration'))}
          </>
        )}
        {field('dilutionFactor', t('gating.volume.dilution'))}
      </div>
      <label className="cc-checkbox-line">
        <input type="checkbox" checked={fields.compensate} disabled={readOnly} onChange={(e) => setFields((f) => ({ ...f, compensate: e.target.checked }))} data-testid="volume-compensate" />
        {t('gating.volume.compensate')}
      </label>
      {problem && (
        <p className="cc-field-error" role="alert">
          {t(`gating.volume.problem.${problem.problem}`, { field: t(`gating.volume.field.${problem.field}`) })}
        </p>
      )}
      <div className="cc-gating-row">
        <label className="cc-gating-field cc-gating-reason">
          {t('gating.reason')}
          <input type="text" className="cc-text-input" maxLength={2000} value={reason} disabled={readOnly} onChange={(e) => setReason(e.target.value)} />
        </label>
        <button type="submit" className="cc-button cc-button-compact cc-button-primary" disabled={readOnly || busy} data-testid="volume-save">
          {t('gating.volume.save')}
        </button>
      </div>
    </form>
  );
}

export function TriggerRuleConfirmations({ readOnly }: { readOnly: boolean }) {
  const t = useT();
  const gating = useGatingStore((s) => s.gating);
  const busy = useGatingStore((s) => s.busy);
  const confirmTrigger = useGatingStore((s) => s.confirmTrigger);
  const trigger = gating?.smartTrigger ?? null;
  const sets = gating?.effective?.sets ?? [];
  if (!trigger || sets.length === 0) return null;
  return (
    <div className="cc-gating-block" data-testid="trigger-rule">
      <h4 className="cc-gating-subtitle">{t('gating.trigger.title')}</h4>
      <p className="cc-muted">{t('gating.trigger.rule', { rule: trigger.rule })}</p>
      <ul className="cc-trigger-list">
        {sets.map((s) => {
          const confirmed = trigger.confirmedSets.includes(s.name);
          return (
            <li key={s.id}>
              <label className="cc-checkbox-line">
                <input
                  type="checkbox"
                  checked={confirmed}
                  disabled={readOnly || busy}
                  onChange={(e) => void confirmTrigger(s.name, e.target.checked, null)}
                  data-testid="trigger-confirm"
                  data-set={s.name}
                />
                {t('gating.trigger.inside', { set: s.name })}
              </label>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
