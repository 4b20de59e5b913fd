/**
 * Text the ODV writer puts in a cell or a comment. SeaDataNet ODV is Latin-1 (D8.5 v0.8) while our strings end
 * up UTF-8-encoded, so the writer keeps to printable ASCII, which both encodings read the same: accents are
 * dropped (é → e), a few common signs get ASCII spellings (µ → u, ° → deg), anything else becomes `?`.
 * TAB, CR, LF and other control characters would break the column or line structure: they become a space.
 */

const spelled: Readonly<Record<string, string>> = {
  'µ': 'u',
  'μ': 'u',
  '°': 'deg',
  'ß': 'ss',
  'æ': 'ae',
  'Æ': 'AE',
  'œ': 'oe',
  'Œ': 'OE',
  'ø': 'o',
  'Ø': 'O',
  'ð': 'd',
  'Ð': 'D',
  'þ': 'th',
  'Þ': 'Th',
  'ł': 'l',
  'Ł': 'L',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '–': '-',
  '—': '-',
  '…': '...',
  '×': 'x',
  '±': '+/-',
  '²': '2',
  '³': '3',
  '\u00a0': ' ',
};

export function toOdvText(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFD')) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x20 && code < 0x7f) out += ch;
    else if (code < 0x20 || code === 0x7f) out += ' ';
    else if (code >= 0x300 && code <= 0x36f) continue; // combining accent left by NFD
    else out += spelled[ch.normalize('NFC')] ?? '?';
  }
  return out;
}

/** A column's local name: also no square brackets, which would be taken for the unit part of the label. */
export function toOdvName(text: string): string {
  return toOdvText(text).replace(/\[/g, '(').replace(/\]/g, ')').trim();
}
