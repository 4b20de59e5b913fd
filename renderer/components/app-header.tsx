/**
 * Product name, the open library (with a badge that makes the Demo library unmistakable), the toolbar
 * (Import…) and the switcher.
 */
import { useAppStore } from '../store/use-app-store.js';
import { ImportButton } from './import/import-button.js';
import { LibrarySwitcher } from './library-switcher.js';

export function AppHeader() {
  const library = useAppStore((s) => s.status?.library);

  return (
    <header className="cc-header">
      <h1 className="cc-product">CytoCurator</h1>
      <div className="cc-library" aria-live="polite">
        {library && (
          <>
            <span className="cc-library-label">Library</span>
            <span className="cc-library-name" data-testid="library-name" title={library.path}>
              {library.name}
            </span>
            {library.kind === 'demo' ? (
              <span className="cc-badge cc-badge-demo" data-testid="demo-badge">
                DEMO — synthetic, read-only
              </span>
            ) : (
              library.readOnly && <span className="cc-badge">read-only</span>
            )}
          </>
        )}
      </div>
      <div className="cc-toolbar">
        <ImportButton />
      </div>
      <LibrarySwitcher />
    </header>
  );
}
