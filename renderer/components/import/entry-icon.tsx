/** Small outline icons for folders and files in the browser list. */
export function EntryIcon({ kind }: { kind: 'folder' | 'file' }) {
  return (
    <svg className={`cc-entry-icon cc-entry-icon-${kind}`} viewBox="0 0 16 16" aria-hidden="true">
      {kind === 'folder' ? (
        <path d="M1.75 4.25c0-.55.45-1 1-1h3.3l1.5 1.5h5.7c.55 0 1 .45 1 1v6.5c0 .55-.45 1-1 1H2.75c-.55 0-1-.45-1-1z" />
      ) : (
        <path d="M3.75 1.75h5.5l3 3v9.5h-8.5zM9.25 1.75v3h3" />
      )}
    </svg>
  );
}
