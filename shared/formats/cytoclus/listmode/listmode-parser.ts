/**
 * Streaming parser for CytoClus listmode exports (`<sample>[_<Set>]_Listmode.csv`, formats-cytosense.md §3, §6).
 *
 * Files reach millions of particles (a 5 M-event sample is ~800 MB), so numbers are read straight from the
 * bytes in one tight loop per line — no strings, no split — and stored in Float32 column blocks. Any line the
 * fast path does not recognise (quotes, spaces, blank line, numbers with more than 15 digits or exponents
 * past 1e±22, errors) is re-read by a slow string-based path that accepts exactly the same numbers.
 *
 * Rules, chosen once here:
 * - Delimiter (`,` `;` tab) and decimal separator (`.` `,`) are detected from the header and the first data
 *   lines unless given. `.` is read as decimal point in either locale and `,` wherever it is not the
 *   delimiter (CytoClus writes no thousands separators); `decimalSeparator` reports what the file uses.
 * - CRLF or LF; UTF-8 with or without BOM (Windows-1252 fallback, which only matters for header names).
 * - A quoted field may hold the delimiter and `""`, but not a line break (a listmode is numbers and one-line
 *   names); a line with an unclosed quote is rejected.
 * - A line with the wrong number of fields, or whose Particle ID is not a non-negative integer, is rejected
 *   (an issue with its 1-based line number) and the rest is kept — columns are never shifted.
 * - A cell that is not a number becomes NaN plus an issue naming line and column: the particle is kept, so
 *   its images and pulses still join by Particle ID. `HH:mm:ss.fff` cells are read as seconds (arrival times).
 * - Blank lines are skipped. A last line without a line break is read. A header-only file has 0 rows.
 * - Throws CurationError('invalid-input') only when the bytes are not a listmode at all: empty file, no
 *   `Particle ID` column, binary data, no line break in the first MiB.
 */
import type { FormatIssue } from '../../format-issue.js';
import { decodeText } from '../../text/decode-text.js';
import { CurationError } from '../../../api/errors.js';
import type { DecimalSeparator, ListmodeDelimiter } from './listmode-cell.js';
import { parseNumberText, parseParticleIdText, parseTimeOfDay, splitDelimitedLine } from './listmode-cell.js';
import { particleIdHeaderKind, splitColumnName } from './listmode-column-name.js';
import { detectDecimalSeparator, detectDelimiter } from './listmode-dialect.js';
import type { ListmodeColumn, ListmodeTable } from './listmode-table.js';

export interface ListmodeParserOptions {
  /** Skip detection (e.g. taken from `Settings/Export settings.xml`, §3.1). */
  delimiter?: ListmodeDelimiter;
  decimalSeparator?: DecimalSeparator;
  /**
   * Size of the whole file, when known (fs.stat). The columns are then sized once from it and the first lines,
   * so a big file needs no copying at the end: peak memory ≈ 1.1× the result instead of ≈ 2×.
   */
  expectedBytes?: number;
}

export interface ListmodeParser {
  /** Feed the next bytes; chunks may split anywhere (inside a number, a CRLF, a UTF-8 sequence, a quote). */
  push(chunk: Uint8Array): void;
  finish(): ListmodeTable;
}

/** Longest line accepted; longer ones are rejected (data) or make the file unreadable (header). */
export const MAX_LINE_BYTES = 1 << 20;
/** Data lines looked at, with the header, to detect delimiter and decimal separator. */
const DETECT_LINES = 20;
const DETECT_BYTES = 64 * 1024;
const MAX_LISTED_ISSUES = 100;
// Blocks grow so a 800-particle file stays small and a 5 M-particle file does not reallocate.
const FIRST_BLOCK_ROWS = 1024;
const MAX_BLOCK_ROWS = 65536;
// With expectedBytes: room for 10 % more lines than the first lines' average length predicts; a column whose
// block is at most 1/8 empty is returned as a view on it instead of a copy.
const ESTIMATE_MARGIN = 1.1;
const MAX_VIEW_SLACK = 1 / 8;
// A wrong expectedBytes must not allocate gigabytes up front; past this, blocks of MAX_BLOCK_ROWS follow.
const MAX_ESTIMATED_ROWS = 1 << 25;
// 1e0…1e22 are exact doubles: digits (< 2^53) × or ÷ one of them is a single correctly rounded operation,
// so the result is exactly Number(text) (Clinger's fast path), hence the same float after Math.fround.
const POW10 = Float64Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const EMPTY_F32 = new Float32Array(0);
const utf8 = new TextDecoder('utf-8');

const BYTE: Record<string, number> = { ',': 44, ';': 59, '\t': 9, '.': 46 };

export function createListmodeParser(options: ListmodeParserOptions = {}): ListmodeParser {
  if (options.delimiter === ',' && options.decimalSeparator === ',') {
    throw new CurationError({ code: 'invalid-request', message: 'listmode: delimiter and decimal separator cannot both be ","' });
  }
  return new ListmodeStreamParser(options);
}

/** Whole file at once (small files, tests). */
export function parseListmode(bytes: Uint8Array, options: ListmodeParserOptions = {}): ListmodeTable {
  const parser = createListmodeParser({ expectedBytes: bytes.length, ...options });
  parser.push(bytes);
  return parser.finish();
}

function printable(text: string, max = 40): string {
  let clean = '';
  for (const ch of text.slice(0, max + 1)) clean += ch < ' ' || ch === '\u007f' || ch === '\uFFFD' ? '?' : ch;
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

function concatBlocks<T extends Uint32Array | Float32Array>(blocks: T[], rows: number, make: (n: number) => T): T {
  const only = blocks[0];
  if (blocks.length === 1 && only && only.length - rows <= only.length * MAX_VIEW_SLACK) {
    return (only.length === rows ? only : only.subarray(0, rows)) as T;
  }
  const out = make(rows);
  let at = 0;
  for (const block of blocks) {
    const n = Math.min(block.length, rows - at);
    out.set(n === block.length ? block : block.subarray(0, n), at);
    at += n;
  }
  return out;
}

class ListmodeStreamParser implements ListmodeParser {
  private readonly options: ListmodeParserOptions;
  private phase: 'header' | 'rows' | 'skip' | 'done' = 'header';
  private bytesSeen = 0;

  // Bytes of the line in progress (and, before the header is read, everything so far).
  private carry = new Uint8Array(4096);
  private carryLen = 0;
  // Header phase: line ends found so far and where the search stopped (so byte-by-byte pushes stay linear).
  private readonly lineSpans: Array<[number, number]> = [];
  private nonBlankLines = 0;
  private scanPos = 0;

  /** 1-based number of the next line to read. */
  private line = 1;

  // Dialect and layout, set when the header is read.
  private delimiter: ListmodeDelimiter = ',';
  private decimalSeparator: DecimalSeparator = '.';
  private delimiterByte = 44;
  private decimalByte = 46;
  /** `,` is a decimal separator wherever it is not the delimiter (`.` always is one). */
  private commaDecimalAllowed = false;
  private fieldCount = 0;
  private idField = 0;
  private trailingDelimiter = false;
  private bom = false;
  private lineEnding: ListmodeTable['lineEnding'] = 'none';
  private encoding: ListmodeTable['encoding'] = 'utf-8';
  private headers: string[] = [];
  private columns: ListmodeColumn[] = [];
  private timeFields: boolean[] = [];
  private scratch = new Float64Array(0);

  // Storage: full blocks plus the block being filled (`row` rows used). cols is indexed by field.
  private idBlocks: Uint32Array[] = [];
  private valueBlocks: Float32Array[][] = [];
  private ids = new Uint32Array(0);
  private cols: Float32Array[] = [];
  private row = 0;
  private firstBlockRows = FIRST_BLOCK_ROWS;
  private lastId = -1;
  private increasing = true;

  private readonly issues: FormatIssue[] = [];
  private unlisted = 0;
  private rejectedRows = 0;
  private nonNumericCells = 0;

  constructor(options: ListmodeParserOptions) {
    this.options = options;
  }

  push(chunk: Uint8Array): void {
    if (this.phase === 'done') throw new Error('listmode parser: push() after finish()');
    if (chunk.length === 0) return;
    this.bytesSeen += chunk.length;
    // Node hands out Buffers (a Uint8Array subclass): a plain view keeps the byte loop monomorphic (2× faster).
    let data = chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.phase === 'skip') {
      const nl = data.indexOf(10);
      if (nl < 0) return;
      this.line++;
      this.phase = 'rows';
      data = data.subarray(nl + 1);
    }
    if (this.phase === 'header') {
      // Read a first chunk in place (a whole file handed to parseListmode is not copied); buffer only what
      // is needed to see the header and a few lines.
      if (this.carryLen === 0) {
        if (!this.tryReadHeader(data, false)) this.appendCarry(data);
      } else {
        this.appendCarry(data);
        this.tryReadHeader(this.carry.subarray(0, this.carryLen), false);
      }
      return;
    }
    let start = 0;
    if (this.carryLen > 0) {
      // Complete the line begun in an earlier chunk, then read the rest of this chunk in place.
      const nl = data.indexOf(10);
      if (nl < 0) {
        if (this.carryLen + data.length > MAX_LINE_BYTES) {
          this.rejectLongLine();
          this.carryLen = 0;
          this.phase = 'skip';
        } else {
          this.appendCarry(data);
        }
        return;
      }
      if (this.carryLen + nl + 1 > MAX_LINE_BYTES) {
        this.rejectLongLine();
        this.line++;
      } else {
        this.appendCarry(data.subarray(0, nl + 1));
        this.scanRows(this.carry.subarray(0, this.carryLen), 0, false);
      }
      this.carryLen = 0;
      start = nl + 1;
    }
    const consumed = this.scanRows(data, start, false);
    const rest = data.length - consumed;
    if (rest > MAX_LINE_BYTES) {
      this.rejectLongLine();
      this.phase = 'skip';
    } else if (rest > 0) {
      this.appendCarry(data.subarray(consumed));
    }
  }

  finish(): ListmodeTable {
    if (this.phase === 'done') throw new Error('listmode parser: finish() called twice');
    if (this.phase === 'header') {
      if (this.bytesSeen === 0) throw new CurationError({ code: 'invalid-input', message: 'empty file: a listmode needs at least its header line' });
      this.tryReadHeader(this.carry.subarray(0, this.carryLen), true);
    }
    if (this.phase === 'rows' && this.carryLen > 0) {
      // The last line has no line break (truncated file or an editor's habit): read it anyway.
      this.scanRows(this.carry.subarray(0, this.carryLen), 0, true);
      this.carryLen = 0;
    }
    this.phase = 'done';
    return this.assemble();
  }

  // ---- fast path -------------------------------------------------------------------------------------------

  /**
   * Reads complete lines of buf from start; returns where the first incomplete line starts (buf.length when
   * none). At the end of the input (atEof) a last line without line break is read too.
   *
   * The fast loop only runs over lines that end in LF within buf, so it never reads past the end of the array
   * (out-of-bounds reads would make V8 compile every load in the loop for an `undefined` result).
   */
  private scanRows(buf: Uint8Array, start: number, atEof: boolean): number {
    const end = buf.length;
    // Lines up to the last LF are complete; a tail without LF is read (slowly) only at the end of the input.
    const complete = buf.lastIndexOf(10) + 1;
    const delim = this.delimiterByte;
    const decD = this.decimalByte - 48;
    const nF = this.fieldCount;
    const last = nF - 1;
    const idF = this.idField;
    const trailing = this.trailingDelimiter;
    let ids = this.ids;
    let cols = this.cols;
    let cap = ids.length;
    let r = this.row;
    let line = this.line;
    let lastId = this.lastId;
    let increasing = this.increasing;
    let p = start;

    while (p < complete) {
      if (r === cap) {
        this.row = r;
        this.nextBlock();
        ids = this.ids;
        cols = this.cols;
        cap = ids.length;
        r = 0;
      }
      const lineStart = p;
      let id = 0;
      let f = 0;
      let c = 0;
      for (; f < nF; f++) {
        c = buf[p] as number;
        if (f === idF) {
          let nd = 0;
          while (c >= 48 && c <= 57) {
            id = id * 10 + (c - 48);
            nd++;
            c = buf[++p] as number;
          }
          if (nd === 0 || nd > 10 || id > 0xffffffff) break;
        } else {
          let neg = false;
          if (c === 45) {
            neg = true;
            c = buf[++p] as number;
          } else if (c === 43) {
            c = buf[++p] as number;
          }
          // Digits are counted from positions rather than per digit (this loop is most of the parse time).
          let m = 0;
          const digitsStart = p;
          let d = c - 48;
          while (d >>> 0 < 10) {
            m = m * 10 + d;
            d = (buf[++p] as number) - 48;
          }
          let nd = p - digitsStart;
          let scale = 0;
          if (d === decD || d === -2 /* '.' in either locale */) {
            const fractionStart = ++p;
            d = (buf[p] as number) - 48;
            while (d >>> 0 < 10) {
              m = m * 10 + d;
              d = (buf[++p] as number) - 48;
            }
            scale = fractionStart - p;
            nd -= scale;
          }
          c = d + 48;
          if (nd === 0 || nd > 15) break;
          if (c === 69 || c === 101) {
            c = buf[++p] as number;
            let eneg = false;
            if (c === 45) {
              eneg = true;
              c = buf[++p] as number;
            } else if (c === 43) {
              c = buf[++p] as number;
            }
            let e = 0;
            let ne = 0;
            while (c >= 48 && c <= 57) {
              e = e * 10 + (c - 48);
              ne++;
              c = buf[++p] as number;
            }
            if (ne === 0 || ne > 3) break;
            scale += eneg ? -e : e;
          }
          let v: number;
          if (scale === 0) v = m;
          else if (scale > 0) {
            if (scale > 22) break;
            v = m * (POW10[scale] as number);
          } else {
            if (scale < -22) break;
            v = m / (POW10[-scale] as number);
          }
          (cols[f] as Float32Array)[r] = neg ? -v : v;
        }
        if (f < last) {
          if (c !== delim) break;
          p++;
        } else {
          if (c === delim && trailing) c = buf[++p] as number;
          if (c === 13) c = buf[++p] as number;
          if (c !== 10) break;
          p++;
        }
      }
      if (f === nF) {
        ids[r] = id;
        if (id <= lastId) increasing = false;
        lastId = id;
        r++;
        line++;
        continue;
      }

      // Slow path: the whole line, with strings.
      const nl = buf.indexOf(10, lineStart);
      this.row = r;
      this.line = line;
      this.lastId = lastId;
      this.increasing = increasing;
      this.commitSlowLine(buf.subarray(lineStart, nl));
      r = this.row;
      lastId = this.lastId;
      increasing = this.increasing;
      line++;
      p = nl + 1;
    }
    this.row = r;
    this.line = line;
    this.lastId = lastId;
    this.increasing = increasing;
    if (!atEof || p >= end) return p;
    // The last line of the input has no line break.
    if (this.row === this.ids.length) this.nextBlock();
    this.commitSlowLine(buf.subarray(p, end));
    this.line++;
    return end;
  }

  /** Reads a line with the slow path and stores it as the next row (if it is not rejected). */
  private commitSlowLine(bytes: Uint8Array): void {
    if (bytes.length > MAX_LINE_BYTES) {
      this.rejectLongLine();
      return;
    }
    const id = this.readLineSlowly(bytes, this.line);
    if (id < 0) return;
    const r = this.row;
    this.ids[r] = id;
    for (let f = 0; f < this.fieldCount; f++) if (f !== this.idField) (this.cols[f] as Float32Array)[r] = this.scratch[f] as number;
    if (id <= this.lastId) this.increasing = false;
    this.lastId = id;
    this.row = r + 1;
  }

  private nextBlock(): void {
    const used = this.ids.length;
    if (used > 0) {
      this.idBlocks.push(this.ids);
      for (let f = 0; f < this.fieldCount; f++) if (f !== this.idField) this.valueBlocks[f]?.push(this.cols[f] as Float32Array);
    }
    const size = used === 0 ? this.firstBlockRows : Math.min(used * 2, MAX_BLOCK_ROWS);
    this.ids = new Uint32Array(size);
    this.cols = Array.from({ length: this.fieldCount }, (_, f) => (f === this.idField ? EMPTY_F32 : new Float32Array(size)));
    this.row = 0;
  }

  // ---- slow path -------------------------------------------------------------------------------------------

  /** Reads one line (without its LF) into this.scratch; returns its Particle ID, or -1 if skipped/rejected. */
  private readLineSlowly(bytes: Uint8Array, line: number): number {
    let text = utf8.decode(bytes);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.trim() === '') return -1;
    const { fields, unclosedQuote } = splitDelimitedLine(text, this.delimiter);
    const nF = this.fieldCount;
    if (unclosedQuote) return this.reject({ line, message: 'unclosed quote' });
    if (this.trailingDelimiter && fields.length === nF + 1 && fields[nF]?.trim() === '') fields.pop();
    if (fields.length !== nF) return this.reject({ line, message: `${fields.length} fields, header has ${nF}` });
    const idText = fields[this.idField] ?? '';
    const id = parseParticleIdText(idText);
    const idHeader = this.headers[this.idField] ?? 'Particle ID';
    if (id === undefined) {
      return this.reject({ line, field: idHeader, message: `Particle ID '${printable(idText)}' is not a non-negative integer` });
    }
    for (let f = 0; f < nF; f++) {
      if (f === this.idField) continue;
      const cell = fields[f] ?? '';
      let v = parseNumberText(cell, this.commaDecimalAllowed ? ',' : '.');
      if (v === undefined) {
        v = parseTimeOfDay(cell);
        if (v !== undefined) this.timeFields[f] = true;
      }
      if (v === undefined) {
        v = Number.NaN;
        this.nonNumericCells++;
        const message = cell.trim() === '' ? 'empty cell' : `'${printable(cell)}' is not a number`;
        this.report({ line, field: this.headers[f] ?? `column ${f + 1}`, message });
      }
      this.scratch[f] = v;
    }
    return id;
  }

  private reject(issue: FormatIssue): -1 {
    this.rejectedRows++;
    this.report({ ...issue, message: `${issue.message}: line rejected` });
    return -1;
  }

  private rejectLongLine(): void {
    this.reject({ line: this.line, message: `line longer than ${MAX_LINE_BYTES} bytes` });
  }

  private report(issue: FormatIssue): void {
    if (this.issues.length < MAX_LISTED_ISSUES) this.issues.push(issue);
    else this.unlisted++;
  }

  // ---- header ----------------------------------------------------------------------------------------------

  private appendCarry(data: Uint8Array): void {
    const need = this.carryLen + data.length;
    if (need > this.carry.length) {
      const grown = new Uint8Array(Math.max(need, this.carry.length * 2));
      grown.set(this.carry.subarray(0, this.carryLen));
      this.carry = grown;
    }
    this.carry.set(data, this.carryLen);
    this.carryLen = need;
  }

  private notAListmode(message: string, line?: number): CurationError {
    return new CurationError({ code: 'invalid-input', message: `not a CytoClus listmode: ${message}`, ...(line !== undefined ? { line } : {}) });
  }

  /**
   * Once buf (everything so far) holds the header and a few data lines, or at the end: detects the dialect,
   * reads the header and the complete data lines, keeps the incomplete last one, and returns true.
   */
  private tryReadHeader(buf: Uint8Array, atEof: boolean): boolean {
    const bomPrefix = [0xef, 0xbb, 0xbf];
    if (!atEof && buf.length < 3 && buf.every((b, i) => b === bomPrefix[i])) return false;
    const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    if (this.scanPos < start) this.scanPos = start;
    const isBlank = (a: number, b: number): boolean => {
      for (let i = a; i < b; i++) if (buf[i] !== 32 && buf[i] !== 13 && buf[i] !== 9) return false;
      return true;
    };
    // Lines [start, end) without the LF, found so far; the header is the first non-blank one.
    while (this.nonBlankLines <= DETECT_LINES) {
      const nl = buf.indexOf(10, this.scanPos);
      if (nl < 0) break;
      this.lineSpans.push([this.scanPos, nl]);
      if (!isBlank(this.scanPos, nl)) this.nonBlankLines++;
      this.scanPos = nl + 1;
    }
    const lines = this.lineSpans.slice();
    if (atEof && this.scanPos < buf.length) lines.push([this.scanPos, buf.length]);
    const headerIndex = lines.findIndex(([a, b]) => !isBlank(a, b));
    if (!atEof) {
      if (headerIndex < 0 && buf.length > MAX_LINE_BYTES) throw this.notAListmode(`no header line in the first ${MAX_LINE_BYTES} bytes`, 1);
      const enough = headerIndex >= 0 && (this.nonBlankLines > DETECT_LINES || buf.length >= DETECT_BYTES);
      if (!enough) return false;
    }
    const headerSpan = lines[headerIndex];
    if (headerIndex < 0 || !headerSpan) {
      throw new CurationError({ code: 'invalid-input', message: start === 3 ? 'empty file: only a byte-order mark, no header line' : 'empty file: no header line', line: 1 });
    }
    if (headerSpan[1] - headerSpan[0] > MAX_LINE_BYTES) throw this.notAListmode(`header line longer than ${MAX_LINE_BYTES} bytes`, 1);
    this.bom = start === 3;
    const headerLine = headerIndex + 1;
    const [hStart, hEnd] = headerSpan;
    const headerHasBreak = hEnd < buf.length && buf[hEnd] === 10;
    this.lineEnding = !headerHasBreak ? 'none' : hEnd > hStart && buf[hEnd - 1] === 13 ? 'crlf' : 'lf';

    const headerBytes = buf.subarray(hStart, hEnd > hStart && buf[hEnd - 1] === 13 ? hEnd - 1 : hEnd);
    this.checkNotBinary(headerBytes);
    const decoded = decodeText(headerBytes);
    this.encoding = decoded.encoding;
    const headerText = decoded.text;
    const samples = lines
      .slice(headerIndex + 1)
      .filter(([a, b]) => !isBlank(a, b))
      .map(([a, b]) => utf8.decode(buf.subarray(a, b)).replace(/\r$/, ''));
    this.readHeader(headerText, samples, headerLine);

    // Read the data lines already buffered, keep the incomplete one.
    this.phase = 'rows';
    this.line = headerLine + 1;
    const dataStart = headerHasBreak ? hEnd + 1 : buf.length;
    this.estimateRows(lines.slice(headerIndex + 1), dataStart);
    const rest = buf.subarray(dataStart);
    const left = rest.subarray(this.scanRows(rest, 0, atEof));
    this.carryLen = 0;
    this.lineSpans.length = 0;
    if (left.length > MAX_LINE_BYTES) {
      this.rejectLongLine();
      this.phase = 'skip';
    } else if (left.length > 0) {
      this.appendCarry(left); // may overlap the carry itself: TypedArray.set copies overlapping ranges correctly
    }
    return true;
  }

  /** With expectedBytes, sizes the first block for the whole file from the average length of the first lines. */
  private estimateRows(dataLines: Array<[number, number]>, dataStart: number): void {
    const expected = this.options.expectedBytes;
    if (expected === undefined || dataLines.length === 0) return;
    const sampled = dataLines.reduce((n, [a, b]) => n + (b - a + 1), 0);
    const estimate = ((expected - dataStart) / sampled) * dataLines.length * ESTIMATE_MARGIN;
    if (Number.isFinite(estimate)) this.firstBlockRows = Math.max(FIRST_BLOCK_ROWS, Math.min(Math.ceil(estimate), MAX_ESTIMATED_ROWS));
  }

  private checkNotBinary(header: Uint8Array): void {
    if ((header[0] === 0xff && header[1] === 0xfe) || (header[0] === 0xfe && header[1] === 0xff)) {
      throw this.notAListmode('UTF-16 text (re-saved as "Unicode text"?): save it as UTF-8 CSV', 1);
    }
    let control = 0;
    for (const b of header) if (b < 32 && b !== 9) control++;
    if (control > 0) throw this.notAListmode(`the first line holds ${control} control bytes: binary data, not a CSV header`, 1);
  }

  private readHeader(headerText: string, samples: string[], headerLine: number): void {
    const delimiter = this.options.delimiter ?? detectDelimiter(headerText, samples);
    const decimal = this.options.decimalSeparator ?? detectDecimalSeparator(delimiter, samples);
    if (delimiter === ',' && decimal === ',') {
      throw new CurationError({ code: 'invalid-input', message: 'listmode: decimal separator "," needs the delimiter ";" but the header is split by ","', line: headerLine });
    }
    this.delimiter = delimiter;
    this.decimalSeparator = decimal;
    this.delimiterByte = BYTE[delimiter] ?? 44;
    this.decimalByte = BYTE[decimal] ?? 46;
    this.commaDecimalAllowed = delimiter !== ',';

    const { fields, unclosedQuote } = splitDelimitedLine(headerText, delimiter);
    if (unclosedQuote) this.report({ line: headerLine, message: 'header: unclosed quote' });
    if (fields.length > 1 && fields[fields.length - 1]?.trim() === '') {
      fields.pop();
      this.trailingDelimiter = true;
    }
    const headers = fields.map((h) => h.replace(/^\uFEFF/, ''));
    const idField = headers.findIndex((h) => particleIdHeaderKind(h) !== null);
    if (idField < 0) {
      throw this.notAListmode(`no 'Particle ID' column (header starts '${printable(headerText, 60)}')`, headerLine);
    }
    const idHeader = headers[idField] ?? '';
    if (particleIdHeaderKind(idHeader) === 'rewritten') {
      this.report({
        line: headerLine,
        field: idHeader,
        message: `particle ID column is '${printable(idHeader)}', not 'Particle ID': a table re-written by another tool (e.g. R), read as Particle ID`,
      });
    }
    const seen = new Map<string, number>();
    headers.forEach((h, i) => {
      const before = seen.get(h.trim());
      if (before !== undefined) this.report({ line: headerLine, field: h, message: `column '${printable(h)}' appears twice (columns ${before + 1} and ${i + 1})` });
      else seen.set(h.trim(), i);
    });

    this.headers = headers;
    this.idField = idField;
    this.fieldCount = headers.length;
    this.timeFields = headers.map(() => false);
    this.scratch = new Float64Array(headers.length);
    this.valueBlocks = headers.map(() => []);
    this.columns = headers.flatMap((header, f): ListmodeColumn[] => (f === idField ? [] : [{ header, ...splitColumnName(header), valueFormat: 'number' }]));
  }

  // ---- result ----------------------------------------------------------------------------------------------

  private assemble(): ListmodeTable {
    const fullRows = this.idBlocks.reduce((n, b) => n + b.length, 0);
    const rows = fullRows + this.row;
    if (this.ids.length > 0) this.idBlocks.push(this.ids);
    const particleIds = concatBlocks(this.idBlocks, rows, (n) => new Uint32Array(n));
    this.idBlocks = [];
    const values: Float32Array[] = [];
    for (let f = 0; f < this.fieldCount; f++) {
      if (f === this.idField) continue;
      const blocks = this.valueBlocks[f] ?? [];
      const current = this.cols[f];
      if (current && current.length > 0) blocks.push(current);
      values.push(concatBlocks(blocks, rows, (n) => new Float32Array(n)));
      // Drop each column's blocks before the next column is copied, so the collector may reclaim them.
      this.valueBlocks[f] = [];
      this.cols[f] = EMPTY_F32;
    }
    this.ids = new Uint32Array(0);

    let c = 0;
    for (let f = 0; f < this.fieldCount; f++) {
      if (f === this.idField) continue;
      const column = this.columns[c++];
      if (column && this.timeFields[f]) column.valueFormat = 'time-of-day';
    }
    if (!this.increasing) this.reportDuplicateIds(particleIds);
    if (this.unlisted > 0) {
      this.issues.push({
        message: `${this.unlisted} more problems not listed (in all: ${this.rejectedRows} lines rejected, ${this.nonNumericCells} cells not numbers)`,
      });
    }
    return {
      columns: this.columns,
      particleIds,
      values,
      rows,
      delimiter: this.delimiter,
      decimalSeparator: this.decimalSeparator,
      bom: this.bom,
      lineEnding: this.lineEnding,
      encoding: this.encoding,
      particleIdHeader: this.headers[this.idField] ?? '',
      rejectedRows: this.rejectedRows,
      nonNumericCells: this.nonNumericCells,
      issues: this.issues,
    };
  }

  /** Particle ID is the join key: a repeated one is reported (rows are kept; the importer decides). */
  private reportDuplicateIds(particleIds: Uint32Array): void {
    const sorted = particleIds.slice().sort();
    const field = this.headers[this.idField] ?? 'Particle ID';
    for (let i = 1; i < sorted.length; ) {
      if (sorted[i] !== sorted[i - 1]) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < sorted.length && sorted[j] === sorted[i]) j++;
      this.report({ field, message: `Particle ID ${sorted[i]} appears ${j - i + 1} times` });
      i = j;
    }
  }
}
