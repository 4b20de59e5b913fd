/**
 * Display formats for sample values. Times are always shown in UTC (instrument clocks and cruise logs are
 * UTC), never in the viewer's time zone, so two people looking at the same sample see the same time.
 */
import type { SampleSource } from '../../shared/model/sample.js';

/** "YYYY-MM-DD HH:mm:ss" in UTC; an unparseable value is shown as is, a missing one as an empty string. */
export function formatUtcTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  );
}

const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const volumeFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 2 });

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '' : integerFormat.format(value);
}

export function formatVolume(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '' : volumeFormat.format(value);
}

const sourceLabels: Record<SampleSource, string> = { cytosense: 'CytoSense', fcs: 'FCS' };

export function formatSource(source: SampleSource | null | undefined): string {
  return source ? (sourceLabels[source] ?? source) : '';
}
