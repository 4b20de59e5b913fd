/**
 * Writes small FCS files for tests: every data type, byte order, delimiter, escaping, several data sets chained
 * by $NEXTDATA, and deliberate damage through `override` (replace or drop any keyword) and the HEADER options.
 * Deliberately separate from the reader (no shared code) so a round trip tests something.
 */

export interface TestFcsParameter {
  name: string;
  /** $PnB; for F/D it defaults to 32/64. */
  bits?: number;
  range?: number;
  label?: string;
  /** $PnE, default "0,0". */
  amplification?: string;
  gain?: string;
}

export interface TestFcsDataSet {
  version?: 'FCS2.0' | 'FCS3.0' | 'FCS3.1';
  dataType: 'I' | 'F' | 'D';
  /** Default little. */
  byteOrder?: 'little' | 'big';
  /** Written $BYTEORD; default 1,2,3,4 / 4,3,2,1. */
  byteOrderKeyword?: string;
  /** One character (default '/'). */
  delimiter?: string;
  parameters: TestFcsParameter[];
  /** Event-major values, written as stored (no masking, so tests can set high bits). */
  events: number[][];
  /** Extra keywords, in order, after the standard ones. */
  keywords?: [string, string][];
  /** Replace (string) or drop (null) any keyword after the standard ones are computed. */
  override?: Record<string, string | null>;
  /** HEADER DATA offsets: 'zero' writes 0/0 (as for files over 99,999,999 bytes); or explicit values. */
  headerData?: 'zero' | { begin: number; end: number };
  /** Spaces written after the last delimiter inside the TEXT segment. */
  textPadding?: number;
  /** Bytes appended after DATA (e.g. an 8-character CRC). */
  trailer?: string;
  /** Supplementary TEXT keywords, written after DATA and pointed to by $BEGINSTEXT/$ENDSTEXT. */
  supplementary?: [string, string][];
}

const encoder = new TextEncoder();

function widthOf(set: TestFcsDataSet, p: TestFcsParameter): number {
  if (set.dataType === 'F') return p.bits ?? 32;
  if (set.dataType === 'D') return p.bits ?? 64;
  return p.bits ?? 16;
}

function dataBytes(set: TestFcsDataSet): Uint8Array {
  const le = (set.byteOrder ?? 'little') === 'little';
  const bpe = set.parameters.reduce((s, p) => s + widthOf(set, p) / 8, 0);
  const out = new Uint8Array(bpe * set.events.length);
  const dv = new DataView(out.buffer);
  let o = 0;
  for (const ev of set.events) {
    set.parameters.forEach((p, i) => {
      const v = ev[i] ?? 0;
      const w = widthOf(set, p);
      if (set.dataType === 'F') dv.setFloat32(o, v, le);
      else if (set.dataType === 'D') dv.setFloat64(o, v, le);
      else {
        // Integers byte by byte, least significant first, then reversed for big-endian.
        const bytes: number[] = [];
        let x = v;
        for (let b = 0; b < w / 8; b++) {
          bytes.push(x % 256);
          x = Math.floor(x / 256);
        }
        if (!le) bytes.reverse();
        bytes.forEach((b, k) => (out[o + k] = b));
      }
      o += w / 8;
    });
  }
  return out;
}

function textBytes(pairs: [string, string][], delimiter: string, padding: number): Uint8Array {
  const esc = (s: string) => s.split(delimiter).join(delimiter + delimiter);
  let t = delimiter;
  for (const [k, v] of pairs) t += `${esc(k)}${delimiter}${esc(v)}${delimiter}`;
  return encoder.encode(t + ' '.repeat(padding));
}

function headerField(n: number): string {
  return String(n).padStart(8, ' ');
}

function oneDataSet(set: TestFcsDataSet, last: boolean): Uint8Array {
  const version = set.version ?? 'FCS3.1';
  const d = set.delimiter ?? '/';
  const data = dataBytes(set);
  const le = (set.byteOrder ?? 'little') === 'little';
  const order = set.byteOrderKeyword ?? (le ? '1,2,3,4' : '4,3,2,1');
  const trailer = encoder.encode(set.trailer ?? '');
  // Offsets live inside TEXT, so TEXT's length depends on them: iterate until it stops changing.
  let textLength = 0;
  for (let pass = 0; pass < 10; pass++) {
    const textBegin = 58;
    const textEnd = textBegin + textLength - 1;
    const dataBegin = textEnd + 1;
    const dataEnd = dataBegin + data.length - 1;
    const supp = set.supplementary ? textBytes(set.supplementary, d, 0) : null;
    const stextBegin = supp ? dataEnd + 1 + trailer.length : 0;
    const stextEnd = supp ? stextBegin + supp.length - 1 : 0;
    const total = dataEnd + 1 + trailer.length + (supp ? supp.length : 0);
    const pairs: [string, string][] = [];
    if (version !== 'FCS2.0') {
      pairs.push(['$BEGINANALYSIS', '0'], ['$ENDANALYSIS', '0'], ['$BEGINSTEXT', String(stextBegin)], ['$ENDSTEXT', String(stextEnd)]);
      pairs.push(['$BEGINDATA', String(dataBegin)], ['$ENDDATA', String(dataEnd)]);
    }
    pairs.push(['$BYTEORD', order], ['$DATATYPE', set.dataType], ['$MODE', 'L'], ['$NEXTDATA', last ? '0' : String(total)]);
    pairs.push(['$PAR', String(set.parameters.length)], ['$TOT', String(set.events.length)]);
    set.parameters.forEach((p, i) => {
      const n = i + 1;
      pairs.push([`$P${n}N`, p.name], [`$P${n}B`, String(widthOf(set, p))], [`$P${n}E`, p.amplification ?? '0,0'], [`$P${n}R`, String(p.range ?? 1024)]);
      if (p.label !== undefined) pairs.push([`$P${n}S`, p.label]);
      if (p.gain !== undefined) pairs.push([`$P${n}G`, p.gain]);
    });
    pairs.push(...(set.keywords ?? []));
    const final: [string, string][] = [];
    for (const [k, v] of pairs) {
      if (set.override && Object.prototype.hasOwnProperty.call(set.override, k)) {
        const o = set.override[k];
        if (o !== null && o !== undefined) final.push([k, o]);
      } else final.push([k, v]);
    }
    for (const [k, v] of Object.entries(set.override ?? {})) if (v !== null && !pairs.some(([pk]) => pk === k)) final.push([k, v]);
    const text = textBytes(final, d, set.textPadding ?? 0);
    if (text.length !== textLength) {
      textLength = text.length;
      continue;
    }
    const big = (n: number) => (n > 99_999_999 ? 0 : n);
    let hdBegin = big(dataBegin);
    let hdEnd = big(dataEnd);
    if (set.headerData === 'zero') hdBegin = hdEnd = 0;
    else if (set.headerData) ({ begin: hdBegin, end: hdEnd } = set.headerData);
    const header = `${version}    ${headerField(textBegin)}${headerField(textEnd)}${headerField(hdBegin)}${headerField(hdEnd)}${headerField(0)}${headerField(0)}`;
    const out = new Uint8Array(total);
    out.set(encoder.encode(header), 0);
    out.set(text, textBegin);
    out.set(data, dataBegin);
    out.set(trailer, dataEnd + 1);
    if (supp) out.set(supp, stextBegin);
    return out;
  }
  throw new Error('TEXT length did not settle');
}

/** One FCS file holding the data sets in order, chained by $NEXTDATA. */
export function writeTestFcs(...sets: TestFcsDataSet[]): Uint8Array {
  const parts = sets.map((s, i) => oneDataSet(s, i === sets.length - 1));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const HEADER_FIELDS = { textBegin: 10, textEnd: 18, dataBegin: 26, dataEnd: 34, analysisBegin: 42, analysisEnd: 50 } as const;

/** Rewrites one 8-character HEADER offset field in place (of the data set whose HEADER starts at `at`). */
export function setHeaderField(bytes: Uint8Array, field: keyof typeof HEADER_FIELDS, value: number | string, at = 0): Uint8Array {
  const text = String(value).padStart(8, ' ');
  if (text.length !== 8) throw new Error(`HEADER field value too long: ${text}`);
  bytes.set(encoder.encode(text), at + HEADER_FIELDS[field]);
  return bytes;
}

/** Replaces the first occurrence of `find` (ASCII/UTF-8) with bytes of the same length. */
export function patchBytes(bytes: Uint8Array, find: string, replacement: number[]): Uint8Array {
  const needle = encoder.encode(find);
  if (needle.length !== replacement.length) throw new Error('patchBytes keeps the length');
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    bytes.set(replacement, i);
    return bytes;
  }
  throw new Error(`patchBytes: ${find} not found`);
}
