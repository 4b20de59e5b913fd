import { describe, expect, it } from 'vitest';
import type { GateShape } from './hit-test.js';
import { distanceToOutline, distanceToSegment, hitTest, pointInPolygon } from './hit-test.js';

const square = (id: string, x: number, y: number, size: number): GateShape => ({
  gateId: id,
  outline: [
    { x, y },
    { x: x + size, y },
    { x: x + size, y: y + size },
    { x, y: y + size },
  ],
  handles: [
    { index: 0, at: { x, y } },
    { index: 2, at: { x: x + size, y: y + size } },
  ],
});

describe('hit testing', () => {
  it('tests polygons by the even-odd rule', () => {
    const tri = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 0, y: 10 },
    ];
    expect(pointInPolygon(tri, { x: 2, y: 2 })).toBe(true);
    expect(pointInPolygon(tri, { x: 6, y: 6 })).toBe(false);
    // a bow tie: the crossing centre region counts once per lobe
    const bow = [
      { x: 0, y: 0 },
      { x: 10, y: 10 },
      { x: 10, y: 0 },
      { x: 0, y: 10 },
    ];
    expect(pointInPolygon(bow, { x: 9, y: 5 })).toBe(true);
    expect(pointInPolygon(bow, { x: 5, y: 9 })).toBe(false);
  });

  it('measures distance to segments and outlines', () => {
    expect(distanceToSegment({ x: 5, y: 3 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(3);
    expect(distanceToSegment({ x: 13, y: 4 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(5);
    expect(distanceToSegment({ x: 3, y: 4 }, { x: 0, y: 0 }, { x: 0, y: 0 })).toBe(5);
    expect(distanceToOutline(square('a', 0, 0, 10).outline, { x: 5, y: 12 })).toBe(2);
    expect(distanceToOutline([], { x: 0, y: 0 })).toBe(Infinity);
  });

  it('finds the selected gate’s handles first, then the selected body, then the topmost gate', () => {
    const a = square('a', 0, 0, 50);
    const b = square('b', 30, 30, 50);
    const shapes = [a, b];
    expect(hitTest(shapes, { x: 40, y: 40 })).toEqual({ gateId: 'b', part: 'body' }); // topmost
    expect(hitTest(shapes, { x: 40, y: 40 }, { selectedId: 'a' })).toEqual({ gateId: 'a', part: 'body' });
    expect(hitTest(shapes, { x: 54, y: 47 }, { selectedId: 'a' })).toEqual({ gateId: 'a', part: 'handle', index: 2 }); // 5 px from (50, 50)
    expect(hitTest(shapes, { x: 54, y: 47 })).toEqual({ gateId: 'b', part: 'body' }); // handles only of the selected gate
    expect(hitTest(shapes, { x: 10, y: 10 })).toEqual({ gateId: 'a', part: 'body' });
    expect(hitTest(shapes, { x: 83, y: 60 })).toEqual({ gateId: 'b', part: 'body' }); // 3 px outside an edge
    expect(hitTest(shapes, { x: 90, y: 10 })).toBeNull();
  });

  it('grabs a thin gate by its edge', () => {
    const line: GateShape = { gateId: 't', outline: [{ x: 0, y: 0 }, { x: 100, y: 1 }, { x: 0, y: 1 }], handles: [] };
    expect(hitTest([line], { x: 50, y: 4 })).toEqual({ gateId: 't', part: 'body' });
    expect(hitTest([line], { x: 50, y: 8 })).toBeNull();
  });
});
