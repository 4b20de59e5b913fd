/** Optional deployment for the imported samples: it gives them the instrument clock's zone and the station. */
import { useId } from 'react';
import { useImportStore } from '../../store/use-import-store.js';
import { useT } from '../../i18n/use-i18n.js';

export function DeploymentPicker() {
  const t = useT();
  const deployments = useImportStore((s) => s.deployments);
  const deployment = useImportStore((s) => s.deployment);
  const setDeployment = useImportStore((s) => s.setDeployment);
  const selectId = useId();
  const hintId = useId();

  return (
    <section className="cc-side-section cc-deployment">
      <label htmlFor={selectId} className="cc-side-title">
        {t('import.deployment')}
      </label>
      <select
        id={selectId}
        className="cc-select"
        value={deployment ?? ''}
        disabled={deployments === null}
        aria-describedby={hintId}
        onChange={(e) => setDeployment(e.target.value || null)}
      >
        <option value="">{t('import.deploymentNone')}</option>
        {(deployments ?? []).map((d) => (
          <option key={d.id} value={d.name}>
            {d.station ? `${d.name} — ${d.station}` : d.name}
          </option>
        ))}
      </select>
      <p id={hintId} className="cc-field-hint">
        {deployment
          ? t('import.deploymentChosen')
          : t('import.deploymentHint')}
      </p>
    </section>
  );
}
