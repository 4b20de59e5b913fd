/**
 * Boolean operations on membership masks (one byte per event, 0 or 1), four events at a time through Int32Array
 * views of the same bytes: byte-wise and/or/xor never carry between bytes, so a word operation is four byte
 * operations. (Int32, not Uint32: words above 2^31 would leave the engine's small-integer fast path.) The tail
 * (length mod 4, or a mask not 4-byte aligned) is done byte by byte.
 */

const ONES = 0x01010101;

/** Whole 32-bit words of a mask and where its byte tail starts (0 words when the mask is not 4-byte aligned). */
function words(mask: Uint8Array): [Int32Array, number] {
  if (mask.byteOffset % 4 !== 0) return [new Int32Array(0), 0];
  const n = mask.length >>> 2;
  return [new Int32Array(mask.buffer, mask.byteOffset, n), n * 4];
}

/** out[i] &= mask[i]. */
export function andInto(out: Uint8Array, mask: Uint8Array): void {
  const [o, tail] = words(out);
  const [m, mTail] = words(mask);
  const whole = tail === mTail ? o.length : 0;
  for (let w = 0; w < whole; w++) o[w] = (o[w] as number) & (m[w] as number);
  for (let i = whole * 4; i < out.length; i++) out[i] = (out[i] as number) & (mask[i] as number);
}

/** out[i] &= 1 − mask[i]. */
export function andNotInto(out: Uint8Array, mask: Uint8Array): void {
  const [o, tail] = words(out);
  const [m, mTail] = words(mask);
  const whole = tail === mTail ? o.length : 0;
  for (let w = 0; w < whole; w++) o[w] = (o[w] as number) & ((m[w] as number) ^ ONES);
  for (let i = whole * 4; i < out.length; i++) out[i] = (out[i] as number) & (1 - (mask[i] as number));
}

/** out[i] |= mask[i]. */
export function orInto(out: Uint8Array, mask: Uint8Array): void {
  const [o, tail] = words(out);
  const [m, mTail] = words(mask);
  const whole = tail === mTail ? o.length : 0;
  for (let w = 0; w < whole; w++) o[w] = (o[w] as number) | (m[w] as number);
  for (let i = whole * 4; i < out.length; i++) out[i] = (out[i] as number) | (mask[i] as number);
}

/** A new mask a[i] & b[i], each operand negated (1 − x) when asked. */
export function andMasks(a: Uint8Array, negateA: boolean, b: Uint8Array, negateB: boolean): Uint8Array {
  const out = new Uint8Array(a.length);
  const [o] = words(out);
  const [wa, aTail] = words(a);
  const [wb, bTail] = words(b);
  const whole = aTail === bTail && aTail === o.length * 4 ? o.length : 0;
  const fa = negateA ? ONES : 0;
  const fb = negateB ? ONES : 0;
  for (let w = 0; w < whole; w++) o[w] = ((wa[w] as number) ^ fa) & ((wb[w] as number) ^ fb);
  const ba = negateA ? 1 : 0;
  const bb = negateB ? 1 : 0;
  for (let i = whole * 4; i < out.length; i++) out[i] = ((a[i] as number) ^ ba) & ((b[i] as number) ^ bb);
  return out;
}

/** A new mask 1 − mask[i]. */
export function notMask(mask: Uint8Array): Uint8Array {
  const out = new Uint8Array(mask.length);
  const [o, tail] = words(out);
  const [m, mTail] = words(mask);
  const whole = tail === mTail ? o.length : 0;
  for (let w = 0; w < whole; w++) o[w] = (m[w] as number) ^ ONES;
  for (let i = whole * 4; i < out.length; i++) out[i] = 1 - (mask[i] as number);
  return out;
}

/** Exclusive sets: mask loses the events already claimed; the rest become claimed. */
export function claimExclusive(mask: Uint8Array, claimed: Uint8Array): void {
  const [m, tail] = words(mask);
  const [c, cTail] = words(claimed);
  const whole = tail === cTail ? m.length : 0;
  for (let w = 0; w < whole; w++) {
    const kept = (m[w] as number) & ((c[w] as number) ^ ONES);
    m[w] = kept;
    c[w] = (c[w] as number) | kept;
  }
  for (let i = whole * 4; i < mask.length; i++) {
    if (claimed[i] === 1) mask[i] = 0;
    else if (mask[i] === 1) claimed[i] = 1;
  }
}

/** Number of events in the mask. */
export function countOnes(mask: Uint8Array): number {
  const aligned = mask.byteOffset % 4 === 0;
  const m = aligned ? new Int32Array(mask.buffer, mask.byteOffset, mask.length >>> 2) : new Int32Array(0);
  let n = 0;
  // Each byte is 0 or 1, so the word's byte sum (≤ 4) lands in the top byte of w · 0x01010101.
  for (let w = 0; w < m.length; w++) n += Math.imul(m[w] as number, ONES) >>> 24;
  for (let i = m.length * 4; i < mask.length; i++) n += mask[i] as number;
  return n;
}
