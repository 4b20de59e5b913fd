/** An L20 flag as a small coloured chip (1 green, 2 light green, 3 orange, 4 red, others grey), its label as tooltip. */
import type { MessageKey } from '../../i18n/en.js';
import { useT } from '../../i18n/use-i18n.js';
import { flagTone } from '../../review/flag-tone.js';

export interface FlagChipProps {
  flag: { scheme: string; code: string } | null | undefined;
  /** Show the label beside the code. */
  withLabel?: boolean;
}

export function FlagChip({ flag, withLabel = false }: FlagChipProps) {
  const t = useT();
  if (!flag) return null;
  const label = flag.scheme === 'L20' ? t(`flag.L20.${flag.code}` as MessageKey) : `${flag.scheme} ${flag.code}`;
  return (
    <span className="cc-flag">
      <span className={`cc-flag-chip cc-flag-${flagTone(flag.scheme === 'L20' ? flag.code : null)}`} title={label} data-flag={flag.code}>
        {flag.scheme === 'L20' ? flag.code : `${flag.scheme} ${flag.code}`}
      </span>
      {withLabel && <span className="cc-flag-label">{label}</span>}
    </span>
  );
}
