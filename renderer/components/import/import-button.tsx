/** The header's "Import…" button; disabled, saying why, while a read-only library (the Demo library) is open. */
import { useAppStore } from '../../store/use-app-store.js';
import { useImportStore } from '../../store/use-import-store.js';
import { useT } from '../../i18n/use-i18n.js';

export function ImportButton() {
  const t = useT();
  const library = useAppStore((s) => s.status?.library);
  const openDialog = useImportStore((s) => s.openDialog);
  const unavailable = !library || library.readOnly;
  const reason = !library
    ? t('import.button.waiting')
    : library.readOnly
      ? t('import.button.readOnly', { name: library.name })
      : t('import.button.hint');

  return (
    <button
      type="button"
      className="cc-button cc-button-toolbar"
      // aria-disabled rather than disabled: the button stays focusable and hoverable, so its tooltip says why.
      aria-disabled={unavailable}
      title={reason}
      data-testid="import-button"
      onClick={() => {
        if (!unavailable) void openDialog();
      }}
    >
      <svg className="cc-button-icon" viewBox="0 0 16 16" aria-hidden="true">
        <path d="M8 2v8M4.5 6.5 8 10l3.5-3.5M2.5 11v2.5h11V11" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {t('import.button')}
    </button>
  );
}
