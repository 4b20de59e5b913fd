/** The entries of the folder being browsed (folders first, as the service sorts them). */
import { coveringSelection } from '../../import/folder-selection.js';
import { useImportStore } from '../../store/use-import-store.js';
import { FolderEntryRow } from './folder-entry-row.js';
import { useT } from '../../i18n/use-i18n.js';

export function FolderEntryList() {
  const t = useT();
  const listing = useImportStore((s) => s.listing);
  const browsing = useImportStore((s) => s.browsing);
  const selection = useImportStore((s) => s.selection);
  const browse = useImportStore((s) => s.browse);
  const toggle = useImportStore((s) => s.toggle);

  if (!listing) {
    return (
      <div className="cc-entry-list cc-entry-list-placeholder" aria-busy={browsing}>
        {browsing ? t('import.readingFolder') : t('import.noFolder')}
      </div>
    );
  }

  return (
    <ul className="cc-entry-list" aria-label={t('import.contentsOf', { path: listing.path })} aria-busy={browsing} data-testid="folder-entries">
      {listing.entries.length === 0 && <li className="cc-entry-empty">{t('import.emptyFolder')}</li>}
      {listing.entries.map((entry) => (
        <FolderEntryRow
          key={entry.path}
          entry={entry}
          coveredBy={coveringSelection(selection, entry.path)}
          onToggle={toggle}
          onOpen={(p) => void browse(p)}
        />
      ))}
    </ul>
  );
}
