/** Gating and abundances of the open sample (GatingPanel), right after its cytograms, where its gates are drawn. */
import { useEffect } from 'react';
import type { SampleDetail } from '../../../shared/model/sample.js';
import { GatingPanel } from '../../gating/gating-panel.js';
import { gatingStore, useGatingStore } from '../../gating/use-gating-store.js';
import { useT } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../store/use-app-store.js';
import { PanelSection } from './panel-section.js';

/** The library the gating store last worked in (kept across mounts: the panel closes and opens with samples). */
let shownLibrary: string | null | undefined;

export function GatingSection({ detail }: { detail: SampleDetail }) {
  const t = useT();
  const libraryPath = useAppStore((s) => s.status?.library.path ?? null);
  const sets = useGatingStore((s) => (s.sampleId === detail.id ? (s.draft?.sets.length ?? 0) : 0));

  useEffect(() => {
    // Another library: nothing of the previous one's templates or drafts applies
    if (shownLibrary !== undefined && shownLibrary !== libraryPath) gatingStore.getState().reset();
    shownLibrary = libraryPath;
    void gatingStore.getState().open(detail.id);
  }, [detail.id, libraryPath]);
  useEffect(() => () => gatingStore.getState().close(), []);

  return (
    <PanelSection title={t('sample.gating')} testId="sample-gating" count={sets}>
      <GatingPanel detail={detail} />
    </PanelSection>
  );
}
