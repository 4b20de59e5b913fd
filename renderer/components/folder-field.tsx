/**
 * A folder to write to: typed (it may not exist yet), or chosen with the folder browser ("Choose…"), which opens where
 * the field points.
 */
import { useState } from 'react';
import { useT } from '../i18n/use-i18n.js';
import { FolderDialog } from './folder-dialog.js';

export interface FolderFieldProps {
  id: string;
  value: string;
  onChange(path: string): void;
  /** Title of the folder browser's dialog. */
  dialogTitle: string;
  /** While work runs in the folder, it cannot be changed with the browser. */
  disabled?: boolean;
  placeholder?: string;
  className?: string;
  /** data-testid of the field; its button gets `<testId>-choose`. */
  testId: string;
}

export function FolderField({ id, value, onChange, dialogTitle, disabled = false, placeholder, className, testId }: FolderFieldProps) {
  const t = useT();
  const [choosing, setChoosing] = useState(false);
  return (
    <>
      <div className="cc-browser-bar">
        <input
          id={id}
          className={`cc-path-field${className ? ` ${className}` : ''}`}
          value={value}
          spellCheck={false}
          autoComplete="off"
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId}
        />
        <button type="button" className="cc-button cc-button-compact" disabled={disabled} onClick={() => setChoosing(true)} data-testid={`${testId}-choose`}>
          {t('folderDialog.choose')}
        </button>
      </div>
      {choosing && <FolderDialog title={dialogTitle} start={value.trim() || null} onChoose={onChange} onClose={() => setChoosing(false)} />}
    </>
  );
}
