import { describe, expect, it } from 'vitest';
import { finishPolygon, nearFirstVertex, polygonArea, polygonClick, withoutRepeats } from './polygon-drawing.js';

const tri = [
  { x: 10, y: 10 },
  { x: 60, y: 10 },
  { x: 30, y: 50 },
];

describe('polygon drawing', () => {
  it('closes on a click near the first vertex once there are three', () => {
    expect(nearFirstVertex(tri, { x: 14, y: 14 })).toBe(true); // 5.7 px away
    expect(nearFirstVertex(tri, { x: 20, y: 10 })).toBe(false);
    expect(nearFirstVertex(tri.slice(0, 2), { x: 10, y: 10 })).toBe(false);
    expect(polygonClick(tri, { x: 11, y: 9 })).toEqual({ action: 'close', vertices: tri });
    expect(polygonClick(tri, { x: 80, y: 80 })).toEqual({ action: 'add', vertices: [...tri, { x: 80, y: 80 }] });
  });

  it('drops the repeated vertices a double-click leaves', () => {
    const clicks = [...tri, { x: 31, y: 50 }, { x: 31, y: 51 }];
    expect(withoutRepeats(clicks)).toEqual(tri);
    expect(withoutRepeats([...tri, { x: 11, y: 11 }])).toEqual(tri); // last repeats the first
    expect(finishPolygon(clicks)).toEqual(tri);
  });

  it('refuses fewer than three vertices or no area', () => {
    expect(finishPolygon(tri.slice(0, 2))).toBeNull();
    expect(finishPolygon([{ x: 0, y: 0 }, { x: 50, y: 0 }, { x: 100, y: 0 }])).toBeNull();
    expect(Math.abs(polygonArea(tri))).toBe(1000); // base 50, height 40
  });
});
