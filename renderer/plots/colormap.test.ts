import { describe, expect, it } from 'vitest';
import { densityPixels, levelCss, levelLookupTable, viridis } from './colormap.js';

const luminance = ([r, g, b]: [number, number, number]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

describe('colour map', () => {
  it('runs from dark purple to yellow and gets brighter all the way', () => {
    expect(viridis(0)).toEqual([0x44, 0x01, 0x54]);
    expect(viridis(1)).toEqual([0xfd, 0xe7, 0x25]);
    expect(viridis(-3)).toEqual(viridis(0));
    expect(viridis(Number.NaN)).toEqual(viridis(0));
    let previous = -1;
    for (let t = 0; t <= 1.0001; t += 0.01) {
      const l = luminance(viridis(t));
      expect(l).toBeGreaterThan(previous);
      previous = l;
    }
  });

  it('makes level 0 transparent and every other level opaque', () => {
    const table = levelLookupTable(255);
    expect(table.length).toBe(256 * 4);
    expect(Array.from(table.subarray(0, 4))).toEqual([0, 0, 0, 0]);
    for (let level = 1; level <= 255; level++) expect(table[level * 4 + 3]).toBe(255);
    expect(Array.from(table.subarray(4, 7))).toEqual(viridis(0));
    expect(Array.from(table.subarray(255 * 4, 255 * 4 + 3))).toEqual(viridis(1));
    expect(levelCss(0, 255)).toBe('transparent');
    expect(levelCss(255, 255)).toBe('rgb(253, 231, 37)');
  });

  it('flips the grid so iy = 0 is the bottom row of the image', () => {
    // 2 × 2: bottom-left level 1, top-right level 3 (of 3)
    const levels = Uint8Array.from([1, 0, 0, 3]);
    const px = densityPixels(levels, 2, 2, 3);
    const at = (row: number, col: number) => Array.from(px.subarray((row * 2 + col) * 4, (row * 2 + col) * 4 + 4));
    expect(at(1, 0)).toEqual([...viridis(0), 255]); // bottom-left
    expect(at(0, 1)).toEqual([...viridis(1), 255]); // top-right
    expect(at(0, 0)).toEqual([0, 0, 0, 0]);
    expect(at(1, 1)).toEqual([0, 0, 0, 0]);
    expect(() => densityPixels(levels, 3, 2, 3)).toThrow(/expected 3 × 2/);
  });
});
