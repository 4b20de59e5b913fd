import { describe, expect, it } from 'vitest';
import { clampPixel, isBrush, orderedRange, pointsInTimeRange } from './brush.js';

const points = [
  { sampleId: 'a', t: 100 },
  { sampleId: 'b', t: 200 },
  { sampleId: 'c', t: 300 },
  { sampleId: 'd', t: 400 },
];

describe('brushing', () => {
  it('selects the points inside the range, ends included, in either drag direction', () => {
    expect(pointsInTimeRange(points, 200, 300)).toEqual(['b', 'c']);
    expect(pointsInTimeRange(points, 350, 150)).toEqual(['b', 'c']);
    expect(pointsInTimeRange(points, 401, 500)).toEqual([]);
  });

  it('lists each sample once', () => {
    expect(pointsInTimeRange([...points, { sampleId: 'b', t: 210 }], 0, 1000)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('tells a drag from a click, and keeps drags in the plot', () => {
    expect(isBrush(100, 102)).toBe(false);
    expect(isBrush(100, 96)).toBe(true);
    expect(orderedRange(5, 1)).toEqual([1, 5]);
    expect(clampPixel(-3, 0, 10)).toBe(0);
    expect(clampPixel(30, 0, 10)).toBe(10);
  });
});
