/**
 * Display-space bounds turned into float32 key thresholds, so a gate can be tested on the raw values without
 * transforming every event.
 *
 * Axis transforms are non-decreasing in the data value, but the computed ones (log10, asinh, a Halley solve for
 * logicle) are only so up to rounding. So a bound c is not mapped to one threshold but to two, around a band of
 * half-width δ = 1e-12·max(1, |c|) in display units:
 *
 *   key < below   →  the computed display value is certainly < c (or NaN: outside the transform's domain)
 *   key ≥ above   →  it is certainly > c
 *   otherwise     →  undecided: the caller computes the display value of that event exactly as the reference does
 *
 * Why this is exact: `below` is found by a search that evaluates the transform at `below − 1` and sees a value
 * < c − δ. If the computed transform is within δ/2 of some non-decreasing function t (its rounding is ~1e-16, and
 * display-cut.test.ts sees neighbouring float32 values step back by 1e-17 at most, so 1e-12 is a wide margin), every
 * smaller v has T(v) ≤ t(v) + δ/2 ≤ t(below − 1) + δ/2 ≤ T(below − 1) + δ < c.
 * Likewise above. The search itself only needs the transform to be monotone for speed, not for correctness: the
 * guarantee rests on the values actually seen at the two thresholds.
 *
 * The band usually holds a handful of float32 values at most (often none): resolveCut then evaluates them one by
 * one, giving one exact threshold key and no undecided events at all. Only a wide band stays undecided (a bound at
 * the data zero of a logicle axis sweeps up every tiny value); its events are computed one by one.
 *
 * Keys (float32-key.ts) are used rather than values so that −0, +0 and NaN are ordinary positions.
 */
import type { CompiledAxisTransform } from '../axes/axis-transform.js';
import { float32Key, KEY_MAX_FINITE, KEY_NEGATIVE_INFINITY, KEY_POSITIVE_INFINITY, keyToFloat32 } from './float32-key.js';

/** An axis transform with the keys it maps to a number (not NaN): all of them, or the positive ones for log. */
export interface KeyDomain {
  readonly transform: CompiledAxisTransform;
  /** Lowest key whose display value is a number. Keys below it (and NaN keys) display as NaN: outside every gate. */
  readonly lowKey: number;
  /** Highest: always +Infinity's key. */
  readonly highKey: number;
}

/** Display units of slack either side of a bound, relative to max(1, |bound|). */
export const DISPLAY_SLACK = 1e-12;

/** The slack δ around display value c. */
export function displaySlack(c: number): number {
  return DISPLAY_SLACK * Math.max(1, Math.abs(c));
}

/** Keys of a display bound (see the file comment); below ≤ above. */
export interface CutKeys {
  below: number;
  above: number;
}

/** Inclusive key ranges for an interval min ≤ display ≤ max (null = open side). lo > hi means empty. */
export interface IntervalKeys {
  /** Keys in [inLo, inHi] are certainly inside. */
  inLo: number;
  inHi: number;
  /** Keys outside [possibleLo, possibleHi] are certainly outside; between the two ranges: undecided. */
  possibleLo: number;
  possibleHi: number;
}

/**
 * The key domain of a compiled transform, or null when the transform does not behave as the thresholds assume
 * (a NaN display value inside its stated domain, or an end of the scale not at ±Infinity); the caller then takes
 * the reference path.
 */
export function keyDomain(transform: CompiledAxisTransform): KeyDomain | null {
  let lowKey: number;
  if (transform.domainMin === -Infinity) lowKey = KEY_NEGATIVE_INFINITY;
  else {
    // First float32 strictly above domainMin.
    lowKey = float32Key(transform.domainMin);
    if (!(keyToFloat32(lowKey) > transform.domainMin)) lowKey++;
  }
  const highKey = KEY_POSITIVE_INFINITY;
  if (!(lowKey >= KEY_NEGATIVE_INFINITY && lowKey <= KEY_MAX_FINITE)) return null;
  const at = (key: number): number => transform.toDisplay(keyToFloat32(key));
  // +Infinity must display as +Infinity (every transform here does), so a finite bound always has a threshold.
  if (at(highKey) !== Infinity) return null;
  if (lowKey === KEY_NEGATIVE_INFINITY && at(lowKey) !== -Infinity) return null;
  for (const key of [lowKey, lowKey + 1, 0, -1, 1, KEY_MAX_FINITE, float32Key(1), float32Key(-1)]) {
    if (key >= lowKey && key <= highKey && Number.isNaN(at(key))) return null;
  }
  return { transform, lowKey, highKey };
}

/**
 * Smallest key in [lo, hi] where `holds` is true, or hi + 1: gallops from a guess, then bisects. Correct whatever
 * `holds` does (the result r has holds(r) true or r = hi + 1, and holds(r − 1) false or r = lo); fast when it
 * switches once, from false to true.
 */
function firstKeyWhere(lo: number, hi: number, guess: number, holds: (key: number) => boolean): number {
  const start = Number.isFinite(guess) ? Math.min(hi, Math.max(lo, guess)) : lo + Math.floor((hi - lo) / 2);
  let no: number; // holds(no) is false, or no = lo − 1
  let yes: number; // holds(yes) is true, or yes = hi + 1
  if (holds(start)) {
    yes = start;
    let step = 1;
    no = yes - step;
    while (no >= lo && holds(no)) {
      yes = no;
      step *= 2;
      no = yes - step;
    }
    if (no < lo) no = lo - 1;
  } else {
    no = start;
    let step = 1;
    yes = no + step;
    while (yes <= hi && !holds(yes)) {
      no = yes;
      step *= 2;
      yes = no + step;
    }
    if (yes > hi) yes = hi + 1;
  }
  while (yes - no > 1) {
    const middle = no + Math.floor((yes - no) / 2);
    if (holds(middle)) yes = middle;
    else no = middle;
  }
  return yes;
}

/** Thresholds of the finite display bound c, or null when they come out inconsistent (caller: reference path). */
export function cutKeys(domain: KeyDomain, c: number): CutKeys | null {
  if (!Number.isFinite(c)) return null;
  const { transform, lowKey, highKey } = domain;
  const slack = displaySlack(c);
  const low = c - slack;
  const high = c + slack;
  const display = (key: number): number => transform.toDisplay(keyToFloat32(key));
  const guess = float32Key(transform.fromDisplay(c));
  const guessKey = guess >= KEY_NEGATIVE_INFINITY && guess <= KEY_POSITIVE_INFINITY ? guess : Number.NaN;
  const below = firstKeyWhere(lowKey, highKey, guessKey, (key) => display(key) >= low);
  const above = firstKeyWhere(lowKey, highKey, guessKey, (key) => display(key) > high);
  // +Infinity displays as +Infinity, so both exist; the order can only break if the transform is far from monotone.
  if (below > highKey || above > highKey || below > above) return null;
  return { below, above };
}

/** Bands up to this many keys are evaluated key by key. */
const RESOLVE_LIMIT = 64;

/**
 * A bound as the loops use it: either one exact threshold (keys ≥ key satisfy `display ≥ c`, or `display > c` when
 * strict, keys below it do not), or, when the band is too wide to evaluate, the band itself: keys in
 * [below, above) are undecided.
 */
export type Cut = { exact: true; key: number } | { exact: false; below: number; above: number };

/** The cut of the finite display bound c (see Cut), or null (caller: reference path). */
export function resolveCut(domain: KeyDomain, c: number, strict: boolean): Cut | null {
  const keys = cutKeys(domain, c);
  if (!keys) return null;
  const { below, above } = keys;
  if (above - below > RESOLVE_LIMIT) return { exact: false, below, above };
  // Keys below `below` certainly fail, keys from `above` on certainly pass; in between, look. One switch from
  // failing to passing gives the exact threshold; anything else stays undecided.
  let threshold = above;
  for (let key = above - 1; key >= below; key--) {
    const display = domain.transform.toDisplay(keyToFloat32(key));
    const passes = strict ? display > c : display >= c;
    if (passes && threshold === key + 1) threshold = key;
    else if (passes) return { exact: false, below, above };
  }
  return { exact: true, key: threshold };
}

/**
 * Key ranges for min ≤ display ≤ max (inclusive, as rectangle and range gates are); null sides are open. Exact
 * (in = possible) unless a bound's band was too wide to resolve.
 */
export function intervalKeys(domain: KeyDomain, min: number | null, max: number | null): IntervalKeys | null {
  let inLo = domain.lowKey;
  let possibleLo = domain.lowKey;
  let inHi = domain.highKey;
  let possibleHi = domain.highKey;
  // −Infinity / +Infinity on their own side are as open as null; an infinite bound on the other side (or NaN) is left
  // to the reference path: a finite value may display as ±Infinity on an extreme linear scale.
  if (min !== null && min !== -Infinity) {
    const cut = resolveCut(domain, min, false);
    if (!cut) return null;
    inLo = cut.exact ? cut.key : cut.above;
    possibleLo = cut.exact ? cut.key : cut.below;
  }
  if (max !== null && max !== Infinity) {
    // Inside while display ≤ max: below the first key with display > max.
    const cut = resolveCut(domain, max, true);
    if (!cut) return null;
    inHi = (cut.exact ? cut.key : cut.below) - 1;
    possibleHi = (cut.exact ? cut.key : cut.above) - 1;
  }
  return { inLo, inHi, possibleLo, possibleHi };
}
