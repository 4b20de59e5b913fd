import { fcsError } from './fcs-error.js';
import type { FcsColumn, FcsDataSet, FcsDataSetHead, FcsParameter } from './fcs-types.js';

/**
 * Decodes a DATA segment pushed in chunks of any size (a file stream over `head.segments.data`) straight into
 * one column per parameter; only a partial event (< bytesPerEvent bytes) is ever held between chunks.
 */
export interface FcsDataDecoder {
  /** DATA bytes still expected. */
  readonly remaining: number;
  /** Next bytes of the DATA segment, in order. Bytes past the segment's end are ignored. */
  push(chunk: Uint8Array): void;
  /** The decoded data set; throws when DATA ended early. */
  finish(): FcsDataSet;
}

const enum Kind {
  F32,
  F64,
  U8,
  U16,
  U24,
  U32,
  U64,
}

/** Bits an integer parameter keeps: ceil(log2($PnR)), capped at $PnB (so $PnR=1024 → 10 bits → 0x3FF). */
export function fcsIntegerBits(p: FcsParameter): number {
  const r = p.range;
  if (r === null || !(r > 0)) return p.bits;
  let bits = 1;
  let limit = 2;
  while (bits < p.bits && limit < r) {
    bits++;
    limit *= 2;
  }
  return bits;
}

interface Layout {
  kind: Kind;
  offset: number;
  /** 2^keep − 1, for integers up to 32 bits. */
  mask: number;
  /** Bits kept: for 64-bit integers the high word keeps keep − 32 of its bits. */
  keep: number;
}

function layoutOf(head: FcsDataSetHead): { layouts: Layout[]; columns: FcsColumn[] } {
  const layouts: Layout[] = [];
  const columns: FcsColumn[] = [];
  let offset = 0;
  for (const p of head.parameters) {
    let kind: Kind;
    let keep = p.bits;
    if (head.dataType === 'F') kind = Kind.F32;
    else if (head.dataType === 'D') kind = Kind.F64;
    else {
      keep = fcsIntegerBits(p);
      kind = p.bits === 8 ? Kind.U8 : p.bits === 16 ? Kind.U16 : p.bits === 24 ? Kind.U24 : p.bits === 32 ? Kind.U32 : Kind.U64;
    }
    const mask = keep >= 32 ? 0xffffffff : 2 ** keep - 1;
    layouts.push({ kind, offset, mask, keep });
    // Float32 is exact for F data and integers up to 24 bits; anything wider gets 64 bits.
    const wide = kind === Kind.F64 || (kind !== Kind.F32 && keep > 24);
    columns.push(wide ? new Float64Array(head.events) : new Float32Array(head.events));
    offset += p.bits / 8;
  }
  return { layouts, columns };
}

// One loop per value kind keeps each inner loop free of branches; `o` walks the event stride. Each returns the
// sum of the values it stored, so means cost no second pass over the columns.
function f32(dv: DataView, o: number, bpe: number, n: number, col: FcsColumn, e0: number, le: boolean): number {
  let sum = 0;
  for (let i = 0; i < n; i++, o += bpe) {
    const v = dv.getFloat32(o, le);
    col[e0 + i] = v;
    sum += v;
  }
  return sum;
}
function f64(dv: DataView, o: number, bpe: number, n: number, col: FcsColumn, e0: number, le: boolean): number {
  let sum = 0;
  for (let i = 0; i < n; i++, o += bpe) {
    const v = dv.getFloat64(o, le);
    col[e0 + i] = v;
    sum += v;
  }
  return sum;
}
function u8(bytes: Uint8Array, o: number, bpe: number, n: number, col: FcsColumn, e0: number, mask: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++, o += bpe) {
    const v = (bytes[o] as number) & mask;
    col[e0 + i] = v;
    sum += v;
  }
  return sum;
}
function u16(dv: DataView, o: number, bpe: number, n: number, col: FcsColumn, e0: number, le: boolean, mask: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++, o += bpe) {
    const v = dv.getUint16(o, le) & mask;
    col[e0 + i] = v;
    sum += v;
  }
  return sum;
}
function u24(bytes: Uint8Array, o: number, bpe: number, n: number, col: FcsColumn, e0: number, le: boolean, mask: number): number {
  let sum = 0;
  const lo = le ? 0 : 2;
  const hi = le ? 2 : 0;
  for (let i = 0; i < n; i++, o += bpe) {
    const v = ((bytes[o + lo] as number) | ((bytes[o + 1] as number) << 8) | ((bytes[o + hi] as number) << 16)) & mask;
    col[e0 + i] = v;
    sum += v;
  }
  return sum;
}
function u32(dv: DataView, o: number, bpe: number, n: number, col: FcsColumn, e0: number, le: boolean, mask: number, keep: number): number {
  let sum = 0;
  if (keep >= 32) {
    for (let i = 0; i < n; i++, o += bpe) {
      const v = dv.getUint32(o, le);
      col[e0 + i] = v;
      sum += v;
    }
  } else {
    // mask < 2^31 here, so & gives a non-negative int32.
    for (let i = 0; i < n; i++, o += bpe) {
      const v = dv.getUint32(o, le) & mask;
      col[e0 + i] = v;
      sum += v;
    }
  }
  return sum;
}
function u64(dv: DataView, o: number, bpe: number, n: number, col: FcsColumn, e0: number, le: boolean, keep: number): number {
  // Values above 2^53 lose precision in a double; $PnR that large is not seen in practice.
  const hiMask = keep >= 64 ? 0xffffffff : keep > 32 ? 2 ** (keep - 32) - 1 : 0;
  const loMask = keep >= 32 ? 0xffffffff : 2 ** keep - 1;
  let sum = 0;
  for (let i = 0; i < n; i++, o += bpe) {
    const a = dv.getUint32(o, le);
    const b = dv.getUint32(o + 4, le);
    const v = (((le ? b : a) & hiMask) >>> 0) * 4294967296 + (((le ? a : b) & loMask) >>> 0);
    col[e0 + i] = v;
    sum += v;
  }
  return sum;
}

export function createFcsDataDecoder(head: FcsDataSetHead): FcsDataDecoder {
  if (head.dataError !== null) throw fcsError(head.dataError);
  const { layouts, columns } = layoutOf(head);
  const bpe = head.bytesPerEvent;
  const events = head.events;
  const le = head.byteOrder !== 'big';
  const carry = new Uint8Array(bpe);
  let carried = 0;
  let decoded = 0;
  const sums = new Float64Array(layouts.length);

  const decode = (bytes: Uint8Array, at: number, n: number) => {
    const dv = new DataView(bytes.buffer, bytes.byteOffset + at, n * bpe);
    const sub = bytes.subarray(at, at + n * bpe);
    const e0 = decoded;
    for (let p = 0; p < layouts.length; p++) {
      const l = layouts[p] as Layout;
      const col = columns[p] as FcsColumn;
      let sum: number;
      switch (l.kind) {
        case Kind.F32:
          sum = f32(dv, l.offset, bpe, n, col, e0, le);
          break;
        case Kind.F64:
          sum = f64(dv, l.offset, bpe, n, col, e0, le);
          break;
        case Kind.U8:
          sum = u8(sub, l.offset, bpe, n, col, e0, l.mask);
          break;
        case Kind.U16:
          sum = u16(dv, l.offset, bpe, n, col, e0, le, l.mask);
          break;
        case Kind.U24:
          sum = u24(sub, l.offset, bpe, n, col, e0, le, l.mask);
          break;
        case Kind.U32:
          sum = u32(dv, l.offset, bpe, n, col, e0, le, l.mask, l.keep);
          break;
        case Kind.U64:
          sum = u64(dv, l.offset, bpe, n, col, e0, le, l.keep);
          break;
      }
      sums[p] = (sums[p] as number) + sum;
    }
    decoded += n;
  };

  return {
    get remaining() {
      return (events - decoded) * bpe - carried;
    },
    push(chunk: Uint8Array) {
      if (decoded >= events || chunk.length === 0) return;
      let pos = 0;
      if (carried > 0) {
        const take = Math.min(bpe - carried, chunk.length);
        carry.set(chunk.subarray(0, take), carried);
        carried += take;
        pos = take;
        if (carried < bpe) return;
        decode(carry, 0, 1);
        carried = 0;
      }
      const whole = Math.min(Math.floor((chunk.length - pos) / bpe), events - decoded);
      if (whole > 0) {
        decode(chunk, pos, whole);
        pos += whole * bpe;
      }
      if (decoded < events && pos < chunk.length) {
        carry.set(chunk.subarray(pos, pos + bpe - 1), 0);
        carried = Math.min(chunk.length - pos, bpe - 1);
      }
    },
    finish(): FcsDataSet {
      if (decoded < events) {
        const got = decoded * bpe + carried;
        throw fcsError(`DATA segment ended after ${got} of ${events * bpe} bytes (${decoded} of ${events} events): truncated file`);
      }
      const means = Array.from(sums, (sum) => (events === 0 ? Number.NaN : sum / events));
      return { ...head, columns, means };
    },
  };
}
