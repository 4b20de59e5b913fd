/** FCS values are text, often space- or zero-padded ('   1229736', '000000008192'). */
export function parseFcsInteger(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const s = raw.trim();
  if (!/^[+-]?\d+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

export function parseFcsNumber(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const s = raw.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/**
 * Case-insensitive keyword lookup (FCS keywords are case-insensitive; `keywords` keeps the written case).
 */
export function fcsKeyword(keywords: Record<string, string>, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(keywords, name)) return keywords[name];
  const upper = name.toUpperCase();
  for (const key of Object.keys(keywords)) if (key.toUpperCase() === upper) return keywords[key];
  return undefined;
}
