/** The main area: filter and bulk actions above the open library's samples, and the open sample beside them. */
import { BulkActionBar } from '../components/review/bulk-action-bar.js';
import { FilterBar } from '../components/review/filter-bar.js';
import { SampleGrid } from '../components/sample-grid.js';
import { SamplePanel } from '../components/sample/sample-panel.js';
import { useT } from '../i18n/use-i18n.js';
import { useAppStore } from '../store/use-app-store.js';

export function LibraryView() {
  const t = useT();
  const library = useAppStore((s) => s.status?.library);
  const demoAvailable = useAppStore((s) => s.status?.demoAvailable ?? false);
  const libraryRevision = useAppStore((s) => s.libraryRevision);

  // The grid waits for the status, so its first page already belongs to the library shown in the header.
  if (!library) return <main className="cc-main cc-main-loading" aria-busy="true" />;

  const emptyHint = library.kind === 'user' && demoAvailable ? t('library.emptyHint') : undefined;

  return (
    <main className="cc-main">
      <FilterBar />
      <BulkActionBar />
      <div className="cc-workspace">
        <SampleGrid libraryPath={library.path} libraryRevision={libraryRevision} {...(emptyHint ? { emptyHint } : {})} />
        <SamplePanel />
      </div>
    </main>
  );
}
