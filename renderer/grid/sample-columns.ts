/**
 * Columns of the sample list. A column's colId equals the SampleSummary field it shows, and only the
 * fields the service can sort on (sampleSortFields, backed by indexed SQL columns) are sortable, because
 * sorting happens on the server, page by page.
 */
import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import { sampleSortFields } from '../../shared/model/sample.js';
import type { SampleSortField, SampleSummary } from '../../shared/model/sample.js';
import { formatCount, formatSource, formatUtcTime, formatVolume } from '../format/format-values.js';

export type SampleColDef = ColDef<SampleSummary>;

export function isSampleSortField(colId: string): colId is SampleSortField {
  return (sampleSortFields as readonly string[]).includes(colId);
}

function column(field: keyof SampleSummary & string, headerName: string, extra: Partial<SampleColDef> = {}): SampleColDef {
  return { colId: field, field, headerName, sortable: isSampleSortField(field), ...extra };
}

type Formatter<V> = (params: ValueFormatterParams<SampleSummary, V>) => string;
const numeric = (format: (v: number | null | undefined) => string): Formatter<number | null> => (p) => format(p.value);

export function sampleColumns(): SampleColDef[] {
  return [
    column('startedAt', 'Time (UTC)', {
      width: 168,
      valueFormatter: (p: ValueFormatterParams<SampleSummary, string | null>) => formatUtcTime(p.value),
      cellClass: 'cc-mono',
    }),
    column('name', 'Name', { width: 250, tooltipField: 'name' }),
    column('deployment', 'Deployment', { width: 200, tooltipField: 'deployment' }),
    column('station', 'Station', { width: 100, tooltipField: 'station' }),
    column('source', 'Source', {
      width: 90,
      valueFormatter: (p: ValueFormatterParams<SampleSummary, SampleSummary['source']>) => formatSource(p.value),
    }),
    column('volumeMicrolitres', 'Volume (µL)', { width: 112, type: 'rightAligned', valueFormatter: numeric(formatVolume) }),
    column('eventCount', 'Events', { width: 90, type: 'rightAligned', valueFormatter: numeric(formatCount) }),
    column('imageCount', 'Images', { width: 80, type: 'rightAligned', valueFormatter: numeric(formatCount) }),
    column('instrument', 'Instrument', { width: 200, flex: 1, minWidth: 160, tooltipField: 'instrument' }),
  ];
}
