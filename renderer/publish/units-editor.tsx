/**
 * The dataset's CDI units — what SeaDataNet describes with one CDI record each: a fixed station over a period
 * (time series) or one cast of a cruise (profile). Each has its LOCAL_CDI_ID, station name, position, sampling
 * and bottom depth, and (stored) its samples, approved samples and time extent. Units are added and removed here;
 * which samples belong to which unit is chosen in the samples section below.
 */
import { formatUtcTime } from '../format/format-values.js';
import { useT } from '../i18n/use-i18n.js';
import type { DatasetDraft, UnitDraft } from './dataset-draft.js';
import { addUnit, removeUnit } from './dataset-draft.js';
import type { DraftProblem } from './draft-problems.js';
import { FormField, TextInput } from './form-field.js';
import { publishStore, usePublishStore } from './use-publish-store.js';

function UnitCard({ unit, index, count, problems }: { unit: UnitDraft; index: number; count: number; problems: Map<string, DraftProblem> }) {
  const t = useT();
  const stored = usePublishStore((s) => s.view?.unitViews.find((u) => u.localCdiId === unit.localCdiId.trim()) ?? null);
  const at = `cdis.${index}`;
  const set = (patch: Partial<UnitDraft>) => publishStore.getState().edit((d) => ({ ...d, units: d.units.map((u) => (u.key === unit.key ? { ...u, ...patch } : u)) }));
  const text = (key: keyof UnitDraft & string, field: string, label: string, opts: { required?: boolean; decimal?: boolean; mono?: boolean; hint?: string } = {}) => (
    <FormField field={`${at}.${field}`} label={label} required={opts.required ?? false} problem={problems.get(`${at}.${field}`)} hint={opts.hint}>
      {(control) => (
        <TextInput
          control={control}
          value={String(unit[key] ?? '')}
          onChange={(v) => set({ [key]: v } as Partial<UnitDraft>)}
          testId={`unit-${index}-${key}`}
          mono={opts.mono ?? false}
          inputMode={opts.decimal ? 'decimal' : 'text'}
        />
      )}
    </FormField>
  );

  return (
    <li className="cc-publish-unit" data-testid="unit-card" data-index={index}>
      <div className="cc-publish-unit-head">
        <h4 className="cc-publish-subtitle">{t('publish.unitNumber', { n: index + 1 })}</h4>
        {stored && (
          <span className="cc-muted" data-testid="unit-stored">
            {t('publish.units.stored', { samples: stored.samples, approved: stored.approved })}
            {stored.timeRange ? ` · ${t('publish.units.period', { from: formatUtcTime(stored.timeRange[0]), to: formatUtcTime(stored.timeRange[1]) })}` : ''}
          </span>
        )}
        {count > 1 && (
          <button type="button" className="cc-button cc-button-quiet" onClick={() => publishStore.getState().edit((d) => removeUnit(d, unit.key))} data-testid={`unit-${index}-remove`}>
            {t('publish.units.remove')}
          </button>
        )}
      </div>
      <div className="cc-publish-grid">
        {text('localCdiId', 'localCdiId', t('publish.field.localCdiId'), { required: true, mono: true, hint: t('publish.units.localCdiIdHint') })}
        {text('stationName', 'station.name', t('publish.field.stationName'), { required: true })}
        {text('latitude', 'station.latitude', t('publish.field.latitude'), { required: true, decimal: true, hint: t('publish.units.latitudeHint') })}
        {text('longitude', 'station.longitude', t('publish.field.longitude'), { required: true, decimal: true, hint: t('publish.units.longitudeHint') })}
        {text('samplingDepth', 'station.samplingDepth_m', t('publish.field.samplingDepth'), { decimal: true })}
        {text('bottomDepth', 'station.bottomDepth_m', t('publish.field.bottomDepth'), { decimal: true })}
        <FormField field={`${at}.featureType`} label={t('publish.field.featureType')} problem={problems.get(`${at}.featureType`)}>
          {(control) => (
            <select {...control} className="cc-select" value={unit.featureType} onChange={(e) => set({ featureType: e.target.value === 'profile' ? 'profile' : 'time-series' })} data-testid={`unit-${index}-featureType`}>
              <option value="time-series">{t('publish.units.timeSeries')}</option>
              <option value="profile">{t('publish.units.profile')}</option>
            </select>
          )}
        </FormField>
      </div>
      {count > 1 && (
        <p className="cc-field-hint" data-testid={`unit-${index}-samples`}>
          {t.plural('publish.units.samples', unit.samples?.length ?? 0)}
          {problems.get(`${at}.samples`) ? ` — ${problems.get(`${at}.samples`)?.message ?? ''}` : ''}
        </p>
      )}
    </li>
  );
}

export function UnitsEditor({ draft, problems }: { draft: DatasetDraft; problems: Map<string, DraftProblem> }) {
  const t = useT();
  return (
    <section className="cc-publish-section" aria-labelledby="publish-units-title" data-testid="units-editor">
      <h3 id="publish-units-title" className="cc-publish-section-title">
        {t('publish.units.title')}
      </h3>
      <p className="cc-field-hint">{t('publish.units.intro')}</p>
      <ol className="cc-publish-units">
        {draft.units.map((u, i) => (
          <UnitCard key={u.key} unit={u} index={i} count={draft.units.length} problems={problems} />
        ))}
      </ol>
      <button type="button" className="cc-button cc-button-compact" onClick={() => publishStore.getState().edit(addUnit)} data-testid="unit-add">
        {t('publish.units.add')}
      </button>
    </section>
  );
}
