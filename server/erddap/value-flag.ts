import type { FlagScheme } from '../../shared/model/flag-schemes.js';
import { toL20 } from '../../shared/model/flag-schemes.js';

/**
 * The L20 flag published with one group's value, by the workstation's publication rule
 * (electron/publication/build-publication.ts): the value's own flag when it has one; else the computed flag, made
 * no better than the sample's flag; else the sample's flag; else `1`. A missing value is `9`.
 */
const severity: Record<string, number> = { '0': 0, '1': 1, '2': 2, '8': 2, '5': 2, '6': 2, '7': 3, '3': 3, A: 3, B: 2, Q: 3, '4': 4, '9': 5 };
const worse = (a: string, b: string) => ((severity[a] ?? 0) >= (severity[b] ?? 0) ? a : b);

export interface StoredFlag {
  scheme: string;
  code: string;
}

export function l20Of(flag: StoredFlag | null | undefined): string | null {
  if (!flag) return null;
  if (!['L20', 'SOMLIT', 'QARTOD'].includes(flag.scheme)) return null;
  return toL20({ scheme: flag.scheme as FlagScheme, code: flag.code });
}

export function publishedFlag(value: number | null, ownFlag: string | null, computedFlag: string | null, sampleFlag: string | null): string {
  if (value === null || !Number.isFinite(value)) return '9';
  if (ownFlag) return ownFlag;
  if (computedFlag) return sampleFlag ? worse(computedFlag, sampleFlag) : computedFlag;
  return sampleFlag ?? '1';
}
