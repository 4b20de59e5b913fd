import { describe, expect, it } from 'vitest';
import { CurationError } from '../api/errors.js';
import { normaliseToBeadMeans, setMeans, setMeansWithBeads } from './set-means.js';

// Six events; columns FLR and SSC.
const flr = new Float32Array([1, 2, 3, 4, NaN, 10]);
const ssc = new Float64Array([100, 200, 300, 400, 500, Infinity]);
const cells = new Uint8Array([1, 0, 1, 0, 1, 1]);
const beads = new Uint8Array([0, 1, 0, 1, 0, 0]);

describe('setMeans', () => {
  it('averages each column over the members, skipping and counting non-finite values', () => {
    // FLR members 1, 3, NaN, 10 → (1 + 3 + 10) / 3 = 14/3, one skipped.
    // SSC members 100, 300, 500, Infinity → (100 + 300 + 500) / 3 = 300, one skipped.
    const r = setMeans([flr, ssc], cells);
    expect(r.members).toBe(4);
    expect(r.means[0]).toBeCloseTo(14 / 3, 12);
    expect(r.means[1]).toBe(300);
    expect(r.skipped).toEqual([1, 1]);
  });

  it('treats any non-zero byte as a member, and gives null means for an empty set or all-NaN column', () => {
    expect(setMeans([flr], new Uint8Array([255, 0, 0, 0, 0, 0])).means).toEqual([1]);
    expect(setMeans([flr, ssc], new Uint8Array(6))).toEqual({ members: 0, means: [null, null], skipped: [0, 0] });
    expect(setMeans([flr], new Uint8Array([0, 0, 0, 0, 1, 0]))).toEqual({ members: 1, means: [null], skipped: [1] });
    expect(setMeans([], cells)).toEqual({ members: 4, means: [], skipped: [] });
  });

  it('refuses a column whose length differs from the mask', () => {
    expect(() => setMeans([flr, new Float32Array(5)], cells)).toThrow(CurationError);
    expect(() => setMeans([new Float32Array(5)], cells)).toThrow('column 1 has 5 events but the set mask has 6');
  });
});

describe('bead-normalised means', () => {
  it('divides the set means by the bead set means', () => {
    // Bead FLR mean (2 + 4) / 2 = 3 → 14/3 / 3 = 14/9; bead SSC mean (200 + 400) / 2 = 300 → 300 / 300 = 1
    const r = setMeansWithBeads([flr, ssc], cells, beads);
    expect(r.beadMeans).toEqual([3, 300]);
    expect(r.normalised[0]).toBeCloseTo(14 / 9, 12);
    expect(r.normalised[1]).toBe(1);
    expect(r.members).toBe(4);
  });

  it('is null without a bead set, for a bead mean of 0 or null, or a null set mean', () => {
    const r = setMeansWithBeads([flr, ssc], cells, null);
    expect(r.beadMeans).toBeNull();
    expect(r.normalised).toEqual([null, null]);
    expect(normaliseToBeadMeans([2, 4, null, 5], [0, null, 1, NaN])).toEqual([null, null, null, null]);
    expect(normaliseToBeadMeans([2, 4], [4, -2])).toEqual([0.5, -2]);
    // An empty bead set gives null bead means, so nothing is normalised.
    expect(setMeansWithBeads([flr], cells, new Uint8Array(6)).normalised).toEqual([null]);
  });
});
