/**
 * Incremental (SAX-style) JSON tokenizer over byte chunks. cyz2json files are tens to hundreds of MB with
 * multi-MB base64 strings (images, camera background) inside: nothing here ever holds the document, and a
 * string longer than `inlineStringLimit` is handed over in pieces (or skipped) instead of being buffered.
 * A handler can also skip whole containers (e.g. pulse shapes it does not need): skipped content is only
 * scanned for brackets and string boundaries, never decoded.
 *
 * Lenient where real writers stray: a leading UTF-8 BOM, bare NaN / Infinity / -Infinity.
 */
import { CurationError } from '../../api/errors.js';

export type JsonScalar = string | number | boolean | null;

/** Return true from startObject/startArray/longStringStart to skip that value's content. */
export interface JsonHandler {
  startObject(): boolean | void;
  endObject(): void;
  startArray(): boolean | void;
  endArray(): void;
  key(name: string): void;
  value(value: JsonScalar): void;
  /** A string value longer than inlineStringLimit begins; its content arrives through longStringChunk. */
  longStringStart(): boolean | void;
  /** Content bytes (UTF-8, escapes resolved). Valid only during the call; a chunk may end inside a character. */
  longStringChunk(bytes: Uint8Array): void;
  longStringEnd(byteLength: number): void;
}

export interface JsonTokenizerOptions {
  /** String values up to this many bytes arrive whole through value(); longer ones in pieces. Default 64 KiB. */
  inlineStringLimit?: number;
}

export interface JsonEnd {
  /** The root value was closed. */
  complete: boolean;
  /** Why not, e.g. "file ends inside a string". */
  reason?: string;
  /** Bytes consumed. */
  offset: number;
}

const enum S {
  Bom,
  Value, // a value is expected (root, after ':', after '[' or ',' in arrays)
  ValueOrArrayEnd, // just after '['
  KeyOrObjectEnd, // just after '{'
  Key, // after ',' in an object
  Colon,
  CommaOrEnd, // after a value inside a container
  Done, // root value closed: only whitespace may follow
  String,
  Bare, // number or literal
  Skip,
}

const BOM = [0xef, 0xbb, 0xbf];
const MAX_KEY_BYTES = 1 << 20;
const MAX_BARE = 512;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const ascii = new TextDecoder('utf-8');

export class JsonTokenizer {
  private state: S = S.Bom;
  private bomSeen = 0;
  /** Open containers: true = object, false = array. */
  private readonly stack: boolean[] = [];
  private readonly limit: number;
  private pos = 0; // offset of the current chunk's first byte in the stream
  private started = false;

  // String in progress
  private strIsKey = false;
  private strBuf = new Uint8Array(256);
  private strLen = 0;
  private strLong = false;
  private strSkip = false;
  private strTotal = 0;
  private escape = 0; // 0 none, 1 after '\', 2..5 reading \u hex digits
  private escCode = 0;
  private highSurrogate = 0;

  // Number/literal in progress
  private bare = '';
  private bareStart = 0;

  /** Next '\\' in the current chunk at or after the scan position (-1: none left, -2: not searched yet). */
  private nextBackslash = -2;

  // Skipping
  private skipDepth = 0;
  private skipInString = false;
  private skipEscape = false;

  /** Largest number of bytes this tokenizer held at once (string buffer): the memory bound tests check. */
  maxBufferedBytes = 0;

  constructor(
    private readonly handler: JsonHandler,
    options: JsonTokenizerOptions = {},
  ) {
    this.limit = options.inlineStringLimit ?? 65_536;
  }

  /** Bytes consumed so far. */
  get offset(): number {
    return this.pos;
  }

  push(chunk: Uint8Array): void {
    let i = 0;
    this.nextBackslash = -2;
    const n = chunk.length;
    while (i < n) {
      switch (this.state) {
        case S.Bom: {
          if (chunk[i] === BOM[this.bomSeen]) {
            this.bomSeen++;
            i++;
            if (this.bomSeen === 3) this.state = S.Value;
          } else if (this.bomSeen === 0) this.state = S.Value;
          else throw this.error(i, 'broken byte-order mark');
          break;
        }
        case S.String:
          i = this.readString(chunk, i);
          break;
        case S.Bare:
          i = this.readBare(chunk, i);
          break;
        case S.Skip:
          i = this.readSkip(chunk, i);
          break;
        default: {
          const c = chunk[i]!;
          if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
            i++;
            break;
          }
          i = this.structural(chunk, i, c);
        }
      }
    }
    this.pos += n;
  }

  /** Call after the last chunk. Never throws for a cut document: the caller decides what a partial read is worth. */
  finish(): JsonEnd {
    if (this.state === S.Bare && this.stack.length === 0 && this.started) {
      this.endBare(); // a root number/literal ends at end of input
    }
    if (this.state === S.Done) return { complete: true, offset: this.pos };
    let reason: string;
    if (!this.started) reason = 'no JSON value (empty file)';
    else if (this.state === S.String) reason = this.strIsKey ? 'file ends inside a key' : 'file ends inside a string';
    else reason = `file ends inside ${this.stack.length} open ${this.stack.length === 1 ? 'container' : 'containers'}`;
    return { complete: false, reason, offset: this.pos };
  }

  private structural(chunk: Uint8Array, i: number, c: number): number {
    const st = this.state;
    if (st === S.Done) this.fail(i, 'the end of the document');
    if (st === S.Colon) {
      if (c !== 0x3a) this.fail(i, '":"');
      this.state = S.Value;
      return i + 1;
    }
    if (st === S.CommaOrEnd) {
      const inObject = this.stack[this.stack.length - 1]!;
      if (c === 0x2c) {
        this.state = inObject ? S.Key : S.Value;
        return i + 1;
      }
      if (c === (inObject ? 0x7d : 0x5d)) return this.close(inObject, i);
      this.fail(i, inObject ? '"," or "}"' : '"," or "]"');
    }
    if (st === S.KeyOrObjectEnd || st === S.Key) {
      if (c === 0x22) return this.beginString(chunk, i, true);
      if (c === 0x7d && st === S.KeyOrObjectEnd) return this.close(true, i);
      this.fail(i, st === S.Key ? 'a key' : 'a key or "}"');
    }
    // Value or ValueOrArrayEnd
    if (c === 0x5d && st === S.ValueOrArrayEnd) return this.close(false, i);
    this.started = true;
    if (c === 0x7b) {
      if (this.handler.startObject() === true) return this.beginSkip(i);
      this.stack.push(true);
      this.state = S.KeyOrObjectEnd;
      return i + 1;
    }
    if (c === 0x5b) {
      if (this.handler.startArray() === true) return this.beginSkip(i);
      this.stack.push(false);
      this.state = S.ValueOrArrayEnd;
      return i + 1;
    }
    if (c === 0x22) return this.beginString(chunk, i, false);
    if (c === 0x2d || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) {
      this.bare = '';
      this.bareStart = this.pos + i;
      this.state = S.Bare;
      return i;
    }
    return this.fail(i, 'a value');
  }

  private close(isObject: boolean, i: number): number {
    this.stack.pop();
    if (isObject) this.handler.endObject();
    else this.handler.endArray();
    this.afterValue();
    return i + 1;
  }

  private afterValue(): void {
    this.state = this.stack.length === 0 ? S.Done : S.CommaOrEnd;
  }

  // ---- skipping -------------------------------------------------------------------------------------------

  private beginSkip(i: number): number {
    this.state = S.Skip;
    this.skipDepth = 1;
    this.skipInString = false;
    this.skipEscape = false;
    return i + 1;
  }

  private readSkip(chunk: Uint8Array, i: number): number {
    const n = chunk.length;
    while (i < n) {
      if (this.skipInString) {
        if (this.skipEscape) {
          this.skipEscape = false;
          i++;
          continue;
        }
        const q = chunk.indexOf(0x22, i);
        const b = this.backslashFrom(chunk, i);
        if (b >= 0 && (q < 0 || b < q)) {
          this.skipEscape = true;
          i = b + 1;
          continue;
        }
        if (q < 0) return n;
        this.skipInString = false;
        i = q + 1;
        continue;
      }
      const c = chunk[i]!;
      if (c === 0x22) this.skipInString = true;
      else if (c === 0x7b || c === 0x5b) this.skipDepth++;
      else if (c === 0x7d || c === 0x5d) {
        if (--this.skipDepth === 0) {
          this.afterValue();
          return i + 1;
        }
      }
      i++;
    }
    return n;
  }

  /**
   * Position of the next backslash at or after i. Cached per chunk: searching afresh for every string would scan
   * to the end of a large chunk each time (quadratic on an escape-free document pushed in one piece).
   */
  private backslashFrom(chunk: Uint8Array, i: number): number {
    if (this.nextBackslash !== -1 && this.nextBackslash < i) this.nextBackslash = chunk.indexOf(0x5c, i);
    return this.nextBackslash;
  }

  // ---- strings --------------------------------------------------------------------------------------------

  private beginString(chunk: Uint8Array, i: number, isKey: boolean): number {
    this.state = S.String;
    this.strIsKey = isKey;
    this.strLen = 0;
    this.strLong = false;
    this.strSkip = false;
    this.strTotal = 0;
    this.escape = 0;
    this.highSurrogate = 0;
    return this.readString(chunk, i + 1);
  }

  private readString(chunk: Uint8Array, i: number): number {
    const n = chunk.length;
    let from = i; // raw bytes not yet appended
    while (i < n) {
      if (this.escape > 0) {
        i = this.readEscape(chunk, i);
        from = i;
        continue;
      }
      const q = chunk.indexOf(0x22, i);
      const backslash = this.backslashFrom(chunk, i);
      if (backslash >= 0 && (q < 0 || backslash < q)) {
        this.appendRaw(chunk, from, backslash);
        this.escape = 1;
        i = backslash + 1;
        from = i;
        continue;
      }
      if (q < 0) {
        this.appendRaw(chunk, from, n);
        return n;
      }
      // End of string. A short, escape-free string inside one chunk is decoded without copying.
      if (this.strLen === 0 && !this.strLong && this.strTotal === 0 && this.highSurrogate === 0) {
        this.endString(chunk.subarray(from, q));
      } else {
        this.appendRaw(chunk, from, q);
        this.flushSurrogate();
        this.endString(null);
      }
      return q + 1;
    }
    return n;
  }

  private readEscape(chunk: Uint8Array, i: number): number {
    const c = chunk[i]!;
    if (this.escape === 1) {
      let out = -1;
      switch (c) {
        case 0x22:
        case 0x5c:
        case 0x2f:
          out = c;
          break;
        case 0x62:
          out = 0x08;
          break;
        case 0x66:
          out = 0x0c;
          break;
        case 0x6e:
          out = 0x0a;
          break;
        case 0x72:
          out = 0x0d;
          break;
        case 0x74:
          out = 0x09;
          break;
        case 0x75:
          this.escape = 2;
          this.escCode = 0;
          return i + 1;
        default:
          this.fail(i, 'a valid escape after "\\"');
      }
      this.escape = 0;
      this.flushSurrogate();
      this.appendCodePoint(out);
      return i + 1;
    }
    const h = hexValue(c);
    if (h < 0) this.fail(i, 'a hex digit in a \\u escape');
    this.escCode = (this.escCode << 4) | h;
    if (++this.escape < 6) return i + 1;
    this.escape = 0;
    const unit = this.escCode;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      this.flushSurrogate();
      this.highSurrogate = unit;
    } else if (unit >= 0xdc00 && unit <= 0xdfff && this.highSurrogate !== 0) {
      const cp = 0x10000 + ((this.highSurrogate - 0xd800) << 10) + (unit - 0xdc00);
      this.highSurrogate = 0;
      this.appendCodePoint(cp);
    } else {
      this.flushSurrogate();
      this.appendCodePoint(unit >= 0xdc00 && unit <= 0xdfff ? 0xfffd : unit);
    }
    return i + 1;
  }

  /** Unescaped bytes of the string; they end any pending high surrogate. */
  private appendRaw(chunk: Uint8Array, from: number, to: number): void {
    if (to <= from) return;
    this.flushSurrogate();
    this.append(chunk, from, to);
  }

  /** A high surrogate not followed by its low half becomes U+FFFD. */
  private flushSurrogate(): void {
    if (this.highSurrogate !== 0) {
      this.highSurrogate = 0;
      this.appendCodePoint(0xfffd);
    }
  }

  private appendCodePoint(cp: number): void {
    const b = new Uint8Array(4);
    let len: number;
    if (cp < 0x80) {
      b[0] = cp;
      len = 1;
    } else if (cp < 0x800) {
      b[0] = 0xc0 | (cp >> 6);
      b[1] = 0x80 | (cp & 0x3f);
      len = 2;
    } else if (cp < 0x10000) {
      b[0] = 0xe0 | (cp >> 12);
      b[1] = 0x80 | ((cp >> 6) & 0x3f);
      b[2] = 0x80 | (cp & 0x3f);
      len = 3;
    } else {
      b[0] = 0xf0 | (cp >> 18);
      b[1] = 0x80 | ((cp >> 12) & 0x3f);
      b[2] = 0x80 | ((cp >> 6) & 0x3f);
      b[3] = 0x80 | (cp & 0x3f);
      len = 4;
    }
    this.append(b, 0, len);
  }

  private append(bytes: Uint8Array, from: number, to: number): void {
    const len = to - from;
    if (len <= 0) return;
    if (this.strLong) {
      this.strTotal += len;
      if (!this.strSkip) this.handler.longStringChunk(bytes.subarray(from, to));
      return;
    }
    if (this.strLen + len > this.limit && !this.strIsKey) {
      // Too long to hold: hand over what is buffered, then stream the rest.
      this.strLong = true;
      this.strSkip = this.handler.longStringStart() === true;
      this.strTotal = this.strLen + len;
      if (!this.strSkip) {
        if (this.strLen > 0) this.handler.longStringChunk(this.strBuf.subarray(0, this.strLen));
        this.handler.longStringChunk(bytes.subarray(from, to));
      }
      this.strLen = 0;
      return;
    }
    if (this.strIsKey && this.strLen + len > MAX_KEY_BYTES) throw this.errorAt(this.pos, `key longer than ${MAX_KEY_BYTES} bytes`);
    if (this.strLen + len > this.strBuf.length) {
      let size = this.strBuf.length * 2;
      while (size < this.strLen + len) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.strBuf.subarray(0, this.strLen));
      this.strBuf = grown;
    }
    this.strBuf.set(bytes.subarray(from, to), this.strLen);
    this.strLen += len;
    if (this.strLen > this.maxBufferedBytes) this.maxBufferedBytes = this.strLen;
  }

  /** `direct`: the whole string as a view of the current chunk (nothing was buffered). */
  private endString(direct: Uint8Array | null): void {
    this.started = true;
    if (direct !== null && direct.length > this.limit && !this.strIsKey) {
      // One huge string inside one big chunk: still delivered in pieces-of-one, never as a JS string.
      this.strLong = true;
      this.strSkip = this.handler.longStringStart() === true;
      this.strTotal = direct.length;
      if (!this.strSkip) this.handler.longStringChunk(direct);
    }
    if (this.strLong) {
      this.handler.longStringEnd(this.strTotal);
      this.strLong = false;
      this.afterValue();
      return;
    }
    const bytes = direct ?? this.strBuf.subarray(0, this.strLen);
    const text = decodeUtf8(bytes);
    if (this.strIsKey) {
      this.handler.key(text);
      this.state = S.Colon;
    } else {
      this.handler.value(text);
      this.afterValue();
    }
    if (this.strBuf.length > 65_536) this.strBuf = new Uint8Array(256); // do not keep a grown buffer
  }

  // ---- numbers and literals -------------------------------------------------------------------------------

  private readBare(chunk: Uint8Array, i: number): number {
    const n = chunk.length;
    const start = i;
    while (i < n) {
      const c = chunk[i]!;
      const inToken =
        c === 0x2d || c === 0x2b || c === 0x2e || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
      if (!inToken) break;
      i++;
    }
    let piece = '';
    for (let k = start; k < i; k++) piece += String.fromCharCode(chunk[k]!); // tokens are short: cheaper than spreading
    this.bare += piece;
    if (this.bare.length > MAX_BARE) throw this.errorAt(this.bareStart, `a number or literal longer than ${MAX_BARE} characters`);
    if (i < n) this.endBare();
    return i;
  }

  private endBare(): void {
    const t = this.bare;
    let v: JsonScalar;
    if (t === 'true') v = true;
    else if (t === 'false') v = false;
    else if (t === 'null') v = null;
    else if (t === 'NaN') v = NaN;
    else if (t === 'Infinity') v = Infinity;
    else if (t === '-Infinity') v = -Infinity;
    else if (NUMBER.test(t)) v = Number(t);
    else throw this.errorAt(this.bareStart, `"${t.slice(0, 40)}" is not a JSON value`);
    this.handler.value(v);
    this.afterValue();
  }

  // ---- errors ---------------------------------------------------------------------------------------------

  private fail(i: number, expected: string): never {
    throw this.error(i, `expected ${expected}`);
  }

  private error(i: number, what: string): CurationError {
    return this.errorAt(this.pos + i, what);
  }

  private errorAt(offset: number, what: string): CurationError {
    return new CurationError({ code: 'invalid-input', message: `JSON syntax error at byte ${offset}: ${what}` });
  }
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** Short ASCII strings (keys, channel names) are the bulk: decode them without TextDecoder's call overhead. */
function decodeUtf8(bytes: Uint8Array): string {
  const n = bytes.length;
  if (n <= 64) {
    let s = '';
    for (let k = 0; k < n; k++) {
      const b = bytes[k]!;
      if (b >= 0x80) return ascii.decode(bytes);
      s += String.fromCharCode(b);
    }
    return s;
  }
  return ascii.decode(bytes);
}
