/**
 * Float32 values as ordered integer keys. Flipping the magnitude bits of negative floats turns the IEEE-754 bit
 * pattern into a signed int32 that sorts exactly as the values do: −Infinity < … < −0 < +0 < … < +Infinity, with
 * negative NaN patterns below −Infinity and positive ones above +Infinity (so a key range between the infinities
 * never holds a NaN). −0 and +0 are the two keys −1 and 0.
 *
 * The fast classification loops read event columns through an Int32Array view of the same buffer and compare the
 * keys with integer thresholds: no float conversion and no transform per event. A range test lo ≤ k ≤ hi is one
 * unsigned comparison, ((k − lo) >>> 0) ≤ hi − lo, which stays right for every int32 k (wrap-around included).
 */

/** Key of −Infinity (bits 0xFF800000). */
export const KEY_NEGATIVE_INFINITY = -2139095041;
/** Key of +Infinity (bits 0x7F800000). */
export const KEY_POSITIVE_INFINITY = 0x7f800000;
/** Key of the largest finite float32 (3.4028235e38). */
export const KEY_MAX_FINITE = 0x7f7fffff;

// One float32 slot seen both ways, for the scalar conversions (used while building thresholds, not per event).
const slot = new Float32Array(1);
const slotBits = new Int32Array(slot.buffer);

/** Key from an int32 bit pattern (as read through an Int32Array view). Its own inverse. */
export function keyFromBits(bits: number): number {
  return bits ^ ((bits >> 31) & 0x7fffffff);
}

/** Key of a number after rounding it to float32 (NaN gives a key outside the ±Infinity range). */
export function float32Key(value: number): number {
  slot[0] = value;
  return keyFromBits(slotBits[0] as number);
}

/** The float32 value (as a number) whose key this is. */
export function keyToFloat32(key: number): number {
  slotBits[0] = keyFromBits(key | 0);
  return slot[0] as number;
}

/** An Int32Array over the same bytes as the Float32Array (no copy). */
export function bitsView(values: Float32Array): Int32Array {
  return new Int32Array(values.buffer, values.byteOffset, values.length);
}

