/** What will be imported: the chosen files and folders, by full path, each with a remove button. */
import { useId } from 'react';
import { baseName } from '../../import/path-names.js';
import { useImportStore } from '../../store/use-import-store.js';
import { useT } from '../../i18n/use-i18n.js';

export function SelectionList() {
  const t = useT();
  const selection = useImportStore((s) => s.selection);
  const unselect = useImportStore((s) => s.unselect);
  const titleId = useId();

  return (
    <section className="cc-side-section cc-selection" aria-labelledby={titleId}>
      <h3 id={titleId} className="cc-side-title">
        {t('import.toImport')} <span className="cc-count">{selection.length}</span>
      </h3>
      {selection.length === 0 ? (
        <p className="cc-side-empty">{t('import.nothingSelected')}</p>
      ) : (
        <ul className="cc-selection-list" data-testid="import-selection">
          {selection.map((p) => (
            <li key={p} className="cc-selection-item">
              <span className="cc-selection-text" title={p}>
                <span className="cc-selection-name">{baseName(p)}</span>
                <span className="cc-selection-path">{p}</span>
              </span>
              <button type="button" className="cc-icon-button" aria-label={t('import.remove', { path: p })} title={t('import.removeHint')} onClick={() => unselect(p)}>
                <svg viewBox="0 0 16 16" aria-hidden="true">
                  <path d="M4.5 4.5l7 7M11.5 4.5l-7 7" />
                </svg>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
