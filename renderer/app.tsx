/** The window: header, error banner, the library view, status bar, the one-time Demo library offer and the import dialog. */
import { useEffect } from 'react';
import { AppHeader } from './components/app-header.js';
import { DemoOfferDialog } from './components/demo-offer-dialog.js';
import { ErrorBanner } from './components/error-banner.js';
import { ImportDialog } from './components/import/import-dialog.js';
import { StatusBar } from './components/status-bar.js';
import { connectStore } from './store/connect-store.js';
import { appStore } from './store/use-app-store.js';
import { LibraryView } from './views/library-view.js';

export function App() {
  useEffect(() => connectStore(appStore, window.curation), []);

  return (
    <div className="cc-app">
      <AppHeader />
      <ErrorBanner />
      <LibraryView />
      <StatusBar />
      <DemoOfferDialog />
      <ImportDialog />
    </div>
  );
}
