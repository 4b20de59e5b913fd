/** A sample's review state in words, with a discreet colour (approved green, needs attention amber). */
import type { SampleSummary } from '../../../shared/model/sample.js';
import { useT } from '../../i18n/use-i18n.js';

export function ReviewStateBadge({ state }: { state: SampleSummary['reviewState'] | null | undefined }) {
  const t = useT();
  if (!state) return null;
  return (
    <span className={`cc-review cc-review-${state}`} data-review={state}>
      {t(`review.${state}`)}
    </span>
  );
}
