import type { FormatIssue } from '../format-issue.js';
import { fcsError } from './fcs-error.js';
import { FCS_HEADER_BYTES } from './fcs-header.js';
import { interpretFcsMetadata } from './fcs-metadata.js';
import { parseFcsTextSegment } from './fcs-text-segment.js';
import type { FcsTextEntry } from './fcs-text-segment.js';
import type { FcsAmplification, FcsByteRange, FcsDataSetHead, FcsDataType, FcsHeader, FcsParameter } from './fcs-types.js';
import { parseFcsInteger, parseFcsNumber } from './fcs-values.js';

/** Integer widths the decoder unpacks (FCS 2.0 also allowed bit-packed widths; none are known in use). */
const INTEGER_BITS = new Set([8, 16, 24, 32, 64]);

class Keywords {
  readonly record: Record<string, string> = {};
  private readonly byUpper = new Map<string, FcsTextEntry>();

  add(entry: FcsTextEntry, source: string, issues: FormatIssue[]): void {
    const upper = upperCase(entry.key);
    const previous = this.byUpper.get(upper);
    if (previous) {
      if (previous.value !== entry.value) {
        issues.push({
          offset: entry.offset,
          field: entry.key,
          message: `${entry.key} appears again in ${source} (${JSON.stringify(entry.value.slice(0, 60))}); the first value ${JSON.stringify(previous.value.slice(0, 60))} is kept`,
        });
      }
      return;
    }
    this.byUpper.set(upper, entry);
    // A keyword named __proto__ must stay data, not replace the record's prototype.
    if (entry.key === '__proto__') Object.defineProperty(this.record, entry.key, { value: entry.value, enumerable: true, writable: true, configurable: true });
    else this.record[entry.key] = entry.value;
  }

  get(name: string): string | undefined {
    return this.byUpper.get(upperCase(name))?.value;
  }
}

/** Most keywords are upper case already; skipping toUpperCase for them saves a string per keyword. */
function upperCase(key: string): string {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || c > 0x7f) return key.toUpperCase();
  }
  return key;
}

function rangeText(r: FcsByteRange, base: number): string {
  return `${r.start - base}–${r.end - 1 - base}`;
}

/**
 * Interprets one data set's TEXT: keywords, parameters, data layout and where DATA is. Pass the TEXT bytes
 * (`header.text`) and the file size. Supplementary TEXT: pass a function that returns the bytes of a range when
 * they are at hand (whole file in memory); a stream reader calls once without, and when the result names
 * `segments.supplementaryText`, reads those bytes and calls again with them to add their keywords.
 * Throws only when the TEXT is not keyword text at all; anything that keeps DATA from being decoded is in
 * `dataError`, the rest in `issues`.
 */
export function readFcsDataSetHead(
  header: FcsHeader,
  text: Uint8Array,
  fileSize: number,
  supplementaryText?: Uint8Array | ((range: FcsByteRange) => Uint8Array),
): FcsDataSetHead {
  const issues: FormatIssue[] = [...header.issues];
  const base = header.offset;
  const d = text[0];
  if (d === undefined || d === 0x24 || d === 0x20 || d === 0x00 || d >= 0x7f) {
    const found = d === undefined ? 'nothing' : `byte 0x${d.toString(16).padStart(2, '0').toUpperCase()}`;
    throw fcsError(`not a readable FCS TEXT segment: it must start with a delimiter character, found ${found} at byte ${header.text.start}`);
  }
  const utf8Required = header.version === 'FCS3.1';
  const primary = parseFcsTextSegment(text, header.text.start, 'TEXT', utf8Required);
  issues.push(...primary.issues);
  const kw = new Keywords();
  for (const e of primary.entries) kw.add(e, 'TEXT', issues);

  // Supplementary TEXT ($BEGINSTEXT/$ENDSTEXT, 3.0+): more keywords in the same delimiter syntax.
  let stext: FcsByteRange | null = null;
  const sb = parseFcsInteger(kw.get('$BEGINSTEXT'));
  const se = parseFcsInteger(kw.get('$ENDSTEXT'));
  if (sb !== null && se !== null && !(sb === 0 && se === 0)) {
    const r = { start: base + sb, end: base + se + 1 };
    if (se < sb) issues.push({ field: '$BEGINSTEXT', message: `supplementary TEXT ${sb}–${se} ends before it begins; ignored` });
    else if (r.end > fileSize) issues.push({ field: '$ENDSTEXT', message: `supplementary TEXT ends at byte ${r.end - 1} but the file has ${fileSize} bytes; ignored` });
    else if (r.start === header.text.start && r.end === header.text.end) stext = null; // Accuri writes the primary TEXT again
    else stext = r;
  }
  const stextBytes = stext && supplementaryText ? (typeof supplementaryText === 'function' ? supplementaryText(stext) : supplementaryText) : undefined;
  if (stext && stextBytes) {
    if (stextBytes[0] !== d) {
      issues.push({
        offset: stext.start,
        field: '$BEGINSTEXT',
        message: `supplementary TEXT ${rangeText(stext, base)} does not start with the TEXT delimiter, so it is not keyword text (some instruments store a binary blob there); ignored`,
      });
    } else {
      const supp = parseFcsTextSegment(stextBytes, stext.start, 'supplementary TEXT', utf8Required);
      issues.push(...supp.issues);
      for (const e of supp.entries) kw.add(e, 'supplementary TEXT', issues);
    }
  }

  let dataError: string | null = null;
  const fail = (message: string) => {
    if (dataError === null) dataError = message;
  };

  // $MODE: only list mode exists in practice; histogram modes were deprecated in 3.1.
  const mode = kw.get('$MODE')?.toUpperCase();
  if (mode === undefined || mode === '') issues.push({ field: '$MODE', message: '$MODE missing; read as L (list mode)' });
  else if (mode !== 'L') fail(`$MODE=${mode} is not supported: only list mode (L) data can be read`);

  let dataType: FcsDataType | null = null;
  const dt = kw.get('$DATATYPE')?.toUpperCase();
  if (dt === undefined || dt === '') fail('$DATATYPE missing');
  else if (dt === 'I' || dt === 'F' || dt === 'D') dataType = dt;
  else if (dt === 'A') fail('$DATATYPE=A (ASCII values) is not supported: only I, F and D');
  else fail(`$DATATYPE=${dt} is not a known data type (I, F, D or A)`);

  // Parameters.
  const parameters: FcsParameter[] = [];
  const parRaw = kw.get('$PAR');
  const par = parseFcsInteger(parRaw);
  if (parRaw === undefined || parRaw === '') fail('$PAR missing: the number of parameters is unknown');
  else if (par === null || par < 0) fail(`$PAR=${JSON.stringify(parRaw)} is not a number of parameters`);
  else if (par === 0) fail('$PAR=0: the data set has no parameters');
  else {
    for (let n = 1; n <= par; n++) parameters.push(readParameter(n, kw, dataType, issues, fail));
    const seen = new Map<string, number>();
    for (const p of parameters) {
      const first = seen.get(p.name);
      if (first === undefined) seen.set(p.name, p.index);
      else issues.push({ field: `$P${p.index}N`, message: `parameter name ${JSON.stringify(p.name)} is used by $P${first}N and $P${p.index}N` });
    }
  }

  // Byte order: all widths share it; 8-bit-only data does not need it.
  let byteOrder: 'little' | 'big' | null = null;
  const bo = (kw.get('$BYTEORD') ?? '').replace(/\s+/g, '');
  if (bo === '1,2,3,4' || bo === '1,2' || bo === '1,2,3,4,5,6,7,8') byteOrder = 'little';
  else if (bo === '4,3,2,1' || bo === '2,1' || bo === '8,7,6,5,4,3,2,1') byteOrder = 'big';
  else if (bo === '') {
    if (parameters.some((p) => p.bits > 8) || dataType !== 'I') fail('$BYTEORD missing');
  } else fail(`$BYTEORD=${bo} is not supported: only 1,2,3,4 (little-endian) and 4,3,2,1 (big-endian)`);

  const bytesPerEvent = dataError === null ? parameters.reduce((s, p) => s + p.bits / 8, 0) : 0;

  const metadata = interpretFcsMetadata((name) => kw.get(name), issues);
  const totRaw = kw.get('$TOT');
  const tot = metadata.totalEvents;
  if (totRaw !== undefined && totRaw !== '' && tot === null) issues.push({ field: '$TOT', message: `$TOT=${JSON.stringify(totRaw)} is not a number of events; ignored` });

  // DATA location.
  let events = tot ?? 0;
  let data: FcsByteRange | null = null;
  if (dataError === null) {
    const located = locateData(header, kw, bytesPerEvent, tot, fileSize, issues);
    if (located.error !== null) fail(located.error);
    else {
      data = located.range;
      events = located.events;
    }
  }

  // $NEXTDATA is relative to this data set's HEADER; 0 ends the chain.
  let nextDataSet: number | null = null;
  const ndRaw = kw.get('$NEXTDATA');
  const nd = parseFcsInteger(ndRaw);
  if (ndRaw !== undefined && ndRaw !== '' && nd === null) issues.push({ field: '$NEXTDATA', message: `$NEXTDATA=${JSON.stringify(ndRaw)} is not a byte offset; no further data sets read` });
  else if (nd !== null && nd !== 0) {
    if (nd < 0 || base + nd + FCS_HEADER_BYTES > fileSize) {
      issues.push({ field: '$NEXTDATA', message: `$NEXTDATA=${nd} points to byte ${base + nd}, past the end of the file (${fileSize} bytes); no further data sets read` });
    } else nextDataSet = base + nd;
  }

  return {
    version: header.version,
    offset: base,
    keywords: kw.record,
    parameters,
    events,
    metadata,
    dataType,
    byteOrder,
    bytesPerEvent,
    segments: { text: header.text, data, supplementaryText: stext, analysis: header.analysis },
    nextDataSet,
    dataError,
    issues,
  };
}

function readParameter(
  n: number,
  kw: Keywords,
  dataType: FcsDataType | null,
  issues: FormatIssue[],
  fail: (message: string) => void,
): FcsParameter {
  const key = (x: string) => `$P${n}${x}`;
  let name = kw.get(key('N')) ?? '';
  if (name === '') {
    name = `P${n}`;
    issues.push({ field: key('N'), message: `${key('N')} missing; parameter ${n} named ${name}` });
  }
  const labelRaw = kw.get(key('S'));
  const label = labelRaw === undefined || labelRaw === '' ? null : labelRaw;

  const rangeRaw = kw.get(key('R'));
  const range = parseFcsNumber(rangeRaw);
  if (rangeRaw === undefined) {
    if (dataType === 'I') issues.push({ field: key('R'), message: `${key('R')} missing; integer values of ${name} are not masked` });
  } else if (range === null) issues.push({ field: key('R'), message: `${key('R')}=${JSON.stringify(rangeRaw)} is not a number; ignored` });

  const bitsRaw = kw.get(key('B'));
  const written = parseFcsInteger(bitsRaw);
  let bits = 0;
  if (dataType === 'F' || dataType === 'D') {
    bits = dataType === 'F' ? 32 : 64;
    if (written !== bits) {
      const was = bitsRaw === undefined ? ' missing' : `=${bitsRaw}`;
      issues.push({ field: key('B'), message: `${key('B')}${was} for $DATATYPE=${dataType}; read as ${bits} bits` });
    }
  } else if (dataType === 'I') {
    if (bitsRaw === undefined || bitsRaw === '') fail(`${key('B')} missing: the width of ${name} is unknown`);
    else if (written === null || !INTEGER_BITS.has(written)) fail(`${key('B')}=${bitsRaw} is not supported: integers must be 8, 16, 24, 32 or 64 bits`);
    else bits = written;
  }

  let amplification: FcsAmplification | null = null;
  const eRaw = kw.get(key('E'));
  if (eRaw !== undefined && eRaw !== '') {
    const parts = eRaw.split(',');
    const f1 = parts.length === 2 ? parseFcsNumber(parts[0]) : null;
    const f2 = parts.length === 2 ? parseFcsNumber(parts[1]) : null;
    if (f1 === null || f2 === null) issues.push({ field: key('E'), message: `${key('E')}=${JSON.stringify(eRaw)} is not "decades,offset"; read as linear` });
    else if (f1 > 0) {
      amplification = { decades: f1, offset: f2 };
      if (dataType === 'F' || dataType === 'D') issues.push({ field: key('E'), message: `${key('E')}=${eRaw} (log) with floating-point data, where the standard requires 0,0` });
    }
  } else if (dataType === 'I') issues.push({ field: key('E'), message: `${key('E')} missing; read as linear (0,0)` });

  const gRaw = kw.get(key('G'));
  let gain: number | null = null;
  if (gRaw !== undefined && gRaw !== '') {
    gain = parseFcsNumber(gRaw);
    if (gain === null || gain === 0) {
      issues.push({ field: key('G'), message: `${key('G')}=${JSON.stringify(gRaw)} is not a usable gain; ignored` });
      gain = null;
    }
  }
  return { index: n, name, label, range, bits, amplification, gain };
}

interface Located {
  range: FcsByteRange | null;
  events: number;
  error: string | null;
}

/**
 * HEADER and $BEGINDATA/$ENDDATA may disagree (flowio's discrepancy examples). Take the pair whose length is
 * exactly $TOT × bytes per event and that fits in the file, preferring TEXT (authoritative since 3.0); say so.
 */
function locateData(header: FcsHeader, kw: Keywords, bpe: number, tot: number | null, fileSize: number, issues: FormatIssue[]): Located {
  const base = header.offset;
  const tb = parseFcsInteger(kw.get('$BEGINDATA'));
  const te = parseFcsInteger(kw.get('$ENDDATA'));
  const fromText: FcsByteRange | null = tb !== null && te !== null && !(tb === 0 && te === 0) ? { start: base + tb, end: base + te + 1 } : null;
  const fromHeader = header.data;
  const written = (r: FcsByteRange) => rangeText(r, base);

  if (fromText === null && header.version !== 'FCS2.0' && fromHeader !== null && (kw.get('$BEGINDATA') === undefined || kw.get('$ENDDATA') === undefined)) {
    issues.push({ field: '$BEGINDATA', message: '$BEGINDATA/$ENDDATA missing (required since FCS 3.0); using the HEADER DATA offsets' });
  }
  if (tot === 0) return { range: { start: (fromText ?? fromHeader)?.start ?? 0, end: (fromText ?? fromHeader)?.start ?? 0 }, events: 0, error: null };
  if (fromText === null && fromHeader === null) {
    return { range: null, events: 0, error: 'DATA segment not located: the HEADER DATA offsets are 0 and $BEGINDATA/$ENDDATA are missing' };
  }

  const candidates: { r: FcsByteRange; source: string }[] = [];
  const add = (r: FcsByteRange | null, source: string) => {
    if (r && r.end >= r.start && !candidates.some((c) => c.r.start === r.start && c.r.end === r.end)) candidates.push({ r, source });
  };
  const textFirst = header.version !== 'FCS2.0';
  add(textFirst ? fromText : fromHeader, textFirst ? '$BEGINDATA/$ENDDATA' : 'HEADER');
  add(textFirst ? fromHeader : fromText, textFirst ? 'HEADER' : '$BEGINDATA/$ENDDATA');
  if (fromText && fromHeader) {
    add({ start: fromText.start, end: fromHeader.end }, '$BEGINDATA and the HEADER DATA end');
    add({ start: fromHeader.start, end: fromText.end }, 'the HEADER DATA begin and $ENDDATA');
  }
  const disagree = fromText !== null && fromHeader !== null && (fromText.start !== fromHeader.start || fromText.end !== fromHeader.end);
  const both = disagree && fromText && fromHeader ? `HEADER says DATA is ${written(fromHeader)}, $BEGINDATA/$ENDDATA say ${written(fromText)}` : '';
  const primary = candidates[0];
  if (primary === undefined) return { range: null, events: 0, error: 'DATA segment not located: its offsets end before they begin' };
  const truncated = (end: number) => `DATA segment ends at byte ${end - 1} but the file has ${fileSize} bytes (truncated file)`;

  if (tot === null) {
    const r = primary.r;
    if (r.end > fileSize) return { range: null, events: 0, error: truncated(r.end) };
    const len = r.end - r.start;
    const events = Math.floor(len / bpe);
    const required = header.version === 'FCS2.0' ? '' : ' (required since FCS 3.0)';
    issues.push({ field: '$TOT', message: `$TOT absent${required}: ${events} events derived from the DATA length (${len} bytes / ${bpe} bytes per event)` });
    if (len % bpe !== 0) issues.push({ field: '$TOT', message: `DATA length ${len} is not a multiple of ${bpe} bytes per event; the last ${len % bpe} bytes are ignored` });
    if (disagree) issues.push({ field: '$BEGINDATA', message: `${both}; using ${primary.source} (${written(r)})` });
    return { range: { start: r.start, end: r.start + events * bpe }, events, error: null };
  }

  const need = tot * bpe;
  const fits = (r: FcsByteRange) => r.end <= fileSize;
  const exact = candidates.find((c) => c.r.end - c.r.start === need && fits(c.r));
  if (exact) {
    if (disagree) {
      issues.push({
        field: '$BEGINDATA',
        message: `${both}; using ${exact.source} (${written(exact.r)}), which holds $TOT × ${bpe} bytes = ${need} bytes within the file (${fileSize} bytes)`,
      });
    }
    return { range: exact.r, events: tot, error: null };
  }
  const oneOver = candidates.find((c) => c.r.end - c.r.start === need + 1 && fits(c.r));
  if (oneOver) {
    issues.push({
      field: '$ENDDATA',
      message: `${both ? `${both}; ` : ''}DATA ${written(oneOver.r)} (from ${oneOver.source}) is one byte longer than $TOT × ${bpe} bytes = ${need}; the last byte is ignored`,
    });
    return { range: { start: oneOver.r.start, end: oneOver.r.start + need }, events: tot, error: null };
  }
  const r = primary.r;
  if (r.end > fileSize) return { range: null, events: 0, error: truncated(r.end) };
  if (r.start + need > fileSize) {
    return {
      range: null,
      events: 0,
      error: `DATA segment (${written(r)}) is shorter than $TOT=${tot} × ${bpe} bytes = ${need} bytes, and the file (${fileSize} bytes) ends before that: truncated file or wrong $TOT`,
    };
  }
  issues.push({
    field: '$TOT',
    message: `${both ? `${both}; ` : ''}DATA ${written(r)} (from ${primary.source}) holds ${r.end - r.start} bytes but $TOT=${tot} × ${bpe} bytes = ${need}; reading ${tot} events from byte ${r.start - base}`,
  });
  return { range: { start: r.start, end: r.start + need }, events: tot, error: null };
}
