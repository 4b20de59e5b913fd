/**
 * The folder path, editable: type or paste a path and press Enter to go there. Escape puts back the current
 * path (and only closes the dialog when there is nothing to undo). Remounted (key) when the folder changes.
 */
import { useState } from 'react';
import { useT } from '../../i18n/use-i18n.js';

export interface PathFieldProps {
  value: string;
  onSubmit(path: string): void;
}

export function PathField({ value, onSubmit }: PathFieldProps) {
  const [draft, setDraft] = useState(value);
  const t = useT();

  return (
    <input
      type="text"
      className="cc-path-field"
      aria-label={t('import.folderPath')}
      spellCheck={false}
      autoComplete="off"
      autoCapitalize="off"
      value={draft}
      placeholder={t('import.folderPathPlaceholder')}
      onChange={(e) => setDraft(e.target.value)}
      onFocus={(e) => e.currentTarget.select()}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          const path = draft.trim();
          if (path) onSubmit(path);
        } else if (e.key === 'Escape' && draft !== value) {
          e.preventDefault();
          e.stopPropagation();
          setDraft(value);
        }
      }}
    />
  );
}
