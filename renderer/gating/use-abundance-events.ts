/**
 * Follows the service's `abundances-changed` event (gates, templates or volumes changed somewhere — this window,
 * another window, the CLI): the table and time series reload through the review store's data revision, and the
 * open sample's gating reloads when it is one of the samples.
 */
import { useEffect } from 'react';
import { reviewStore } from '../store/use-review-store.js';
import { gatingStore } from './use-gating-store.js';

export function useAbundanceEvents(): void {
  useEffect(
    () =>
      window.curation.onEvent((event) => {
        if (event.type !== 'abundances-changed') return;
        reviewStore.setState((s) => ({ dataRevision: s.dataRevision + 1 }));
        const open = reviewStore.getState().current?.id;
        if (open && event.sampleIds.includes(open)) void reviewStore.getState().reloadSample();
        gatingStore.getState().onAbundancesChanged(event.sampleIds);
      }),
    [],
  );
}
