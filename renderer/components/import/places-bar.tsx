/** Shortcuts to the places the service suggests: home, mounted drives (a USB stick with exports), the root. */
import type { FolderListing } from '../../../shared/api/contract.js';
import { useT } from '../../i18n/use-i18n.js';

export interface PlacesBarProps {
  roots: FolderListing['roots'];
  current: string;
  onOpen(path: string): void;
}

export function PlacesBar({ roots, current, onOpen }: PlacesBarProps) {
  const t = useT();
  if (roots.length === 0) return null;
  return (
    <div className="cc-places" role="group" aria-label={t('import.places')}>
      <span className="cc-places-label">{t('import.places')}</span>
      {roots.map((r) => (
        <button
          key={r.path}
          type="button"
          className="cc-chip"
          aria-current={r.path === current ? 'location' : undefined}
          title={r.path}
          onClick={() => onOpen(r.path)}
        >
          {r.label}
        </button>
      ))}
    </div>
  );
}
