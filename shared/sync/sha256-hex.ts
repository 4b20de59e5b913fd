/**
 * A SHA-256 as the protocol writes it: 64 lower-case hex digits. A loop rather than /^[0-9a-f]{64}$/: a sync
 * checks every image's hash several times (records, batch headers, answers), 100,000s of them, and the regular
 * expression cost a few tenths of a microsecond more each.
 */
export function isSha256Hex(s: unknown): s is string {
  if (typeof s !== 'string' || s.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

export const SHA256_HEX_MESSAGE = 'a SHA-256 in lower-case hex';
