/**
 * The sample table's Groups cell: each group with its count and abundance ("OraPicoProk 120 (240 /mL)"), and the
 * "unverified" mark beside a standard group name whose vocabulary entry is not confirmed against NVS — the mark
 * goes wherever the name is shown. A set shown under the standard name it maps to names itself on hover.
 */
import type { CustomCellRendererProps } from 'ag-grid-react';
import { Fragment } from 'react';
import type { SampleSummary } from '../../shared/model/sample.js';
import { formatCount } from '../format/format-values.js';
import { formatAbundance } from '../grid/group-text.js';
import { useT } from '../i18n/use-i18n.js';
import { GroupMark, useGroupStatus } from './group-name.js';
import './gating.css';

export function GroupsCell(props: CustomCellRendererProps<SampleSummary>) {
  const status = useGroupStatus();
  const t = useT();
  const groups = props.data?.groups ?? [];
  return (
    <span className="cc-groups-cell">
      {groups.map((g, i) => {
        const abundance = formatAbundance(g.abundancePerMl);
        const unverified = status(g.name) === 'unverified';
        return (
          <Fragment key={`${g.name}|${g.set}`}>
            {i > 0 && ' · '}
            {g.set !== g.name ? <span title={t('gating.groupOfSet', { set: g.set })}>{g.name}</span> : g.name}
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
