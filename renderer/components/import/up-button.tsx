/** "↑ Up": opens the parent of the folder shown (disabled at the top of the file system). */
import { useT } from '../../i18n/use-i18n.js';

export function UpButton({ parent, onOpen }: { parent: string | null | undefined; onOpen(path: string): void }) {
  const t = useT();
  return (
    <button
      type="button"
      className="cc-button cc-button-compact"
      disabled={!parent}
      title={parent ? t('import.upTo', { path: parent }) : t('import.topFolder')}
      onClick={() => parent && onOpen(parent)}
    >
      <span aria-hidden="true">↑</span> {t('import.up')}
    </button>
  );
}
