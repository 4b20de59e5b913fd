/** The first screen's main area: the open library's samples. Later issues add the sample view beside it. */
import { SampleGrid } from '../components/sample-grid.js';
import { useAppStore } from '../store/use-app-store.js';

export function LibraryView() {
  const library = useAppStore((s) => s.status?.library);
  const demoAvailable = useAppStore((s) => s.status?.demoAvailable ?? false);
  const libraryRevision = useAppStore((s) => s.libraryRevision);

  // The grid waits for the status, so its first page already belongs to the library shown in the header.
  if (!library) return <main className="cc-main cc-main-loading" aria-busy="true" />;

  const emptyHint =
    library.kind === 'user' && demoAvailable
      ? 'To look around first, switch to the Demo library in the header.'
      : undefined;

  return (
    <main className="cc-main">
      <SampleGrid libraryPath={library.path} libraryRevision={libraryRevision} {...(emptyHint ? { emptyHint } : {})} />
    </main>
  );
}
