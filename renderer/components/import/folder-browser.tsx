/** Browses folders on the machine that runs the service: path bar, Up, places, and the folder's entries. */
import { formatError } from '../../../shared/api/errors.js';
import { coveringSelection } from '../../import/folder-selection.js';
import { useImportStore } from '../../store/use-import-store.js';
import { FolderEntryList } from './folder-entry-list.js';
import { PathField } from './path-field.js';
import { PlacesBar } from './places-bar.js';
import { UpButton } from './up-button.js';
import { useT } from '../../i18n/use-i18n.js';

export function FolderBrowser() {
  const t = useT();
  const listing = useImportStore((s) => s.listing);
  const browseError = useImportStore((s) => s.browseError);
  const selection = useImportStore((s) => s.selection);
  const browse = useImportStore((s) => s.browse);
  const select = useImportStore((s) => s.select);
  const current = listing?.path ?? '';
  const covered = listing ? coveringSelection(selection, listing.path) : null;

  return (
    <section className="cc-browser" aria-label={t('import.browserLabel')}>
      <div className="cc-browser-bar">
        <UpButton parent={listing?.parent} onOpen={(p) => void browse(p)} />
        <PathField key={current} value={current} onSubmit={(p) => void browse(p)} />
        <button
          type="button"
          className="cc-button cc-button-compact"
          disabled={!listing || covered !== null}
          title={covered === current ? t('import.folderSelected') : covered ? t('import.includedBy', { path: covered }) : t('import.importFolder')}
          onClick={() => listing && select(listing.path)}
        >
          {t('import.selectFolder')}
        </button>
      </div>
      {listing && <PlacesBar roots={listing.roots} current={listing.path} onOpen={(p) => void browse(p)} />}
      {browseError && (
        <p className="cc-import-inline-error" role="alert">
          {formatError(browseError)}
        </p>
      )}
      <FolderEntryList />
    </section>
  );
}
