/** Cell renderers of the sample table's review columns. */
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { SampleSummary } from '../../../shared/model/sample.js';
import { FlagChip } from './flag-chip.js';
import { ReviewStateBadge } from './review-state-badge.js';

export function FlagCell(props: CustomCellRendererProps<SampleSummary>) {
  return <FlagChip flag={props.data?.flag} />;
}

export function ReviewCell(props: CustomCellRendererProps<SampleSummary>) {
  return <ReviewStateBadge state={props.data?.reviewState} />;
}
