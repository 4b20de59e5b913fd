/**
 * Text exports are UTF-8, usually with a BOM; files re-saved by Excel on French or Dutch PCs are Windows-1252.
 * Decode strictly as UTF-8 first and fall back to Windows-1252 only when the bytes are not valid UTF-8.
 */
export type TextEncoding = 'utf-8' | 'windows-1252';

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding; bom: boolean } {
  const bom = hasUtf8Bom(bytes);
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8', bom };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(body), encoding: 'windows-1252', bom };
  }
}

/** Splits on CRLF or LF (CytoClus writes CRLF; version control and NMEA logs give LF). */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
