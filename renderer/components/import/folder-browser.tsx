/** Browses folders on the machine that runs the service: path bar, Up, places, and the folder's entries. */
import { formatError } from '../../../shared/api/errors.js';
import { coveringSelection } from '../../import/folder-selection.js';
import { useImportStore } from '../../store/use-import-store.js';
import { FolderEntryList } from './folder-entry-list.js';
import { PathField } from './path-field.js';
import { PlacesBar } from './places-bar.js';

export function FolderBrowser() {
  const listing = useImportStore((s) => s.listing);
  const browseError = useImportStore((s) => s.browseError);
  const selection = useImportStore((s) => s.selection);
  const browse = useImportStore((s) => s.browse);
  const select = useImportStore((s) => s.select);
  const current = listing?.path ?? '';
  const covered = listing ? coveringSelection(selection, listing.path) : null;

  return (
    <section className="cc-browser" aria-label="Files and folders on this computer">
      <div className="cc-browser-bar">
        <button
          type="button"
          className="cc-button cc-button-compact"
          disabled={!listing?.parent}
          title={listing?.parent ? `Up to ${listing.parent}` : 'This is the top folder'}
          onClick={() => listing?.parent && void browse(listing.parent)}
        >
          <span aria-hidden="true">↑</span> Up
        </button>
        <PathField key={current} value={current} onSubmit={(p) => void browse(p)} />
        <button
          type="button"
          className="cc-button cc-button-compact"
          disabled={!listing || covered !== null}
          title={covered === current ? 'This folder is selected' : covered ? `Included: ${covered} is selected` : 'Import everything in this folder'}
          onClick={() => listing && select(listing.path)}
        >
          Select this folder
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
