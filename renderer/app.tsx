/**
 * The window: header, error banner, the main view (the library's table and sample view, or its time series),
 * status bar, the one-time Demo library offer, the import dialog, and the review layer (action confirmation,
 * toast, shortcuts help, keys).
 */
import { useEffect } from 'react';
import { AppHeader } from './components/app-header.js';
import { DemoOfferDialog } from './components/demo-offer-dialog.js';
import { ErrorBanner } from './components/error-banner.js';
import { ImportDialog } from './components/import/import-dialog.js';
import { ActionDialog } from './components/review/action-dialog.js';
import { HelpOverlay } from './components/review/help-overlay.js';
import { ReviewToast } from './components/review/review-toast.js';
import { useReviewKeys } from './components/review/use-review-keys.js';
import { StatusBar } from './components/status-bar.js';
import { useLanguage } from './i18n/use-i18n.js';
import { connectStore } from './store/connect-store.js';
import { appStore } from './store/use-app-store.js';
import { PublishView } from './publish/publish-view.js';
import { TimeSeriesView } from './time-series/time-series-view.js';
import { useMainView } from './time-series/use-view-store.js';
import { LibraryView } from './views/library-view.js';
import { SomlitView } from './somlit/somlit-view.js';
import { SyncArea } from './sync/sync-area.js';

export function App() {
  const [language] = useLanguage();
  useEffect(() => connectStore(appStore, window.curation), []);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  useReviewKeys();
  const [view] = useMainView();

  return (
    <div className="cc-app">
      <AppHeader />
      <ErrorBanner />
      <SyncArea />
      {view === 'time-series' ? <TimeSeriesView /> : view === 'somlit' ? <SomlitView /> : view === 'publish' ? <PublishView /> : <LibraryView />}
      <StatusBar />
      <ReviewToast />
      <HelpOverlay />
      <ActionDialog />
      <DemoOfferDialog />
      <ImportDialog />
    </div>
  );
}
