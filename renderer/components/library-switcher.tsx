/** Switches between the user's default library and the read-only Demo library. */
import { useAppStore } from '../store/use-app-store.js';
import type { LibraryChoice } from '../store/app-store.js';

const choices: { which: LibraryChoice; label: string }[] = [
  { which: 'default', label: 'My library' },
  { which: 'demo', label: 'Demo library' },
];

export function LibrarySwitcher() {
  const library = useAppStore((s) => s.status?.library);
  const demoAvailable = useAppStore((s) => s.status?.demoAvailable ?? false);
  const switching = useAppStore((s) => s.switching);
  const openLibrary = useAppStore((s) => s.openLibrary);
  // A library opened by path is neither choice; both buttons then lead somewhere else.
  const current: LibraryChoice | null = !library ? null : library.kind === 'demo' ? 'demo' : library.isDefault ? 'default' : null;

  return (
    <div className="cc-segmented" role="group" aria-label="Library">
      {choices.map(({ which, label }) => (
        <button
          key={which}
          type="button"
          className="cc-segment"
          aria-pressed={current === which}
          disabled={switching || !library || (which === 'demo' && !demoAvailable && current !== 'demo')}
          onClick={() => current !== which && void openLibrary(which)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
