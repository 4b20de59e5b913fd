/** Numbers of the gating views in words: counts with their percentage, abundances, overrides, volumes. */
import type { AbundanceRecord } from '../../shared/api/gating-contract.js';
import { formatCount, formatVolume } from '../format/format-values.js';

/** "12.3 %" (one decimal; two significant digits below 1 %, "0 %" for none). */
export function formatPercent(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '';
  if (percent === 0) return '0 %';
  const abs = Math.abs(percent);
  const text = abs < 1 ? percent.toPrecision(2) : percent.toFixed(1);
  return `${Number(text)} %`;
}

/** "1,234 (12.3 %)". */
export function countWithPercent(events: number, percent: number): string {
  const p = formatPercent(percent);
  return p ? `${formatCount(events)} (${p})` : formatCount(events);
}

/** Cells per mL: whole numbers from 100 up, three significant digits below; empty when unknown. */
export function formatPerMl(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  if (Math.abs(value) >= 100) return formatCount(Math.round(value));
  return String(Number(value.toPrecision(3)));
}

/** "Gate A (revision 2), Gate B (revision 1)" — gate names where known, ids otherwise. */
export function overridesText(overrides: Readonly<Record<string, number>>, gateName: (id: string) => string | undefined, revision: (n: number) => string): string {
  return Object.entries(overrides)
    .map(([id, n]) => `${gateName(id) ?? id} (${revision(n)})`)
    .join(', ');
}

/** "500.0 µL · fcs-vol · ×2" — volume, method and dilution when it is not 1. */
export function volumeText(record: Pick<AbundanceRecord, 'volume_uL' | 'volumeMethod' | 'dilutionFactor'>, methodName: (method: string) => string): string {
  const parts: string[] = [];
  if (record.volume_uL !== null && Number.isFinite(record.volume_uL)) parts.push(`${formatVolume(record.volume_uL)} µL`);
  if (record.volumeMethod) parts.push(methodName(record.volumeMethod));
  if (record.dilutionFactor !== 1) parts.push(`×${record.dilutionFactor}`);
  return parts.join(' · ');
}
