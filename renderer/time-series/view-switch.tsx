/** Samples | Time series, in the header; the choice is remembered. */
import { useT } from '../i18n/use-i18n.js';
import { publishStore } from '../publish/use-publish-store.js';
import { reviewStore } from '../store/use-review-store.js';
import { useMainView } from './use-view-store.js';
import { mainViews } from './view-store.js';
import type { MainView } from './view-store.js';

const labels = { samples: 'view.samples', 'time-series': 'view.timeSeries', somlit: 'view.somlit', publish: 'view.publish' } as const;

export function ViewSwitch() {
  const t = useT();
  const [view, setView] = useMainView();
  const choose = (next: MainView) => {
    if (next === view) return;
    // A new dataset may start from the samples selected in the table.
    if (next === 'publish') publishStore.getState().carrySelection(reviewStore.getState().selectedIds);
    // The table's row selection goes with the table (it is rebuilt empty when the table comes back).
    reviewStore.getState().setSelection([]);
    setView(next);
  };
  return (
    <div className="cc-segmented cc-view-switch" role="group" aria-label={t('view.label')}>
      {mainViews.map((v) => (
        <button key={v} type="button" className="cc-segment" aria-pressed={view === v} onClick={() => choose(v)} data-testid={`view-${v}`}>
          {t(labels[v])}
        </button>
      ))}
    </div>
  );
}
