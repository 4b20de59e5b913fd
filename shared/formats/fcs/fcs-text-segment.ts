import type { FormatIssue } from '../format-issue.js';

/** One keyword/value pair as written (key and value trimmed, original case kept). */
export interface FcsTextEntry {
  key: string;
  value: string;
  /** Absolute byte offset of the key in the file, for issues. */
  offset: number;
}

export interface FcsTextSegment {
  delimiter: number;
  entries: FcsTextEntry[];
  issues: FormatIssue[];
}

interface Token {
  /** Decoded, escapes resolved, not trimmed. */
  text: string;
  /** Byte offset of the token in the segment. */
  at: number;
  /** False when the bytes were not UTF-8 and were decoded as Windows-1252. */
  utf8: boolean;
}

interface Tokens {
  tokens: Token[];
  /** The segment ended right after a delimiter (as it must). */
  terminated: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
// WHATWG windows-1252 maps every byte to exactly one character, so string indices are byte offsets.
const windows1252 = new TextDecoder('windows-1252');
const NON_ASCII = /[\u0080-\uffff]/;

function isPadding(b: number): boolean {
  return b === 0x20 || b === 0x00 || b === 0x0a || b === 0x0d || b === 0x09;
}

/**
 * Splits the segment (first character = delimiter) into tokens. `text` holds one character per byte.
 * With `escapes`, a doubled delimiter is a literal delimiter (the FCS rule); without, every delimiter
 * separates, so a doubled one is an empty value. An odd run of delimiters holds a terminator plus escaped
 * pairs; where the terminator sits is ambiguous (`$FIL///data/` vs `KEY///`). Keywords never start or end with
 * a delimiter, values may (`$FIL` with a `/` delimiter): after a keyword the terminator comes first, after a
 * value it comes last.
 */
function tokenizeSegment(text: string, bytes: Uint8Array, ascii: boolean, escapes: boolean): Tokens {
  const d = text[0] as string;
  const code = text.charCodeAt(0);
  const dd = d + d;
  const end = text.length;
  const tokens: Token[] = [];
  const take = (from: number, to: number, escaped: boolean) => {
    let t = text.slice(from, to);
    let isUtf8 = true;
    // FCS 3.1 TEXT is UTF-8; older files are often Latin-1/Windows-1252. Decode UTF-8 first, then fall back.
    if (!ascii && NON_ASCII.test(t)) {
      try {
        t = utf8.decode(bytes.subarray(from, to));
      } catch {
        isUtf8 = false;
      }
    }
    // UTF-8 multi-byte sequences contain no ASCII bytes, so escapes can be resolved after decoding.
    tokens.push({ text: escaped ? t.replaceAll(dd, d) : t, at: from, utf8: isUtf8 });
  };
  let start = 1;
  let escaped = false;
  let i = text.indexOf(d, 1);
  while (i >= 0) {
    if (!escapes) {
      take(start, i, false);
      start = i + 1;
      i = text.indexOf(d, start);
      continue;
    }
    let j = i + 1;
    while (j < end && text.charCodeAt(j) === code) j++;
    const run = j - i;
    if (run % 2 === 0) {
      escaped = true;
    } else if (run > 1 && tokens.length % 2 === 0) {
      take(start, i, escaped);
      start = i + 1;
      escaped = true;
    } else {
      take(start, j - 1, escaped || run > 1);
      start = j;
      escaped = false;
    }
    i = text.indexOf(d, j);
  }
  const terminated = start >= end;
  if (!terminated) take(start, end, escaped);
  return { tokens, terminated };
}

function isTrimmed(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x00;
}

/** Values are padded with spaces (and keys sometimes preceded by a newline); a form feed can be the delimiter. */
function trim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isTrimmed(s.charCodeAt(a))) a++;
  while (b > a && isTrimmed(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

function clean(t: Tokens): boolean {
  return t.terminated && t.tokens.length % 2 === 0;
}

function describeDelimiter(d: number): string {
  return d >= 0x21 && d <= 0x7e ? `'${String.fromCharCode(d)}'` : `0x${d.toString(16).padStart(2, '0').toUpperCase()}`;
}

/**
 * Parses a TEXT (or supplementary TEXT) segment into keyword/value pairs. `offset` is the segment's absolute
 * position (for issues); `label` names it in messages; `utf8Required` is true for FCS 3.1.
 */
export function parseFcsTextSegment(seg: Uint8Array, offset: number, label: string, utf8Required: boolean): FcsTextSegment {
  const issues: FormatIssue[] = [];
  const d = seg[0];
  if (d === undefined) return { delimiter: 0, entries: [], issues: [{ offset, message: `${label} segment is empty` }] };

  // Writers pad the segment after the last delimiter (spaces up to the next block); that padding is not a value.
  let end = seg.length;
  if (!isPadding(d)) {
    let e = end;
    while (e > 1 && isPadding(seg[e - 1] ?? 0)) e--;
    if (seg[e - 1] === d) end = e;
  }

  const bytes = seg.subarray(0, end);
  const text = windows1252.decode(bytes);
  const ascii = !NON_ASCII.test(text);
  const tokenize = (escapes: boolean) => tokenizeSegment(text, bytes, ascii, escapes);

  let parsed = tokenize(true);
  if (!clean(parsed)) {
    // Some writers (FCS 2.0 era, e.g. CellQuest) write empty values as two delimiters, which the escaping rule
    // would read as one literal delimiter and shift every pair after it. Take that reading only when it yields
    // a well-formed segment and the strict reading does not.
    const emptyValues = tokenize(false);
    const keysNonEmpty = emptyValues.tokens.every((t, i) => i % 2 === 1 || t.text.length > 0);
    if (clean(emptyValues) && keysNonEmpty) {
      parsed = emptyValues;
      const emptyKeys: string[] = [];
      for (let i = 1; i < parsed.tokens.length; i += 2) {
        if (parsed.tokens[i]?.text.length === 0) emptyKeys.push(trim((parsed.tokens[i - 1] as Token).text));
      }
      const listed = emptyKeys.slice(0, 5).join(', ') + (emptyKeys.length > 5 ? ` and ${emptyKeys.length - 5} more` : '');
      issues.push({
        offset,
        message: `${label}: doubled delimiters read as empty values of ${listed} (empty values are not allowed by the FCS standard, where a doubled delimiter is an escaped one)`,
      });
    }
  }
  if (!parsed.terminated) {
    issues.push({
      offset: offset + seg.length - 1,
      message: `${label} segment does not end with its delimiter ${describeDelimiter(d)}; the last value was read up to the end of the segment`,
    });
  }

  const entries: FcsTextEntry[] = [];
  const { tokens } = parsed;
  let reportedEncoding = false;
  for (let i = 0; i + 1 < tokens.length; i += 2) {
    const k = tokens[i] as Token;
    const v = tokens[i + 1] as Token;
    const key = trim(k.text);
    if (key === '') {
      issues.push({ offset: offset + k.at, message: `${label}: empty keyword (value ${JSON.stringify(trim(v.text).slice(0, 40))}); skipped` });
      continue;
    }
    if (!v.utf8 && utf8Required && !reportedEncoding) {
      reportedEncoding = true;
      issues.push({ offset: offset + v.at, field: key, message: `value of ${key} is not valid UTF-8 (required by FCS 3.1); decoded as Windows-1252` });
    }
    entries.push({ key, value: trim(v.text), offset: offset + k.at });
  }
  if (tokens.length % 2 === 1) {
    const last = tokens[tokens.length - 1] as Token;
    const key = trim(last.text);
    issues.push({ offset: offset + last.at, field: key, message: `${label}: keyword ${JSON.stringify(key.slice(0, 40))} has no value; skipped` });
  }
  return { delimiter: d, entries, issues };
}
