/** Optional deployment for the imported samples: it gives them the instrument clock's zone and the station. */
import { useId } from 'react';
import { useImportStore } from '../../store/use-import-store.js';

export function DeploymentPicker() {
  const deployments = useImportStore((s) => s.deployments);
  const deployment = useImportStore((s) => s.deployment);
  const setDeployment = useImportStore((s) => s.setDeployment);
  const selectId = useId();
  const hintId = useId();

  return (
    <section className="cc-side-section cc-deployment">
      <label htmlFor={selectId} className="cc-side-title">
        Deployment
      </label>
      <select
        id={selectId}
        className="cc-select"
        value={deployment ?? ''}
        disabled={deployments === null}
        aria-describedby={hintId}
        onChange={(e) => setDeployment(e.target.value || null)}
      >
        <option value="">None</option>
        {(deployments ?? []).map((d) => (
          <option key={d.id} value={d.name}>
            {d.station ? `${d.name} — ${d.station}` : d.name}
          </option>
        ))}
      </select>
      <p id={hintId} className="cc-field-hint">
        {deployment
          ? 'The samples get this deployment’s station, and its time zone for times written without one.'
          : 'Optional. Without one, a deployment whose rule matches the files is used; otherwise times written without a zone are read as UTC.'}
      </p>
    </section>
  );
}
