/**
 * The Gating section of the sample view: which template this sample has and the one being edited, unsaved edits
 * (save as a new version, override a gate for this sample only, discard), the sets with their groups and live
 * counts, the sample's overrides, the template's history, the abundances, and how the sample is counted (volume
 * method for FCS, trigger-rule confirmations for smart-triggered samples). Gates themselves are drawn on the
 * cytograms above.
 */
import type { SampleDetail } from '../../shared/model/sample.js';
import { useT } from '../i18n/use-i18n.js';
import { useAppStore } from '../store/use-app-store.js';
import { DraftChanges, ProblemBanner } from './draft-changes.js';
import { AbundanceTable, OverridesList, VersionHistory } from './gating-records.js';
import { SetsEditor } from './sets-editor.js';
import { TemplateBar } from './template-bar.js';
import { useGatingStore } from './use-gating-store.js';
import { TriggerRuleConfirmations, VolumeMethodForm } from './volume-and-trigger.js';
import './gating.css';

export function GatingPanel({ detail }: { detail: SampleDetail }) {
  const t = useT();
  const readOnly = useAppStore((s) => s.status?.library.readOnly ?? true);
  const active = useGatingStore((s) => s.sampleId === detail.id);
  const loading = useGatingStore((s) => s.loading);
  const draft = useGatingStore((s) => s.draft);
  const stashed = useGatingStore((s) => s.stashedSamples.length);
  if (!active) return <p className="cc-panel-loading">{t('sample.loading')}</p>;

  return (
    <div className="cc-gating-panel" data-testid="gating-panel" aria-busy={loading}>
      <ProblemBanner />
      <TemplateBar readOnly={readOnly} defaultName={t('gating.defaultTemplateName', { sample: detail.name })} />
      {!draft && !loading && <p className="cc-muted">{t('gating.howTo')}</p>}
      <DraftChanges readOnly={readOnly} />
      <SetsEditor readOnly={readOnly} />
      <OverridesList readOnly={readOnly} />
      <AbundanceTable />
      {detail.source === 'fcs' && <VolumeMethodForm readOnly={readOnly} />}
      <TriggerRuleConfirmations readOnly={readOnly} />
      <VersionHistory />
      {stashed > 0 && <p className="cc-muted cc-gating-stashed">{t.plural('gating.stashed', stashed)}</p>}
    </div>
  );
}
