/**
 * Product name, the open library (with a badge that makes the Demo library unmistakable), the view switch
 * (Samples | Time series), the toolbar (Import…) and the switcher.
 */
import { useT } from '../i18n/use-i18n.js';
import { useAppStore } from '../store/use-app-store.js';
import { ImportButton } from './import/import-button.js';
import { BackupButton } from '../backup/backup-button.js';
import { LanguageSwitch } from './language-switch.js';
import { LibrarySwitcher } from './library-switcher.js';
import { ViewSwitch } from '../time-series/view-switch.js';

export function AppHeader() {
  const library = useAppStore((s) => s.status?.library);
  const t = useT();

  return (
    <header className="cc-header">
      <h1 className="cc-product">CytoCurator</h1>
      <div className="cc-library" aria-live="polite">
        {library && (
          <>
            <span className="cc-library-label">{t('header.library')}</span>
            <span className="cc-library-name" data-testid="library-name" title={library.path}>
              {library.name}
            </span>
            {library.kind === 'demo' ? (
              <span className="cc-badge cc-badge-demo" data-testid="demo-badge">
                {t('header.demoBadge')}
              </span>
            ) : (
              library.readOnly && <span className="cc-badge">{t('header.readOnly')}</span>
            )}
          </>
        )}
      </div>
      <ViewSwitch />
      <div className="cc-toolbar">
        <ImportButton />
        <BackupButton />
      </div>
      <LibrarySwitcher />
      <LanguageSwitch />
    </header>
  );
}
