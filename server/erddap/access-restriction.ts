/**
 * Which NVS L08 access restrictions allow a dataset onto the public ERDDAP: `UN` (unrestricted) and `LS`
 * (SeaDataNet licence, open access). Every other code — `RS` by negotiation, `MO` moratorium, `NA` no access,
 * `UK` unknown, licences and charges — and a missing one keep the data off it. The code may be given bare (`LS`)
 * or as an NVS URN (`SDN:L08::LS`).
 */
export const PUBLIC_L08 = ['UN', 'LS'] as const;

export function l08Code(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const v = value.trim().replace(/^SDN:L08::/i, '');
  return v === '' ? null : v.toUpperCase();
}

export function isPublicAccess(value: string | null | undefined): boolean {
  const code = l08Code(value);
  return code !== null && (PUBLIC_L08 as readonly string[]).includes(code);
}
