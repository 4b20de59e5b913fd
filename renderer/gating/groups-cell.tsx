/**
 * The sample table's Groups cell: each group with its count and abundance ("OraPicoProk 120 (240 /mL)"), and the
 * "unverified" mark beside a standard group name whose vocabulary entry is not confirmed against NVS — the mark
 * goes wherever the name is shown.
 */
import type { CustomCellRendererProps } from 'ag-grid-react';
import { Fragment } from 'react';
import type { SampleSummary } from '../../shared/model/sample.js';
import { formatCount } from '../format/format-values.js';
import { formatAbundance } from '../grid/group-text.js';
import { GroupMark, useGroupStatus } from './group-name.js';
import './gating.css';

export function GroupsCell(props: CustomCellRendererProps<SampleSummary>) {
  const status = useGroupStatus();
  const groups = props.data?.groups ?? [];
  return (
    <span className="cc-groups-cell">
      {groups.map((g, i) => {
        const abundance = formatAbundance(g.abundancePerMl);
        const unverified = status(g.name) === 'unverified';
        return (
          <Fragment key={g.name}>
            {i > 0 && ' · '}
            {g.name}
            {unverified && (
              <>
                {' '}
                <GroupMark status="unverified" />
              </>
            )}{' '}
            {formatCount(g.count)}
            {abundance ? ` (${abundance})` : ''}
          </Fragment>
        );
      })}
    </span>
  );
}
