import { describe, expect, it } from 'vitest';
import { chunk, gridColumns, itemsOfRows, pagesFor, visibleRows } from './gallery-layout.js';

describe('gallery layout', () => {
  it('fits tiles in a row', () => {
    expect(gridColumns(400, 96, 4)).toBe(4); // 4 × 96 + 3 × 4 = 396
    expect(gridColumns(395, 96, 4)).toBe(3);
    expect(gridColumns(50, 96, 4)).toBe(1);
    expect(gridColumns(0, 96, 4)).toBe(1);
  });

  it('renders only the rows in view, with overscan', () => {
    expect(visibleRows(0, 300, 100, 50, 0)).toEqual([0, 3]);
    expect(visibleRows(0, 300, 100, 50, 2)).toEqual([0, 5]);
    expect(visibleRows(1050, 300, 100, 50, 1)).toEqual([9, 15]);
    expect(visibleRows(4900, 300, 100, 50, 2)).toEqual([47, 50]);
    expect(visibleRows(0, 300, 100, 0)).toEqual([0, 0]);
  });

  it('maps rows to items and items to metadata pages', () => {
    expect(itemsOfRows([2, 5], 4, 100)).toEqual([8, 20]);
    expect(itemsOfRows([2, 5], 4, 10)).toEqual([8, 10]);
    expect(itemsOfRows([30, 31], 4, 10)).toEqual([10, 10]);
    expect(pagesFor(0, 10, 5000, 2000)).toEqual([0]);
    expect(pagesFor(1990, 2010, 5000, 2000)).toEqual([0, 1]);
    expect(pagesFor(4990, 5020, 5000, 2000)).toEqual([2]); // 5000 … are missing tiles
    expect(pagesFor(5000, 5020, 5000, 2000)).toEqual([]);
  });

  it('chunks', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 100)).toEqual([]);
  });
});
