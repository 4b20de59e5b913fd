/** Remembers the folder last browsed in the import dialog (localStorage of this profile), to start there next time. */
export const lastFolderKey = 'cytocurator.import.last-folder.v1';

export function loadLastFolder(storage: Pick<Storage, 'getItem'> | null): string | null {
  try {
    const value = storage?.getItem(lastFolderKey);
    return value && value.length <= 4096 ? value : null;
  } catch {
    return null;
  }
}

export function saveLastFolder(storage: Pick<Storage, 'setItem'> | null, folder: string): void {
  try {
    storage?.setItem(lastFolderKey, folder);
  } catch {
    // Quota or disabled storage: the dialog then starts in the home folder.
  }
}
