/**
 * One file or folder: a checkbox to select it, its name (a folder's name opens it) and a file's size. An
 * entry inside a selected folder shows as selected, greyed out: it is imported with its folder.
 */
import { useId } from 'react';
import type { FolderListing } from '../../../shared/api/contract.js';
import { formatBytes } from '../../format/format-bytes.js';
import { baseName } from '../../import/path-names.js';
import { EntryIcon } from './entry-icon.js';
import { useT } from '../../i18n/use-i18n.js';

export interface FolderEntryRowProps {
  entry: FolderListing['entries'][number];
  /** The selected path that covers this entry (itself or a folder above), or null. */
  coveredBy: string | null;
  onToggle(path: string): void;
  onOpen(path: string): void;
}

export function FolderEntryRow({ entry, coveredBy, onToggle, onOpen }: FolderEntryRowProps) {
  const t = useT();
  const checkboxId = useId();
  const inherited = coveredBy !== null && coveredBy !== entry.path;
  const isFolder = entry.kind === 'folder';

  return (
    <li className={`cc-entry${coveredBy ? ' cc-entry-selected' : ''}`} data-kind={entry.kind}>
      <input
        id={checkboxId}
        type="checkbox"
        className="cc-entry-check"
        checked={coveredBy !== null}
        disabled={inherited}
        aria-label={t('import.selectEntry', { name: entry.name })}
        title={inherited ? t('import.includedBy', { path: baseName(coveredBy) }) : undefined}
        onChange={() => onToggle(entry.path)}
      />
      <EntryIcon kind={entry.kind} />
      {isFolder ? (
        <button type="button" className="cc-entry-name cc-entry-open" title={t('import.openEntry', { path: entry.path })} onClick={() => onOpen(entry.path)}>
          {entry.name}
        </button>
      ) : (
        <label htmlFor={checkboxId} className="cc-entry-name" title={entry.path}>
          {entry.name}
        </label>
      )}
      <span className="cc-entry-size">{isFolder ? '' : formatBytes(entry.sizeBytes)}</span>
    </li>
  );
}
