/** Cytograms, image gallery, pulse shape and histogram of the open sample (SamplePlotsPanel), first in the sample view. */
import { useMemo } from 'react';
import type { SampleDetail } from '../../../shared/model/sample.js';
import { useT } from '../../i18n/use-i18n.js';
import { SamplePlotsPanel } from '../../plots/sample-plots-panel.js';
import { PanelSection } from './panel-section.js';

export function PlotsSection({ detail }: { detail: SampleDetail }) {
  const t = useT();
  // Stable arrays while the detail stays the same (the panel resets its plots when the columns change)
  const sets = useMemo(() => detail.sets.map((s) => s.name), [detail.sets]);
  return (
    <PanelSection title={t('sample.plots')} testId="sample-plots">
      <SamplePlotsPanel sampleId={detail.id} columns={detail.columns} sets={sets} sampleName={detail.name} />
    </PanelSection>
  );
}
