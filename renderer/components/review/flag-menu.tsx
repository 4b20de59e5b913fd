/** "Flag ▾": the L20 codes with their labels; choosing one asks for an optional comment. */
import { l20Flags } from '../../../shared/model/flag-schemes.js';
import type { MessageKey } from '../../i18n/en.js';
import { useT } from '../../i18n/use-i18n.js';
import { FlagChip } from './flag-chip.js';
import { PopoverButton } from './popover-button.js';

/** The L20 codes as menu items (chip and label); shared by the bulk Flag menu and the per-group value menu. */
export function L20FlagItems({ close, onChoose }: { close(): void; onChoose(code: string): void }) {
  const t = useT();
  return (
    <>
      {l20Flags.map((f) => (
        <li key={f.code} role="none">
          <button
            type="button"
            role="menuitem"
            className="cc-menu-item"
            aria-label={`${f.code} — ${t(`flag.L20.${f.code}` as MessageKey)}`}
            onClick={() => {
              close();
              onChoose(f.code);
            }}
          >
            <FlagChip flag={{ scheme: 'L20', code: f.code }} withLabel />
          </button>
        </li>
      ))}
    </>
  );
}

export function FlagMenu({ disabled, onChoose }: { disabled: boolean; onChoose(code: string): void }) {
  const t = useT();
  return (
    <PopoverButton label={t('bulk.flag')} disabled={disabled} testId="bulk-flag">
      {(close) => (
        <ul className="cc-menu" role="menu" aria-label={t('bulk.flagMenu')} data-testid="flag-menu">
          <L20FlagItems close={close} onChoose={onChoose} />
        </ul>
      )}
    </PopoverButton>
  );
}
