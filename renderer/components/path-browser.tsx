/**
 * Browses folders on the machine that runs the service (browseFolder, the same in Electron and browser mode): Up,
 * the path bar, places, the entries. In folder mode the folder shown is chosen with "Use this folder" (files are
 * listed, greyed, to see what is there already); in file mode a file is chosen with a click. Starts in `start`,
 * else the folder last browsed, else home. One component for every dialog that asks for a path (publication
 * folders, files to validate, gate templates, SOMLIT tables).
 */
import { useEffect, useRef, useState } from 'react';
import type { FolderListing } from '../../shared/api/contract.js';
import type { CurationErrorData } from '../../shared/api/errors.js';
import { formatError, toErrorData } from '../../shared/api/errors.js';
import { EntryIcon } from './import/entry-icon.js';
import { PathField } from './import/path-field.js';
import { PlacesBar } from './import/places-bar.js';
import { UpButton } from './import/up-button.js';
import { formatBytes } from '../format/format-bytes.js';
import { loadLastFolder, saveLastFolder } from '../import/last-folder-storage.js';
import { useT } from '../i18n/use-i18n.js';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export interface PathBrowserProps {
  mode: 'folder' | 'file';
  start?: string | null;
  chosen: string | null;
  onChoose(path: string): void;
  /** The dialog's own class, for its sizing. */
  className?: string;
}

export function PathBrowser({ mode, start, chosen, onChoose, className = 'cc-publish-browser' }: PathBrowserProps) {
  const t = useT();
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [error, setError] = useState<CurationErrorData | null>(null);
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);

  const browse = async (path: string | null): Promise<boolean> => {
    const mine = ++seq.current;
    setBusy(true);
    try {
      const next = await window.curation.browseFolder({ path });
      if (mine !== seq.current) return true;
      setListing(next);
      setError(null);
      saveLastFolder(storage(), next.path);
      return true;
    } catch (err) {
      if (mine === seq.current) setError(toErrorData(err));
      return false;
    } finally {
      if (mine === seq.current) setBusy(false);
    }
  };

  useEffect(() => {
    const first = start?.trim() || loadLastFolder(storage());
    void browse(first).then((ok) => {
      if (!ok && first) void browse(null);
    });
    // Once, when the browser opens
  }, []);

  return (
    <section className={`cc-browser ${className}`} aria-label={t('publish.browse.label')} data-testid="path-browser" data-path={listing?.path ?? ''}>
      <div className="cc-browser-bar">
        <UpButton parent={listing?.parent} onOpen={(p) => void browse(p)} />
        <PathField key={listing?.path ?? ''} value={listing?.path ?? ''} onSubmit={(p) => void browse(p)} />
        {mode === 'folder' && (
          <button
            type="button"
            className="cc-button cc-button-compact cc-button-primary"
            disabled={!listing}
            onClick={() => listing && onChoose(listing.path)}
            data-testid="path-use-folder"
          >
            {t('publish.browse.useFolder')}
          </button>
        )}
      </div>
      {listing && <PlacesBar roots={listing.roots} current={listing.path} onOpen={(p) => void browse(p)} />}
      {error && (
        <p className="cc-import-inline-error" role="alert">
          {formatError(error)}
        </p>
      )}
      {!listing ? (
        <div className="cc-entry-list cc-entry-list-placeholder" aria-busy={busy}>
          {busy ? t('import.readingFolder') : t('import.noFolder')}
        </div>
      ) : (
        <ul className="cc-entry-list cc-publish-entries" aria-label={t('import.contentsOf', { path: listing.path })} aria-busy={busy} data-testid="path-entries">
          {listing.entries.length === 0 && <li className="cc-entry-empty">{t('import.emptyFolder')}</li>}
          {listing.entries.map((entry) => (
            <li
              key={entry.path}
              className={`cc-entry${entry.path === chosen ? ' cc-entry-selected' : ''}${mode === 'folder' && entry.kind === 'file' ? ' cc-publish-entry-passive' : ''}`}
              data-kind={entry.kind}
              data-name={entry.name}
              data-testid="path-entry"
            >
              <EntryIcon kind={entry.kind} />
              {entry.kind === 'folder' ? (
                <button type="button" className="cc-entry-name cc-entry-open" title={t('import.openEntry', { path: entry.path })} onClick={() => void browse(entry.path)}>
                  {entry.name}
                </button>
              ) : mode === 'file' ? (
                <button
                  type="button"
                  className="cc-entry-name cc-entry-open cc-entry-file"
                  aria-pressed={entry.path === chosen}
                  title={entry.path}
                  onClick={() => onChoose(entry.path)}
                  data-testid="path-file"
                >
                  {entry.name}
                </button>
              ) : (
                <span className="cc-entry-name" title={entry.path}>
                  {entry.name}
                </span>
              )}
              <span className="cc-entry-size">{entry.kind === 'folder' ? '' : formatBytes(entry.sizeBytes)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
