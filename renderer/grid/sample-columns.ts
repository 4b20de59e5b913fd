/**
 * Columns of the sample list. A column's colId equals the SampleSummary field it shows, and only the
 * fields the service can sort on (sampleSortFields, backed by indexed SQL columns) are sortable, because
 * sorting happens on the server, page by page.
 */
import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import { sampleSortFields } from '../../shared/model/sample.js';
import type { SampleSortField, SampleSummary } from '../../shared/model/sample.js';
import { FlagCell, ReviewCell } from '../components/review/grid-cells.js';
import { GroupsCell } from '../gating/groups-cell.js';
import { formatCount, formatSource, formatUtcTime, formatVolume } from '../format/format-values.js';
import type { MessageKey } from '../i18n/en.js';
import { englishT } from '../i18n/translate.js';
import { groupsText } from './group-text.js';

export type SampleColDef = ColDef<SampleSummary>;

export function isSampleSortField(colId: string): colId is SampleSortField {
  return (sampleSortFields as readonly string[]).includes(colId);
}

/** Header names come from the message catalogue through a getter, so a language switch only refreshes the header. */
export type HeaderText = (key: MessageKey) => string;

type ColumnField = keyof SampleSummary & string;

type Formatter<V> = (params: ValueFormatterParams<SampleSummary, V>) => string;
const numeric = (format: (v: number | null | undefined) => string): Formatter<number | null> => (p) => format(p.value);

export function sampleColumns(header: HeaderText = englishT): SampleColDef[] {
  const column = (field: ColumnField, extra: Partial<SampleColDef> = {}): SampleColDef => {
    const key = `col.${field}` as MessageKey;
    return { colId: field, field, headerName: header(key), headerValueGetter: () => header(key), sortable: isSampleSortField(field), ...extra };
  };
  return [
    column('startedAt', {
      width: 168,
      valueFormatter: (p: ValueFormatterParams<SampleSummary, string | null>) => formatUtcTime(p.value),
      cellClass: 'cc-mono',
    }),
    column('name', { width: 250, tooltipField: 'name' }),
    column('flag', {
      width: 104,
      cellRenderer: FlagCell, // the chip's title names the flag
      headerTooltip: header('col.flagTooltip'),
    }),
    column('reviewState', { width: 140, cellRenderer: ReviewCell }),
    column('reviewer', { width: 130, tooltipField: 'reviewer' }),
    column('comment', { width: 200, tooltipField: 'comment' }),
    column('deployment', { width: 200, tooltipField: 'deployment' }),
    column('station', { width: 100, tooltipField: 'station' }),
    column('source', {
      width: 90,
      valueFormatter: (p: ValueFormatterParams<SampleSummary, SampleSummary['source']>) => formatSource(p.value),
    }),
    column('volumeMicrolitres', { width: 112, type: 'rightAligned', valueFormatter: numeric(formatVolume) }),
    column('eventCount', { width: 90, type: 'rightAligned', valueFormatter: numeric(formatCount) }),
    column('imageCount', { width: 80, type: 'rightAligned', valueFormatter: numeric(formatCount) }),
    column('groups', {
      width: 260,
      sortable: false,
      cellDataType: false,
      valueFormatter: (p: ValueFormatterParams<SampleSummary, SampleSummary['groups']>) => groupsText(p.value),
      // Standard names not confirmed against NVS carry their "unverified" mark here too
      cellRenderer: GroupsCell,
      tooltipValueGetter: (p) => groupsText(p.data?.groups, '\n'),
    }),
    column('instrument', { width: 200, flex: 1, minWidth: 160, tooltipField: 'instrument' }),
  ];
}
