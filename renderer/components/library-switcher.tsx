/** Switches between the user's default library and the read-only Demo library. */
import { useT } from '../i18n/use-i18n.js';
import { useAppStore } from '../store/use-app-store.js';
import type { LibraryChoice } from '../store/app-store.js';

const choices: { which: LibraryChoice; label: 'switcher.default' | 'switcher.demo' }[] = [
  { which: 'default', label: 'switcher.default' },
  { which: 'demo', label: 'switcher.demo' },
];

export function LibrarySwitcher() {
  const library = useAppStore((s) => s.status?.library);
  const t = useT();
  const demoAvailable = useAppStore((s) => s.status?.demoAvailable ?? false);
  const switching = useAppStore((s) => s.switching);
  const openLibrary = useAppStore((s) => s.openLibrary);
  // A library opened by path is neither choice; both buttons then lead somewhere else.
  const current: LibraryChoice | null = !library ? null : library.kind === 'demo' ? 'demo' : library.isDefault ? 'default' : null;

  return (
    <div className="cc-segmented" role="group" aria-label={t('switcher.label')}>
      {choices.map(({ which, label }) => (
        <button
          key={which}
          type="button"
          className="cc-segment"
          aria-pressed={current === which}
          disabled={switching || !library || (which === 'demo' && !demoAvailable && current !== 'demo')}
          onClick={() => current !== which && void openLibrary(which)}
        >
          {t(label)}
        </button>
      ))}
    </div>
  );
}
