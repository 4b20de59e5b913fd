/**
 * Per-set means of event columns (the optical means published with abundances, e.g. SOMLIT `…SSC`, `…FLR`), and
 * the same normalised to a bead set's means (mean ÷ bead mean, column by column), which makes values comparable
 * between runs and instruments.
 *
 * A mask holds one byte per event; a non-zero byte (1 from classify) means the event is in the set. Values that
 * are not finite (NaN for a missing value, ±Infinity from an overflow) are skipped and counted per column. A
 * column with no finite member value has a null mean.
 */
import { CurationError } from '../api/errors.js';

export type NumericColumn = Float32Array | Float64Array;

export interface SetMeans {
  /** Events in the set. */
  members: number;
  /** Per requested column, in order; null when no member has a finite value. */
  means: (number | null)[];
  /** Per column: member values skipped because they are NaN or infinite. */
  skipped: number[];
}

export interface SetMeansWithBeads extends SetMeans {
  /** The bead set's means (null when no bead set was given). */
  beadMeans: (number | null)[] | null;
  /** mean ÷ bead mean per column; null with no bead set, a null mean, or a bead mean of 0. */
  normalised: (number | null)[];
}

function memberIndices(mask: Uint8Array): Uint32Array {
  let count = 0;
  for (let e = 0; e < mask.length; e++) if (mask[e] !== 0) count++;
  const members = new Uint32Array(count);
  let k = 0;
  for (let e = 0; e < mask.length; e++) if (mask[e] !== 0) members[k++] = e;
  return members;
}

/** Means of each column over the events of the mask. Throws a CurationError when a column's length differs from the mask's. */
export function setMeans(columns: readonly NumericColumn[], mask: Uint8Array): SetMeans {
  columns.forEach((c, k) => {
    if (c.length !== mask.length) {
      throw new CurationError({ code: 'invalid-input', field: 'mask', message: `column ${k + 1} has ${c.length} events but the set mask has ${mask.length}` });
    }
  });
  // Indices once, then one pass per column over the members only: sets are often a small part of the sample.
  const members = memberIndices(mask);
  const means: (number | null)[] = [];
  const skipped: number[] = [];
  for (const column of columns) {
    let sum = 0;
    let used = 0;
    for (let k = 0; k < members.length; k++) {
      const v = column[members[k] as number] as number;
      // v - v is NaN for NaN and ±Infinity: one test for both.
      if (v - v !== 0) continue;
      sum += v;
      used++;
    }
    means.push(used > 0 ? sum / used : null);
    skipped.push(members.length - used);
  }
  return { members: members.length, means, skipped };
}

/** mean ÷ bead mean per column; null where there is no bead set, no mean, or a bead mean of 0 (or not finite). */
export function normaliseToBeadMeans(means: readonly (number | null)[], beadMeans: readonly (number | null)[] | null): (number | null)[] {
  return means.map((m, i) => {
    const b = beadMeans?.[i];
    if (m === null || b === null || b === undefined || b === 0 || !Number.isFinite(b)) return null;
    return m / b;
  });
}

/** Set means plus the bead set's means and the normalised values; `beadMask` null when there is no bead set. */
export function setMeansWithBeads(columns: readonly NumericColumn[], mask: Uint8Array, beadMask: Uint8Array | null): SetMeansWithBeads {
  const set = setMeans(columns, mask);
  const beadMeans = beadMask ? setMeans(columns, beadMask).means : null;
  return { ...set, beadMeans, normalised: normaliseToBeadMeans(set.means, beadMeans) };
}
